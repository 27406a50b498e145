import type { Page } from 'playwright-core';
import { afterEach, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension, worker } from './fixtures';
import { addNote, createPair, openTab } from './panel-page';

declare const chrome: typeof import('wxt/browser').browser;

/**
 * Keyboard shortcuts. Automation cannot press the browser's own shortcuts, so the command path
 * starts where the background hands it on: the service worker leaves the same message
 * (storage.session "panel-command", utils/panel/commands.ts relayCommand) that its
 * commands.onCommand listener leaves. The panel's own keys are pressed for real.
 */

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

/** What the background's commands.onCommand listener leaves for the panels. */
async function sendCommand(b: ExtensionBrowser, message: Record<string, unknown>): Promise<void> {
  await worker(b).evaluate(
    (value) => chrome.storage.session.set({ 'panel-command': value }),
    message,
  );
}

let pressed = 0;
function command(name: string, extra: Record<string, unknown> = {}) {
  pressed += 1;
  return { type: 'panel-command', id: `press-${pressed}`, command: name, at: Date.now(), ...extra };
}

async function focusedName(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('name') ?? null);
}

test('the manifest declares the three shortcuts with their suggested keys', async () => {
  browser = await launchExtension();
  const commands = await worker(browser).evaluate(() => chrome.commands.getAll());
  expect(
    Object.fromEntries(commands.map((c) => [c.name, { key: c.shortcut, what: c.description }])),
  ).toEqual({
    // Chrome describes _execute_action by the action's title ("Open Tandem") itself.
    _execute_action: { key: 'Alt+Shift+U', what: '' },
    'add-action-item': { key: 'Alt+Shift+J', what: 'Add an action item' },
    'next-prompt': { key: 'Alt+Shift+K', what: 'Show the next prompt' },
  });
  // _execute_action opens the side panel because the toolbar icon does.
  const behavior = await worker(browser).evaluate(() => chrome.sidePanel.getPanelBehavior());
  expect(behavior.openPanelOnActionClick).toBe(true);
});

test('the "add an action item" command, from History, opens Live with the cursor in a new action item', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await createPair(page, { title: 'Shortcuts' });
  await openTab(page, 'History');
  await sendCommand(browser, command('add-action-item'));
  await expect.poll(() => focusedName(page)).toBe('action-text');
  expect(await page.getByRole('tab', { name: 'Live' }).getAttribute('aria-selected')).toBe('true');
  await page.keyboard.type('Send the slides');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.getByTestId('action-item').locator('.item-text').allTextContents())
    .toEqual(['Send the slides']);

  // From a search in progress too: the search gives way.
  await page.getByRole('searchbox').fill('slides');
  await page.getByTestId('search-results').waitFor();
  await sendCommand(browser, command('add-action-item'));
  await expect.poll(() => focusedName(page)).toBe('action-text');
  expect(await page.getByRole('searchbox').inputValue()).toBe('');
});

test('the "next prompt" command shows the next prompt; a malformed one or one for another window does nothing', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await createPair(page, { title: 'Prompts' });
  const prompt = page.getByTestId('current-prompt').locator('blockquote');
  await prompt.waitFor();
  const first = await prompt.textContent();

  await sendCommand(browser, command('next-prompt', { windowId: 987_654 }));
  await sendCommand(browser, { ...command('next-prompt'), command: 'delete-everything' });
  await sendCommand(browser, { ...command('next-prompt'), at: 'now' });
  // The panel hears the background's commands in the order they were left: once this one has
  // moved the prompt on, the three before it have been heard, and each move writes one state.
  await sendCommand(browser, command('next-prompt'));
  await expect.poll(() => prompt.textContent()).not.toBe(first);
  const states = await page.evaluate(
    () =>
      new Promise<unknown[]>((resolve) => {
        const open = indexedDB.open('tandem');
        open.onsuccess = () => {
          const request = open.result
            .transaction('promptStates')
            .objectStore('promptStates')
            .getAll();
          request.onsuccess = () => resolve(request.result);
        };
      }),
  );
  expect(states).toHaveLength(1);
});

test('the panel’s own keys work from anywhere in it, even while typing a note', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await createPair(page, { title: 'Panel keys' });
  await openTab(page, 'Live');
  const note = await addNote(page, 'private', 'Typing a note');
  await note.getByRole('textbox').focus();

  await page.keyboard.press('Alt+Shift+J');
  await expect.poll(() => focusedName(page)).toBe('action-text');
  // The key typed nothing into the note.
  expect(await note.getByRole('textbox').inputValue()).toBe('Typing a note');

  const prompt = page.getByTestId('current-prompt').locator('blockquote');
  const before = await prompt.textContent();
  await page.keyboard.press('Alt+Shift+K');
  await expect.poll(() => prompt.textContent()).not.toBe(before);
});

test('the help view lists the shortcuts as the browser has them and how to change them', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await createPair(page, { title: 'Help' });
  await page.getByRole('button', { name: 'Help' }).click();
  // Focus moves to the help's heading.
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Help');
  const table = page.getByTestId('shortcuts');
  const row = (name: string) => table.locator(`tr[data-command="${name}"]`);
  await expect.poll(() => row('_execute_action').textContent()).toContain('Alt+Shift+U');
  expect(await row('add-action-item').locator('td').allTextContents()).toEqual([
    'Alt+Shift+J',
    'Alt+Shift+J',
  ]);
  expect(await row('next-prompt').locator('th').textContent()).toBe('Show the next prompt');
  expect(await page.getByTestId('help').textContent()).toContain('chrome://extensions/shortcuts');

  // "Open shortcut settings" opens the browser's page for it.
  const opened = browser.context.waitForEvent('page');
  await page.getByRole('button', { name: 'Open shortcut settings' }).click();
  expect((await opened).url()).toBe('chrome://extensions/shortcuts');

  await page.getByRole('button', { name: 'Close help' }).click();
  await page.getByRole('tab', { name: 'Review' }).waitFor();
});
