import { browser } from 'wxt/browser';
import { formatOrList, t, tParts } from '../utils/i18n';
import { ImportBackup } from './data-section';
import { hostLabels } from './meeting-card';

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

/** The first-run introduction: what Tandem does, how to start, where it works, where data lives. */
export function Onboarding({ onDismiss }: { onDismiss: () => void }) {
  return (
    <section class="card onboarding" aria-labelledby="onboarding-heading" data-testid="onboarding">
      <h1 id="onboarding-heading">{t('onboarding.heading')}</h1>
      <p>{t('onboarding.intro')}</p>
      <h2>{t('onboarding.start')}</h2>
      <ul class="plain steps">
        <li>
          {tParts(
            'onboarding.create',
            <strong key="create">{t('onboarding.createStrong')}</strong>,
          )}
        </li>
        <li>
          {tParts('onboarding.join', <strong key="join">{t('onboarding.joinStrong')}</strong>)}{' '}
          <button type="button" class="link" onClick={() => void openOptions('sharing')}>
            {t('onboarding.joinButton')}
          </button>
        </li>
        <li>
          <strong>{t('onboarding.moving')}</strong>
          <details>
            <summary>{t('welcome.importBackup')}</summary>
            <ImportBackup />
          </details>
        </li>
      </ul>
      <AboutTandem headingLevel={2} />
      <div class="actions">
        <button type="button" class="primary" onClick={onDismiss}>
          {t('onboarding.gotIt')}
        </button>
      </div>
    </section>
  );
}
