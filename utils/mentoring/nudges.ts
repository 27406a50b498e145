import { plural, t } from '../i18n';
import type { ActionItem } from '../schema/action-item';
import type { Goal } from '../schema/goal';
import type { Pair } from '../schema/pair';
import type { Session } from '../schema/session';
import { isOverdue, localToday } from './review';

/**
 * Gentle nudges on the pair's home, from its rhythm: no session for longer than the cadence,
 * action items past due, a goal without progress for three sessions. Computed here, shown in
 * the panel, dismissed or switched off there; they never leave the browser.
 */
export type NudgeKind = 'no-session' | 'overdue-action' | 'stalled-goal';

export interface Nudge {
  /** Stable while the situation lasts, so a dismissal holds until something changes. */
  id: string;
  kind: NudgeKind;
  text: string;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const STALLED_SESSIONS = 3;

/** When a held session took place: its date, else when it was marked held. */
function heldTime(s: Session): number {
  const scheduled = s.scheduledAt ? new Date(s.scheduledAt).getTime() : Number.NaN;
  return Number.isFinite(scheduled) ? scheduled : (s.heldAt ?? s.createdAt);
}

export function nudgesFor(input: {
  pair: Pair;
  sessions: readonly Session[];
  actionItems: readonly ActionItem[];
  goals: readonly Goal[];
  now: number;
  formatDate?: (isoDate: string) => string;
}): Nudge[] {
  const { pair, now } = input;
  const format = input.formatDate ?? ((d: string) => d);
  const nudges: Nudge[] = [];
  const held = input.sessions
    .filter((s) => !s.deleted && s.status === 'held')
    .sort((a, b) => heldTime(a) - heldTime(b));
  const last = held.at(-1);
  const since = last ? heldTime(last) : pair.createdAt;
  const days = Math.floor((now - since) / DAY_MS);
  if (!pair.archived && days > pair.cadenceDays) {
    nudges.push({
      id: `no-session:${last?.id ?? 'never'}`,
      kind: 'no-session',
      text: last
        ? t(
            'nudges.noSession',
            plural('nudges.days', days),
            plural('nudges.cadence', pair.cadenceDays),
          )
        : plural('nudges.neverMet', days),
    });
  }
  const today = localToday(new Date(now));
  for (const item of input.actionItems) {
    if (item.deleted || !isOverdue(item, today)) continue;
    nudges.push({
      id: `overdue-action:${item.id}:${item.due}`,
      kind: 'overdue-action',
      text: t('nudges.overdue', item.text, format(item.due)),
    });
  }
  const recent = held.slice(-STALLED_SESSIONS);
  if (recent.length === STALLED_SESSIONS) {
    for (const goal of input.goals) {
      if (goal.deleted || goal.status !== 'active') continue;
      const seen = recent.map((s) => s.goalProgress?.[goal.id]);
      if (seen.some((p) => p === undefined)) continue;
      if (seen.every((p) => p === goal.progress)) {
        nudges.push({
          id: `stalled-goal:${goal.id}:${last?.id}`,
          kind: 'stalled-goal',
          text: plural('nudges.stalled', STALLED_SESSIONS, goal.title),
        });
      }
    }
  }
  return nudges;
}
