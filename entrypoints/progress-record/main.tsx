import { render } from 'preact';
import { ProgressRecordPage } from '../../components/progress-record-page';
import { StoreContext } from '../../components/use-live';
import { localiseDocument, t } from '../../utils/i18n';
import { openPanelStore } from '../../utils/panel/store';

// Wiring only: the printable progress record of the pair named in the address (?pair=<id>).
localiseDocument(document, t('arc.record.pageTitle'));
const pairId = new URLSearchParams(location.search).get('pair') ?? '';
const { store, ready } = openPanelStore({}, { recoverDrafts: false });

const root = document.getElementById('app');
if (root) {
  void ready.then(() =>
    render(
      <StoreContext.Provider value={store}>
        <ProgressRecordPage pairId={pairId} />
      </StoreContext.Provider>,
      root,
    ),
  );
}
