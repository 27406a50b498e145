import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import {
  classifySender,
  type HostLookup,
  mayAsk,
  type Self,
  type Sender,
  type SenderInfo,
} from '../../utils/background/sender';
import { acceptContextMessage } from '../../utils/background/tab-contexts';
import {
  acceptedSender,
  PANEL_COMMAND_KEY,
  panelCommandMessage,
  parseTabContext,
  type Request,
  SYNC_PORT,
  syncPortMessage,
  type TabContext,
  tabContextKey,
} from '../../utils/messaging';
import { watchTabContext } from '../../utils/panel/tab';
import type { PageContext } from '../../utils/schema/page-context';
import { type PortLike, startBackgroundSync } from '../../utils/sync/background-sync';

/**
 * Every channel of utils/messaging.ts, one describe each: what its receiver accepts, and that
 * a spoofed or malformed message changes nothing.
 */

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const SELF: Self = { id: EXT, origin: `chrome-extension://${EXT}` };
const hosts: HostLookup = {
  hostForOrigin: (origin) => (origin === 'https://meet.google.com' ? 'google-meet' : undefined),
};
const classify = (sender: SenderInfo) => classifySender(sender, SELF, hosts);

const meet: PageContext = {
  host: 'google-meet',
  kind: 'call',
  url: 'https://meet.google.com/abc-defg-hij',
  meeting: { title: 'Mentoring', meetingCode: 'abc-defg-hij', inCall: true, attendees: [] },
};
const contentScript: SenderInfo = {
  id: EXT,
  tab: { id: 7 },
  frameId: 0,
  url: meet.url,
  origin: 'https://meet.google.com',
};
const panel: SenderInfo = { id: EXT, url: `${SELF.origin}/sidepanel.html`, origin: SELF.origin };
const optionsTab: SenderInfo = {
  id: EXT,
  tab: { id: 3 },
  frameId: 0,
  url: `${SELF.origin}/options.html`,
  origin: SELF.origin,
};
const otherExtension: SenderInfo = { ...panel, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' };
/** A web page's script pretending to be the content script: no extension id, a foreign origin. */
const webPage: SenderInfo = {
  tab: { id: 7 },
  frameId: 0,
  url: 'https://evil.example/',
  origin: 'https://evil.example',
};

describe('each request is accepted from the one kind of sender the table names', () => {
  const senders: [string, SenderInfo][] = [
    ['a content script', contentScript],
    ['the side panel', panel],
    ['the options page', optionsTab],
    ['another extension', otherExtension],
    ['a web page', webPage],
  ];
  test.each(senders)('%s', (_name, info) => {
    const from: Sender = classify(info);
    for (const request of Object.keys(acceptedSender) as Request[]) {
      expect(mayAsk(from, request), request).toBe(from.kind === acceptedSender[request]);
    }
  });

  test('the table: page contexts from content scripts, the sync port from extension pages', () => {
    expect(acceptedSender).toEqual({
      'page-context': 'content-script',
      'sync-port': 'extension-page',
    });
  });
});

describe('page-context (content script → background)', () => {
  test('a well-formed report from the content script of its own host is applied', () => {
    expect(
      acceptContextMessage({ type: 'page-context', context: meet }, contentScript, SELF, hosts),
    ).toEqual({ tabId: 7, context: meet });
    expect(
      acceptContextMessage({ type: 'page-context', context: null }, contentScript, SELF, hosts),
    ).toEqual({ tabId: 7, context: null });
  });

  test.each<[string, unknown, SenderInfo]>([
    ['from an extension page', { type: 'page-context', context: meet }, panel],
    ['from another extension', { type: 'page-context', context: meet }, otherExtension],
    ['from a web page', { type: 'page-context', context: meet }, webPage],
    ['of another type', { type: 'panel-command', context: meet }, contentScript],
    ['without a context', { type: 'page-context' }, contentScript],
    [
      'with a context that does not parse',
      { type: 'page-context', context: { host: 'google-meet' } },
      contentScript,
    ],
    [
      'for another host',
      { type: 'page-context', context: { ...meet, host: 'zoom' } },
      contentScript,
    ],
    ['not an object', 'page-context', contentScript],
  ])('a report %s is dropped', (_name, message, sender) => {
    expect(acceptContextMessage(message, sender, SELF, hosts)).toBeNull();
  });
});

describe('sync-port (panel, options page → background)', () => {
  function fakePort(name: string) {
    const listeners: ((message: unknown) => void)[] = [];
    let disconnected = false;
    const port: PortLike = {
      name,
      onMessage: { addListener: (listener) => listeners.push(listener) },
      disconnect: () => {
        disconnected = true;
      },
    };
    return {
      port,
      send: (message: unknown) => {
        for (const listener of listeners) listener(message);
      },
      disconnected: () => disconnected,
    };
  }

  beforeEach(() => fakeBrowser.reset());

  test('the panel’s pings keep the port open; anything else closes it', () => {
    const sync = startBackgroundSync({ create: () => undefined });
    const open = fakePort(SYNC_PORT);
    sync.onConnect(open.port, classify(panel));
    open.send({ type: 'ping' });
    expect(open.disconnected()).toBe(false);
    open.send({ type: 'sync-everything-now', pairId: 'x' });
    expect(open.disconnected()).toBe(true);
  });

  test.each<[string, string, SenderInfo]>([
    ['a content script', SYNC_PORT, contentScript],
    ['another extension', SYNC_PORT, otherExtension],
    ['a web page', SYNC_PORT, webPage],
    ['an extension page, under another name', 'tandem-admin', panel],
  ])('a port opened by %s is closed unheard', (_name, name, info) => {
    const sync = startBackgroundSync({ create: () => undefined });
    const port = fakePort(name);
    sync.onConnect(port.port, classify(info));
    expect(port.disconnected()).toBe(true);
  });

  test('a ping is the only message', () => {
    expect(syncPortMessage.safeParse({ type: 'ping' }).success).toBe(true);
    expect(syncPortMessage.safeParse({ type: 'pong' }).success).toBe(false);
    expect(syncPortMessage.safeParse(null).success).toBe(false);
  });
});

describe('tab-context (background → panel, storage.session)', () => {
  const stored: TabContext = { context: meet, callStartedAt: 1_000, updatedAt: 2_000 };

  beforeEach(() => fakeBrowser.reset());

  test('what the background stores parses as it was', () => {
    expect(parseTabContext(stored)).toEqual(stored);
    expect(parseTabContext({ ...stored, callStartedAt: null })).toEqual({
      ...stored,
      callStartedAt: null,
    });
  });

  test.each<[string, unknown]>([
    ['nothing', null],
    ['no context', { callStartedAt: null, updatedAt: 1 }],
    ['a context that does not parse', { ...stored, context: { ...meet, kind: 'video' } }],
    ['a start time that is not a number', { ...stored, callStartedAt: 'now' }],
    ['no update time', { context: meet, callStartedAt: null }],
  ])('%s reads as no context', (_name, value) => {
    expect(parseTabContext(value)).toBeNull();
  });

  test('the panel shows a stored context, and no context for something that does not parse', async () => {
    const key = tabContextKey(7);
    const seen: (TabContext | null)[] = [];
    await storage.setItem(key, stored);
    const stop = watchTabContext(7, (context) => seen.push(context));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await storage.setItem(key, { context: 'https://evil.example', callStartedAt: 0, updatedAt: 0 });
    await storage.removeItem(key);
    stop();
    expect(seen).toEqual([stored, null, null]);
  });
});

describe('panel-command (background → panels, storage.session)', () => {
  const command = {
    type: 'panel-command',
    id: 'press-1',
    command: 'add-action-item',
    windowId: 1,
    tabId: 7,
    at: 5,
  };

  test('a command the background relays parses as it was', () => {
    expect(PANEL_COMMAND_KEY).toBe('session:panel-command');
    expect(panelCommandMessage.parse(command)).toEqual(command);
  });

  test.each<[string, unknown]>([
    ['a command the panel does not have', { ...command, command: 'delete-everything' }],
    ['no id', { ...command, id: '' }],
    ['a tab id that is not a whole number', { ...command, tabId: 1.5 }],
    ['another message type', { ...command, type: 'page-context' }],
  ])('%s does not parse', (_name, value) => {
    expect(panelCommandMessage.safeParse(value).success).toBe(false);
  });
});
