import { t } from '../utils/i18n';
import { lazyView } from './lazy-view';

const ImportBackup = lazyView(() => import('./data-section').then((m) => m.ImportBackup));

/** The panel with no pair, once the introduction was dismissed: the name, and a way back in. */
export function Welcome() {
  return (
    <section class="welcome">
      <h1>{t('extension.name')}</h1>
      <p>{t('welcome.intro')}</p>
      <details>
        <summary>{t('welcome.importBackup')}</summary>
        <ImportBackup />
      </details>
    </section>
  );
}
