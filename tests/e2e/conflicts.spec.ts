import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addAgendaItem, addGoal, addNote, createPair, openTab, readTable } from './panel-page';
import { joinPair, sharePair, sharingHarness } from './sharing';

/**
 * Mentor and mentee share a pair through a real sidecar, lose the network, and both rewrite the
 * same note, agenda item and goal. Back online, sync keeps the later text of each and a conflict
 * copy of the other; the panel asks for a choice, and each kind of choice is made there.
 */

const harness = sharingHarness();

const noteBox = (panel: Page) => panel.getByTestId('note').first().getByRole('textbox');
const agendaTexts = (panel: Page) =>
  panel.getByTestId('agenda-item').locator('.item-text').allTextContents();
const goalTitles = (panel: Page) => panel.locator('.goal-title').allTextContents();

/** Rewrites the shared note, the agenda item and the goal, as a person does in the panel. */
async function rewriteAll(panel: Page, who: string) {
  await openTab(panel, 'Live');
  await noteBox(panel).fill(`Alex drafts the brief (${who})`);
  await expect
    .poll(() => panel.getByTestId('note').first().getByTestId('save-status').textContent())
    .toBe('Saved');
  await panel.getByRole('button', { name: 'Edit agenda item Launch plan' }).click();
  await panel.getByLabel('Agenda item text').fill(`Launch plan (${who})`);
  await panel.getByLabel('Agenda item text').press('Enter');
  await expect.poll(() => agendaTexts(panel)).toEqual([`Launch plan (${who})`]);
  await openTab(panel, 'Review');
  await panel.getByRole('button', { name: 'Edit goal Lead the launch' }).click();
  const form = panel.getByRole('form', { name: 'Edit goal' });
  await form.getByLabel('Goal', { exact: true }).fill(`Lead the launch (${who})`);
  await form.getByRole('button', { name: 'Save goal' }).click();
  await expect.poll(() => goalTitles(panel)).toEqual([`Lead the launch (${who})`]);
}

/** Reopening the panel connects it to the background, which syncs every shared pair. */
async function syncByReopening(panel: Page) {
  await panel.reload();
  await expect
    .poll(() => panel.getByTestId('sync-status').textContent(), { timeout: 15_000 })
    .toBe('Synced');
}

/** The notice's heading, or null when the panel shows none (without waiting for one). */
async function notice(panel: Page): Promise<string | null> {
  const heading = panel.getByTestId('conflicts').getByRole('heading');
  return (await heading.count()) === 0 ? null : heading.textContent();
}

describe('edits made at the same time', () => {
  test('the panel shows both versions of each and resolves them: keep both, use the other, keep this version', async () => {
    const mentor = await harness.launch();
    const mentee = await harness.launch();

    const mentorPanel = await mentor.openPanel();
    await createPair(mentorPanel, { title: 'Sam and Alex', myRole: 'mentor' });
    await addGoal(mentorPanel, { title: 'Lead the launch' });
    await openTab(mentorPanel, 'Live');
    await addAgendaItem(mentorPanel, 'Launch plan');
    const note = await addNote(mentorPanel, 'shared', 'Alex drafts the brief');
    await expect.poll(() => note.getByTestId('save-status').textContent()).toBe('Saved');
    const { options: mentorOptions, code } = await sharePair(mentor, harness.proxy.url);
    await expect
      .poll(() => mentorPanel.getByTestId('sync-status').textContent(), { timeout: 10_000 })
      .toBe('Synced');
    await joinPair(mentee, code, mentorOptions);
    const menteePanel = await mentee.openPanel();
    await openTab(menteePanel, 'Live');
    await expect
      .poll(() => noteBox(menteePanel).inputValue(), { timeout: 10_000 })
      .toBe('Alex drafts the brief');
    await expect.poll(() => agendaTexts(menteePanel)).toEqual(['Launch plan']);

    // The network goes; both rewrite the same three texts, the mentor first.
    harness.proxy.disconnect();
    await rewriteAll(mentorPanel, 'mentor');
    await rewriteAll(menteePanel, 'mentee');

    // Back online: each pushes and pulls; the mentee's later texts win, the mentor's are kept.
    harness.proxy.reconnect();
    await syncByReopening(mentorPanel);
    await syncByReopening(menteePanel);
    await syncByReopening(mentorPanel);
    for (const panel of [mentorPanel, menteePanel]) {
      await expect
        .poll(() => notice(panel), { timeout: 10_000 })
        .toBe('3 edits made at the same time need a choice');
    }

    // Each copy says what it belongs to and shows both versions as text.
    const conflict = (name: RegExp) =>
      menteePanel.getByTestId('conflict').filter({ has: menteePanel.getByText(name) });
    const noteConflict = conflict(/^Shared note/);
    expect(
      await noteConflict.getByTestId('conflict-current').locator('.conflict-text').textContent(),
    ).toBe('Alex drafts the brief (mentee)');
    expect(
      await noteConflict.getByTestId('conflict-other').locator('.conflict-text').textContent(),
    ).toBe('Alex drafts the brief (mentor)');
    expect(await noteConflict.getByTestId('conflict-other').textContent()).toContain(
      'Made on the other device',
    );

    // Keep both: the note holds the mentee's text and then the mentor's.
    await noteConflict.getByRole('button', { name: 'Keep both' }).click();
    await expect
      .poll(() => notice(menteePanel))
      .toBe('2 edits made at the same time need a choice');
    await openTab(menteePanel, 'Live');
    await expect
      .poll(() => noteBox(menteePanel).inputValue())
      .toBe('Alex drafts the brief (mentee)\n\nAlex drafts the brief (mentor)');

    // Use the other: the agenda item takes the mentor's text.
    const agendaConflict = conflict(/^Agenda item/);
    expect(
      await agendaConflict.getByTestId('conflict-other').locator('.conflict-text').textContent(),
    ).toBe('Launch plan (mentor)');
    await agendaConflict.getByRole('button', { name: 'Use the other' }).click();
    await expect.poll(() => agendaTexts(menteePanel)).toEqual(['Launch plan (mentor)']);

    // Keep this version: the goal keeps the mentee's title, and the notice goes.
    const goalConflict = conflict(/^Goal title/);
    await goalConflict.getByRole('button', { name: 'Keep this version' }).click();
    await expect.poll(() => notice(menteePanel)).toBe(null);
    await openTab(menteePanel, 'Review');
    await expect.poll(() => goalTitles(menteePanel)).toEqual(['Lead the launch (mentee)']);

    // The copies are kept, marked resolved: nothing is lost.
    const copies = await readTable(menteePanel, 'tandem', 'conflicts');
    expect(copies.map((c) => [c.text, c.resolved]).sort()).toEqual([
      ['Alex drafts the brief (mentor)', true],
      ['Launch plan (mentor)', true],
      ['Lead the launch (mentor)', true],
    ]);

    // The choices sync: the mentor's panel ends with the same texts and no notice.
    await syncByReopening(menteePanel);
    await syncByReopening(mentorPanel);
    await expect.poll(() => notice(mentorPanel), { timeout: 10_000 }).toBe(null);
    await openTab(mentorPanel, 'Live');
    await expect
      .poll(() => noteBox(mentorPanel).inputValue())
      .toBe('Alex drafts the brief (mentee)\n\nAlex drafts the brief (mentor)');
    await expect.poll(() => agendaTexts(mentorPanel)).toEqual(['Launch plan (mentor)']);
    await openTab(mentorPanel, 'Review');
    await expect.poll(() => goalTitles(mentorPanel)).toEqual(['Lead the launch (mentee)']);
  }, 180_000);
});
