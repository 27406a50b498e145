import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { describeViolations, runAxe } from './axe';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { addActionItem, addAgendaItem, createPair, openTab, readTable } from './panel-page';

/**
 * The mentee owns the relationship (issue 15, parts 2 and 5): goals are the mentee's, the mentee
 * drafts the agenda and the mentor suggests, Review lists the mentee first; a group's goals by
 * mentee, a peer pair's "Peer" labels. In a panel 380 px wide, light and dark.
 */

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

const SHOTS = '/tmp/shots-own15';
mkdirSync(SHOTS, { recursive: true });

/** Screenshots in light and dark; with `axe`, no axe violations in either scheme. */
async function shoot(page: Page, name: string, axe = false) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png`, fullPage: true });
    if (axe) {
      const result = await runAxe(page);
      expect(
        result.violations,
        `${name} (${scheme}):\n${describeViolations(result.violations)}`,
      ).toEqual([]);
      expect(result.passes).toContain('color-contrast');
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

async function setMyRole(page: Page, role: 'Mentor' | 'Mentee') {
  await openTab(page, 'Pair');
  await page.getByRole('button', { name: 'Edit pair' }).click();
  const form = page.getByRole('form', { name: /pair/i });
  await form.getByLabel(role, { exact: true }).check();
  await form.getByRole('button', { name: 'Save pair' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Edit pair' }).isVisible()).toBe(true);
}

const agendaTexts = (page: Page) =>
  page.getByTestId('agenda-item').locator('.item-text').allTextContents();

async function startPanel(): Promise<Page> {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await page.setViewportSize({ width: 380, height: 900 });
  await expect
    .poll(() => page.getByRole('heading', { name: 'New mentoring pair' }).isVisible())
    .toBe(true);
  return page;
}

async function addGoalFor(page: Page, title: string, owner?: string) {
  await openTab(page, 'Review');
  await page.getByRole('button', { name: 'Add goal' }).click();
  const form = page.getByRole('form', { name: 'New goal' });
  await form.getByLabel('Goal', { exact: true }).fill(title);
  if (owner) await form.locator('select[name="goal-owner"]').selectOption({ label: owner });
  await form.getByRole('button', { name: 'Add goal' }).click();
  await expect.poll(() => page.getByTestId('goal').filter({ hasText: title }).count()).toBe(1);
}

describe('the mentee owns the relationship', () => {
  test('the mentee drafts the agenda, the mentor sees who drafted it and suggests, the mentee accepts or declines', async () => {
    const page = await startPanel();
    await createPair(page, {
      title: 'Grace and Ana',
      model: 'one-to-one',
      myRole: 'mentee',
      members: [
        { name: 'Grace', role: 'mentor' },
        { name: 'Ana', role: 'mentee' },
      ],
    });

    // A goal is the mentee's by default, and says so.
    await openTab(page, 'Review');
    await page.getByRole('button', { name: 'Add goal' }).click();
    const goalForm = page.getByRole('form', { name: 'New goal' });
    expect(await goalForm.getByLabel('Owner').inputValue()).not.toBe('all');
    await goalForm.getByLabel('Goal', { exact: true }).fill('Lead a design review');
    await goalForm.getByRole('button', { name: 'Add goal' }).click();
    const goal = page.getByTestId('goal').filter({ hasText: 'Lead a design review' });
    await expect.poll(() => goal.getByTestId('goal-owner').textContent()).toBe('Owner: Ana');
    const pairs = await readTable(page, 'tandem', 'pairs');
    const members = (pairs[0]?.members ?? []) as { id: string; name: string }[];
    const ana = members.find((m) => m.name === 'Ana');
    expect((await readTable(page, 'tandem', 'goals'))[0]?.ownerIds).toEqual([ana?.id]);

    // As the mentee: invited to draft the agenda.
    await openTab(page, 'Prep');
    await expect
      .poll(() => page.getByTestId('agenda-draft-hint').textContent())
      .toBe('You draft the agenda; your mentor can suggest items.');
    await addAgendaItem(page, 'Feedback on my demo');
    await addAgendaItem(page, 'Next career step');
    expect(await page.getByTestId('suggestion-badge').count()).toBe(0);

    // As the mentor: "drafted by Ana", and what the mentor adds is a suggestion, after Ana's.
    await setMyRole(page, 'Mentor');
    await openTab(page, 'Prep');
    await expect
      .poll(() => page.locator('#agenda-heading').textContent())
      .toBe('Agenda — drafted by Ana');
    await expect
      .poll(() => page.getByTestId('agenda-draft-hint').textContent())
      .toContain('what you add is a suggestion');
    await addAgendaItem(page, 'Try a pre-mortem');
    await addAgendaItem(page, 'Salary talk');
    const suggestion = page.getByTestId('agenda-item').filter({ hasText: 'Try a pre-mortem' });
    await expect
      .poll(() => suggestion.getByTestId('suggestion-badge').textContent())
      .toBe('Suggestion');
    // The suggestion's name for a screen reader says it is one.
    expect(await suggestion.getByRole('checkbox').getAttribute('aria-label')).toBeNull();
    expect(await suggestion.locator('label').textContent()).toContain('Suggestion');
    expect(await agendaTexts(page)).toEqual([
      'Feedback on my demo',
      'Next career step',
      'Try a pre-mortem',
      'Salary talk',
    ]);
    // The mentor cannot accept their own suggestion.
    expect(await page.getByRole('button', { name: /^Accept suggestion/ }).count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'agenda-mentor', true);

    // Back as the mentee: one tap accepts, one declines.
    await setMyRole(page, 'Mentee');
    await openTab(page, 'Prep');
    await page.getByRole('button', { name: 'Accept suggestion Try a pre-mortem' }).waitFor();
    await shoot(page, 'agenda-mentee', true);
    await page.getByRole('button', { name: 'Accept suggestion Try a pre-mortem' }).click();
    await expect.poll(() => suggestion.getByTestId('suggestion-badge').count()).toBe(0);
    await page.getByRole('button', { name: 'Decline suggestion Salary talk' }).click();
    await expect
      .poll(() => agendaTexts(page))
      .toEqual(['Feedback on my demo', 'Next career step', 'Try a pre-mortem']);
    const stored = (await readTable(page, 'tandem', 'agendaItems')).filter((i) => !i.deleted);
    expect(stored.find((i) => i.text === 'Try a pre-mortem')?.suggestion).toBe(false);
    expect(stored.some((i) => i.text === 'Salary talk')).toBe(false);
  });

  test('Review lists the mentee’s commitments before the mentor’s', async () => {
    const page = await startPanel();
    await createPair(page, {
      title: 'Grace and Ana',
      myRole: 'mentor',
      members: [
        { name: 'Grace', role: 'mentor' },
        { name: 'Ana', role: 'mentee' },
      ],
    });
    await openTab(page, 'Live');
    await addActionItem(page, { text: 'Send the reading list', owner: 'Grace' });
    await addActionItem(page, { text: 'Draft the launch brief', owner: 'Ana' });
    await page.getByRole('button', { name: 'Session held — plan the next' }).click();
    await page.getByRole('button', { name: 'Yes, session held' }).click();
    await page.getByRole('button', { name: 'Undo: not held yet' }).waitFor();
    await openTab(page, 'Review');
    const rows = page.getByTestId('review-item').locator('.item-text');
    await expect
      .poll(() => rows.allTextContents())
      .toEqual(['Draft the launch brief', 'Send the reading list']);
  });

  test('a group lists goals by mentee, and each member can own an action item', async () => {
    const page = await startPanel();
    await createPair(page, {
      title: 'Design circle',
      model: 'group',
      myRole: 'mentor',
      members: [
        { name: 'Grace', role: 'mentor' },
        { name: 'Hal', role: 'mentor' },
        { name: 'Ana', role: 'mentee' },
        { name: 'Ben', role: 'mentee' },
        { name: 'Cem', role: 'mentee' },
      ],
    });
    await addGoalFor(page, 'Run a critique');
    await addGoalFor(page, 'Ship a portfolio', 'Ben');
    const groups = page.getByTestId('goal-group');
    await expect.poll(() => groups.locator('h3').allTextContents()).toEqual(['Ana', 'Ben', 'Cem']);
    expect(await groups.nth(0).getByTestId('goal').textContent()).toContain('Run a critique');
    expect(await groups.nth(1).getByTestId('goal').textContent()).toContain('Ship a portfolio');
    expect(await groups.nth(1).getByTestId('goal-owner').textContent()).toBe('Owner: Ben');
    expect(await groups.nth(2).textContent()).toContain('No goals yet.');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'group-goals', true);

    await openTab(page, 'Live');
    const owners = page
      .getByRole('form', { name: 'New action item' })
      .getByLabel('Owner')
      .locator('option');
    await expect
      .poll(() => owners.allTextContents())
      .toEqual(['Grace', 'Hal', 'Ana', 'Ben', 'Cem', 'All mentees', 'Everyone']);
    await addActionItem(page, { text: 'Share two sketches', owner: 'Cem' });
    expect(
      await page.getByTestId('action-item').filter({ hasText: 'Share two sketches' }).textContent(),
    ).toContain('Cem');
  });

  test('peers are both “Peer”, draft together, and own a new goal together', async () => {
    const page = await startPanel();
    await createPair(page, {
      title: 'Lena and Tom',
      model: 'peer',
      members: [
        { name: 'Lena', role: 'mentor' },
        { name: 'Tom', role: 'mentee' },
      ],
    });
    await addGoalFor(page, 'Give a lightning talk');
    await expect
      .poll(() => page.getByTestId('goal-owner').textContent())
      .toBe('Owner: Lena and Tom');
    await openTab(page, 'Prep');
    expect(await page.getByTestId('agenda-draft-hint').count()).toBe(0);
    await addAgendaItem(page, 'Swap drafts');
    expect(await page.getByTestId('suggestion-badge').count()).toBe(0);
    await openTab(page, 'Pair');
    await expect
      .poll(() => page.locator('.member-list .badge').allTextContents())
      .toEqual(['Peer', 'Peer']);
    await shoot(page, 'peer-pair');
  });

  test('reverse: the junior member is the mentor, and a new goal is the senior mentee’s', async () => {
    const page = await startPanel();
    await page.getByLabel('Mentoring model').selectOption('reverse');
    await expect
      .poll(() => page.getByTestId('model-hint').textContent())
      .toContain('the mentor is the one who shares what they know');
    await shoot(page, 'reverse-form');
    await createPair(page, {
      title: 'Jo and Vera',
      model: 'reverse',
      myRole: 'mentor',
      members: [
        { name: 'Jo (junior)', role: 'mentor' },
        { name: 'Vera (VP)', role: 'mentee' },
      ],
    });
    await addGoalFor(page, 'Use the new design tools');
    await expect.poll(() => page.getByTestId('goal-owner').textContent()).toBe('Owner: Vera (VP)');
    await openTab(page, 'Pair');
    await expect
      .poll(() => page.locator('.member-list li').allTextContents())
      .toEqual(['Jo (junior) Mentor', 'Vera (VP) Mentee']);
  });
});
