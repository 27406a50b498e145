import { describe, expect, test } from 'vitest';
import {
  choicesFor,
  contextKey,
  modeFor,
  panelScreen,
  tabAfterNewPair,
  tabForSearchHit,
} from '../../utils/panel/shown-tab';
import type { PageContext } from '../../utils/schema/page-context';
import type { Pair } from '../../utils/schema/pair';

const calendar = {
  host: 'google-calendar',
  kind: 'calendar',
  url: 'https://calendar.google.com/x',
  meeting: { title: 'Ada / Grace', attendees: [] },
} as unknown as PageContext;
const call = {
  host: 'google-meet',
  kind: 'call',
  url: 'https://meet.google.com/abc-defg-hij',
  meeting: { title: 'Ada / Grace', attendees: [] },
} as unknown as PageContext;
const page = { host: 'other', kind: 'page', url: 'https://example.org/' } as unknown as PageContext;
const pair = { kind: 'pair', pair: { id: 'p' } as Pair } as const;

describe('which tab and screen the panel shows', () => {
  test('the mode follows the page: an event → Prep, a call → Live, anything else → Review', () => {
    expect(modeFor(calendar)).toBe('prep');
    expect(modeFor(call)).toBe('live');
    expect(modeFor(page)).toBe('review');
    expect(modeFor(null)).toBe('review');
  });

  test('choices made by hand hold while the same meeting is on screen, and no longer', () => {
    const key = contextKey(call);
    expect(contextKey(call)).toBe(key);
    expect(contextKey(calendar)).not.toBe(key);
    expect(contextKey(null)).toBe('');
    const manual = { key, pairId: 'p', tab: 'history' } as const;
    expect(choicesFor(manual, key)).toBe(manual);
    expect(choicesFor(manual, contextKey(calendar))).toEqual({ key: contextKey(calendar) });
  });

  test('loading, then a meeting no pair is linked to, a new pair form, or the pair', () => {
    expect(panelScreen({ loaded: false, shown: pair, view: 'main' })).toBe('loading');
    const unlinked = { kind: 'unlinked-meeting' } as const;
    expect(panelScreen({ loaded: true, shown: unlinked, view: 'main' })).toBe('unlinked-meeting');
    expect(panelScreen({ loaded: true, shown: unlinked, view: 'new-pair-from-meeting' })).toBe(
      'pair-form',
    );
    expect(panelScreen({ loaded: true, shown: { kind: 'no-pairs' }, view: 'main' })).toBe(
      'pair-form',
    );
    expect(panelScreen({ loaded: true, shown: pair, view: 'new-pair' })).toBe('pair-form');
    expect(panelScreen({ loaded: true, shown: pair, view: 'help' })).toBe('pair');
    expect(panelScreen({ loaded: true, shown: pair, view: 'edit-pair' })).toBe('pair');
  });

  test('a new pair opens on Prep, unless a meeting decides, or a first pair already had a tab chosen', () => {
    const key = contextKey(null);
    expect(tabAfterNewPair({ hadPair: true, current: { key }, key, meetingOnScreen: false })).toBe(
      'prep',
    );
    expect(
      tabAfterNewPair({ hadPair: true, current: { key }, key, meetingOnScreen: true }),
    ).toBeUndefined();
    const chosenMeanwhile = { key, tab: 'pair' } as const;
    expect(
      tabAfterNewPair({ hadPair: false, current: chosenMeanwhile, key, meetingOnScreen: false }),
    ).toBe('pair');
    expect(
      tabAfterNewPair({ hadPair: true, current: chosenMeanwhile, key, meetingOnScreen: false }),
    ).toBe('prep');
  });

  test('a search hit opens its session in the history, or Review when it has none', () => {
    expect(tabForSearchHit({ sessionId: 's' })).toBe('history');
    expect(tabForSearchHit({ sessionId: null })).toBe('review');
  });
});
