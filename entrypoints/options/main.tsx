import { render } from 'preact';
import browser from 'webextension-polyfill';
import { OptionsPage } from '../../components/options-page';
import { browserCustomHostApis } from '../../utils/custom-hosts';
import { customJitsiOriginsStore } from '../../utils/settings';

// Wiring only: the extension APIs the options page works through.
const apis = browserCustomHostApis(browser, customJitsiOriginsStore);

const root = document.getElementById('app');
if (root) {
  render(<OptionsPage apis={apis} getGranted={() => browser.permissions.getAll()} />, root);
}
