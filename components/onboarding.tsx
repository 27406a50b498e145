import { browser } from '../utils/browser';
import { formatOrList, t } from '../utils/i18n';
import { lazyView } from './lazy-view';
import { hostLabels } from './meeting-card';

const ImportBackup = lazyView(() => import('./data-section').then((m) => m.ImportBackup));

const calendarHosts = () => [
  hostLabels['google-calendar'],
  t('onboarding.onTheWeb', hostLabels.outlook),
];
const callHosts = () => [
  hostLabels['google-meet'],
  t('onboarding.webClient', hostLabels.zoom),
  t('onboarding.onTheWeb', hostLabels.teams),
  hostLabels.jitsi,
  hostLabels.whereby,
];

/** Opens the options page, at a section if given (sharing: join a pair shared with you). */
export function openOptions(section?: 'sharing'): Promise<unknown> {
  const hash = section ? `#${section}` : '';
  return browser.tabs.create({ url: browser.runtime.getURL(`/options.html${hash}`) });
}

/** Which sites Tandem works on, and where its data lives: said in onboarding and in help. */
export function AboutTandem({ headingLevel }: { headingLevel: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <H>{t('onboarding.whereHeading')}</H>
      <p>{t('onboarding.where', formatOrList(calendarHosts()), formatOrList(callHosts()))}</p>
      <H>{t('pair.dataHeading')}</H>
      <p>{t('onboarding.data')}</p>
    </>
  );
}

/**
 * The first-run introduction: what Tandem does and the three ways to start — create a pair
 * (the form below), join one shared with you, or bring back a backup — in the first screen;
 * where it works and where data lives are one click away.
 */
export function Onboarding({ onDismiss }: { onDismiss: () => void }) {
  return (
    <section class="card onboarding" aria-labelledby="onboarding-heading" data-testid="onboarding">
      <h1 id="onboarding-heading">{t('onboarding.heading')}</h1>
      <p>{t('onboarding.intro')}</p>
      <h2>{t('onboarding.start')}</h2>
      <div class="start-choices">
        <button
          type="button"
          class="primary"
          onClick={() => document.querySelector<HTMLInputElement>('input[name="title"]')?.focus()}
        >
          {t('onboarding.createStrong')}
        </button>
        <button type="button" onClick={() => void openOptions('sharing')}>
          {t('onboarding.joinButton')}
        </button>
      </div>
      <details class="import-choice">
        <summary>{t('onboarding.importChoice')}</summary>
        <ImportBackup />
      </details>
      <details class="about">
        <summary>{t('onboarding.howItWorks')}</summary>
        <AboutTandem headingLevel={3} />
      </details>
      <div class="actions">
        <button type="button" class="small" onClick={onDismiss}>
          {t('onboarding.gotIt')}
        </button>
      </div>
    </section>
  );
}
