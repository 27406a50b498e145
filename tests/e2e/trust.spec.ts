import type { Page } from 'playwright-core';
import { afterEach, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { panelBesideHostPage } from './hosts';
import {
  addActionItem,
  addAgendaItem,
  addGoal,
  createPair,
  openTab,
  readTable,
} from './panel-page';

/**
 * The panel a mentor trusts: every word lands where it was meant, nothing is done by accident.
 * Each test here failed before its fix.
 */

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

const ZOOM_URL = 'https://app.zoom.us/wc/83412345678/join?fromPWA=1&pwd=Zm9vYmFy';

async function pairId(page: Page, title: string): Promise<string> {
  const pairs = await readTable(page, 'tandem', 'pairs');
  const found = pairs.find((p) => p.title === title);
  if (!found) throw new Error(`no pair ${title}`);
  return String(found.id);
}

test('a call that matches no pair shows no pair’s session; a note lands in the pair it is linked to', async () => {
  browser = await launchExtension();
  const home = await browser.openPanel();
  await createPair(home, { title: 'Lena & Tom mentoring' });
  await createPair(home, { title: 'Priya ↔ Sam' });
  const priya = await pairId(home, 'Priya ↔ Sam');
  const lena = await pairId(home, 'Lena & Tom mentoring');

  const panel = await panelBesideHostPage(browser, ZOOM_URL, 'zoom/web-client.html');
  const card = panel.getByTestId('meeting-unmatched');
  await card.waitFor();
  await expect.poll(() => card.textContent()).toContain("no pair's notes are shown");
  // Nothing to type into: no modes, no notes, no agenda, no action items.
  expect(await panel.getByRole('tab').count()).toBe(0);
  expect(await panel.getByRole('textbox').count()).toBe(0);
  expect(await panel.getByRole('button', { name: /Add (private|shared) note/ }).count()).toBe(0);

  // Linked to Lena & Tom: Live for that pair, and the note is Lena & Tom's.
  await card
    .getByLabel('Pair to link this meeting to')
    .selectOption({ label: 'Lena & Tom mentoring' });
  await card.getByRole('button', { name: 'Link to pair' }).click();
  await expect
    .poll(() => panel.getByRole('tab', { name: 'Live' }).getAttribute('aria-selected'))
    .toBe('true');
  expect(await panel.getByRole('combobox', { name: 'Current pair' }).inputValue()).toBe(lena);
  await panel.getByRole('button', { name: 'Add shared note' }).click();
  await panel.getByTestId('note').getByRole('textbox').fill('Tom wants to switch teams');
  await expect
    .poll(async () => (await readTable(panel, 'tandem', 'notes')).map((n) => [n.pairId, n.body]))
    .toEqual([[lena, 'Tom wants to switch teams']]);
  expect((await readTable(panel, 'tandem', 'notes')).some((n) => n.pairId === priya)).toBe(false);

  // Another pair picked by hand while the call is on screen: its history, never its session.
  await panel.getByRole('combobox', { name: 'Current pair' }).selectOption(priya);
  await openTab(panel, 'Live');
  await panel.getByTestId('meeting-elsewhere').waitFor();
  expect(await panel.getByRole('button', { name: /Add (private|shared) note/ }).count()).toBe(0);
});

test('“Not a mentoring meeting” shows the pairs as if no meeting were on screen, and can be taken back', async () => {
  browser = await launchExtension();
  const home = await browser.openPanel();
  await createPair(home, { title: 'Priya ↔ Sam' });
  const panel = await panelBesideHostPage(browser, ZOOM_URL, 'zoom/web-client.html');
  await panel.getByRole('button', { name: 'Not a mentoring meeting' }).click();
  await expect
    .poll(() => panel.getByRole('tab', { name: 'Review' }).getAttribute('aria-selected'))
    .toBe('true');
  await panel.getByRole('button', { name: 'It is a mentoring meeting' }).click();
  await panel.getByTestId('meeting-unmatched').waitFor();
  expect(await panel.getByRole('tab').count()).toBe(0);
});

test('review after a session: sorted by due date, overdue said as in Live, carried rows full size, Prep lists each item once', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await createPair(page, { title: 'Order' });
  await openTab(page, 'Live');
  await addActionItem(page, { text: 'No date first' });
  await addActionItem(page, { text: 'Far future', due: '2099-01-01' });
  await addActionItem(page, { text: 'Long overdue', due: '2021-03-01' });
  await addActionItem(page, { text: 'No date second' });
  expect(
    await page
      .getByTestId('action-item')
      .filter({ hasText: 'Long overdue' })
      .locator('.overdue')
      .count(),
  ).toBe(1);
  await page.getByRole('button', { name: 'Session held — plan the next' }).click();
  await page.getByRole('button', { name: 'Yes, session held' }).click();
  await page.getByTestId('hold-done').waitFor();
  // A session without a date, and the next one planned without one, say so in words.
  expect(await page.getByTestId('hold-done').textContent()).toBe(
    'The session of no date is marked as held; the next is planned for no date.',
  );

  await openTab(page, 'Review');
  const rows = page.getByTestId('review-item');
  await expect
    .poll(() => rows.locator('.item-text').allTextContents())
    .toEqual(['Long overdue', 'Far future', 'No date first', 'No date second']);
  expect(await rows.first().locator('.overdue').textContent()).toMatch(/^Overdue/);

  await rows.filter({ hasText: 'Far future' }).getByRole('button', { name: 'Carry over' }).click();
  const carried = rows.filter({ hasText: 'Far future' });
  await expect.poll(() => carried.getAttribute('class')).toContain('carried');
  const fontSize = (row: typeof carried) =>
    row.locator('.item-text').evaluate((el) => getComputedStyle(el).fontSize);
  expect(await fontSize(carried)).toBe(await fontSize(rows.filter({ hasText: 'No date first' })));

  await openTab(page, 'Prep');
  await page.getByTestId('review-list').waitFor();
  for (const text of ['Long overdue', 'Far future', 'No date first', 'No date second']) {
    // Once in the review; the carried one also once on the agenda.
    expect(await page.getByTestId('review-item').filter({ hasText: text }).count()).toBe(1);
    expect(await page.getByTestId('action-item').filter({ hasText: text }).count()).toBe(0);
  }
});

test('“Session held” names the session, warns when it is still to come, and can be undone', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await createPair(page, { title: 'Held' });
  await openTab(page, 'Prep');
  await page.getByLabel('Date and time').fill('2099-12-08T10:00');
  await expect
    .poll(async () => (await readTable(page, 'tandem', 'sessions')).map((s) => s.scheduledAt))
    .toEqual(['2099-12-08T10:00']);
  await openTab(page, 'Review');
  await page.getByRole('button', { name: 'Session held — plan the next' }).click();
  expect(await page.getByTestId('hold-future').textContent()).toContain('has not taken place yet');
  expect(await page.locator('.hold .confirm').textContent()).toContain('2099');
  await page.getByRole('button', { name: 'Yes, session held' }).click();
  const undo = page.getByRole('button', { name: 'Undo: not held yet' });
  await undo.waitFor();
  // Focus moves to the undo, not to the top of the page.
  await expect.poll(() => undo.evaluate((el) => el === document.activeElement)).toBe(true);
  await undo.click();
  await expect
    .poll(async () =>
      (await readTable(page, 'tandem', 'sessions'))
        .filter((s) => !s.deleted)
        .map((s) => [s.scheduledAt, s.status]),
    )
    .toEqual([['2099-12-08T10:00', 'planned']]);
});

test('keyboard focus stays where the user works: edits return to their ✎, Escape closes, one editor at a time, user text keeps its direction', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await createPair(page, { title: 'Keys' });
  await openTab(page, 'Live');
  await addAgendaItem(page, 'Portfolio');
  await addActionItem(page, { text: 'خطة العمل' });
  const focused = () =>
    page.evaluate(
      () =>
        document.activeElement?.getAttribute('aria-label') ??
        document.activeElement?.getAttribute('name') ??
        document.activeElement?.tagName,
    );

  const editAgenda = page.getByRole('button', { name: 'Edit agenda item Portfolio' });
  await editAgenda.focus();
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('agenda-edit');
  await page.keyboard.type(' review');
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('Edit agenda item Portfolio review');
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('agenda-edit');
  await page.keyboard.press('Escape');
  await expect.poll(focused).toBe('Edit agenda item Portfolio review');

  const editAction = page.getByRole('button', { name: 'Edit action item خطة العمل' });
  await editAction.focus();
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('action-text');
  // Opening a second editor closes the first.
  await page.getByRole('button', { name: 'Edit agenda item Portfolio review' }).click();
  await expect.poll(() => page.getByRole('form', { name: 'Edit action item' }).count()).toBe(0);
  await page.keyboard.press('Escape');
  await editAction.focus();
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('action-text');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('form', { name: 'Edit action item' }).count()).toBe(0);
  await expect.poll(focused).toBe('Edit action item خطة العمل');

  // Right-to-left text is laid out right to left.
  const arabic = page.getByTestId('action-item').locator('.item-text');
  expect(await arabic.getAttribute('dir')).toBe('auto');
  expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
});

test('a title of spaces, or a bad email, is named beside its field, with the cursor in it', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  const form = page.getByRole('form', { name: /mentoring pair/i });
  await form.getByLabel('Title').fill('   ');
  await form.getByRole('button', { name: 'Create pair' }).click();
  const title = form.getByLabel('Title');
  await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
  expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await page.locator('#error-title').textContent()).toContain('Give the pair a title');
  expect(await page.textContent('body')).not.toContain('will try again');
  expect(await readTable(page, 'tandem', 'pairs')).toEqual([]);

  await title.fill('Emails');
  await form.locator('input[name="member-name-1"]').fill('Sam');
  await form.locator('input[name="member-email-1"]').fill('sam at example');
  await form.getByRole('button', { name: 'Create pair' }).click();
  const email = form.locator('input[name="member-email-1"]');
  await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
  expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await page.locator('#error-member-email-1').textContent()).toBe('Not an email address');
});

test('History labels private reflections, starts notes without a stray space, and folds a 50,000-character note', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await createPair(page, { title: 'History' });
  await openTab(page, 'Live');
  await page.getByRole('button', { name: 'Add shared note' }).click();
  await page.getByTestId('note').getByRole('textbox').fill('Shared words');
  const long = `${'All the words of a very long note. '.repeat(1_430)}END`;
  await page.getByRole('button', { name: 'Add private note' }).click();
  await page.getByTestId('note').nth(1).getByRole('textbox').fill(long);
  await expect.poll(() => readTable(page, 'tandem-private', 'notes').then((n) => n.length)).toBe(1);
  await page.getByRole('button', { name: 'Session held — plan the next' }).click();
  await page.getByRole('button', { name: 'Yes, session held' }).click();
  await openTab(page, 'Review');
  await page.locator('.prompt-offer').first().getByRole('button', { name: 'Answer' }).click();
  await page.getByTestId('reflection').getByRole('textbox').fill('Only for me');
  await expect
    .poll(() => readTable(page, 'tandem-private', 'reflections').then((r) => r.length))
    .toBe(1);

  await openTab(page, 'History');
  // A held session shows folded: open it as a user would.
  await page
    .getByTestId('history-session')
    .filter({ has: page.locator('details:not([open])') })
    .locator('summary')
    .click();
  const notes = page.getByTestId('history-note');
  await expect.poll(() => notes.count()).toBe(2);
  const shared = notes.filter({ hasText: 'Shared words' });
  expect(await shared.locator('.user-text').textContent()).toBe('Shared words');
  const reflection = page.getByTestId('history-reflection');
  expect(await reflection.locator('.badge').textContent()).toBe('Private');
  const folded = notes.filter({ hasText: 'All the words' });
  expect(await folded.locator('.user-text').textContent()).not.toContain('END');
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(4_000);
  await folded.getByRole('button', { name: /^Show all/ }).click();
  await expect.poll(() => folded.locator('.user-text').textContent()).toContain('END');
  await folded.getByRole('button', { name: 'Show less' }).click();
  expect(await folded.locator('.user-text').textContent()).not.toContain('END');
});

test('a goal whose target date has passed says so', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await createPair(page, { title: 'Targets' });
  await addGoal(page, { title: 'Ship the portfolio', target: '2021-01-15' });
  await addGoal(page, { title: 'Learn to delegate', target: '2099-01-15' });
  const passed = page.getByTestId('goal').filter({ hasText: 'Ship the portfolio' });
  expect(await passed.getByTestId('target-passed').textContent()).toContain(
    'target date has passed',
  );
  const ahead = page.getByTestId('goal').filter({ hasText: 'Learn to delegate' });
  expect(await ahead.getByTestId('target-passed').count()).toBe(0);
});

test('owners are members by name in a five-person circle, everywhere the item shows', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await createPair(page, {
    title: 'Design circle',
    model: 'group',
    members: [
      { name: 'Grace', role: 'mentor' },
      { name: 'Ada', role: 'mentee' },
      { name: 'Bea', role: 'mentee' },
      { name: 'Cem', role: 'mentee' },
      { name: 'Dara', role: 'mentee' },
    ],
  });
  await openTab(page, 'Live');
  const picker = page.getByRole('form', { name: 'New action item' }).getByLabel('Owner');
  expect(await picker.locator('option').allTextContents()).toEqual([
    'Grace',
    'Ada',
    'Bea',
    'Cem',
    'Dara',
    'All mentees',
    'Everyone',
  ]);
  await addActionItem(page, { text: 'Sketch the onboarding flow', owner: 'Bea' });
  await addActionItem(page, { text: 'Read Shape Up', owner: 'Everyone' });
  const owners = () => page.getByTestId('action-item').locator('.owner').allTextContents();
  expect(await owners()).toEqual(['Bea', 'Everyone']);

  // Editing keeps the person; another can be picked.
  await page.getByRole('button', { name: 'Edit action item Sketch the onboarding flow' }).click();
  const edit = page.getByRole('form', { name: 'Edit action item' });
  expect(await edit.getByLabel('Owner').locator('option:checked').textContent()).toBe('Bea');
  await edit.getByLabel('Owner').selectOption({ label: 'Cem' });
  await edit.getByRole('button', { name: 'Save action item' }).click();
  await expect.poll(owners).toEqual(['Cem', 'Everyone']);

  // Held: Review and History name the same people.
  await page.getByRole('button', { name: 'Session held — plan the next' }).click();
  await page.getByRole('button', { name: 'Yes, session held' }).click();
  await openTab(page, 'Review');
  await expect
    .poll(() => page.getByTestId('review-item').locator('.owner').allTextContents())
    .toEqual(['Cem', 'Everyone']);
  await openTab(page, 'History');
  await expect.poll(() => page.getByTestId('history').textContent()).toContain('Cem');
  expect(await page.getByTestId('history').textContent()).not.toMatch(/Mentee|Both/);
});

test('wording follows the model: peers are asked about each of them, never “the mentee”', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await page
    .getByRole('form', { name: /mentoring pair/i })
    .getByLabel('Mentoring model')
    .selectOption('peer');
  const form = page.getByRole('form', { name: /mentoring pair/i });
  // Peers have no roles to pick.
  expect(await form.getByRole('group', { name: 'My role' }).count()).toBe(0);
  expect(await form.locator('select[name^="member-role-"]').count()).toBe(0);
  await createPair(page, {
    title: 'Lena & Tom',
    model: 'peer',
    members: [
      { name: 'Lena', role: 'mentee' },
      { name: 'Tom', role: 'mentee' },
    ],
  });
  await openTab(page, 'Prep');
  const goals = page.locator('section', { has: page.getByRole('heading', { name: 'Goals' }) });
  await expect.poll(() => goals.textContent()).toContain('What do you each want to work towards?');
  const caption = await page.getByTestId('current-prompt').locator('figcaption').textContent();
  expect(caption).not.toMatch(/for mentor|for mentee/);
  await openTab(page, 'Live');
  expect(
    await page
      .getByRole('form', { name: 'New action item' })
      .getByLabel('Owner')
      .locator('option')
      .allTextContents(),
  ).toEqual(['Lena', 'Tom', 'Both']);
  await openTab(page, 'Pair');
  const details = page.getByRole('tabpanel');
  await expect.poll(() => details.textContent()).toContain('Peer');
  expect(await details.textContent()).not.toMatch(/Mentee|Mentor|My role/);
});

test('from the Prep tab the agenda is a few Tab presses away, however many items wait for review', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await createPair(page, { title: 'Six to review' });
  await openTab(page, 'Live');
  const texts = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'].map((n) => `${n} thing to do`);
  for (const text of texts) await addActionItem(page, { text });
  await page.getByRole('button', { name: 'Session held — plan the next' }).click();
  await page.getByRole('button', { name: 'Yes, session held' }).click();
  await openTab(page, 'Prep');
  await expect.poll(() => page.getByTestId('review-item').count()).toBe(6);

  await page.getByRole('tab', { name: 'Prep' }).focus();
  const focusedLabel = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el?.getAttribute('aria-label') ?? el?.labels?.[0]?.textContent ?? el?.textContent;
    });
  // Controls passed on the way (a date-time field takes a press per part: the browser's own).
  const passed: string[] = [];
  for (let presses = 0; (await focusedLabel()) !== 'New agenda item' && presses < 60; presses++) {
    await page.keyboard.press('Tab');
    const label = String(await focusedLabel());
    if (passed.at(-1) !== label) passed.push(label);
  }
  expect(passed).toEqual([
    texts[0],
    'Done',
    'Carry over',
    'Drop',
    'Date and time',
    'Schedule the next session',
    'New agenda item',
  ]);

  // The review list is one stop: the arrows move between its rows, the keys work on a row.
  await page.getByTestId('review-item').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await focusedLabel()).toBe(texts[2]);
  await page.keyboard.press('d');
  await expect
    .poll(() =>
      page
        .getByTestId('review-item')
        .filter({ hasText: texts[2] })
        .getByTestId('review-state')
        .textContent(),
    )
    .toBe('Done');
  await page.keyboard.press('ArrowUp');
  expect(await focusedLabel()).toBe(texts[1]);
});
