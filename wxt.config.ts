import { defineConfig } from 'wxt';
import { allHostMatches, hostMatches } from './utils/context/host-matches';
import { manifestCommands } from './utils/shortcuts';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Explicit imports only (STYLE.md §4): every import can be grepped.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Tandem',
    description:
      "A mentoring pair's goals, agenda, action items and reflective prompts, beside the meeting.",
    // sidePanel is added by WXT for the sidepanel entrypoint; storage for settings;
    // unlimitedStorage so years of notes never hit the default quota; scripting to read a
    // self-hosted Jitsi the user granted (utils/custom-hosts.ts); alarms to wake the background
    // for periodic sync of shared pairs (utils/sync/background-sync.ts).
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'alarms'],
    // Self-hosted Jitsi servers and the sidecar, granted one origin at a time from the options
    // page; plain http only for a sidecar on this computer.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    // Only the calendar and call hosts Tandem reads (utils/context/host-matches.ts).
    host_permissions: allHostMatches(),
    // One small reader per host (entrypoints/read-<host>.ts, see utils/context/read-page.ts).
    content_scripts: Object.entries(hostMatches).map(([host, matches]) => ({
      matches: [...matches],
      js: [`read-${host}.js`],
      run_at: 'document_idle' as const,
    })),
    action: {
      default_title: 'Open Tandem',
      // Firefox picks the toolbar icon by theme: "light" (a pale icon) for themes with light
      // text, i.e. dark toolbars. Chromium has no such key; its icon reads on both
      // (scripts/icons.mjs, tests/e2e/icons.spec.ts).
      ...(browser === 'firefox'
        ? {
            theme_icons: [16, 32].map((size) => ({
              light: `toolbar/light-${size}.png`,
              dark: `icon/${size}.png`,
              size,
            })),
          }
        : {}),
    },
    // Keyboard shortcuts, changeable at chrome://extensions/shortcuts (utils/panel-commands.ts).
    commands: manifestCommands(browser),
    minimum_chrome_version: '116',
  }),
  vite: () => ({
    build: { target: 'es2022' },
  }),
});
