import { defineConfig } from 'wxt';
import { preactWithoutHtml } from './scripts/preact-without-html';
import { allHostMatches, hostMatches } from './utils/context/host-matches';
import { manifestCommands } from './utils/panel/shortcuts';

/**
 * Firefox's add-on id: fixed, because an MV3 add-on needs one to be signed, and because storage,
 * granted permissions and the sidecar's allowed origins follow it. Never change it once
 * published on addons.mozilla.org.
 */
export const FIREFOX_ADDON_ID = 'tandem@tandem-mentoring';

/**
 * Firefox 140 (an ESR) is the first with everything the Firefox build uses: the built-in
 * data-collection consent (`data_collection_permissions`), and before it MV3 event pages,
 * storage.session (115), scripting.registerContentScripts with persistAcrossSessions and
 * sidebarAction.setPanel per tab.
 */
export const FIREFOX_MIN_VERSION = '140.0';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Explicit imports only (STYLE.md §4): every import can be grepped.
  imports: false,
  // Every string the user sees is a message in locales/<lang>.yml; @wxt-dev/i18n turns them into
  // _locales/<lang>/messages.json in the build and types the keys (utils/i18n.ts).
  modules: ['@wxt-dev/i18n/module'],
  // Chromium (Chrome and Edge: one build) is MV3 by default; Firefox is built with --mv3 too
  // (package.json build:firefox), with an event page (`background.scripts`) for the service
  // worker and sidebar_action for the side panel, both from WXT.
  manifest: ({ browser }) => ({
    default_locale: 'en',
    name: '__MSG_extension_name__',
    description: '__MSG_extension_description__',
    // sidePanel is added by WXT for the sidepanel entrypoint (Chromium only); storage for
    // settings; unlimitedStorage so years of notes never hit the default quota; scripting to
    // read a self-hosted Jitsi the user granted (utils/context/custom-hosts.ts); alarms to wake the
    // background for periodic sync of shared pairs (utils/sync/background-sync.ts).
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
      default_title: '__MSG_extension_actionTitle__',
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
    // Keyboard shortcuts, changeable at chrome://extensions/shortcuts (utils/panel/commands.ts).
    commands: manifestCommands(browser),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: FIREFOX_ADDON_ID,
              strict_min_version: FIREFOX_MIN_VERSION,
              // Nothing is sent to the developer or anyone else: records stay in the browser,
              // and the optional sync goes only to a sidecar the pair runs themselves,
              // end-to-end encrypted (README, "What the server can and cannot see").
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '116' }),
  }),
  // `npm run zip`: the Chrome Web Store / Edge Add-ons zip, then the Firefox zip and, for
  // addons.mozilla.org's reviewers, a zip of the sources that build it (README, "Run it":
  // `npm run build:firefox`). WXT already leaves out node_modules, dot-folders (.output, .wxt, .test-results,
  // profiles) and *.test/*.spec files; the rest of what is not the extension goes too.
  zip: {
    excludeSources: [
      // The sync server is a workspace of its own (fastify, SQLite, PostgreSQL) that the add-on
      // never loads; protocol/, which the add-on bundles, stays. package.json still names the
      // `sidecar` workspace: npm leaves out a workspace whose folder is missing, and with it its
      // dependencies (tests/e2e-firefox/build.spec.ts plans that install from the unzipped
      // sources and builds the add-on there).
      'sidecar/**',
      'tests/**',
      'test-results/**',
      'docs/**',
      'scripts/**',
      'vitest.*.ts',
      '*.log',
      'stats.html',
    ],
    // The one build helper wxt.config.ts imports.
    includeSources: ['scripts/preact-without-html.ts'],
  },
  vite: () => ({
    build: { target: 'es2022' },
    plugins: [preactWithoutHtml()],
  }),
});
