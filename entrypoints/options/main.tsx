import { render } from 'preact';
import { OptionsPage } from '../../components/options-page';
import { StoreContext } from '../../components/use-live';
import { browser } from '../../utils/browser';
import { browserCustomHostApis } from '../../utils/context/custom-hosts';
import { localiseDocument, t } from '../../utils/i18n';
import { openPanelStore } from '../../utils/panel/store';
import { customJitsiOriginsStore } from '../../utils/settings';

// Wiring only: the extension APIs the options page works through.
localiseDocument(document, t('options.title'));
const apis = browserCustomHostApis(browser, customJitsiOriginsStore);

// Both databases for the backup (private notes only when the user ticks them); the panel's
// drafts are left to the panel.
const { store, ready } = openPanelStore({}, { recoverDrafts: false });

const root = document.getElementById('app');
if (root) {
  void ready.then(() => {
    // Sharing pairs: the shared database (never the private one), this device's clock, and the
    // browser's permission prompt for the sidecar's origin.
    const sync = {
      store: { db: store.db, deviceId: store.deviceId, clock: store.clock, now: Date.now },
      requestOrigin: (pattern: string) => browser.permissions.request({ origins: [pattern] }),
    };
    const manifest = browser.runtime.getManifest();
    render(
      <StoreContext.Provider value={store}>
        <OptionsPage
          apis={apis}
          getGranted={() => browser.permissions.getAll()}
          sync={sync}
          access={{
            // The browser counts the content scripts' match patterns as granted sites too.
            hosts: [
              ...(manifest.host_permissions ?? []),
              ...(manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []),
            ],
            optionalHosts: manifest.optional_host_permissions ?? [],
          }}
        />
      </StoreContext.Provider>,
      root,
    );
  });
}
