import { defineConfig } from 'wxt';
import { allHostMatches, hostMatches } from './utils/context/host-matches';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Explicit imports only (STYLE.md §4): every import can be grepped.
  imports: false,
  // Every string the user sees is a message in locales/<lang>.yml; @wxt-dev/i18n turns them into
  // _locales/<lang>/messages.json in the build and types the keys (utils/i18n.ts).
  modules: ['@wxt-dev/i18n/module'],
  manifest: {
    default_locale: 'en',
    name: '__MSG_extension_name__',
    description: '__MSG_extension_description__',
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
    action: { default_title: '__MSG_extension_actionTitle__' },
    minimum_chrome_version: '116',
  },
  vite: () => ({
    build: { target: 'es2022' },
  }),
});
