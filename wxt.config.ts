import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Explicit imports only (STYLE.md §4): every import can be grepped.
  imports: false,
  manifest: {
    name: 'Tandem',
    description:
      "A mentoring pair's goals, agenda, action items and reflective prompts, beside the meeting.",
    // sidePanel is added by WXT for the sidepanel entrypoint; storage for settings;
    // unlimitedStorage so years of notes never hit the default quota.
    permissions: ['storage', 'unlimitedStorage'],
    action: { default_title: 'Open Tandem' },
    minimum_chrome_version: '116',
  },
  vite: () => ({
    build: { target: 'es2022' },
  }),
});
