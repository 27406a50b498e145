import { useRef, useState } from 'preact/hooks';
import { reviewActionItem } from '../utils/data/records/action-items';
import { plural, t } from '../utils/i18n';
import { menteeFirst } from '../utils/mentoring/order';
import { ownerWords } from '../utils/mentoring/owners';
import {
  carryCount,
  isOverdue,
  itemsToReview,
  localToday,
  type ReviewChoice,
  type ReviewState,
  reviewKeys,
  reviewState,
  STALLED_AFTER,
} from '../utils/mentoring/review';
import { actionHistoryOf } from '../utils/queries/action-items';
import { heldInOrder } from '../utils/queries/sessions';
import type { Pair } from '../utils/schema/pair';
import type { Session } from '../utils/schema/session';
import { ErrorText } from './controls';
import { formatDate, formatDateTime } from './format';
import { useAction } from './use-action';
import { useLive, useStore } from './use-live';

const stateLabel = (state: ReviewState): string => t(`review.state.${state}`);

/**
 * Last session's action items, first thing after a session (Review) and before the next (Prep):
 * each one done, carried over to the next agenda, or dropped — a click, or a key (d, c, x; o
 * reopens) on the focused row.
 */
export function ReviewActions({ pair, nextSession }: { pair: Pair; nextSession: Session }) {
  const store = useStore();
  const data = useLive(() => actionHistoryOf(store.db, pair.id), [store, pair.id]);
  const [run, error] = useAction();
  // One Tab stop for the whole list (the row last worked on, and its buttons); the arrow keys
  // move between rows. Prep puts this list first: the agenda is a few Tab presses away.
  const [activeId, setActiveId] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  if (!data) return null;
  const lastHeld = heldInOrder(data.sessions).at(-1);
  // The mentee's commitments first: a mentor's list never pushes the mentee's down.
  const items = menteeFirst(
    itemsToReview(data.actions, lastHeld, nextSession.id),
    (item) => item.owner,
    pair.model === 'peer',
  );
  const today = localToday();
  if (items.length === 0) return null;
  const active = items.some((i) => i.id === activeId) ? activeId : (items[0]?.id ?? null);
  const moveTo = (index: number) => {
    const rows = list.current?.querySelectorAll<HTMLElement>('[data-testid="review-item"]');
    const row = rows?.[Math.max(0, Math.min(index, rows.length - 1))];
    row?.focus();
  };
  const sessionDate = (id: string) => {
    const s = data.sessions.find((x) => x.id === id);
    return s?.scheduledAt ? formatDateTime(s.scheduledAt) : t('agenda.earlierSession');
  };
  const choose = (itemId: string, choice: ReviewChoice) =>
    run(() => reviewActionItem(store, itemId, choice, nextSession, pair.myRole));

  return (
    <section class="section review" aria-labelledby="review-heading">
      <div class="section-head">
        <h2 id="review-heading">{t('review.heading')}</h2>
        {lastHeld?.scheduledAt && <span class="muted">{formatDateTime(lastHeld.scheduledAt)}</span>}
      </div>
      <p class="hint">{t('review.hint')}</p>
      <ul class="review-list" data-testid="review-list" ref={list}>
        {items.map((item, index) => {
          const state = reviewState(item, data.agenda, nextSession.id);
          const carried = carryCount(item, data.agenda);
          const fromEarlier = item.sessionId !== lastHeld?.id;
          const stop = item.id === active ? 0 : -1;
          return (
            // The review keys work while focus is on the row or any of its buttons.
            <li
              key={item.id}
              class={`review-item ${state}`}
              data-testid="review-item"
              tabIndex={stop}
              aria-label={item.text}
              onFocusCapture={() => setActiveId(item.id)}
              onKeyDown={(e) => {
                if (e.ctrlKey || e.metaKey || e.altKey) return;
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  moveTo(index + (e.key === 'ArrowDown' ? 1 : -1));
                  return;
                }
                const choice = reviewKeys[e.key.toLowerCase()];
                if (choice) {
                  e.preventDefault();
                  void choose(item.id, choice);
                }
              }}
            >
              <div class="action-main">
                <span class="item-text grow" dir="auto">
                  {item.text}
                </span>
                <span class={`badge state-${state}`} data-testid="review-state">
                  {stateLabel(state)}
                </span>
              </div>
              <div class="action-meta">
                <span class="badge owner">{ownerWords(item, pair)}</span>
                {item.due && (
                  <span class={isOverdue(item, today) ? 'due overdue' : 'due'}>
                    {isOverdue(item, today)
                      ? t('actions.overdue', formatDate(item.due))
                      : t('actions.due', formatDate(item.due))}
                  </span>
                )}
                {fromEarlier && (
                  <span class="muted">{t('agenda.carriedFrom', sessionDate(item.sessionId))}</span>
                )}
              </div>
              {carried > 0 && (
                <p class={carried >= STALLED_AFTER ? 'stalled' : 'muted'} data-testid="carry-count">
                  {carried >= STALLED_AFTER
                    ? plural('review.stalled', carried)
                    : plural('review.carried', carried)}
                </p>
              )}
              <div class="item-actions">
                {state === 'open' || state === 'carried' ? (
                  <>
                    <button type="button" tabIndex={stop} onClick={() => choose(item.id, 'done')}>
                      {t('review.done')}
                    </button>
                    {state === 'open' && (
                      <button
                        type="button"
                        tabIndex={stop}
                        onClick={() => choose(item.id, 'carry')}
                      >
                        {t('review.carry')}
                      </button>
                    )}
                    <button type="button" tabIndex={stop} onClick={() => choose(item.id, 'drop')}>
                      {t('review.drop')}
                    </button>
                  </>
                ) : (
                  <button type="button" tabIndex={stop} onClick={() => choose(item.id, 'reopen')}>
                    {t('review.reopen')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <ErrorText message={error} />
    </section>
  );
}
