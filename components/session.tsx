import { useState } from 'preact/hooks';
import { ensurePlannedSession, holdSession, updateSession } from '../utils/records';
import type { Pair } from '../utils/schema/pair';
import { ActionItems } from './action-items';
import { Agenda } from './agenda';
import { ErrorText } from './controls';
import { formatDateTime } from './format';
import { Notes } from './notes';
import { useAction } from './use-action';
import { useLive, useStore } from './use-live';

/** The pair's next session: when, what is on the agenda, notes and action items. */
export function SessionView({ pair }: { pair: Pair }) {
  const store = useStore();
  const sessions = useLive(
    async () =>
      (await store.db.sessions.where('pairId').equals(pair.id).toArray())
        .filter((s) => !s.deleted)
        .sort((a, b) => a.createdAt - b.createdAt),
    [store, pair.id],
  );
  const [run, error] = useAction();
  const [confirmHold, setConfirmHold] = useState(false);
  if (!sessions) return <p class="muted">Loading session…</p>;
  const planned = sessions.filter((s) => s.status === 'planned').at(-1);
  const lastHeld = sessions.filter((s) => s.status === 'held').at(-1);
  if (!planned) {
    return (
      <section class="section">
        <p class="empty">No session planned.</p>
        <button
          type="button"
          class="primary"
          onClick={() => run(() => ensurePlannedSession(store, pair.id))}
        >
          Plan the next session
        </button>
        <ErrorText message={error} />
      </section>
    );
  }
  return (
    <div class="session">
      <section aria-labelledby="session-heading" class="section">
        <div class="section-head">
          <h2 id="session-heading">Next session</h2>
          {lastHeld?.scheduledAt && (
            <span class="muted">Last: {formatDateTime(lastHeld.scheduledAt)}</span>
          )}
        </div>
        <label>
          Date and time
          <input
            type="datetime-local"
            name="session-date"
            value={planned.scheduledAt}
            onChange={(e) =>
              run(() => updateSession(store, planned.id, { scheduledAt: e.currentTarget.value }))
            }
          />
        </label>
        <ErrorText message={error} />
      </section>
      <Agenda session={planned} myRole={pair.myRole} />
      <Notes session={planned} />
      <ActionItems session={planned} />
      <section class="section hold">
        {confirmHold ? (
          <fieldset class="confirm">
            <legend class="visually-hidden">Confirm the session took place</legend>
            <p>Mark this session as held and plan the next one, {cadenceText(pair.cadenceDays)}?</p>
            <div class="actions">
              <button
                type="button"
                class="primary"
                onClick={async () => {
                  if (await run(() => holdSession(store, planned.id, pair.cadenceDays))) {
                    setConfirmHold(false);
                  }
                }}
              >
                Yes, session held
              </button>
              <button type="button" onClick={() => setConfirmHold(false)}>
                Not yet
              </button>
            </div>
          </fieldset>
        ) : (
          <button type="button" onClick={() => setConfirmHold(true)}>
            Session held — plan the next
          </button>
        )}
      </section>
    </div>
  );
}

function cadenceText(days: number): string {
  return `${days} day${days === 1 ? '' : 's'} later`;
}
