import { browser } from 'wxt/browser';
import { ImportBackup } from './data-section';
import { hostLabels } from './meeting-card';

const calendarHosts = [hostLabels['google-calendar'], `${hostLabels.outlook} on the web`];
const callHosts = [
  hostLabels['google-meet'],
  `${hostLabels.zoom}'s web client`,
  `${hostLabels.teams} on the web`,
  hostLabels.jitsi,
  hostLabels.whereby,
];

function list(items: readonly string[]): string {
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

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
      <H>Where it works</H>
      <p>
        Open a meeting in {list(calendarHosts)}, or join a call in {list(callHosts)}: the panel
        shows that meeting's pair, Prep before the meeting and Live during the call. A self-hosted
        Jitsi server can be added on the options page. On any other page the panel shows your pairs,
        to review and plan.
      </p>
      <H>Where your data lives</H>
      <p>
        In this browser's own database (IndexedDB), on this device. Private notes and reflections
        never leave it. Sharing a pair with your mentor or mentee is optional: it syncs through a
        sidecar server, encrypted in this browser first.
      </p>
    </>
  );
}

/** The first-run introduction: what Tandem does, how to start, where it works, where data lives. */
export function Onboarding({ onDismiss }: { onDismiss: () => void }) {
  return (
    <section class="card onboarding" aria-labelledby="onboarding-heading" data-testid="onboarding">
      <h1 id="onboarding-heading">Welcome to Tandem</h1>
      <p>
        Tandem keeps a mentoring pair's goals, agenda, notes, action items and reflective questions
        beside the meeting: in the calendar before it, in the call during it, and afterwards.
      </p>
      <h2>Start with a pair</h2>
      <ul class="plain steps">
        <li>
          <strong>Create a pair</strong> with the form below: one mentoring relationship, its
          members and your role.
        </li>
        <li>
          <strong>Join a pair</strong> your mentor or mentee shared with you: paste their invite on
          the options page.{' '}
          <button type="button" class="link" onClick={() => void openOptions('sharing')}>
            Join a shared pair
          </button>
        </li>
        <li>
          <strong>Moving from another browser?</strong>
          <details>
            <summary>Import a backup</summary>
            <ImportBackup />
          </details>
        </li>
      </ul>
      <AboutTandem headingLevel={2} />
      <div class="actions">
        <button type="button" class="primary" onClick={onDismiss}>
          Got it
        </button>
      </div>
    </section>
  );
}
