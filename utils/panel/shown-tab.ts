import { meetingKeys } from '../mentoring/meeting-keys';
import type { PageContext } from '../schema/page-context';
import type { ShownPair } from './shown-pair';

/** The modes that follow the page: plan the next session, take notes in it, look back. */
export type Mode = 'prep' | 'live' | 'review';
export type TabId = Mode | 'history' | 'pair';
export const tabIds: readonly TabId[] = ['prep', 'live', 'review', 'history', 'pair'];

/** What fills the panel besides the tabs: a pair's form, the help, or the tabs themselves. */
export type View = 'main' | 'new-pair' | 'new-pair-from-meeting' | 'edit-pair' | 'help';

/** Mode follows the page: an event in the calendar → Prep, a call → Live, else Review. */
export function modeFor(context: PageContext | null): Mode {
  if (!context?.meeting) return 'review';
  return context.kind === 'calendar' ? 'prep' : 'live';
}

/** Identifies "the same meeting on screen", so that choices made by hand last while it does. */
export function contextKey(context: PageContext | null): string {
  if (!context) return '';
  return JSON.stringify([context.host, context.url, meetingKeys(context), context.meeting?.title]);
}

/** Choices made by hand while one page is on screen (`key`). */
export interface Manual {
  key: string;
  pairId?: string;
  tab?: TabId;
  /** The user said the meeting on screen is not a mentoring meeting. */
  notMentoring?: boolean;
}

/** The choices made by hand that still hold: none once another page is on screen. */
export function choicesFor(manual: Manual, key: string): Manual {
  return manual.key === key ? manual : { key };
}

/** A pair's form is being filled in (its text would be lost if the panel moved away). */
export function fillingPairForm(view: View): boolean {
  return view === 'new-pair' || view === 'new-pair-from-meeting' || view === 'edit-pair';
}

/** The panel's whole screen: still loading, a meeting no pair is linked to, a pair's form, a pair. */
export type PanelScreen = 'loading' | 'unlinked-meeting' | 'pair-form' | 'pair';

export function panelScreen(input: { loaded: boolean; shown: ShownPair; view: View }): PanelScreen {
  if (!input.loaded) return 'loading';
  if (input.shown.kind === 'unlinked-meeting' && input.view === 'main') return 'unlinked-meeting';
  if (input.view === 'new-pair' || input.view === 'new-pair-from-meeting') return 'pair-form';
  return input.shown.kind === 'pair' ? 'pair' : 'pair-form';
}

/**
 * The tab a pair just made opens on. The first pair shows as soon as it is stored, before this
 * is asked: a mode chosen there in the meantime stays. Otherwise a new pair opens on its next
 * step — Prep, to plan the first session and add a goal — unless a meeting decides the mode.
 */
export function tabAfterNewPair(input: {
  /** A pair was shown when the form was opened. */
  hadPair: boolean;
  /** The choices made by hand when the pair was stored. */
  current: Manual;
  key: string;
  meetingOnScreen: boolean;
}): TabId | undefined {
  const kept = !input.hadPair && input.current.key === input.key ? input.current.tab : undefined;
  return kept ?? (input.meetingOnScreen ? undefined : 'prep');
}

/** A search hit opens its session in the history, or — a hit with no session — Review. */
export function tabForSearchHit(hit: { sessionId?: string | null | undefined }): TabId {
  return hit.sessionId ? 'history' : 'review';
}
