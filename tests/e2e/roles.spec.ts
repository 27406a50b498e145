import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { describeViolations, runAxe } from './axe';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { createPair, openTab, readTable } from './panel-page';

// The mentor's four roles (docs/mentor-roles.md), as a user meets them in the panel.

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

const SHOTS = '/tmp/shots-roles15';

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png`, fullPage: true });
    // What the screenshot shows passes axe, colour contrast included, in both schemes.
    const { violations } = await runAxe(page);
    expect(violations, `${name} (${scheme}):\n${describeViolations(violations)}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function addGoalWithRoles(page: Page, title: string, roles: string[]) {
  await page.getByRole('button', { name: 'Add goal' }).click();
  const form = page.getByRole('form', { name: 'New goal' });
  await form.getByLabel('Goal', { exact: true }).fill(title);
  const chips = form.getByRole('group', { name: 'Mentor roles this goal calls for' });
  for (const role of roles) await chips.getByRole('button', { name: role }).click();
  for (const role of roles) {
    expect(await chips.getByRole('button', { name: role }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  }
  await form.getByRole('button', { name: 'Add goal' }).click();
  await expect.poll(() => page.getByTestId('goal').filter({ hasText: title }).count()).toBe(1);
}

describe('the mentor’s four roles', () => {
  test('role needs in Prep, role notes and their balance, introductions carried, prompts by role', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await page.setViewportSize({ width: 380, height: 900 });
    await createPair(page, {
      title: 'Roles',
      members: [
        { name: 'Grace', role: 'mentor' },
        { name: 'Ada', role: 'mentee' },
      ],
    });

    // Goals say which roles they call for; Prep sums them up.
    await openTab(page, 'Review');
    await addGoalWithRoles(page, 'Lead a launch', ['Challenger', 'Connector']);
    await addGoalWithRoles(page, 'Speak up in reviews', ['Challenger']);
    expect(
      await page.getByTestId('goal').filter({ hasText: 'Lead a launch' }).textContent(),
    ).toContain('Challenger, Connector');
    await openTab(page, 'Prep');
    const needs = page.getByTestId('role-needs');
    await expect.poll(() => needs.textContent()).toContain('Challenger ×2, Connector ×1');

    // An introduction agreed in Prep, with a follow-up date already past.
    await page.getByLabel('Date and time').fill('2026-12-01T10:00');
    await page.getByLabel('Date and time').blur();
    await page.getByRole('button', { name: 'Add introduction' }).click();
    const form = page.getByRole('form', { name: 'New introduction' });
    await form.getByLabel('Who').fill('Dana Reyes');
    await form.getByLabel('Organisation or role (optional)').fill('Platform team');
    await form.getByLabel('Why this person').fill('Ran the last big migration');
    await form.getByLabel('Follow up by').fill('2020-01-15');
    await form.getByRole('button', { name: 'Add' }).click();
    const dana = page.getByTestId('introduction').filter({ hasText: 'Dana Reyes' });
    await expect.poll(() => dana.count()).toBe(1);
    expect(await dana.getByTestId('follow-up-due').isVisible()).toBe(true);
    await expect
      .poll(async () => (await readTable(page, 'tandem', 'introductions')).map((i) => i.who))
      .toEqual(['Dana Reyes']);
    await shoot(page, 'prep');

    // Review shows it too; the mentor marks it introduced.
    await openTab(page, 'Review');
    const inReview = page.getByTestId('introduction').filter({ hasText: 'Dana Reyes' });
    await expect.poll(() => inReview.count()).toBe(1);
    await inReview
      .getByLabel('Status of the introduction to Dana Reyes')
      .selectOption('introduced');
    await expect
      .poll(async () => (await readTable(page, 'tandem', 'introductions'))[0]?.status)
      .toBe('introduced');

    // The session is held: role notes, privately, in a few taps; the balance follows.
    await openTab(page, 'Live');
    await page.getByRole('button', { name: 'Session held — plan the next' }).click();
    await page.getByRole('button', { name: 'Yes, session held' }).click();
    await openTab(page, 'Review');
    const notes = page.getByTestId('role-notes');
    await notes.getByTestId('roles-used').getByRole('button', { name: 'Advisor' }).click();
    await notes.getByTestId('roles-used').getByRole('button', { name: 'Supporter' }).click();
    await notes.getByTestId('roles-needed').getByRole('button', { name: 'Challenger' }).click();
    await expect
      .poll(async () => {
        const [note] = await readTable(page, 'tandem-private', 'roleNotes');
        return note && [note.used, note.needed, note.visibility];
      })
      .toEqual([['advisor', 'supporter'], ['challenger'], 'private']);
    expect(await readTable(page, 'tandem', 'roleNotes')).toEqual([]);
    const table = page.getByTestId('role-balance-table');
    await expect.poll(() => table.locator('tr').nth(1).textContent()).toBe('Advisor1 of 10 of 1');
    expect(await table.locator('tr').nth(2).textContent()).toBe('Challenger0 of 11 of 1');
    expect(await page.getByTestId('role-balance').locator('svg').isVisible()).toBe(true);

    // Sharing it is an explicit choice.
    await notes.getByLabel('Share with my pair').check();
    await expect.poll(async () => (await readTable(page, 'tandem', 'roleNotes')).length).toBe(1);
    expect(await readTable(page, 'tandem-private', 'roleNotes')).toEqual([]);
    await expect
      .poll(() => notes.getByRole('status').textContent())
      .toBe('Your pair sees this note.');
    await notes.getByText('What the four roles mean').click();
    const meanings = notes.locator('details.role-meanings');
    await expect.poll(() => meanings.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await meanings.locator('dd').first().textContent()).toBe(
      'Shares lessons and experience',
    );
    await shoot(page, 'review');

    // The open introduction is carried to the next session's Prep, saying where it came from.
    await openTab(page, 'Prep');
    const carried = page.getByTestId('introduction').filter({ hasText: 'Dana Reyes' });
    await expect.poll(() => carried.count()).toBe(1);
    expect(await carried.textContent()).toContain('Agreed');

    // Prompts by role: every prompt shown serves the chosen role.
    const prompts = page.locator('section.prompts');
    await prompts.locator('select[name="prompt-mentor-role"]').selectOption({ label: 'Connector' });
    for (let i = 0; i < 3; i++) {
      await expect
        .poll(() => prompts.getByTestId('prompt-roles').textContent())
        .toContain('Connector');
      await prompts.getByRole('button', { name: 'Next prompt' }).click();
    }
    await prompts.locator('select[name="prompt-mentor-role"]').selectOption({ label: 'Supporter' });
    await expect
      .poll(() => prompts.getByTestId('prompt-roles').textContent())
      .toContain('Supporter');

    // A prompt of one's own, tagged with the role it serves, is found by that role.
    await prompts.getByText('Your own prompts').click();
    const own = prompts.getByRole('form', { name: 'Add your own prompt' });
    await own.getByLabel('Question').fill('Whom could you ask about the launch?');
    await own
      .getByRole('group', { name: 'Mentor roles it serves' })
      .getByRole('button', { name: 'Connector' })
      .click();
    await own.getByRole('button', { name: 'Add prompt' }).click();
    await expect
      .poll(async () => (await readTable(page, 'tandem', 'customPrompts'))[0]?.mentorRoles)
      .toEqual(['connector']);
    expect(await prompts.locator('.custom-list li').first().textContent()).toContain('Connector');
    await shoot(page, 'prep-carried');
  });
});

test('a German browser names the four roles in German, and the chart keeps long names readable', async () => {
  browser = await launchExtension({ lang: 'de' });
  const page = await browser.openPanel();
  await page.setViewportSize({ width: 360, height: 900 });
  await page.getByRole('button', { name: 'Verstanden' }).click();
  const form = page.getByRole('form', { name: 'Neues Mentoring-Tandem' });
  await form.getByLabel('Titel').fill('Sam ↔ Alex');
  await form.getByRole('button', { name: 'Tandem anlegen' }).click();
  await page.getByRole('tab', { name: 'Live' }).click();
  await page.getByRole('button', { name: 'Treffen hat stattgefunden – nächstes planen' }).click();
  await page.getByRole('button', { name: /^Ja/ }).click();
  await page.getByRole('tab', { name: 'Rückblick' }).click();
  const used = page.getByTestId('roles-used');
  for (const name of ['Berater/in', 'Herausforderer/in', 'Vernetzer/in', 'Unterstützer/in']) {
    await expect.poll(() => used.getByRole('button', { name }).isVisible()).toBe(true);
  }
  await used.getByRole('button', { name: 'Herausforderer/in' }).click();
  const table = page.getByTestId('role-balance-table');
  await expect
    .poll(() => table.locator('tr').nth(2).textContent())
    .toBe('Herausforderer/in1 von 10 von 1');
  // Nothing is wider than the panel.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await shoot(page, 'review-de');
});
