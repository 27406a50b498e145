import { describe, expect, test } from 'vitest';
import { meetingIsOver, sessionModesAllowed, shownPair } from '../../utils/panel/shown-pair';
import type { PageContext } from '../../utils/schema/page-context';
import type { Pair } from '../../utils/schema/pair';

const pair = (id: string, archived = false) => ({ id, title: id, archived }) as unknown as Pair;
const pairs = [pair('priya-sam'), pair('lena-tom'), pair('old', true)];

describe('which pair the panel shows', () => {
  test('a meeting that matches no pair shows no pair, not the last used one', () => {
    expect(shownPair({ pairs, meetingOnScreen: true, lastUsedPairId: 'priya-sam' })).toEqual({
      kind: 'unlinked-meeting',
    });
  });

  test("the meeting's own pair, or one picked by hand, is shown", () => {
    expect(
      shownPair({
        pairs,
        meetingOnScreen: true,
        matchedPairId: 'lena-tom',
        lastUsedPairId: 'priya-sam',
      }),
    ).toEqual({ kind: 'pair', pair: pairs[1] });
    expect(
      shownPair({ pairs, meetingOnScreen: true, chosenPairId: 'old', matchedPairId: 'lena-tom' }),
    ).toEqual({ kind: 'pair', pair: pairs[2] });
  });

  test('with no meeting: the last used pair, else the first active one', () => {
    expect(shownPair({ pairs, meetingOnScreen: false, lastUsedPairId: 'lena-tom' })).toEqual({
      kind: 'pair',
      pair: pairs[1],
    });
    expect(shownPair({ pairs, meetingOnScreen: false, lastUsedPairId: 'gone' })).toEqual({
      kind: 'pair',
      pair: pairs[0],
    });
    expect(shownPair({ pairs: [], meetingOnScreen: true })).toEqual({ kind: 'no-pairs' });
  });

  test("Prep and Live show a session only for the meeting's own pair", () => {
    expect(sessionModesAllowed({ meetingOnScreen: false, pairId: 'a' })).toBe(true);
    expect(sessionModesAllowed({ meetingOnScreen: true, pairId: 'a', matchedPairId: 'a' })).toBe(
      true,
    );
    expect(sessionModesAllowed({ meetingOnScreen: true, pairId: 'b', matchedPairId: 'a' })).toBe(
      false,
    );
    expect(sessionModesAllowed({ meetingOnScreen: true, pairId: 'b' })).toBe(false);
  });
});

describe('a calendar event that is over', () => {
  const event = (meeting: Record<string, unknown>) =>
    ({
      host: 'google-calendar',
      kind: 'calendar',
      url: '',
      meeting: { attendees: [], ...meeting },
    }) as PageContext;
  const now = new Date('2026-12-04T15:00');
  test('is over once its end has passed, or its day when it has no times', () => {
    expect(meetingIsOver(event({ start: '2026-12-04T10:00', end: '2026-12-04T10:45' }), now)).toBe(
      true,
    );
    expect(meetingIsOver(event({ start: '2026-12-04T16:00', end: '2026-12-04T17:00' }), now)).toBe(
      false,
    );
    expect(meetingIsOver(event({ date: '2026-12-03' }), now)).toBe(true);
    expect(meetingIsOver(event({ date: '2026-12-04' }), now)).toBe(false);
    expect(meetingIsOver(null, now)).toBe(false);
  });
});
