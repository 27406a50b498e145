import { afterEach, describe, expect, test } from 'vitest';
import { createPair, linkMeetingToPair, updatePair } from '../../utils/data/records/pairs';
import { sessionForMeeting } from '../../utils/data/records/sessions';
import { knownMeetings, linkRules, matchPair } from '../../utils/mentoring/match-pair';
import { codeFromMeetingUrl, meetingKeys } from '../../utils/mentoring/meeting-keys';
import type { MeetingInfo, PageContext } from '../../utils/schema/page-context';
import type { Pair } from '../../utils/schema/pair';
import { closeStores, makeStore, pairInput } from './helpers';

afterEach(closeStores);

const calendarEvent: PageContext = {
  host: 'google-calendar',
  kind: 'calendar',
  url: 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23',
  meeting: {
    title: 'Mentoring: Priya / Sam',
    start: '2026-11-24T10:00',
    end: '2026-11-24T10:45',
    attendees: ['priya.shah@example.com', 'sam.lee@example.org', 'mentoring-programme@example.com'],
    calendarEventId: '5v1q8kq3m2h0r6t7u9a4b2c1d0_20261124T100000Z',
    seriesId: '5v1q8kq3m2h0r6t7u9a4b2c1d0',
    meetingUrl: 'https://meet.google.com/abc-defg-hij',
  },
};

const meetCall: PageContext = {
  host: 'google-meet',
  kind: 'call',
  url: 'https://meet.google.com/abc-defg-hij',
  meeting: {
    title: 'Mentoring: Priya / Sam',
    meetingCode: 'abc-defg-hij',
    inCall: true,
    attendees: [],
  },
};

const eventMeeting = calendarEvent.meeting as MeetingInfo;
const callMeeting = meetCall.meeting as MeetingInfo;

async function pairs() {
  const store = makeStore();
  const priya = await createPair(
    store,
    pairInput({
      title: 'Priya',
      members: [
        { id: 'a', name: 'Sam Lee', email: 'sam.lee@example.org', role: 'mentor' },
        { id: 'b', name: 'Priya Shah', email: 'Priya.Shah@example.com', role: 'mentee' },
      ],
    }),
  );
  const jo = await createPair(
    store,
    pairInput({
      title: 'Jo',
      members: [
        { id: 'c', name: 'Sam Lee', email: 'sam.lee@example.org', role: 'mentor' },
        { id: 'd', name: 'Jo Park', email: 'jo@example.org', role: 'mentee' },
      ],
    }),
  );
  return { store, priya, jo };
}

describe('matching a meeting to a pair', () => {
  test('finds the pair whose members are invited, even though the mentor is in every pair', async () => {
    const { priya, jo } = await pairs();
    expect(matchPair(calendarEvent, [jo, priya])).toEqual({ pair: priya, reason: 'attendees' });
  });

  test('does not guess when two pairs are invited equally', async () => {
    const { priya, jo } = await pairs();
    const onlyMentor = {
      ...calendarEvent,
      meeting: { ...eventMeeting, attendees: ['sam.lee@example.org'] },
    };
    expect(matchPair(onlyMentor, [priya, jo])).toBeNull();
  });

  test('a meeting linked before wins over invitees, in the calendar and later in the call', async () => {
    const { store, priya, jo } = await pairs();
    const linked = await linkMeetingToPair(store, jo, calendarEvent);
    expect(matchPair(calendarEvent, [priya, linked])).toEqual({ pair: linked, reason: 'linked' });
    // The Meet call of that event has the same code as the event's link.
    expect(matchPair(meetCall, [priya, linked])?.pair.id).toBe(jo.id);
    // Next week's occurrence of the same series is recognised by its series id.
    const nextWeek = {
      ...calendarEvent,
      meeting: {
        ...eventMeeting,
        calendarEventId: '5v1q8kq3m2h0r6t7u9a4b2c1d0_20261201T100000Z',
        meetingUrl: undefined,
        attendees: [],
      },
    };
    expect(matchPair(nextWeek, [priya, linked])?.pair.id).toBe(jo.id);
  });

  test('recognises the call of an event that already has a session, with nobody invited in the call', async () => {
    const { store, priya, jo } = await pairs();
    await sessionForMeeting(store, priya.id, calendarEvent);
    const known = knownMeetings(await store.db.sessions.toArray());
    expect(matchPair(meetCall, [jo, priya])).toBeNull();
    expect(matchPair(meetCall, [jo, priya], known)).toEqual({ pair: priya, reason: 'session' });
  });

  test('falls back to the title keywords a pair was given, and never matches archived pairs', async () => {
    const { store, priya, jo } = await pairs();
    const untitled = {
      ...meetCall,
      meeting: { ...callMeeting, meetingCode: 'zzz-zzzz-zzz' },
    };
    expect(matchPair(untitled, [priya, jo])).toBeNull();
    const withKeyword = await updatePair(store, priya.id, {
      matchRules: { ...priya.matchRules, keywords: ['priya / sam'] },
    });
    expect(matchPair(untitled, [withKeyword, jo])).toEqual({
      pair: withKeyword,
      reason: 'keywords',
    });
    const archived: Pair = { ...withKeyword, archived: true };
    expect(matchPair(untitled, [archived, jo])).toBeNull();
    expect(matchPair({ ...calendarEvent, meeting: null }, [priya])).toBeNull();
  });

  test('linking adds each key once', async () => {
    const { priya } = await pairs();
    const once = linkRules(priya, calendarEvent);
    const twice = linkRules({ ...priya, matchRules: once }, calendarEvent);
    expect(twice).toEqual(once);
    expect(once.meetingCodes).toEqual(['meet:abc-defg-hij']);
    expect(once.eventIds.sort()).toEqual([
      '5v1q8kq3m2h0r6t7u9a4b2c1d0',
      '5v1q8kq3m2h0r6t7u9a4b2c1d0_20261124T100000Z',
    ]);
  });
});

describe('meeting keys', () => {
  test.each([
    ['https://meet.google.com/abc-defg-hij', 'meet:abc-defg-hij'],
    ['https://meet.google.com/ABC-DEFG-HIJ?authuser=1', 'meet:abc-defg-hij'],
    ['https://us02web.zoom.us/j/83412345678?pwd=x', 'zoom:83412345678'],
    ['https://app.zoom.us/wc/83412345678/join', 'zoom:83412345678'],
    [
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NTg0YzFk%40thread.v2/0',
      'teams:19:meeting_NTg0YzFk@thread.v2',
    ],
    ['https://whereby.com/Reverse-Mentoring-Ana', 'whereby:reverse-mentoring-ana'],
    ['https://meet.jit.si/PeerCircle', 'jitsi:meet.jit.si/PeerCircle'],
    ['https://example.org/meeting', undefined],
    ['not a url', undefined],
  ])('the link %s is the call %s', (link, code) => {
    expect(codeFromMeetingUrl(link)).toBe(code);
  });

  test('a calendar event and its call share a code', () => {
    expect(meetingKeys(calendarEvent).codes).toEqual(meetingKeys(meetCall).codes);
  });
});

describe('the session of a meeting', () => {
  test('the event seen in the calendar and the call joined later are one session', async () => {
    const { store, priya } = await pairs();
    const fromCalendar = await sessionForMeeting(store, priya.id, calendarEvent);
    expect(fromCalendar.calendarEventId).toBe(calendarEvent.meeting?.calendarEventId);
    expect(fromCalendar.scheduledAt).toBe('2026-11-24T10:00');
    const fromCall = await sessionForMeeting(store, priya.id, meetCall);
    expect(fromCall.id).toBe(fromCalendar.id);
    // And the other way round: a call first, then the event.
    const other = await sessionForMeeting(store, priya.id, {
      ...meetCall,
      url: 'https://meet.google.com/xyz-wxyz-xyz',
      meeting: { ...callMeeting, meetingCode: 'xyz-wxyz-xyz' },
    });
    expect(other.id).not.toBe(fromCalendar.id);
    const sessions = await store.db.sessions.where('pairId').equals(priya.id).toArray();
    expect(sessions).toHaveLength(2);
  });

  test("claims the pair's planned session when no meeting has claimed it yet", async () => {
    const { store, priya } = await pairs();
    const { ensurePlannedSession } = await import('../../utils/data/records/sessions');
    const planned = await ensurePlannedSession(store, priya.id);
    const found = await sessionForMeeting(store, priya.id, meetCall);
    expect(found.id).toBe(planned.id);
    expect(found.meetingUrl).toBe('https://meet.google.com/abc-defg-hij');
  });
});
