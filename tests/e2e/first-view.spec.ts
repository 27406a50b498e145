import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { addGoal, createPair } from './panel-page';

/*
 * The panel's first view paints from raw IndexedDB reads while its database layer (Dexie) loads
 * after it (docs/architecture.md, "The panel's first view"): what it shows, and what is done in
 * its first moments, must be exactly what the database holds, and a tab's view loads on intent.
 */

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => {
  await browser?.close({ removeProfile: true });
});

describe("the panel's first view", () => {
  test('shows the goals, loads the database layer after them, and keeps a goal added at once', async () => {
    const page = await browser.openPanel();
    await createPair(page, { title: 'Ana and Ben' });
    await addGoal(page, { title: 'Lead the launch' });
    const scripts: string[] = [];
    page.on('request', (request) => {
      const name = request.url().split('/').pop() ?? '';
      if (name.endsWith('.js')) scripts.push(name);
    });
    await page.reload();
    await expect.poll(() => page.getByText('Lead the launch').isVisible()).toBe(true);
    // Dexie arrives in a chunk of its own, loaded by the page once the first view has read.
    await expect.poll(() => scripts.some((name) => name.startsWith('live-layer-'))).toBe(true);
    // A goal added in the panel's first moments is stored (a write waits for Dexie).
    await page.reload();
    await page.getByRole('button', { name: 'Add goal' }).click();
    const form = page.getByRole('form', { name: 'New goal' });
    await form.getByLabel('Goal', { exact: true }).fill('Speak at the all-hands');
    await form.getByRole('button', { name: 'Add goal' }).click();
    await expect.poll(() => page.getByText('Speak at the all-hands').isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('goal').count()).toBe(2);
    await page.close();
  });

  // The same profile: a pair with goals (the test above).
  test('a tab’s view starts loading when the pointer is over the tab, before it is opened', async () => {
    const page = await browser.openPanel();
    await expect.poll(() => page.getByText('Lead the launch').isVisible()).toBe(true);
    const history = page.waitForRequest((request) => /\/history-[^/]*\.js$/.test(request.url()));
    await page.getByRole('tab', { name: 'History' }).hover();
    await history; // requested on hover, not on click
    await page.getByRole('tab', { name: 'History' }).click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'History', selected: true }).isVisible())
      .toBe(true);
    await page.locator('[data-lazy-loading]').first().waitFor({ state: 'detached' });
    await page.close();
  });
});
