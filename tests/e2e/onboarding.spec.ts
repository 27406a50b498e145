import { afterEach, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { createPair } from './panel-page';

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

test('a new user is told what Tandem does, how to start, where it works and where data lives; dismissed, it stays away', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  const intro = page.getByTestId('onboarding');
  await intro.waitFor();
  const text = await intro.textContent();
  expect(text).toContain('goals, agenda, notes, action items and reflective questions');
  expect(text).toContain('Create a pair');
  expect(text).toContain('Join a shared pair');
  // How to start is in the first screen of a 360 × 640 panel; the rest is a click away.
  await page.setViewportSize({ width: 360, height: 640 });
  for (const name of ['Create a pair', 'Join a shared pair']) {
    const box = await intro.getByRole('button', { name }).boundingBox();
    expect(box && box.y + box.height).toBeLessThan(640);
  }
  expect((await intro.boundingBox())?.height).toBeLessThan(560);
  await intro.getByRole('button', { name: 'Create a pair' }).click();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
    .toBe('title');
  for (const site of [
    'Google Calendar',
    'Outlook',
    'Google Meet',
    'Zoom',
    'Microsoft Teams',
    'Jitsi Meet',
    'Whereby',
  ]) {
    expect(text).toContain(site);
  }
  expect(text).toContain('IndexedDB');
  expect(text).toContain('Private notes and reflections never leave it');
  // The pair form is right there under it.
  expect(await page.getByRole('heading', { name: 'New mentoring pair' }).isVisible()).toBe(true);

  // Joining a shared pair happens on the options page's sharing section.
  const opened = browser.context.waitForEvent('page');
  await page.getByRole('button', { name: 'Join a shared pair' }).click();
  const options = await opened;
  await options.waitForLoadState();
  expect(options.url()).toBe(`chrome-extension://${browser.extensionId}/options.html#sharing`);
  await options.getByRole('form', { name: 'Join a pair' }).waitFor();
  await expect.poll(() => options.evaluate(() => document.activeElement?.id)).toBe('sharing');
  await options.close();

  await page.getByRole('button', { name: 'Got it' }).click();
  await expect.poll(() => intro.count()).toBe(0);
  await page.reload();
  await page.getByRole('heading', { name: 'New mentoring pair' }).waitFor();
  expect(await page.getByTestId('onboarding').count()).toBe(0);
  // The short welcome with the backup import stays.
  expect(await page.locator('summary', { hasText: 'Import a backup' }).isVisible()).toBe(true);
});

test('making a pair ends the introduction too, and help keeps what it said', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await page.getByTestId('onboarding').waitFor();
  await createPair(page, { title: 'First pair' });
  await page.getByRole('button', { name: 'Help' }).click();
  const help = page.getByTestId('help');
  await help.waitFor();
  expect(await help.textContent()).toContain('Where your data lives');
  expect(await help.textContent()).toContain('Whereby');

  const stored = await browser.context.serviceWorkers()[0]?.evaluate(async () => {
    const chromeApi = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser })
      .chrome;
    return (await chromeApi.storage.local.get('onboardingDismissed')).onboardingDismissed;
  });
  expect(stored).toBe(true);
});
