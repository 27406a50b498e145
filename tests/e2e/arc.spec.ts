import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { addGoal, createPair, openTab } from './panel-page';

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

const SHOTS = '/tmp/shots-arc15';
const ENDORSEMENT = 'Ana takes feedback gracefully and turns it into action within a week.';
const SECRET = 'I doubted I could mentor three people at once';

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const currentStep = (page: Page) =>
  page
    .getByRole('list', { name: 'Phases of the relationship' })
    .locator('[aria-current="step"]')
    .textContent();

describe("the relationship's arc", () => {
  test('a group goes from its agreement to closing and the mentee keeps a progress record', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await page.setViewportSize({ width: 380, height: 900 });
    await createPair(page, {
      title: 'Design circle',
      model: 'group',
      myRole: 'mentor',
      members: [
        { name: 'Cleo', role: 'mentor' },
        { name: 'Ana', role: 'mentee' },
        { name: 'Ben', role: 'mentee' },
      ],
    });

    // The agreement's dates: the mid-point follows start and end until picked.
    await openTab(page, 'Pair');
    await page.getByRole('button', { name: 'Edit pair' }).click();
    await page.getByLabel('Start date').fill('2026-10-01');
    await page.getByLabel('End date').fill('2027-03-31');
    expect(await page.getByLabel('Mid-point review').inputValue()).toBe('2026-12-30');
    await page.getByLabel('Mid-point review').fill('2027-01-12');
    await page.getByLabel('End date').fill('2027-04-01');
    expect(await page.getByLabel('Mid-point review').inputValue()).toBe('2027-01-12');
    await page.getByRole('button', { name: 'Save pair' }).click();

    await openTab(page, 'Review');
    await expect.poll(() => currentStep(page)).toBe('Agreement');
    await expect
      .poll(() => page.getByTestId('arc-milestone').textContent())
      .toMatch(/^Mid-point review on .*12.*2027/);
    await addGoal(page, { title: 'Run a critique session' });
    await shoot(page, 'review-agreement');

    // A phase's agenda template: a round of check-ins, one per member, never twice.
    await openTab(page, 'Prep');
    await page.getByRole('button', { name: 'Agenda template' }).click();
    const picker = page.getByTestId('arc-picker');
    await picker.getByLabel('Template for').selectOption('progress');
    await picker.getByRole('button', { name: 'Use the template for Making progress' }).click();
    await expect
      .poll(() => picker.getByRole('status').textContent())
      .toBe('Added 6 items to the agenda.');
    const agenda = () => page.getByTestId('agenda-item').allTextContents();
    await expect
      .poll(agenda)
      .toEqual(
        [
          'Check-in: Cleo',
          'Check-in: Ana',
          'Check-in: Ben',
          'Review of actions',
          'Goal focus',
          'Next steps',
        ].map((text) => expect.stringContaining(text)),
      );
    await picker.getByRole('button', { name: 'Use the template for Making progress' }).click();
    await expect
      .poll(() => picker.getByRole('status').textContent())
      .toBe('Everything in this template is already on the agenda.');
    expect(await page.getByTestId('agenda-item').count()).toBe(6);
    await shoot(page, 'prep-template');
    await picker.getByRole('button', { name: 'Close' }).click();

    // Moving on, one phase at a time, each confirmed, to closing.
    await openTab(page, 'Review');
    for (const next of ['Setting direction', 'Making progress', 'Winding down', 'Closing']) {
      await page.getByRole('button', { name: `Move on to “${next}”` }).click();
      await page.getByRole('button', { name: 'Move on', exact: true }).click();
      await expect.poll(() => currentStep(page)).toBe(next);
    }
    await expect
      .poll(() => page.getByTestId('arc-milestone').textContent())
      .toMatch(/^Closing session on /);

    // The closing form: outcomes, learnings (one private, one shared), what next, endorsement.
    const closing = page.getByTestId('closing');
    await closing.getByLabel('Status of Run a critique session').selectOption('achieved');
    await closing
      .getByLabel('What was achieved: Run a critique session')
      .fill('Ran two critiques with the whole team');
    await closing.getByRole('button', { name: 'Add what I learned' }).click();
    await expect.poll(() => closing.getByTestId('my-learning').count()).toBe(1);
    await closing.getByTestId('my-learning').nth(0).getByLabel('What I learned').fill(SECRET);
    await closing.getByRole('button', { name: 'Add what I learned' }).click();
    await expect.poll(() => closing.getByTestId('my-learning').count()).toBe(2);
    const second = closing.getByTestId('my-learning').nth(1);
    await second.getByLabel('What I learned').fill('Groups learn fastest from each other');
    await second.getByLabel('Share with the pair').check();
    await closing.getByLabel('What comes next').fill('Ana runs the next circle');
    await closing.getByLabel('Who else could the mentee learn from?').fill('Dana from research');
    await closing.getByLabel("The mentor's endorsement").fill(ENDORSEMENT);
    await expect
      .poll(async () =>
        (await page.locator('.closing .save-status').allTextContents()).every((s) => s === 'Saved'),
      )
      .toBe(true);
    await expect
      .poll(async () => {
        const rows = await page.evaluate(async () => {
          const open = indexedDB.open('tandem');
          const db: IDBDatabase = await new Promise((resolve) => {
            open.onsuccess = () => resolve(open.result);
          });
          const read = (name: string) =>
            new Promise<unknown[]>((resolve) => {
              const request = db.transaction(name).objectStore(name).getAll();
              request.onsuccess = () => resolve(request.result);
            });
          const result = { learnings: await read('learnings'), closings: await read('closings') };
          db.close();
          return JSON.stringify(result);
        });
        return (
          rows.includes('Groups learn fastest') &&
          rows.includes('Ana runs the next circle') &&
          rows.includes('Dana from research') &&
          rows.includes(ENDORSEMENT) &&
          !rows.includes(SECRET)
        );
      })
      .toBe(true);
    await shoot(page, 'review-closing-mentor');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      closing.getByRole('button', { name: 'Download progress record' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('progress-record-design-circle.md');
    const markdown = readFileSync(await download.path(), 'utf8');
    expect(markdown).toContain('# Progress record: Design circle');
    expect(markdown).toContain(`> ${ENDORSEMENT}`);
    expect(markdown).toContain('Ran two critiques with the whole team');
    expect(markdown).toContain('- Groups learn fastest from each other');
    expect(markdown).toContain('Dana from research');
    expect(markdown).not.toContain(SECRET);

    // The printable page: the same record, as text, with a Print button.
    const opened = browser.context.waitForEvent('page');
    await closing.getByRole('button', { name: 'Printable page' }).click();
    const printable = await opened;
    await printable.setViewportSize({ width: 400, height: 900 });
    await expect
      .poll(() => printable.getByRole('heading', { level: 1 }).textContent())
      .toBe('Progress record: Design circle');
    const body = await printable.getByTestId('progress-record').textContent();
    expect(body).toContain(ENDORSEMENT);
    expect(body).not.toContain(SECRET);
    expect(await printable.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
    await shoot(printable, 'printable');
    await printable.close();

    // As the mentee: the endorsement is the mentor's to write, shown as written.
    await openTab(page, 'Pair');
    await page.getByRole('button', { name: 'Edit pair' }).click();
    await page.getByRole('radio', { name: 'Mentee', exact: true }).check();
    await page.getByRole('button', { name: 'Save pair' }).click();
    await openTab(page, 'Review');
    await expect.poll(() => closing.locator('blockquote').textContent()).toBe(ENDORSEMENT);
    expect(await closing.getByLabel("The mentor's endorsement").count()).toBe(0);
    // The mentor's shared learning is there; the private one stays the mentor's.
    expect(await closing.textContent()).toContain('Groups learn fastest from each other');
    expect(await closing.textContent()).not.toContain(SECRET);
    await shoot(page, 'review-closing-mentee');
  }, 120_000);
});

test('moving on by keyboard: Enter asks, Escape or Cancel closes the question, focus returns', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await page.setViewportSize({ width: 360, height: 900 });
  await createPair(page, { title: 'Keys pair', myRole: 'mentor' });
  await openTab(page, 'Review');
  const moveTo = page.getByRole('button', { name: 'Move on to “Setting direction”' });
  const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
  await moveTo.focus();
  await page.keyboard.press('Enter');
  // The question takes focus on its answer.
  await expect.poll(focused).toBe('Move on');
  await page.keyboard.press('Escape');
  await expect
    .poll(() => page.getByRole('button', { name: 'Move on', exact: true }).count())
    .toBe(0);
  await expect.poll(focused).toBe('Move on to “Setting direction”');
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('Move on');
  await page.keyboard.press('Tab');
  await expect.poll(focused).toBe('Cancel');
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('Move on to “Setting direction”');
  // Answering yes moves on, and focus lands on the next step's button.
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('Move on');
  await page.keyboard.press('Enter');
  await expect.poll(() => currentStep(page)).toBe('Setting direction');
  await expect.poll(focused).toBe('Move on to “Making progress”');
});
