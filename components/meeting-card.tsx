import { useState } from 'preact/hooks';
import { plural, t, tParts } from '../utils/i18n';
import type { MatchReason } from '../utils/mentoring/match-pair';
import { meetingLabel } from '../utils/mentoring/meeting-keys';
import type { HostId, PageContext } from '../utils/schema/page-context';
import type { Pair } from '../utils/schema/pair';
import { ErrorText } from './controls';
import { formatDate, formatDateTime, formatTimeRange } from './format';
import { useAction } from './use-action';

// Same in every language: the products' own names.
export const hostLabels: Record<HostId, string> = {
  'google-calendar': 'Google Calendar',
  outlook: 'Outlook',
  'google-meet': 'Google Meet',
  zoom: 'Zoom',
  teams: 'Microsoft Teams',
  jitsi: 'Jitsi Meet',
  whereby: 'Whereby',
};

function timeText(context: PageContext): string | null {
  const m = context.meeting;
  if (!m?.start) return m?.date ? formatDate(m.date) : null;
  return m.end ? formatTimeRange(m.start, m.end) : formatDateTime(m.start);
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
  /** The user said this is not a mentoring meeting: the panel ignores it. */
  notMentoring: boolean;
  onNotMentoring: (value: boolean) => void;
}

/** What Tandem understood of the page, said plainly, with a way to correct it. */
export function MeetingCard({
  context,
  match,
  shownPair,
  activePairs,
  onLink,
  onNewPair,
  notMentoring,
  onNotMentoring,
}: MeetingCardProps) {
  const [run, error] = useAction();
  const [choice, setChoice] = useState('');
  const host = hostLabels[context.host];
  const meeting = context.meeting;
  if (!meeting) {
    return (
      <aside class="meeting-card quiet" aria-label={t('meeting.label')} data-testid="meeting-card">
        <p class="muted">
          {context.kind === 'calendar' ? t('meeting.openEvent', host) : t('meeting.noCall', host)}
        </p>
      </aside>
    );
  }
  if (notMentoring) {
    return (
      <aside class="meeting-card quiet" aria-label={t('meeting.label')} data-testid="meeting-card">
        <p class="muted">{t('meeting.ignored', meetingLabel(context))}</p>
        <div class="actions">
          <button type="button" onClick={() => onNotMentoring(false)}>
            {t('meeting.notIgnored')}
          </button>
        </div>
      </aside>
    );
  }
  const when = timeText(context);
  const invited = meeting.attendees;
  const state =
    context.kind === 'call'
      ? meeting.inCall === false
        ? t('meeting.state.waiting')
        : t('meeting.state.inCall')
      : t('meeting.state.calendar');
  const linkTarget = activePairs.find((p) => p.id === choice) ?? activePairs[0];
  return (
    <aside class="meeting-card" aria-label={t('meeting.label')} data-testid="meeting-card">
      <p class="meeting-host muted">{t('meeting.hostState', host, state)}</p>
      <p class="meeting-title" dir="auto">
        {meetingLabel(context)}
      </p>
      {when && <p class="muted">{when}</p>}
      {invited.length > 0 && (
        <p class="invited" dir="auto">
          <span class="muted">{t('meeting.invited')} </span>
          {invited.length > 4
            ? plural('meeting.invitedMore', invited.length - 4, invited.slice(0, 4).join(', '))
            : invited.join(', ')}
        </p>
      )}
      {match && shownPair?.id === match.pair.id ? (
        <p class="match" data-testid="meeting-match">
          {tParts(
            `meeting.recognised.${match.reason}`,
            <strong key="pair">{match.pair.title}</strong>,
          )}
        </p>
      ) : shownPair && match ? (
        <div class="actions">
          <button type="button" onClick={() => run(() => onLink(shownPair))}>
            {t('meeting.linkTo', shownPair.title)}
          </button>
        </div>
      ) : (
        <div class="unmatched" data-testid="meeting-unmatched">
          <p>{shownPair ? t('meeting.unlinked') : t('meeting.unlinkedNothingShown')}</p>
          {activePairs.length > 0 && (
            <div class="add-row">
              <label class="grow">
                <span class="visually-hidden">{t('meeting.linkChoice')}</span>
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
                {t('meeting.link')}
              </button>
            </div>
          )}
          <div class="actions">
            <button type="button" onClick={onNewPair}>
              {t('meeting.newPair')}
            </button>
            <button type="button" class="quiet" onClick={() => onNotMentoring(true)}>
              {t('meeting.ignore')}
            </button>
          </div>
        </div>
      )}
      <ErrorText message={error} />
    </aside>
  );
}
