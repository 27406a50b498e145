import { useState } from 'preact/hooks';
import type { MatchReason } from '../utils/match-pair';
import { meetingLabel } from '../utils/meeting-keys';
import type { HostId, PageContext } from '../utils/schema/page-context';
import type { Pair } from '../utils/schema/pair';
import { ErrorText } from './controls';
import { formatDateTime } from './format';
import { useAction } from './use-action';

export const hostLabels: Record<HostId, string> = {
  'google-calendar': 'Google Calendar',
  outlook: 'Outlook',
  'google-meet': 'Google Meet',
  zoom: 'Zoom',
  teams: 'Microsoft Teams',
  jitsi: 'Jitsi Meet',
  whereby: 'Whereby',
};

const reasonText: Record<MatchReason, string> = {
  linked: 'you linked this meeting before',
  session: 'its session',
  attendees: 'its invitees',
  keywords: 'its title',
};

function timeText(context: PageContext): string | null {
  const m = context.meeting;
  if (!m?.start) return m?.date ?? null;
  const start = formatDateTime(m.start);
  if (!m.end) return start;
  const end = new Date(m.end).toLocaleTimeString(undefined, { timeStyle: 'short' });
  return `${start} – ${end}`;
}

interface MeetingCardProps {
  context: PageContext;
  /** The pair the meeting matched, and why; null when nothing matched. */
  match: { pair: Pair; reason: MatchReason } | null;
  /** The pair on screen (the match, or one the user picked). */
  shownPair: Pair | undefined;
  activePairs: readonly Pair[];
  onLink: (pair: Pair) => Promise<unknown>;
  onNewPair: () => void;
}

/** What Tandem understood of the page, said plainly, with a way to correct it. */
export function MeetingCard({
  context,
  match,
  shownPair,
  activePairs,
  onLink,
  onNewPair,
}: MeetingCardProps) {
  const [run, error] = useAction();
  const [choice, setChoice] = useState('');
  const host = hostLabels[context.host];
  const meeting = context.meeting;
  if (!meeting) {
    return (
      <aside
        class="meeting-card quiet"
        aria-label="Meeting on this page"
        data-testid="meeting-card"
      >
        <p class="muted">
          {host}:{' '}
          {context.kind === 'calendar' ? 'open an event to prepare for it.' : 'no call yet.'}
        </p>
      </aside>
    );
  }
  const when = timeText(context);
  const invited = meeting.attendees;
  const state =
    context.kind === 'call'
      ? meeting.inCall === false
        ? 'Waiting to join'
        : 'In the call'
      : 'Calendar event';
  const linkTarget = activePairs.find((p) => p.id === choice) ?? activePairs[0];
  return (
    <aside class="meeting-card" aria-label="Meeting on this page" data-testid="meeting-card">
      <p class="meeting-host muted">
        {host} · {state}
      </p>
      <p class="meeting-title">{meetingLabel(context)}</p>
      {when && <p class="muted">{when}</p>}
      {invited.length > 0 && (
        <p class="invited">
          <span class="muted">Invited: </span>
          {invited.slice(0, 4).join(', ')}
          {invited.length > 4 ? ` and ${invited.length - 4} more` : ''}
        </p>
      )}
      {match && shownPair?.id === match.pair.id ? (
        <p class="match" data-testid="meeting-match">
          For <strong>{match.pair.title}</strong>, recognised by {reasonText[match.reason]}.
        </p>
      ) : shownPair && match ? (
        <div class="actions">
          <button type="button" onClick={() => run(() => onLink(shownPair))}>
            Link this meeting to {shownPair.title}
          </button>
        </div>
      ) : (
        <div class="unmatched" data-testid="meeting-unmatched">
          <p>This meeting is not linked to a pair yet.</p>
          {activePairs.length > 0 && (
            <div class="add-row">
              <label class="grow">
                <span class="visually-hidden">Pair to link this meeting to</span>
                <select
                  name="link-pair"
                  value={linkTarget?.id ?? ''}
                  onChange={(e) => setChoice(e.currentTarget.value)}
                >
                  {activePairs.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.title}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={() => linkTarget && run(() => onLink(linkTarget))}>
                Link to pair
              </button>
            </div>
          )}
          <div class="actions">
            <button type="button" onClick={onNewPair}>
              New pair from this meeting
            </button>
          </div>
        </div>
      )}
      <ErrorText message={error} />
    </aside>
  );
}
