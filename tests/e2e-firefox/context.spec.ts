import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EXTENSION_UUID, type FirefoxWithTandem, launchFirefox, serve } from './firefox';
import { aria, click, createPair, find, text } from './panel-page';

let firefox: FirefoxWithTandem | undefined;
afterEach(async () => {
  await firefox?.close();
  firefox = undefined;
});

const MEET_URL = 'https://meet.google.com/abc-defg-hij';
const ELSEWHERE_URL = 'https://www.example.org/';

// Firefox's WebExtension API, as seen inside an extension page.
declare const browser: typeof import('wxt/browser').browser & {
  sidebarAction: { getPanel(details: { tabId?: number }): Promise<string> };
};

describe('in context, in Firefox', () => {
  test('recognises a Google Meet call: the tab gets a sidebar panel of its own that opens Live, and a link to a pair is remembered', async () => {
    firefox = await launchFirefox();
    const home = await firefox.openPanel();
    await createPair(home, { title: 'Priya' });
    await createPair(home, { title: 'Jordan' });

    const meet = await firefox.browser.newPage();
    await serve(meet, {
      [MEET_URL]: readFileSync(
        resolve(import.meta.dirname, '../fixtures/hosts/google-meet/in-call.html'),
        'utf8',
      ),
      [ELSEWHERE_URL]: '<!doctype html><title>Elsewhere</title><p>Not a meeting.</p>',
    });
    await meet.goto(MEET_URL);
    const tabId = await firefox.tabIdOf(MEET_URL);

    // The background (a Firefox event page) believed the content script's report, kept it in
    // storage.session and gave the tab its own sidebar panel.
    await expect
      .poll(() =>
        firefox?.inExtension(
          async (key: string) => (await browser.storage.session.get(key))[key] ?? null,
          `tab-context:${tabId}`,
        ),
      )
      .toMatchObject({
        context: {
          host: 'google-meet',
          kind: 'call',
          meeting: { meetingCode: 'abc-defg-hij', title: 'Mentoring: Priya / Sam', inCall: true },
        },
      });
    const sidebarPanel = (id: number) =>
      firefox?.inExtension((tab: number) => browser.sidebarAction.getPanel({ tabId: tab }), id);
    await expect
      .poll(() => sidebarPanel(tabId))
      .toBe(`moz-extension://${EXTENSION_UUID}/sidepanel.html?tab=${tabId}`);

    // The panel of that tab shows the meeting; it matches no pair yet, so no pair's session is
    // shown (nothing typed there could land in the wrong pair) until it is linked.
    const live = await firefox.openPanel(`?tab=${tabId}`);
    const card = await find(live, '[data-testid="meeting-card"]');
    await expect.poll(() => card.evaluate((el) => el.textContent ?? '')).toContain('Google Meet');
    expect(await card.evaluate((el) => el.textContent ?? '')).toContain('Mentoring: Priya / Sam');
    // The panel's first script read the tab's context early, with Firefox's own `browser`
    // (utils/panel/early-reads.ts).
    const early = await live.evaluate(() =>
      JSON.stringify(
        (globalThis as unknown as { __tandemEarlyReads?: { tab?: unknown } }).__tandemEarlyReads
          ?.tab ?? null,
      ),
    );
    expect(early).toContain(`"tabId":${tabId}`);
    expect(early).toContain('Mentoring: Priya / Sam');
    const unmatched = await find(live, '[data-testid="meeting-unmatched"]');
    expect(await live.$$eval('[role="tab"]', (tabs) => tabs.length)).toBe(0);

    // Linked to Priya: Live opens with the meeting timer; the next time it is recognised at once.
    const choice = await find(unmatched, 'select[name="link-pair"]');
    const priya = await choice.evaluate(
      (select) =>
        [...(select as HTMLSelectElement).options].find((o) => o.textContent === 'Priya')?.value,
    );
    await choice.select(priya ?? '');
    await click(unmatched, aria('button', 'Link to pair'));
    await expect
      .poll(() => text(live, '[data-testid="meeting-match"]'))
      .toContain('you linked this meeting to this pair.');
    expect(await text(live, '[data-testid="meeting-match"]')).toContain('Priya');
    await expect
      .poll(() => live.$eval(aria('tab', 'Live'), (tab) => tab.getAttribute('aria-selected')))
      .toBe('true');
    await find(live, '[data-testid="meeting-timer"]');
    expect(await text(live, '[role="timer"]')).toMatch(/^\d+:\d\d$/);

    await meet.reload();
    const again = await firefox.openPanel(`?tab=${tabId}`);
    await expect.poll(() => text(again, '[data-testid="meeting-match"]')).toContain('Priya');

    // Leaving the meeting hosts: the tab's context is forgotten and it shows the default panel.
    await meet.goto(ELSEWHERE_URL);
    await expect
      .poll(() => sidebarPanel(tabId))
      .toBe(`moz-extension://${EXTENSION_UUID}/sidepanel.html`);
    expect(
      await firefox.inExtension(
        async (key: string) => (await browser.storage.session.get(key))[key] ?? null,
        `tab-context:${tabId}`,
      ),
    ).toBeNull();
  });
});
