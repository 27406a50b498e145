import { describe, expect, test } from 'vitest';
import {
  classifySender,
  type HostLookup,
  mayAsk,
  type Self,
  type SenderInfo,
  selfOf,
} from '../../utils/background/sender';
import { hostForOrigin } from '../../utils/context';
import type { Request } from '../../utils/messaging';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const SELF: Self = { id: ID, origin: `chrome-extension://${ID}` };
/** A self-hosted Jitsi server the user granted on the options page. */
const CUSTOM_JITSI = 'https://jitsi.example.org';
/** The background's lookup: the built-in hosts, then the granted Jitsi servers. */
const hosts: HostLookup = {
  hostForOrigin: (origin) =>
    hostForOrigin(origin)?.id ?? (origin === CUSTOM_JITSI ? 'jitsi' : undefined),
};

function contentScript(origin: string): SenderInfo {
  return { id: ID, tab: { id: 7 }, frameId: 0, url: `${origin}/some/page`, origin };
}
const sidePanel: SenderInfo = {
  id: ID,
  url: `${SELF.origin}/sidepanel.html`,
  origin: SELF.origin,
};

const classify = (sender: SenderInfo) => classifySender(sender, SELF, hosts);

describe('the extension knows its own origin', () => {
  test('from runtime.getURL, in Chromium and in Firefox (whose origin is a uuid, not the id)', () => {
    expect(selfOf({ id: ID, getURL: (p) => `chrome-extension://${ID}/${p}` })).toEqual(SELF);
    expect(
      selfOf({
        id: 'tandem@tandem-mentoring',
        getURL: (p) => `moz-extension://0b6e5c9a-2f1d-4c3e-9a8b-7d6e5f4a3b2c/${p}`,
      }),
    ).toEqual({
      id: 'tandem@tandem-mentoring',
      origin: 'moz-extension://0b6e5c9a-2f1d-4c3e-9a8b-7d6e5f4a3b2c',
    });
  });
});

describe('whom the background believes', () => {
  test.each([
    ['Google Calendar', 'https://calendar.google.com', 'google-calendar'],
    ['Outlook', 'https://outlook.office.com', 'outlook'],
    ['Outlook (consumer)', 'https://outlook.live.com', 'outlook'],
    ['Google Meet', 'https://meet.google.com', 'google-meet'],
    ['Zoom', 'https://app.zoom.us', 'zoom'],
    ['a company Zoom', 'https://acme.zoom.us', 'zoom'],
    ['Teams', 'https://teams.microsoft.com', 'teams'],
    ['Jitsi', 'https://meet.jit.si', 'jitsi'],
    ['a self-hosted Jitsi the user granted', CUSTOM_JITSI, 'jitsi'],
    ['Whereby', 'https://whereby.com', 'whereby'],
  ])(
    'the content script in the top frame of a %s tab, for its page context only',
    (_name, origin, host) => {
      const from = classify(contentScript(origin));
      expect(from).toEqual({ kind: 'content-script', tabId: 7, host, origin });
      expect(mayAsk(from, 'page-context')).toBe(true);
      expect(mayAsk(from, 'sync-port')).toBe(false);
    },
  );

  test('the side panel (no tab) and the options page (a tab), for the sync port', () => {
    const options: SenderInfo = {
      id: ID,
      tab: { id: 3 },
      frameId: 0,
      url: `${SELF.origin}/options.html`,
      origin: SELF.origin,
    };
    expect(classify(sidePanel)).toEqual({ kind: 'extension-page', tabId: null });
    expect(classify(options)).toEqual({ kind: 'extension-page', tabId: 3 });
    expect(mayAsk(classify(sidePanel), 'sync-port')).toBe(true);
    // A page context names its tab and origin through the sender: only a content script's means anything.
    expect(mayAsk(classify(options), 'page-context')).toBe(false);
  });

  test("Firefox's pages, by the install's own moz-extension origin", () => {
    const firefox = selfOf({
      id: 'tandem@tandem-mentoring',
      getURL: (p) => `moz-extension://0b6e5c9a-2f1d-4c3e-9a8b-7d6e5f4a3b2c/${p}`,
    });
    const sidebar = {
      id: firefox.id,
      url: `${firefox.origin}/sidepanel.html`,
      origin: firefox.origin,
    };
    expect(classifySender(sidebar, firefox, hosts).kind).toBe('extension-page');
    const otherInstall = {
      ...sidebar,
      origin: 'moz-extension://11111111-2222-3333-4444-555555555555',
    };
    expect(classifySender(otherInstall, firefox, hosts).kind).toBe('refused');
  });

  test('an own page without an origin, by its URL under the own origin only', () => {
    expect(classify({ ...sidePanel, origin: undefined }).kind).toBe('extension-page');
    expect(
      classify({ ...sidePanel, origin: undefined, url: `chrome-extension://${'z'.repeat(32)}/x` })
        .kind,
    ).toBe('refused');
    // A prefix of the origin is not the origin.
    expect(classify({ ...sidePanel, origin: undefined, url: `${SELF.origin}evil/x` }).kind).toBe(
      'refused',
    );
  });
});

describe('whom the background refuses', () => {
  const meet = contentScript('https://meet.google.com');
  test.each<[string, SenderInfo]>([
    ['a spoofed id', { ...meet, id: `${ID}x` }],
    ['another extension', { ...meet, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }],
    ['another extension’s page', { ...sidePanel, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }],
    ['a web page (no extension id)', { ...meet, id: undefined }],
    ['a web page claiming the extension origin', { origin: SELF.origin, url: `${SELF.origin}/` }],
    ['an iframe in a host page', { ...meet, frameId: 2 }],
    ['a sender without a frame', { ...meet, frameId: undefined }],
    ['no tab', { ...meet, tab: undefined }],
    ['a negative tab id', { ...meet, tab: { id: -1 } }],
    ['a fractional tab id', { ...meet, tab: { id: 1.5 } }],
    ['a content script of a page Tandem does not read', contentScript('https://evil.example')],
    [
      'a host URL with a foreign origin (about:blank or srcdoc inheriting it)',
      { ...meet, origin: 'https://evil.example' },
    ],
    ['a host URL sandboxed to the opaque origin', { ...meet, origin: 'null' }],
    ['a missing origin, whatever the URL says', { ...meet, origin: undefined }],
    ['an http host', contentScript('http://meet.google.com')],
    ['a host origin with a path', { ...meet, origin: 'https://meet.google.com/' }],
    ['a look-alike host', contentScript('https://meet.google.com.evil.example')],
    ['a Zoom look-alike', contentScript('https://evilzoom.us')],
    ['a Jitsi server the user did not grant', contentScript('https://jitsi.other.example')],
    ['an empty sender', {}],
  ])('%s', (_name, sender) => {
    const from = classify(sender);
    expect(from.kind).toBe('refused');
    for (const request of ['page-context', 'sync-port'] satisfies Request[]) {
      expect(mayAsk(from, request)).toBe(false);
    }
  });
});
