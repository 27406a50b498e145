import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ensurePlannedSession,
  holdSession,
  undoHoldSession,
  updateSession,
} from '../utils/data/records/sessions';
import { plural, t } from '../utils/i18n';
import { sessionsOf } from '../utils/queries/sessions';
import type { Pair } from '../utils/schema/pair';
import type { Session } from '../utils/schema/session';
import { ErrorText } from './controls';
import { formatDateTime } from './format';
import { useAction } from './use-action';
import { useLive, useStore } from './use-live';
import { usePendingValue } from './use-pending-value';

/**
 * The session a mode works on: the one the page's meeting resolved to (`sessionId`), else the
 * pair's latest planned session. `undefined` while loading, null when none is planned.
 */
export function useSession(
  pairId: string,
  sessionId: string | null,
): {
  session: Session | null | undefined;
  lastHeld: Session | undefined;
} {
  const store = useStore();
  const sessions = useLive(() => sessionsOf(store.db, pairId), [store, pairId]);
  if (!sessions) return { session: undefined, lastHeld: undefined };
  const chosen = sessionId ? sessions.find((s) => s.id === sessionId) : undefined;
  const planned = sessions.filter((s) => s.status === 'planned').at(-1);
  const lastHeld = sessions.filter((s) => s.status === 'held' && s.id !== chosen?.id).at(-1);
  return { session: chosen ?? planned ?? null, lastHeld };
}

export function NoSession({ pairId }: { pairId: string }) {
  const store = useStore();
  const [run, error] = useAction();
  return (
    <section class="section">
      <p class="empty">{t('session.none')}</p>
      <button
        type="button"
        class="primary"
        onClick={() => run(() => ensurePlannedSession(store, pairId))}
      >
        {t('session.plan')}
      </button>
      <ErrorText message={error} />
    </section>
  );
}

/** When the session is: a date the user picks, filled from the calendar when it shows one. */
export function SessionDate({
  session,
  lastHeld,
  heading,
}: {
  session: Session;
  lastHeld: Session | undefined;
  heading: string;
}) {
  const store = useStore();
  const [run, error] = useAction();
  const [scheduledAt, setScheduledAt] = usePendingValue(session.scheduledAt);
  return (
    <section aria-labelledby="session-heading" class="section">
      <div class="section-head">
        <h2 id="session-heading">{heading}</h2>
        {lastHeld?.scheduledAt && (
          <span class="muted">{t('session.last', formatDateTime(lastHeld.scheduledAt))}</span>
        )}
      </div>
      <label>
        {t('session.dateTime')}
        <input
          type="datetime-local"
          name="session-date"
          value={scheduledAt}
          onChange={(e) => {
            const to = e.currentTarget.value;
            void setScheduledAt(to, () =>
              run(() => updateSession(store, session.id, { scheduledAt: to })),
            );
          }}
        />
      </label>
      <ErrorText message={error} />
    </section>
  );
}

/** A session's date and time as the panel says it, or "no date" when it has none. */
function sessionWhen(scheduledAt: string): string {
  return scheduledAt ? formatDateTime(scheduledAt) : t('session.undated');
}

/**
 * "The session took place": mark it held and plan the next one, a cadence later. The question
 * names the session by its date and warns when that date is still to come; once held, the
 * panel says what happened and offers to take it back.
 */
export function HoldSession({ session, pair }: { session: Session; pair: Pair }) {
  const store = useStore();
  const [run, error] = useAction();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ held: Session; next: Session } | null>(null);
  const [undone, setUndone] = useState<string | null>(null);
  // The button pressed goes away: focus moves to what replaces it (the question, the undo, or
  // the button again), never to the top of the page.
  const [moveFocus, setMoveFocus] = useState(false);
  const ask = useRef<HTMLButtonElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!moveFocus) return;
    (done ? undo : confirming ? yes : ask).current?.focus();
    setMoveFocus(false);
  }, [moveFocus, confirming, done, session.id]);
  const answer = (next: boolean) => {
    setConfirming(next);
    setMoveFocus(true);
  };
  const when = sessionWhen(session.scheduledAt);
  const future = session.scheduledAt !== '' && new Date(session.scheduledAt).getTime() > Date.now();
  const doneBlock = done && (
    <div class="hold-done">
      <p role="status" data-testid="hold-done">
        {t(
          'session.heldDone',
          sessionWhen(done.held.scheduledAt),
          sessionWhen(done.next.scheduledAt),
        )}
      </p>
      <div class="actions">
        <button
          type="button"
          ref={undo}
          onClick={async () => {
            if (await run(() => undoHoldSession(store, done.held.id, done.next.id))) {
              setUndone(done.held.scheduledAt);
              setDone(null);
              setMoveFocus(true);
            }
          }}
        >
          {t('session.undoHeld')}
        </button>
      </div>
    </div>
  );
  if (session.status === 'held') {
    return (
      <section class="section hold">
        {doneBlock || <p class="muted">{t('session.isHeld')}</p>}
        <ErrorText message={error} />
      </section>
    );
  }
  return (
    <section class="section hold">
      {doneBlock}
      {undone !== null && (
        <p role="status" class="muted">
          {t('session.undone', sessionWhen(undone))}
        </p>
      )}
      {confirming ? (
        <fieldset class="confirm">
          <legend class="visually-hidden">{t('session.confirmLegend')}</legend>
          {future && (
            <p class="warning" data-testid="hold-future">
              {t('session.future', when)}
            </p>
          )}
          <p>{plural('session.confirm', pair.cadenceDays, when)}</p>
          <div class="actions">
            <button
              type="button"
              class="primary"
              ref={yes}
              onClick={async () => {
                const held = session;
                let next: Session | undefined;
                if (
                  await run(async () => {
                    next = await holdSession(store, held.id, pair.cadenceDays);
                  })
                ) {
                  setConfirming(false);
                  if (next) setDone({ held, next });
                  setUndone(null);
                  setMoveFocus(true);
                }
              }}
            >
              {t('session.yesHeld')}
            </button>
            <button type="button" onClick={() => answer(false)}>
              {t('session.notYet')}
            </button>
          </div>
        </fieldset>
      ) : (
        <button type="button" ref={ask} onClick={() => answer(true)}>
          {t('session.hold')}
        </button>
      )}
      <ErrorText message={error} />
    </section>
  );
}
