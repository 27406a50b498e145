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

/** Searches all pairs from the panel's search box; the hits shown, as text. */
async function searchFor(panel: Page, query: string): Promise<string> {
  const results = panel.getByTestId('search-results');
  // From an empty box, so no answer to an earlier query is read as this one's.
  await panel.getByRole('searchbox').fill('');
  await expect.poll(() => results.count()).toBe(0);
  await panel.getByRole('searchbox').fill(query);
  await expect.poll(() => results.getByRole('status').textContent()).toMatch(/found|Nothing/);
  return (await results.textContent()) ?? '';
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
    // An introduction agreed in Prep: search finds it by any of its words.
    await mentorPanel.getByRole('button', { name: 'Add introduction' }).click();
    const intro = mentorPanel.getByRole('form', { name: 'New introduction' });
    await intro.getByLabel('Who').fill('Dana Reyes');
    await intro.getByLabel('Why this person').fill('Ran the zeppelin migration');
    await intro.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => mentorPanel.getByTestId('introduction').count()).toBe(1);
    expect(await searchFor(mentorPanel, 'zeppel')).toContain('Introduction Dana Reyes');
    mkdirSync(SHOTS, { recursive: true });
    await mentorPanel
      .getByTestId('search-results')
      .screenshot({ path: `${SHOTS}/0-search-intro.png` });
    await mentorPanel.getByRole('searchbox').fill('');
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

    // Search finds nothing of the sealed answers, not even after the search index loaded them.
    for (const word of ['Candid', 'hardest', 'Alex already']) {
      expect(await searchFor(menteePanel, word)).toContain('Nothing found');
    }
    await menteePanel.getByRole('searchbox').fill('');
    await openTab(menteePanel, 'Review');

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

    // Now search finds the mentor's opened answers, and the mentee's own, in the mentee's panel;
    // their words are in the private search index only.
    const found = await searchFor(menteePanel, 'candid');
    expect(found).toContain('1 found.');
    expect(found).toContain(`Feedback ${MENTOR.helped}`);
    await menteePanel.getByTestId('search-results').screenshot({ path: `${SHOTS}/4-search.png` });
    expect(await searchFor(menteePanel, 'rehearsing salary')).toContain(MENTEE.helped);
    expect(JSON.stringify(await readTable(menteePanel, 'tandem', 'searchIndex'))).not.toMatch(
      /candid|rehearsing/,
    );
    expect(JSON.stringify(await readTable(menteePanel, 'tandem-private', 'searchIndex'))).toContain(
      'candid',
    );
    expect(await searchFor(mentorPanel, 'clarifying')).toContain(MENTEE.change);
    await mentorPanel.getByRole('searchbox').fill('');
    // Opening the hit shows the session in History, at the mentor's answers.
    await searchFor(menteePanel, 'candid');
    await menteePanel.getByTestId('search-hit').click();
    const target = menteePanel.locator('.feedback-side.search-target');
    await expect.poll(() => target.count(), { timeout: 10_000 }).toBe(1);
    expect(await target.textContent()).toContain(MENTOR.helped);
    await target.screenshot({ path: `${SHOTS}/5-search-opened.png` });
    await expect
      .poll(() =>
        menteePanel.evaluate(() => document.activeElement?.classList.contains('feedback-side')),
      )
      .toBe(true);
    await openTab(menteePanel, 'Review');

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

  test('in a group the panel asks which member you are, and your answers show under your name', async () => {
    const browser = await harness.launch();
    const panel = await browser.openPanel();
    await panel.setViewportSize(NARROW);
    await createPair(panel, {
      title: 'Career circle',
      model: 'group',
      myRole: 'mentee',
      members: [
        { name: 'Grace', role: 'mentor' },
        { name: 'Ana', role: 'mentee' },
        { name: 'Ben', role: 'mentee' },
      ],
    });
    await openTab(panel, 'Prep');
    await panel.getByLabel('Date and time').fill('2026-12-01T10:00');
    await panel.getByLabel('Date and time').blur();
    await openTab(panel, 'Live');
    await panel.getByRole('button', { name: 'Session held — plan the next' }).click();
    await panel.getByRole('button', { name: 'Yes, session held' }).click();
    await openTab(panel, 'Review');

    // Two mentees: the panel cannot know which one this is, so it asks before the form.
    const which = panel.getByTestId('feedback-which-member');
    await expect.poll(() => which.isVisible()).toBe(true);
    expect(await panel.getByTestId('feedback-form').count()).toBe(0);
    const select = which.getByLabel('Which member are you?');
    const choices = await select.locator('option').allTextContents();
    expect(choices).toEqual(['Ana', 'Ben']);
    await select.selectOption({ label: 'Ben' });
    await shoot(panel, 'group-1-which');
    await which.getByRole('button', { name: 'This is me' }).click();

    await expect.poll(() => panel.getByTestId('feedback-form').isVisible()).toBe(true);
    expect(await panel.getByTestId('feedback-as').textContent()).toContain('Answering as Ben');
    const [pair] = await readTable(panel, 'tandem', 'pairs');
    const ben = (pair as { members: { id: string; name: string }[] }).members.find(
      (m) => m.name === 'Ben',
    );
    expect(pair).toMatchObject({ myMemberId: ben?.id });

    await answer(panel, MENTEE);
    await expect.poll(() => status(panel)).toBe('Sealed — waiting for Ana and Grace');
    const mine = panel.getByTestId('feedback-mine');
    expect(await mine.getByRole('heading').textContent()).toBe('Ben (you)');
    expect(await mine.textContent()).toContain(MENTEE.word);
    await shoot(panel, 'group-2-sealed');

    // Kept per member: the record is Ben's, under Ben's id, sealed.
    const [record] = await readTable(panel, 'tandem', 'feedback');
    expect(record).toMatchObject({ memberId: ben?.id, side: 'mentee', revealedKey: null });
    expect((record as { id: string }).id.endsWith(`:${ben?.id}`)).toBe(true);
    expect(JSON.stringify(record)).not.toContain(MENTEE.word);

    // Opened by choice, History lists it under Ben's name too.
    panel.once('dialog', (dialog) => void dialog.accept());
    await panel.getByRole('button', { name: 'Open my answers now' }).click();
    await expect
      .poll(() => status(panel))
      .toBe('You opened your answers; the rest of the group can read them.');
    await openTab(panel, 'History');
    await expect.poll(() => panel.locator('details').count()).toBeGreaterThan(0);
    for (const details of await panel.locator('details').all())
      await details.evaluate((d) => {
        (d as HTMLDetailsElement).open = true;
      });
    const history = panel.getByTestId('history-feedback').first();
    await expect.poll(() => history.textContent()).toContain(MENTEE.word);
    expect(await history.getByRole('heading').first().textContent()).toBe('Ben (you)');

    // The pair form shows the pick too ("This is me"), and changing it there is kept locally.
    await openTab(panel, 'Pair');
    await panel.getByRole('button', { name: 'Edit pair' }).click();
    const form = panel.getByRole('form', { name: /pair/i });
    // Each radio is named after its member, so a screen reader tells them apart.
    const me = form.getByRole('radio', { name: /^This is me: / });
    await expect.poll(() => me.count()).toBe(3);
    expect(
      await form.getByRole('radio', { name: 'This is me: Ben', exact: true }).isChecked(),
    ).toBe(true);
    await form.getByRole('radio', { name: 'This is me: Ana', exact: true }).check();
    await form.getByRole('button', { name: 'Save pair' }).click();
    const ana = (pair as { members: { id: string; name: string }[] }).members.find(
      (m) => m.name === 'Ana',
    );
    await expect
      .poll(
        async () =>
          ((await readTable(panel, 'tandem', 'pairs'))[0] as { myMemberId?: string }).myMemberId,
      )
      .toBe(ana?.id);
  }, 120_000);
});
