import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension, worker } from './fixtures';
import { openHostPage, serveFixture, storedContext, tabIdOf } from './hosts';

/**
 * The background believes a message only from the extension's own pages and from the content
 * script in the top frame of a host tab, by the sender's id and origin (utils/background/sender.ts). Here
 * the messages come from real contexts in a real Chromium: a web page's main world, Tandem's
 * content scripts (reached through the DevTools protocol, as a script that took over the
 * content script's world could speak), and the panel. The background replies to every message
 * once it is applied or dropped, so each test waits for that reply and then looks at what is
 * stored — no sleeping.
 */

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

const MEET_URL = 'https://meet.google.com/abc-defg-hij';
const CALENDAR_URL = 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23';
const FIXTURES = resolve(import.meta.dirname, '../fixtures/hosts');

/** A valid report of the Meet call, as the Meet content script would send it. */
const meetReport = {
  type: 'page-context',
  context: {
    host: 'google-meet',
    kind: 'call',
    url: MEET_URL,
    meeting: { title: 'Mentoring', meetingCode: 'abc-defg-hij', inCall: true, attendees: [] },
  },
};

/**
 * Open `url` in a new tab and hand back a way to run code in Tandem's content script there:
 * the isolated world Chromium creates for the extension (origin chrome-extension://<id>).
 */
async function withContentScript(b: ExtensionBrowser, url: string) {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  const worlds: { uniqueId: string; origin: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  await cdp.send('Runtime.enable');
  await page.goto(url);
  const own = `chrome-extension://${b.extensionId}`;
  await expect.poll(() => worlds.some((w) => w.origin === own)).toBe(true);
  const world = worlds.find((w) => w.origin === own)?.uniqueId as string;
  return {
    page,
    async run(expression: string): Promise<unknown> {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        uniqueContextId: world,
        expression,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description);
      return result.value;
    },
  };
}

/** Send a message as the context `run` speaks for, and wait for the background's reply. */
const send = (message: unknown) =>
  `chrome.runtime.sendMessage(${JSON.stringify(message)}).then(() => 'answered')`;

describe('whom the background believes', () => {
  test('a web page, even a host page, cannot reach the background at all', async () => {
    browser = await launchExtension();
    await browser.context.route('https://evil.example/', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Hi</h1>' }),
    );
    const evil = await browser.context.newPage();
    await evil.goto('https://evil.example/');
    const meet = await openHostPage(browser.context, MEET_URL, 'google-meet/in-call.html');
    // No externally_connectable: the pages' own scripts have no runtime to send with.
    for (const page of [evil, meet]) {
      const sendMessage = await page.evaluate(
        () =>
          typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome
            ?.runtime?.sendMessage,
      );
      expect(sendMessage).toBe('undefined');
    }
  });

  test('a Meet page sandboxed to an opaque origin is not believed, though its URL is Meet’s', async () => {
    browser = await launchExtension();
    const body = readFileSync(resolve(FIXTURES, 'google-meet/in-call.html'), 'utf8');
    // The page's own Content-Security-Policy sandboxes it: the URL stays Meet's, the origin
    // becomes "null". The content script still runs there (scripts match by URL) and reports;
    // the background refuses the sender by its origin — and would refuse the report anyway,
    // whose Meet URL is not of the sender's origin.
    await browser.context.route(MEET_URL, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': 'sandbox allow-scripts' },
        body,
      }),
    );
    const sandboxed = await withContentScript(browser, MEET_URL);
    expect(await sandboxed.page.evaluate(() => self.origin)).toBe('null');
    const tab = await tabIdOf(worker(browser), MEET_URL);

    expect(await sandboxed.run(send(meetReport))).toBe('answered');
    expect(await storedContext(worker(browser), tab)).toBeNull();
  });

  test('the Calendar content script cannot report a Meet call, and its own page stays shown', async () => {
    browser = await launchExtension();
    await serveFixture(browser.context, CALENDAR_URL, 'google-calendar/event-dialog.html');
    const calendarPage = await withContentScript(browser, CALENDAR_URL);
    const tab = await tabIdOf(worker(browser), CALENDAR_URL);
    const w = worker(browser);
    await expect
      .poll(async () => ((await storedContext(w, tab)) as { context?: { host?: string } })?.context)
      .toMatchObject({ host: 'google-calendar', url: CALENDAR_URL });

    expect(await calendarPage.run(send(meetReport))).toBe('answered');
    expect(await storedContext(w, tab)).toMatchObject({
      context: { host: 'google-calendar', url: CALENDAR_URL },
    });
  });

  test('the Meet content script is believed for its own call', async () => {
    browser = await launchExtension();
    await serveFixture(browser.context, MEET_URL, 'google-meet/in-call.html');
    const meet = await withContentScript(browser, MEET_URL);
    const tab = await tabIdOf(worker(browser), MEET_URL);
    const w = worker(browser);
    // First the script's own report of the page…
    await expect.poll(() => storedContext(w, tab)).not.toBeNull();

    // …then the message the other tests send, from the one sender allowed to send it: stored
    // by the time the reply comes.
    const renamed = {
      ...meetReport,
      context: {
        ...meetReport.context,
        meeting: { ...meetReport.context.meeting, title: 'Renamed' },
      },
    };
    expect(await meet.run(send(renamed))).toBe('answered');
    expect(await storedContext(w, tab)).toMatchObject({ context: renamed.context });
  });

  test('a content script cannot hold the sync port open', async () => {
    browser = await launchExtension();
    await serveFixture(browser.context, MEET_URL, 'google-meet/in-call.html');
    const meet = await withContentScript(browser, MEET_URL);
    // The background closes the port at once; a port it kept would never settle this.
    expect(
      await meet.run(`new Promise((resolve) => {
        const port = chrome.runtime.connect({ name: 'tandem-sync' });
        port.onDisconnect.addListener(() => resolve('closed by the background'));
      })`),
    ).toBe('closed by the background');
  });

  test('the panel, opened in a tab, cannot report a page context for its tab', async () => {
    browser = await launchExtension();
    const panel: Page = await browser.openPanel();
    const tab = await panel.evaluate(async () => (await chrome.tabs.getCurrent())?.id);
    expect(tab).toBeTypeOf('number');

    expect(
      await panel.evaluate(
        (message) => chrome.runtime.sendMessage(message).then(() => 'answered'),
        meetReport,
      ),
    ).toBe('answered');
    expect(await storedContext(worker(browser), tab as number)).toBeNull();
  });
});

declare const chrome: typeof import('wxt/browser').browser;
