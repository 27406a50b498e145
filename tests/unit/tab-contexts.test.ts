import { describe, expect, test } from 'vitest';
import {
  classifySender,
  type HostLookup,
  type Self,
  type SenderInfo,
} from '../../utils/background/sender';
import { acceptContextMessage, nextTabContext } from '../../utils/background/tab-contexts';
import type { MeetingInfo, PageContext } from '../../utils/schema/page-context';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const SELF: Self = { id: EXT, origin: `chrome-extension://${EXT}` };
const hosts: HostLookup = {
  hostForOrigin(origin) {
    if (origin === 'https://meet.google.com') return 'google-meet';
    if (origin === 'https://calendar.google.com') return 'google-calendar';
    return undefined;
  },
};

const meet: PageContext = {
  host: 'google-meet',
  kind: 'call',
  url: 'https://meet.google.com/abc-defg-hij',
  meeting: { title: 'Mentoring', meetingCode: 'abc-defg-hij', inCall: true, attendees: [] },
};
const fromMeet: SenderInfo = {
  id: EXT,
  tab: { id: 7 },
  frameId: 0,
  url: 'https://meet.google.com/abc-defg-hij',
  origin: 'https://meet.google.com',
};
const message = { type: 'page-context', context: meet };

describe('who may report a page context', () => {
  test('the content script in the top frame of a host tab', () => {
    expect(classifySender(fromMeet, SELF, hosts)).toEqual({
      kind: 'content-script',
      tabId: 7,
      host: 'google-meet',
      origin: 'https://meet.google.com',
    });
    expect(acceptContextMessage(message, fromMeet, SELF, hosts)).toEqual({
      tabId: 7,
      context: meet,
    });
  });

  test.each<[string, SenderInfo]>([
    ['another extension', { ...fromMeet, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }],
    ['a web page (no extension id)', { ...fromMeet, id: undefined }],
    ['no tab', { ...fromMeet, tab: undefined }],
    ['a negative tab id', { ...fromMeet, tab: { id: -1 } }],
    ['an iframe', { ...fromMeet, frameId: 3 }],
    [
      'an http page',
      { ...fromMeet, url: 'http://meet.google.com/abc', origin: 'http://meet.google.com' },
    ],
    [
      'a page Tandem does not read',
      { ...fromMeet, url: 'https://evil.example/', origin: 'https://evil.example' },
    ],
    [
      'an origin other than the host its URL names',
      { ...fromMeet, origin: 'https://evil.example' },
    ],
    ['a host URL sandboxed to the opaque origin', { ...fromMeet, origin: 'null' }],
    [
      'an extension page',
      {
        ...fromMeet,
        url: `chrome-extension://${EXT}/sidepanel.html`,
        origin: `chrome-extension://${EXT}`,
      },
    ],
  ])('not %s', (_name, sender) => {
    expect(acceptContextMessage(message, sender, SELF, hosts)).toBeNull();
  });

  test('a content script on one host cannot report a context for another', () => {
    const fromCalendar = {
      ...fromMeet,
      url: 'https://calendar.google.com/calendar/r',
      origin: 'https://calendar.google.com',
    };
    expect(acceptContextMessage(message, fromCalendar, SELF, hosts)).toBeNull();
    const wrongOrigin = { ...message, context: { ...meet, url: 'https://calendar.google.com/x' } };
    expect(acceptContextMessage(wrongOrigin, fromMeet, SELF, hosts)).toBeNull();
  });

  test('a null context (the page left the meeting) is accepted from the right sender', () => {
    expect(
      acceptContextMessage({ type: 'page-context', context: null }, fromMeet, SELF, hosts),
    ).toEqual({
      tabId: 7,
      context: null,
    });
  });
});

/** A small deterministic random source (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a += 0x6d2b79f5;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('10,000 fuzzed and spoofed messages', () => {
  test('none of them is accepted', () => {
    const rand = random(20261123);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    const junk = (): unknown =>
      pick([
        undefined,
        null,
        42,
        'page-context',
        [],
        {},
        { type: 'page-context' },
        { type: 'page-context', context: 'x' },
        { type: 'page-context', context: { ...meet, host: 'zoom' } },
        { type: 'page-context', context: { ...meet, url: 'javascript:alert(1)' } },
        { type: 'page-context', context: { ...meet, url: 'http://meet.google.com/x' } },
        { type: 'page-context', context: { ...meet, kind: 'party' } },
        {
          type: 'page-context',
          context: { ...meet, meeting: { ...meet.meeting, attendees: ['not-an-email'] } },
        },
        {
          type: 'page-context',
          context: { ...meet, meeting: { ...meet.meeting, title: 'x'.repeat(10_000) } },
        },
        {
          type: 'page-context',
          context: { ...meet, meeting: { ...meet.meeting, start: '2026-13-45T99:99' } },
        },
        {
          type: 'page-context',
          context: { ...meet, meeting: { ...meet.meeting, meetingUrl: 'http://evil.example' } },
        },
        { type: 'other', context: meet },
        JSON.parse('{"type":"page-context","context":{"__proto__":{"x":1}}}'),
      ]);
    // A valid message with one required field set to a value of the wrong type.
    const wrongTypes = [0, -1, true, 'x', {}, 'https://zoom.us/'];
    const broken = (): unknown => {
      const field = pick(['host', 'kind', 'url', 'meeting', 'type', 'context'] as const);
      const value = pick(wrongTypes);
      if (field === 'type') return { ...message, type: value };
      if (field === 'context') return { ...message, context: value };
      if (field === 'meeting') {
        return { ...message, context: { ...meet, meeting: { ...meet.meeting, attendees: value } } };
      }
      return { ...message, context: { ...meet, [field]: value } };
    };
    const spoofedSender = (): SenderInfo =>
      pick<SenderInfo>([
        { ...fromMeet, id: 'other-extension' },
        { ...fromMeet, id: undefined },
        { ...fromMeet, tab: undefined },
        { ...fromMeet, frameId: 1 + Math.floor(rand() * 10) },
        {
          ...fromMeet,
          url: 'https://evil.example/meet.google.com',
          origin: 'https://evil.example',
        },
        { ...fromMeet, url: 'https://calendar.google.com/', origin: 'https://calendar.google.com' },
        { ...fromMeet, origin: 'https://attacker.example' },
        { ...fromMeet, origin: 'not a url' },
        { ...fromMeet, origin: undefined },
        { ...fromMeet, origin: 'null' },
        { ...fromMeet, origin: SELF.origin },
        {},
      ]);
    let accepted = 0;
    for (let i = 0; i < 10_000; i += 1) {
      // A third each: malformed payloads and wrongly typed fields from a valid sender, and
      // valid payloads from spoofed senders.
      const result =
        i % 3 === 0
          ? acceptContextMessage(junk(), fromMeet, SELF, hosts)
          : i % 3 === 1
            ? acceptContextMessage(broken(), fromMeet, SELF, hosts)
            : acceptContextMessage(message, spoofedSender(), SELF, hosts);
      if (result) accepted += 1;
    }
    expect(accepted).toBe(0);
  });
});

const meetMeeting = meet.meeting as MeetingInfo;

describe('the meeting timer', () => {
  test('starts when the call starts and keeps its start across re-reports', () => {
    const lobby = { ...meet, meeting: { ...meetMeeting, inCall: false } };
    expect(nextTabContext(null, lobby, 1000)?.callStartedAt).toBeNull();
    const joined = nextTabContext(nextTabContext(null, lobby, 1000), meet, 2000);
    expect(joined?.callStartedAt).toBe(2000);
    expect(nextTabContext(joined, meet, 9000)?.callStartedAt).toBe(2000);
    const otherCall = {
      ...meet,
      url: 'https://meet.google.com/zzz-zzzz-zzz',
      meeting: { ...meetMeeting, meetingCode: 'zzz-zzzz-zzz' },
    };
    expect(nextTabContext(joined, otherCall, 9000)?.callStartedAt).toBe(9000);
    expect(nextTabContext(joined, null, 9000)).toBeNull();
  });
});
