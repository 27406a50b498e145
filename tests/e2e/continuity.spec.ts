import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import {
  addActionItem,
  addAgendaItem,
  addGoal,
  addNote,
  createPair,
  holdSession,
  openTab,
  readTable,
} from './panel-page';

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

describe('between and across sessions', () => {
  test('reviewing last session’s action items: done, carried over to the next agenda (with its chain), dropped', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Continuity' });
    await openTab(page, 'Prep');
    await page.getByLabel('Date and time').fill('2026-11-24T10:00');
    await page.getByLabel('Date and time').blur();
    await openTab(page, 'Live');
    await addActionItem(page, { text: 'Send the deck', owner: 'Mentee' });
    await addActionItem(page, { text: 'Book a mock interview', owner: 'Mentee' });
    await addActionItem(page, { text: 'Read the book', owner: 'Both' });
    await holdSession(page);

    await openTab(page, 'Review');
    const rows = page.getByTestId('review-item');
    await expect.poll(() => rows.count()).toBe(3);
    const row = (text: string) => rows.filter({ hasText: text });
    await row('Send the deck').getByRole('button', { name: 'Done' }).click();
    // By key: with focus on the row (any of its buttons), press c to carry it over.
    await row('Book a mock interview').getByRole('button', { name: 'Done' }).focus();
    await page.keyboard.press('c');
    await row('Read the book').getByRole('button', { name: 'Drop' }).click();
    await expect
      .poll(() => row('Send the deck').getByTestId('review-state').textContent())
      .toBe('Done');
    await expect
      .poll(() => row('Book a mock interview').getByTestId('review-state').textContent())
      .toBe('Carried over');
    await expect
      .poll(() => row('Read the book').getByTestId('review-state').textContent())
      .toBe('Dropped');

    // The carried item is on the next session's agenda, saying where it comes from.
    await openTab(page, 'Prep');
    const carried = page.getByTestId('agenda-item').filter({ hasText: 'Book a mock interview' });
    await expect.poll(() => carried.count()).toBe(1);
    expect(await carried.getByTestId('carried-from').textContent()).toMatch(/^from .*2026/);
    const actions = await readTable(page, 'tandem', 'actionItems');
    expect(Object.fromEntries(actions.map((a) => [a.text, a.status]))).toEqual({
      'Send the deck': 'done',
      'Book a mock interview': 'open',
      'Read the book': 'dropped',
    });

    // Carried again and again: after the third time, it says the commitment has stalled.
    for (let round = 2; round <= 3; round += 1) {
      await holdSession(page);
      await openTab(page, 'Review');
      await row('Book a mock interview').getByRole('button', { name: 'Carry over' }).click();
      await expect
        .poll(() => row('Book a mock interview').getByTestId('carry-count').textContent())
        .toContain(`Carried over ${round} times`);
    }
    expect(await row('Book a mock interview').getByTestId('carry-count').textContent()).toContain(
      'stalled commitment',
    );
    // Undo: reopening takes it off the next agenda again.
    await row('Book a mock interview').getByRole('button', { name: 'Drop' }).click();
    await openTab(page, 'Prep');
    await expect
      .poll(() =>
        page.getByTestId('agenda-item').filter({ hasText: 'Book a mock interview' }).count(),
      )
      .toBe(0);
  });

  test('search finds a word typed in a note, as you type, marked safely', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Searchable' });
    await openTab(page, 'Live');
    const note = await addNote(page, 'shared', 'A moment of serendipity <b>at</b> the offsite');
    await expect.poll(() => note.getByTestId('save-status').textContent()).toBe('Saved');
    const privateNote = await addNote(page, 'private', 'Serene about the promotion');
    await expect.poll(() => privateNote.getByTestId('save-status').textContent()).toBe('Saved');
    const search = page.getByLabel(/Search notes/);
    await search.pressSequentially('seren', { delay: 20 });
    const hits = page.getByTestId('search-hit');
    await expect.poll(() => hits.count()).toBe(2);
    expect(await page.getByTestId('search-results').textContent()).toContain('Searchable');
    // The part of each word that matched is marked, whatever its case.
    expect((await hits.locator('mark').allTextContents()).sort()).toEqual(['Seren', 'seren']);
    // Text from the note stays text: its <b> is not an element.
    expect(await hits.locator('b').count()).toBe(0);
    expect(await page.getByTestId('search-results').textContent()).toContain('<b>at</b>');
    await search.fill('serendipity offsite');
    await expect.poll(() => hits.count()).toBe(1);
    expect((await hits.locator('mark').allTextContents()).sort()).toEqual([
      'offsite',
      'serendipity',
    ]);
    await search.fill('nothing-like-this');
    await expect
      .poll(() => page.getByTestId('search-results').textContent())
      .toContain('Nothing found');
    await search.press('Escape');
    await expect.poll(() => page.getByTestId('search-results').count()).toBe(0);

    // A hit opens its session in History, scrolled to the note, highlighted and focused.
    await search.fill('serendipity');
    await hits.first().getByRole('button').click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'History' }).getAttribute('aria-selected'))
      .toBe('true');
    const target = page.locator('.search-target');
    await expect.poll(() => target.count()).toBe(1);
    expect(await target.textContent()).toContain('serendipity');
    await expect.poll(() => target.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await target.isVisible()).toBe(true);
  });

  test('search ranks notes first, and shown results follow changes made in another window', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Airships' });
    await openTab(page, 'Prep');
    for (let i = 1; i <= 14; i += 1) await addAgendaItem(page, `Zeppelin topic ${i}`);
    await openTab(page, 'Live');
    const note = await addNote(page, 'shared', 'A zeppelin over the harbour');
    await expect.poll(() => note.getByTestId('save-status').textContent()).toBe('Saved');

    const search = page.getByLabel(/Search notes/);
    await search.pressSequentially('zepp', { delay: 20 });
    const hits = page.getByTestId('search-hit');
    const status = page.getByTestId('search-results').getByRole('status');
    // Fifteen: the first twelve in the first frame, the rest right after.
    await expect.poll(() => hits.count()).toBe(15);
    expect(await status.textContent()).toBe('15 found.');
    // The note first (notes rank above agenda items), its word marked.
    expect(await hits.first().textContent()).toContain('A zeppelin over the harbour');

    // Another window adds a note with the word and removes one agenda item: the results shown
    // here follow without a keystroke.
    const other = await browser.openPanel();
    await openTab(other, 'Live');
    await expect.poll(() => other.getByTestId('note').count()).toBe(1);
    const second = await addNote(other, 'private', 'Zeppelins need calm weather');
    await expect.poll(() => second.getByTestId('save-status').textContent()).toBe('Saved');
    await expect.poll(() => hits.count()).toBe(16);
    await expect
      .poll(() => hits.filter({ hasText: 'Zeppelins need calm weather' }).textContent())
      .toContain('Note · private');
    await openTab(other, 'Prep');
    const item = other.getByTestId('agenda-item').filter({ hasText: 'Zeppelin topic 14' });
    await item.getByRole('button', { name: /Remove/ }).click();
    await expect.poll(() => hits.count()).toBe(15);
    expect(await page.getByTestId('search-results').textContent()).not.toContain(
      'Zeppelin topic 14',
    );
    expect(await status.textContent()).toBe('15 found.');
  });

  test('after a session: reflections saved privately or shared, the history shows it, goals show their progress', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Reflective', myRole: 'mentee' });
    await addGoal(page, { title: 'Speak up in meetings', progress: 20 });
    await openTab(page, 'Live');
    await addNote(page, 'shared', 'We practised the opening line');
    await holdSession(page);
    // Progress moves; the next session is held too.
    await openTab(page, 'Review');
    await page.getByRole('button', { name: 'Edit goal Speak up in meetings' }).click();
    await page
      .getByRole('form', { name: 'Edit goal' })
      .getByLabel(/^Progress/)
      .fill('45');
    await page.getByRole('button', { name: 'Save goal' }).click();
    await holdSession(page);

    await openTab(page, 'Review');
    const offers = page.locator('.prompt-offer');
    await expect.poll(() => offers.count()).toBeGreaterThanOrEqual(2);
    await offers.first().getByRole('button', { name: 'Answer' }).click();
    const reflection = page.getByTestId('reflection');
    await expect.poll(() => reflection.count()).toBe(1);
    await reflection.getByRole('textbox').fill('I learned to pause before answering');
    await expect.poll(() => reflection.getByRole('status').textContent()).toBe('Saved');
    expect((await readTable(page, 'tandem-private', 'reflections')).map((r) => r.answer)).toEqual([
      'I learned to pause before answering',
    ]);
    // Sharing a private answer asks first, like a note.
    await reflection.getByRole('button', { name: 'Share with the pair…' }).click();
    await reflection.getByRole('button', { name: 'Share answer' }).click();
    await expect
      .poll(async () =>
        (await readTable(page, 'tandem', 'reflections'))
          .filter((r) => !r.deleted)
          .map((r) => r.answer),
      )
      .toEqual(['I learned to pause before answering']);

    await openTab(page, 'History');
    const sessions = page.getByTestId('history-session');
    await expect.poll(() => sessions.count()).toBe(3);
    await expect
      .poll(() => page.getByTestId('history').textContent())
      .toContain('We practised the opening line');
    const chart = page.getByTestId('progress-chart');
    expect(await chart.locator('svg').getAttribute('aria-label')).toBe(
      'Speak up in meetings: 20% → 45% → 45%',
    );
  });

  test('nudges: an action item past due, dismissed, all switched off and back on', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Rhythm' });
    await openTab(page, 'Live');
    await addActionItem(page, { text: 'Send the CV', due: '2020-01-10' });
    await addActionItem(page, { text: 'Call the recruiter', due: '2020-02-10' });
    await openTab(page, 'Review');
    const nudges = page.getByTestId('nudges');
    await expect.poll(() => nudges.locator('li').count()).toBe(2);
    expect(await nudges.textContent()).toContain('“Send the CV” was due');
    await nudges.getByRole('button', { name: /Dismiss: “Send the CV”/ }).click();
    await expect.poll(() => nudges.locator('li').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByTestId('nudges').locator('li').count()).toBe(1);
    // Switched off in the Pair tab, and back on: a setting is as easy to take back as to make.
    await openTab(page, 'Pair');
    const show = page.getByRole('checkbox', { name: /Show reminders/ });
    await show.uncheck();
    await openTab(page, 'Review');
    await expect.poll(() => page.getByTestId('nudges').count()).toBe(0);
    await openTab(page, 'Pair');
    await show.check();
    await page.getByRole('button', { name: 'Show 1 dismissed reminder again' }).click();
    await openTab(page, 'Review');
    await expect.poll(() => page.getByTestId('nudges').locator('li').count()).toBe(2);
    // Nothing far-reaching is the first stop after the tabs: the first is a reminder's Dismiss.
    await page.getByRole('tab', { name: 'Review' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Dismiss');
  });
});

describe('export and import', () => {
  test('a backup exported, the profile wiped, the backup imported: everything is back', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, {
      title: 'Backed up',
      members: [{ name: 'Kim', email: 'kim@example.org', role: 'mentor' }],
    });
    await addGoal(page, { title: 'Ship the portfolio', progress: 60 });
    await openTab(page, 'Live');
    await addNote(page, 'shared', 'Shared words to keep');
    const secret = await addNote(page, 'private', 'Private words to keep');
    await expect.poll(() => secret.getByTestId('save-status').textContent()).toBe('Saved');
    await addActionItem(page, { text: 'Update the CV', owner: 'Mentee', due: '2026-12-01' });

    await openTab(page, 'Pair');
    await page
      .getByLabel(
        'Include my private notes, reflections, role notes, learnings and feedback drafts',
      )
      .check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download backup of everything' }).click(),
    ]);
    const file = await download.path();
    expect(download.suggestedFilename()).toMatch(/^tandem-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const before = {
      pairs: await readTable(page, 'tandem', 'pairs'),
      goals: await readTable(page, 'tandem', 'goals'),
      notes: await readTable(page, 'tandem', 'notes'),
      privateNotes: await readTable(page, 'tandem-private', 'notes'),
      actionItems: await readTable(page, 'tandem', 'actionItems'),
    };
    const { readFileSync } = await import('node:fs');
    const backupText = readFileSync(file, 'utf8');
    await browser.close({ removeProfile: true });

    // A new, empty profile: import from the first screen.
    browser = await launchExtension();
    const fresh = await browser.openPanel();
    await fresh.getByText('Moving from another browser? Import a backup').click();
    await fresh.locator('input[type="file"]').setInputFiles({
      name: 'tandem-backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(backupText),
    });
    await expect.poll(() => fresh.getByTestId('goal').count()).toBe(1);
    expect(await fresh.getByTestId('goal').textContent()).toContain('Ship the portfolio');
    const after = {
      pairs: await readTable(fresh, 'tandem', 'pairs'),
      goals: await readTable(fresh, 'tandem', 'goals'),
      notes: await readTable(fresh, 'tandem', 'notes'),
      privateNotes: await readTable(fresh, 'tandem-private', 'notes'),
      actionItems: await readTable(fresh, 'tandem', 'actionItems'),
    };
    expect(after).toEqual(before);
    await openTab(fresh, 'Live');
    await expect
      .poll(() =>
        fresh
          .getByTestId('note')
          .getByRole('textbox')
          .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)),
      )
      .toEqual(['Shared words to keep', 'Private words to keep']);

    // The same file again adds nothing; a broken file is refused and changes nothing.
    await openTab(fresh, 'Pair');
    const input = fresh.locator('input[name="import"]').last();
    await input.setInputFiles({
      name: 'again.json',
      mimeType: 'application/json',
      buffer: Buffer.from(backupText),
    });
    await expect
      .poll(() => fresh.getByTestId('import-status').last().textContent())
      .toContain('0 added');
    await input.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"tandem-backup","version":7}'),
    });
    await expect
      .poll(() => fresh.getByTestId('import-errors').textContent())
      .toContain('made by a newer Tandem (backup format 7');
    expect(await readTable(fresh, 'tandem', 'goals')).toEqual(before.goals);
  });

  test('without the tick, a backup carries no private words; the session summary is ready to send', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Summary' });
    await openTab(page, 'Prep');
    await addAgendaItemAndTick(page, 'Portfolio review');
    await openTab(page, 'Live');
    await addNote(page, 'shared', 'Decision: apply to two roles this month');
    await addNote(page, 'shared', 'We mapped the stakeholders');
    const secret = await addNote(page, 'private', 'my-private-secret');
    await expect.poll(() => secret.getByTestId('save-status').textContent()).toBe('Saved');
    await addActionItem(page, { text: 'Apply to Acme', owner: 'Mentee', due: '2026-12-05' });
    await page.getByRole('button', { name: 'Session summary to send' }).click();
    const summary = page.getByTestId('summary-text');
    await expect.poll(() => summary.inputValue()).toContain('apply to two roles this month');
    const text = await summary.inputValue();
    expect(text).toContain('Portfolio review');
    expect(text).toContain('Apply to Acme');
    // Shared notes are in it too, and the panel says what goes in.
    expect(text).toContain('We mapped the stakeholders');
    expect(await page.getByTestId('summary-rule').textContent()).toContain(
      'Private notes are never',
    );
    expect(text).not.toContain('my-private-secret');
    expect(text).not.toContain('**');

    await openTab(page, 'Pair');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download backup of everything' }).click(),
    ]);
    const { readFileSync } = await import('node:fs');
    const json = readFileSync(await download.path(), 'utf8');
    expect(json).toContain('apply to two roles');
    expect(json).not.toContain('my-private-secret');
  });
});

async function addAgendaItemAndTick(page: Page, text: string) {
  await page.getByLabel('New agenda item').fill(text);
  await page.getByLabel('New agenda item').press('Enter');
  const item = page.getByTestId('agenda-item').filter({ hasText: text });
  await item.getByRole('checkbox').check();
  await expect.poll(() => item.getByRole('checkbox').isChecked()).toBe(true);
}
