import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createPair, openTab, readTable } from './panel-page';
import { joinPair, sharePair, sharingHarness } from './sharing';

/**
 * Mentor and mentee share a pair through a real sidecar and answer the feedback on their last
 * session. Whoever submits first sees "Sealed — waiting"; the other browser holds the sealed
 * record and cannot read it; once both have submitted and synced, both see both sides.
 */

const harness = sharingHarness();
const SHOTS = '/tmp/shots-fb15';
const NARROW = { width: 380, height: 1100 };

const MENTOR = {
  helped: 'Hearing what Alex already tried',
  change: 'Start with the hardest topic',
  word: 'Candid',
  usefulness: '4 – very',
};
const MENTEE = {
  helped: 'Rehearsing the salary conversation',
  change: 'Less time on status updates',
  word: 'Clarifying',
  usefulness: '5 – extremely',
};

async function answer(panel: Page, answers: typeof MENTOR) {
  const form = panel.getByTestId('feedback-form');
  await form.getByLabel('What helped?').fill(answers.helped);
  await form.getByLabel('What would you change?').fill(answers.change);
  await form.getByLabel('One word for the session').fill(answers.word);
  await form.getByLabel(answers.usefulness).check();
  await form.getByRole('button', { name: 'Submit sealed' }).click();
}

const status = (panel: Page) => panel.getByTestId('feedback-status').textContent();
const theirs = (panel: Page) => panel.getByTestId('feedback-theirs');

/** Reopening the panel connects it to the background, which syncs every shared pair. */
async function syncByReopening(panel: Page) {
  await panel.reload();
  await expect
    .poll(() => panel.getByTestId('sync-status').textContent(), { timeout: 15_000 })
    .toBe('Synced');
  await openTab(panel, 'Review');
}

/** Syncs until the other side's answers show (a reveal may still be on its way up). */
async function syncUntilOpen(panel: Page, word: string) {
  await expect
    .poll(
      async () => {
        await syncByReopening(panel);
        const other = theirs(panel);
        return (await other.count()) > 0 ? other.textContent() : '';
      },
      { timeout: 40_000, interval: 500 },
    )
    .toContain(word);
}

async function shoot(panel: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    await panel.getByTestId('feedback').screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
  }
  await panel.emulateMedia({ colorScheme: 'light' });
}

describe('two-way feedback', () => {
  test('stays sealed until both have answered, then both read both', async () => {
    const mentor = await harness.launch();
    const mentee = await harness.launch();
    const mentorPanel = await mentor.openPanel();
    await mentorPanel.setViewportSize(NARROW);
    await createPair(mentorPanel, {
      title: 'Sam and Alex',
      myRole: 'mentor',
      members: [
        { name: 'Sam', role: 'mentor' },
        { name: 'Alex', role: 'mentee' },
      ],
    });
    // A session took place: Review offers feedback on it.
    await openTab(mentorPanel, 'Prep');
    await mentorPanel.getByLabel('Date and time').fill('2026-12-01T10:00');
    await mentorPanel.getByLabel('Date and time').blur();
    await openTab(mentorPanel, 'Live');
    await mentorPanel.getByRole('button', { name: 'Session held — plan the next' }).click();
    await mentorPanel.getByRole('button', { name: 'Yes, session held' }).click();
    await openTab(mentorPanel, 'Review');
    await expect.poll(() => mentorPanel.getByTestId('feedback-form').isVisible()).toBe(true);

    const { options: mentorOptions, code } = await sharePair(mentor, harness.proxy.url);
    await joinPair(mentee, code, mentorOptions);
    const menteePanel = await mentee.openPanel();
    await menteePanel.setViewportSize(NARROW);
    await openTab(menteePanel, 'Review');
    await expect
      .poll(() => menteePanel.getByTestId('feedback-form').isVisible(), { timeout: 15_000 })
      .toBe(true);

    // The mentor answers first: sealed, and waiting for the mentee.
    await mentorPanel.getByTestId('feedback-form').getByLabel(MENTOR.usefulness).check();
    await shoot(mentorPanel, '1-form');
    await answer(mentorPanel, MENTOR);
    await expect.poll(() => status(mentorPanel)).toBe('Sealed — waiting for Alex');
    expect(await mentorPanel.getByTestId('feedback-mine').textContent()).toContain(MENTOR.word);
    await shoot(mentorPanel, '2-sealed');
    const [sealed] = await readTable(mentorPanel, 'tandem', 'feedback');
    expect(JSON.stringify(sealed)).not.toContain(MENTOR.word);
    expect(sealed).toMatchObject({ side: 'mentor', revealedKey: null });

    // The mentee's browser receives the sealed record and can read nothing of it.
    await expect
      .poll(
        async () => {
          await syncByReopening(menteePanel);
          return status(menteePanel);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('Sam has submitted. Their answers open when you submit yours.');
    expect(await theirs(menteePanel).count()).toBe(0);
    const held = JSON.stringify(await readTable(menteePanel, 'tandem', 'feedback'));
    expect(held).toContain('"side":"mentor"');
    for (const text of [MENTOR.word, MENTOR.helped, MENTOR.change]) {
      expect(held).not.toContain(text);
      expect(await menteePanel.locator('body').textContent()).not.toContain(text);
      expect(harness.proxy.bodies.join('\n')).not.toContain(text);
    }

    // A draft stays in this browser, across a reload, and never syncs.
    await menteePanel.getByLabel('What helped?').fill(MENTEE.helped);
    await expect
      .poll(async () => JSON.stringify(await readTable(menteePanel, 'tandem', 'feedbackKeys')))
      .toContain(MENTEE.helped);
    await menteePanel.reload();
    await openTab(menteePanel, 'Review');
    await expect
      .poll(() => menteePanel.getByLabel('What helped?').inputValue())
      .toBe(MENTEE.helped);

    // The mentee answers: both have submitted, and after syncing each reads the other.
    await answer(menteePanel, MENTEE);
    await expect
      .poll(() => menteePanel.getByTestId('feedback-mine').textContent())
      .toContain(MENTEE.word);
    await syncUntilOpen(mentorPanel, MENTEE.word);
    await syncUntilOpen(menteePanel, MENTOR.word);
    expect(await theirs(mentorPanel).getByRole('heading').textContent()).toBe('Alex');
    expect(await theirs(menteePanel).getByRole('heading').textContent()).toBe('Sam');
    expect(await theirs(menteePanel).textContent()).toContain(MENTOR.helped);
    expect(await theirs(menteePanel).textContent()).toContain('4 of 5');
    await shoot(mentorPanel, '3-open-mentor');
    await shoot(menteePanel, '3-open-mentee');
    for (const text of [MENTOR.helped, MENTEE.helped]) {
      expect(harness.proxy.bodies.join('\n')).not.toContain(text);
    }

    // History shows the opened feedback of that session.
    await openTab(menteePanel, 'History');
    const entry = menteePanel.locator('details').filter({ hasText: 'Feedback' }).first();
    await expect.poll(() => menteePanel.locator('details').count()).toBeGreaterThan(0);
    for (const details of await menteePanel.locator('details').all())
      await details.evaluate((d) => {
        (d as HTMLDetailsElement).open = true;
      });
    await expect
      .poll(() => menteePanel.getByTestId('history-feedback').first().textContent())
      .toContain(MENTOR.word);
    expect(await entry.count()).toBeGreaterThan(0);
  }, 180_000);
});
