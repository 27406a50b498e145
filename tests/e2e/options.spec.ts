import { readFileSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension, worker } from './fixtures';
import { serveFixture, tabIdOf } from './hosts';
import { addNote, createPair, openTab } from './panel-page';

declare const chrome: typeof import('wxt/browser').browser;

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

test('the options page says where data lives, what Tandem may access, and refuses a bad server address', async () => {
  browser = await launchExtension();
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await expect
    .poll(() => page.getByRole('heading', { name: 'Where your data lives' }).isVisible())
    .toBe(true);
  const granted = page.getByTestId('granted');
  await expect.poll(() => granted.textContent()).toContain('https://meet.google.com/*');
  expect(await granted.textContent()).toContain('sidePanel');

  await page.getByLabel('Jitsi server address').fill('http://jitsi.example.org');
  await page.getByRole('button', { name: 'Add server' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('Only https');
  await page.getByLabel('Jitsi server address').fill('meet.jit.si');
  await page.getByRole('button', { name: 'Add server' }).click();
  await expect
    .poll(() => page.getByRole('alert').textContent())
    .toContain('already read by Tandem');
  expect(await page.getByTestId('jitsi-servers').locator('li').count()).toBe(0);
});

test('a self-hosted Jitsi server, once allowed, is read like meet.jit.si', async () => {
  // The browser's own "Allow" prompt cannot be clicked by automation: the origin is granted at
  // install instead, and the options page's request then resolves without a prompt.
  browser = await launchExtension({ preGrantedOrigins: ['https://jitsi.example.org/*'] });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByLabel('Jitsi server address').fill('jitsi.example.org');
  await options.getByRole('button', { name: 'Add server' }).click();
  await expect
    .poll(() => options.getByTestId('jitsi-servers').textContent())
    .toContain('https://jitsi.example.org');
  expect(await options.getByText('Tandem now reads Jitsi').textContent()).toContain(
    'now reads Jitsi meetings',
  );

  const url = 'https://jitsi.example.org/PeerCircleNovember';
  await serveFixture(browser.context, url, 'jitsi/room.html');
  const room = await browser.context.newPage();
  await room.goto(url);
  const tab = await tabIdOf(worker(browser), url);
  const panel = await browser.openPanel(`?tab=${tab}`);
  await expect.poll(() => panel.getByTestId('meeting-card').textContent()).toContain('Jitsi Meet');
  expect(await panel.getByTestId('meeting-card').textContent()).toContain('Peer mentoring circle');

  // Removing the server stops reading there.
  await options.getByRole('button', { name: 'Remove https://jitsi.example.org' }).click();
  await expect.poll(() => options.getByTestId('jitsi-servers').locator('li').count()).toBe(0);
  const registered = await worker(browser).evaluate(() =>
    chrome.scripting.getRegisteredContentScripts(),
  );
  expect(registered).toEqual([]);
});

test('the options page backs up everything, lists the optional sites and the shortcuts', async () => {
  browser = await launchExtension();
  const panel = await browser.openPanel();
  await createPair(panel, { title: 'Backed up' });
  await openTab(panel, 'Live');
  await addNote(panel, 'private', 'Only mine');
  await expect.poll(() => panel.getByTestId('save-status').textContent()).toBe('Saved');

  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Back up and restore' }).waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download backup of everything' }).click();
  const file = await (await download).path();
  const backup = JSON.parse(readFileSync(file, 'utf8'));
  expect(backup.tables.pairs.map((p: { title: string }) => p.title)).toEqual(['Backed up']);
  expect(JSON.stringify(backup)).not.toContain('Only mine');
  await expect
    .poll(() => page.getByTestId('backup-status').textContent())
    .toContain('without private notes');

  const optional = page.getByTestId('optional-hosts');
  expect(await optional.locator('li').allTextContents()).toEqual([
    'https://*/* — one https site at a time: a Jitsi server or a sidecar',
    'http://127.0.0.1/* — a sidecar running on this computer',
    'http://localhost/* — a sidecar running on this computer',
  ]);
  await expect
    .poll(() => page.getByTestId('allowed-by-you').textContent())
    .toBe('You have not allowed any other site.');
  await expect
    .poll(() => page.getByTestId('shortcuts').locator('kbd').first().textContent())
    .toBe('Alt+Shift+U');
});
