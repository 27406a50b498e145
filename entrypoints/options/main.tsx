import { render } from 'preact';
import browser from 'webextension-polyfill';
import { OptionsPage } from '../../components/options-page';
import { browserCustomHostApis } from '../../utils/custom-hosts';
import { openSharedDb } from '../../utils/db';
import { createHlc } from '../../utils/hlc';
import { localiseDocument, t } from '../../utils/i18n';
import { customJitsiOriginsStore, deviceId } from '../../utils/settings';

// Wiring only: the extension APIs the options page works through.
localiseDocument(document, t('options.title'));
const apis = browserCustomHostApis(browser, customJitsiOriginsStore);

// Sharing pairs: the shared database (never the private one), this device's clock, and the
// browser's permission prompt for the sidecar's origin.
const syncStore = {
  db: openSharedDb(),
  deviceId: 'unset',
  clock: createHlc('unset'),
  now: Date.now,
};
const sync = {
  store: syncStore,
  requestOrigin: (pattern: string) => browser.permissions.request({ origins: [pattern] }),
};

const root = document.getElementById('app');
if (root) {
  void deviceId.getValue().then((id) => {
    syncStore.deviceId = id;
    syncStore.clock = createHlc(id);
    render(
      <OptionsPage apis={apis} getGranted={() => browser.permissions.getAll()} sync={sync} />,
      root,
    );
  });
}
