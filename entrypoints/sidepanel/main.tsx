import 'webextension-polyfill';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { App, type DbNotice } from '../../components/app';
import { StoreContext } from '../../components/use-live';
import { openPanelStore } from '../../utils/panel-store';

// Wiring only: open the databases, recover unsaved drafts, render.
const notices = new EventTarget();
const { store, ready } = openPanelStore({
  onVersionChange: () =>
    notices.dispatchEvent(new CustomEvent('notice', { detail: 'versionchange' })),
  onBlocked: () => notices.dispatchEvent(new CustomEvent('notice', { detail: 'blocked' })),
});

function Root() {
  const [notice, setNotice] = useState<DbNotice>(null);
  const [persisted, setPersisted] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    const listener = (e: Event) => setNotice((e as CustomEvent<DbNotice>).detail);
    notices.addEventListener('notice', listener);
    void navigator.storage?.persist?.().then(setPersisted, () => setPersisted(false));
    return () => notices.removeEventListener('notice', listener);
  }, []);
  return (
    <StoreContext.Provider value={store}>
      <App notice={notice} persisted={persisted} />
    </StoreContext.Provider>
  );
}

void ready.then(() => {
  const root = document.getElementById('app');
  if (root) render(<Root />, root);
});
