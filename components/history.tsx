import { useEffect, useRef, useState } from 'preact/hooks';
import { plural, t } from '../utils/i18n';
import { ownerWords } from '../utils/mentoring/owners';
import { isOverdue, localToday } from '../utils/mentoring/review';
import { historyOf, type SessionDetails } from '../utils/queries/session-details';
import type { Pair } from '../utils/schema/pair';
import { actionStatusLabel } from './action-items';
import { OpenedFeedback } from './feedback';
import { formatDate, formatDateTime } from './format';
import { LongText } from './long-text';
import { ProgressChart } from './progress-chart';
import { SessionExport } from './session-summary-view';
import { useLive, useStore } from './use-live';

export const HISTORY_PAGE = 10;

/** A record to show in the history: its session opened, scrolled to, highlighted (from search). */
export interface HistoryTarget {
  sessionId: string;
  recordId: string;
}

/** The pair's sessions, newest first, each with what happened; goals' progress over time. */
export function History({ pair, target }: { pair: Pair; target?: HistoryTarget | null }) {
  const store = useStore();
  const [shown, setShown] = useState(HISTORY_PAGE);
  const data = useLive(
    () => historyOf(store, pair.id, { shown, targetSessionId: target?.sessionId }),
    [store, pair.id, shown, target?.sessionId],
  );
  if (!data) return <p class="muted">{t('history.loading')}</p>;
  markHistoryShown();
  return (
    <>
      {data.goals.length > 0 && (
        <section class="section" aria-labelledby="progress-heading">
          <h2 id="progress-heading">{t('history.progress')}</h2>
          <div class="charts">
            {data.goals.map((g) => (
              <ProgressChart key={g.id} goal={g} held={data.held} />
            ))}
          </div>
        </section>
      )}
      <section class="section" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('history.heading')}</h2>
        {data.total === 0 && <p class="empty">{t('history.empty')}</p>}
        <ol class="timeline" data-testid="history">
          {data.page.map((details) => (
            <SessionEntry
              key={details.session.id}
              pair={pair}
              details={details}
              targetRecord={target?.sessionId === details.session.id ? target.recordId : null}
            />
          ))}
        </ol>
        {data.total > shown && (
          <button type="button" onClick={() => setShown(shown + HISTORY_PAGE)}>
            {plural('history.older', data.total - shown)}
          </button>
        )}
      </section>
    </>
  );
}

/** Performance mark for `npm run bench`: the history is on screen. */
function markHistoryShown() {
  if (performance.getEntriesByName('tandem:history-shown').length === 0) {
    queueMicrotask(() => performance.mark('tandem:history-shown'));
  }
}

function SessionEntry({
  pair,
  details: d,
  targetRecord,
}: {
  pair: Pair;
  details: SessionDetails;
  targetRecord: string | null;
}) {
  const { session } = d;
  const entry = useRef<HTMLLIElement>(null);
  // The record a search hit pointed at: scrolled into view and given focus, once it is here.
  const found = targetRecord !== null;
  useEffect(() => {
    if (!found) return;
    const el = entry.current?.querySelector<HTMLElement>(`[data-record-id="${targetRecord}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }, [found, targetRecord]);
  const mark = (id: string, base = '') => ({
    'data-record-id': id,
    tabIndex: id === targetRecord ? -1 : undefined,
    class: `${base} ${id === targetRecord ? 'search-target' : ''}`.trim() || undefined,
  });
  const when = session.scheduledAt ? formatDateTime(session.scheduledAt) : t('history.noDate');
  return (
    <li class="timeline-entry" data-testid="history-session" ref={entry}>
      <details open={session.status === 'held' && targetRecord === null ? undefined : true}>
        <summary>
          <span class="when">{when}</span>{' '}
          <span class="badge">
            {session.status === 'held' ? t('history.held') : t('history.planned')}
          </span>{' '}
          <span class="muted">
            {t(
              'history.counts',
              plural('history.agendaCount', d.agenda.length),
              plural('history.notesCount', d.notes.length),
              plural('history.actionsCount', d.actionItems.length),
            )}
          </span>
        </summary>
        {d.agenda.length > 0 && (
          <>
            <h3>{t('agenda.heading')}</h3>
            <ul class="plain">
              {d.agenda.map((a) => (
                <li key={a.id} {...mark(a.id)}>
                  {a.done ? '☑' : '☐'}{' '}
                  <span class="item-text" dir="auto">
                    {a.text}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        {d.notes.length > 0 && (
          <>
            <h3>{t('notes.heading')}</h3>
            {d.notes.map((n) => (
              <div
                key={n.id}
                {...mark(n.id, `history-note ${n.visibility}`)}
                data-testid="history-note"
              >
                {n.visibility === 'private' && <span class="badge">{t('history.private')}</span>}
                <LongText text={n.body} />
              </div>
            ))}
          </>
        )}
        {d.actionItems.length > 0 && (
          <>
            <h3>{t('actions.heading')}</h3>
            <ul class="plain">
              {d.actionItems.map((a) => (
                <li key={a.id} {...mark(a.id)}>
                  <span class="item-text" dir="auto">
                    {a.text}
                  </span>{' '}
                  <span class="muted">
                    {a.due
                      ? t(
                          isOverdue(a, localToday())
                            ? 'history.actionOverdue'
                            : 'history.actionDue',
                          ownerWords(a, pair),
                          formatDate(a.due),
                          actionStatusLabel(a.status),
                        )
                      : t('history.action', ownerWords(a, pair), actionStatusLabel(a.status))}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        {d.reflections.length > 0 && (
          <>
            <h3>{t('history.reflections')}</h3>
            {d.reflections.map((r) => (
              <div
                key={r.id}
                {...mark(r.id, `history-note ${r.visibility}`)}
                data-testid="history-reflection"
              >
                {r.visibility === 'private' && <span class="badge">{t('history.private')}</span>}
                <p class="muted" dir="auto">
                  {r.prompt}
                </p>
                <LongText text={r.answer} />
              </div>
            ))}
          </>
        )}
        <OpenedFeedback pair={pair} sessionId={session.id} target={targetRecord} />
        <SessionExport session={session} />
      </details>
    </li>
  );
}
