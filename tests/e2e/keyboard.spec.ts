import type { Page } from 'playwright-core';
import { afterEach, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

/** Press Tab until the focused control has this accessible label; fails after 80 presses. */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.getAttribute('aria-label');
      const wrapping = el.closest('label')?.textContent;
      const byFor = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return (labelled ?? byFor ?? wrapping ?? el.textContent ?? '').trim();
    });
    if (typeof name === 'string' ? label === name : name.test(label)) return;
  }
  throw new Error(`Tab never reached a control named ${String(name)}`);
}

async function focusOutline(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? getComputedStyle(el).outlineStyle : 'none';
  });
}

test('a whole first session can be run with the keyboard alone, with visible focus', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await page.getByRole('heading', { name: 'New mentoring pair' }).waitFor();

  await tabTo(page, /^Title/);
  expect(await focusOutline(page)).not.toBe('none');
  await page.keyboard.type('Keyboard pair');
  await tabTo(page, 'Create pair');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'Review' }).waitFor();

  // Goals: add one.
  await tabTo(page, 'Add goal');
  await page.keyboard.press('Enter');
  await tabTo(page, /^Goal/);
  await page.keyboard.type('Speak at the all-hands');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.locator('.goal-title').allTextContents())
    .toEqual(['Speak at the all-hands']);

  // Tabs follow the arrow keys.
  await page.getByRole('tab', { name: 'Review' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect
    .poll(() => page.getByRole('tab', { name: 'Live' }).getAttribute('aria-selected'))
    .toBe('true');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Live');

  // Agenda: add two items, tick one with Space, move one with Enter on its button.
  await tabTo(page, 'New agenda item');
  await page.keyboard.type('Outline the talk');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Rehearsal plan');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(2);
  await page.getByRole('tab', { name: 'Live' }).focus();
  await tabTo(page, 'Outline the talk');
  await page.keyboard.press('Space');
  await expect
    .poll(() => page.getByTestId('agenda-item').first().getByRole('checkbox').isChecked())
    .toBe(true);
  await tabTo(page, 'Move agenda item Rehearsal plan up');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.getByTestId('agenda-item').locator('.item-text').allTextContents())
    .toEqual(['Rehearsal plan', 'Outline the talk']);

  // A note, typed and saved.
  await tabTo(page, 'Add private note');
  await page.keyboard.press('Enter');
  // The new note takes the focus: type straight away.
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
  await page.keyboard.type('Nervous about the Q&A');
  await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Saved');

  // An action item.
  await tabTo(page, 'New action item');
  await page.keyboard.type('Send the outline to Sam');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.getByTestId('action-item').locator('.item-text').allTextContents())
    .toEqual(['Send the outline to Sam']);
  expect(await focusOutline(page)).not.toBe('none');
});

test('every control in the panel has a name', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await page.getByLabel('Title').fill('Names');
  await page.getByRole('button', { name: 'Create pair' }).click();
  for (const tab of ['Prep', 'Live', 'Review', 'Pair']) {
    await page.getByRole('tab', { name: tab }).click();
    if (tab === 'Prep') await page.getByRole('button', { name: 'Add goal' }).click();
    if (tab === 'Live') await page.getByRole('button', { name: 'Add shared note' }).click();
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, textarea, [role="tab"]')]
        .filter((el) => {
          const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
          const label =
            el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
          const text = el.tagName === 'BUTTON' && el.textContent?.trim();
          return !labelled && !label && !text;
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unnamed, `unnamed controls on ${tab}`).toEqual([]);
  }
});
