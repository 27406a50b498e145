import { afterEach, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import {
  addActionItem,
  addAgendaItem,
  addGoal,
  addNote,
  createPair,
  openTab,
  readTable,
} from './panel-page';

// The extension APIs, as seen inside the extension's service worker (worker.evaluate).
declare const chrome: typeof import('wxt/browser').browser;

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

describe('the side panel', () => {
  test('a new user creates a pair, fills it, and finds everything again after closing the browser', async () => {
    browser = await launchExtension();
    let page = await browser.openPanel();
    await expect
      .poll(() => page.getByRole('heading', { name: 'New mentoring pair' }).isVisible())
      .toBe(true);
    await createPair(page, {
      title: 'Sam and Alex',
      model: 'one-to-one',
      myRole: 'mentee',
      members: [
        { name: 'Sam Mentor', email: 'sam@example.org', role: 'mentor' },
        { name: 'Alex Mentee', email: 'alex@example.org', role: 'mentee' },
      ],
      rhythm: 'Every two weeks, 45 minutes',
      confidentiality: 'What we say stays between us',
      scope: 'Career growth into product leadership',
    });
    await addGoal(page, {
      title: 'Lead a product launch',
      why: 'It is the next step toward a lead role',
      measure: 'Launch shipped and retro held',
      target: '2027-03-31',
      progress: 30,
    });
    await openTab(page, 'Prep');
    await page.getByLabel('Date and time').fill('2026-12-01T10:00');
    await page.getByLabel('Date and time').blur();
    await addAgendaItem(page, 'Review launch plan');
    await addAgendaItem(page, 'Stakeholder map');
    await page
      .getByTestId('agenda-item')
      .filter({ hasText: 'Review launch plan' })
      .getByRole('checkbox')
      .check();
    await openTab(page, 'Live');
    const note = await addNote(page, 'shared', 'Alex will draft the launch brief.');
    await expect.poll(() => note.getByTestId('save-status').textContent()).toBe('Saved');
    await addActionItem(page, {
      text: 'Draft the launch brief',
      owner: 'Alex Mentee',
      due: '2026-12-08',
    });

    // Reload: everything is still there.
    await page.reload();
    await expect.poll(() => page.getByTestId('goal').count()).toBe(1);
    const goal = page.getByTestId('goal');
    await expect.poll(() => goal.textContent()).toContain('Lead a product launch');
    expect(await goal.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('30');
    await openTab(page, 'Live');
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(2);
    expect(
      await page
        .getByTestId('agenda-item')
        .filter({ hasText: 'Review launch plan' })
        .getByRole('checkbox')
        .isChecked(),
    ).toBe(true);
    await openTab(page, 'Prep');
    expect(await page.getByLabel('Date and time').inputValue()).toBe('2026-12-01T10:00');
    await openTab(page, 'Live');
    expect(await page.getByTestId('note').getByRole('textbox').inputValue()).toBe(
      'Alex will draft the launch brief.',
    );
    expect(await page.getByTestId('action-item').textContent()).toContain('Draft the launch brief');

    // Close the whole browser and open it again on the same profile.
    const profile = browser.userDataDir;
    await browser.context.close();
    browser = await launchExtension({ userDataDir: profile });
    page = await browser.openPanel();
    await expect.poll(() => page.getByTestId('goal').count()).toBe(1);
    await openTab(page, 'Pair');
    const details = page.getByRole('tabpanel');
    for (const text of [
      'Sam Mentor',
      'alex@example.org',
      'Mentee',
      'What we say stays between us',
    ]) {
      await expect.poll(() => details.textContent()).toContain(text);
    }
    await openTab(page, 'Live');
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(2);
    expect(await page.getByTestId('note').getByRole('textbox').inputValue()).toBe(
      'Alex will draft the launch brief.',
    );
  });

  test('keeps a note typed just before the panel closes', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Quick close' });
    await openTab(page, 'Live');
    const text = 'Last words typed right before closing';
    await addNote(page, 'private', text);
    // Close at once: within the save debounce, before "Saved" could show.
    await page.close();
    const again = await browser.openPanel();
    await openTab(again, 'Live');
    await expect.poll(() => again.getByTestId('note').getByRole('textbox').inputValue()).toBe(text);
    await expect.poll(() => again.getByTestId('save-status').textContent()).toBe('Saved');
    const stored = await readTable(again, 'tandem-private', 'notes');
    expect(stored.map((n) => n.body)).toEqual([text]);
  });

  test('says "Saved" only once the note is in IndexedDB, and private notes stay out of the shared database', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Privacy' });
    await openTab(page, 'Live');
    const privateNote = await addNote(page, 'private', 'my private worry');
    await expect.poll(() => privateNote.getByTestId('save-status').textContent()).toBe('Saved');
    const sharedNote = await addNote(page, 'shared', 'our shared plan');
    await expect.poll(() => sharedNote.getByTestId('save-status').textContent()).toBe('Saved');
    const shared = await readTable(page, 'tandem', 'notes');
    const personal = await readTable(page, 'tandem-private', 'notes');
    expect(shared.map((n) => n.body)).toEqual(['our shared plan']);
    expect(personal.map((n) => n.body)).toEqual(['my private worry']);
    expect(JSON.stringify(shared)).not.toContain('private worry');

    // Making the shared note private moves its text out of the shared database; focus stays
    // on the note's sharing button, not dropped to the top of the page.
    await sharedNote.getByRole('button', { name: 'Make private' }).click();
    await expect
      .poll(async () => (await readTable(page, 'tandem-private', 'notes')).length)
      .toBe(2);
    const sharedAfter = await readTable(page, 'tandem', 'notes');
    expect(JSON.stringify(sharedAfter)).not.toContain('our shared plan');
    expect(sharedAfter.every((n) => n.deleted === true)).toBe(true);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Share with the pair…');

    // Sharing asks once, showing what and with whom; "Keep private" changes nothing.
    const worry = page
      .getByTestId('note')
      .filter({ hasText: 'Private · this browser only' })
      .first();
    await worry.getByRole('button', { name: 'Share with the pair…' }).click();
    const question = page.getByRole('group', { name: 'Share this note?' });
    expect(await question.textContent()).toContain('everyone in “Privacy”');
    expect(await question.locator('blockquote').textContent()).toBe('my private worry');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Keep private');
    await page.keyboard.press('Enter');
    expect(await question.count()).toBe(0);
    expect((await readTable(page, 'tandem', 'notes')).every((n) => n.deleted === true)).toBe(true);
    await worry.getByRole('button', { name: 'Share with the pair…' }).click();
    await page.getByRole('button', { name: 'Share note' }).click();
    await expect
      .poll(async () =>
        (await readTable(page, 'tandem', 'notes')).filter((n) => !n.deleted).map((n) => n.body),
      )
      .toEqual(['my private worry']);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Make private');
  });

  test('two open panels show the same data without reload', async () => {
    browser = await launchExtension();
    const first = await browser.openPanel();
    await createPair(first, { title: 'Two windows' });
    const second = await browser.openPanel();
    await expect.poll(() => second.getByRole('tab', { name: 'Review' }).isVisible()).toBe(true);
    await addGoal(first, { title: 'Seen in both windows' });
    await expect
      .poll(() => second.getByTestId('goal').filter({ hasText: 'Seen in both windows' }).count())
      .toBe(1);
    await openTab(first, 'Live');
    await openTab(second, 'Live');
    await addAgendaItem(second, 'Added in the second window');
    await expect
      .poll(() =>
        first.getByTestId('agenda-item').filter({ hasText: 'Added in the second window' }).count(),
      )
      .toBe(1);
    // A note written in one window appears in the other once saved.
    const note = await addNote(first, 'shared', 'typed in window one');
    await expect.poll(() => note.getByTestId('save-status').textContent()).toBe('Saved');
    await expect
      .poll(() => second.getByTestId('note').getByRole('textbox').inputValue())
      .toBe('typed in window one');
  });

  test('edits, reorders and completes goals, with progress shown as a bar', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Goals' });
    await addGoal(page, { title: 'First goal', progress: 10 });
    await addGoal(page, { title: 'Second goal' });
    await addGoal(page, { title: 'Third goal' });
    const titles = () => page.locator('.goal-title').allTextContents();
    expect(await titles()).toEqual(['First goal', 'Second goal', 'Third goal']);
    await page.getByRole('button', { name: 'Move goal Third goal up' }).click();
    await expect.poll(titles).toEqual(['First goal', 'Third goal', 'Second goal']);
    await page.getByRole('button', { name: 'Move goal First goal down' }).click();
    await expect.poll(titles).toEqual(['Third goal', 'First goal', 'Second goal']);
    expect(await page.getByRole('button', { name: 'Move goal Third goal up' }).isDisabled()).toBe(
      true,
    );

    await page.getByRole('button', { name: 'Edit goal First goal' }).click();
    const form = page.getByRole('form', { name: 'Edit goal' });
    await form.getByLabel('Goal', { exact: true }).fill('First goal, sharpened');
    await form.getByLabel('Status').selectOption('paused');
    await form.getByLabel(/^Progress/).fill('55');
    await form.getByRole('button', { name: 'Save goal' }).click();
    const edited = page.getByTestId('goal').filter({ hasText: 'First goal, sharpened' });
    await expect.poll(() => edited.locator('.badge').textContent()).toBe('Paused');
    expect(await edited.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('55');

    await page.getByRole('button', { name: 'Mark goal Second goal achieved' }).click();
    const done = page.getByTestId('goal').filter({ hasText: 'Second goal' });
    await expect.poll(() => done.locator('.badge').textContent()).toBe('Achieved');
    expect(await done.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await done.textContent()).toContain('100%');

    await page.reload();
    await expect.poll(titles).toEqual(['Third goal', 'First goal, sharpened', 'Second goal']);
  });

  test('plans a session agenda: add, edit, reorder, tick off, remove', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Agenda' });
    await openTab(page, 'Live');
    await addAgendaItem(page, 'One');
    await addAgendaItem(page, 'Two');
    await addAgendaItem(page, 'Three');
    const texts = () => page.getByTestId('agenda-item').locator('.item-text').allTextContents();
    await page.getByRole('button', { name: 'Move agenda item Three up' }).click();
    await expect.poll(texts).toEqual(['One', 'Three', 'Two']);
    await page.getByRole('button', { name: 'Edit agenda item One' }).click();
    await page.getByLabel('Agenda item text').fill('One, reworded');
    await page.getByLabel('Agenda item text').press('Enter');
    await expect.poll(texts).toEqual(['One, reworded', 'Three', 'Two']);
    await page
      .getByTestId('agenda-item')
      .filter({ hasText: 'Three' })
      .getByRole('checkbox')
      .check();
    await expect.poll(() => page.getByText('1 of 3 covered').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Remove agenda item Two' }).click();
    await expect.poll(texts).toEqual(['One, reworded', 'Three']);
    await page.reload();
    await openTab(page, 'Live');
    await expect.poll(texts).toEqual(['One, reworded', 'Three']);
    expect(await page.getByText('1 of 2 covered').isVisible()).toBe(true);
  });

  test('keeps every agenda item and action item typed in quick succession', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Fast typing' });
    await openTab(page, 'Live');
    const agenda = page.getByLabel('New agenda item');
    for (const text of ['First', 'Second', 'Third', 'Fourth']) {
      await agenda.fill(text);
      await agenda.press('Enter');
    }
    await expect
      .poll(() => page.getByTestId('agenda-item').locator('.item-text').allTextContents())
      .toEqual(['First', 'Second', 'Third', 'Fourth']);
    const action = page
      .getByRole('form', { name: 'New action item' })
      .getByLabel('New action item');
    for (const text of ['Call Sam', 'Write the brief', 'Book the room']) {
      await action.fill(text);
      await action.press('Enter');
    }
    await expect
      .poll(() => page.getByTestId('action-item').locator('.item-text').allTextContents())
      .toEqual(['Call Sam', 'Write the brief', 'Book the room']);
  });

  test('captures action items with owner, due date and status, and holds the session', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Actions' });
    await openTab(page, 'Prep');
    await page.getByLabel('Date and time').fill('2026-12-01T10:00');
    await page.getByLabel('Date and time').blur();
    await openTab(page, 'Live');
    await addActionItem(page, { text: 'Book the retro', owner: 'Both', due: '2026-12-05' });
    await addActionItem(page, { text: 'Read the book', owner: 'Mentee' });
    const retro = page.getByTestId('action-item').filter({ hasText: 'Book the retro' });
    expect(await retro.textContent()).toContain('Both');
    await retro.getByLabel(/^Status of/).selectOption('done');
    await expect
      .poll(
        async () =>
          (await readTable(page, 'tandem', 'actionItems')).find((a) => a.text === 'Book the retro')
            ?.status,
      )
      .toBe('done');

    // The session took place: the next is planned a cadence (two weeks) later, and the open
    // action item is shown there for review, once (not again among this session's items).
    await page.getByRole('button', { name: 'Session held — plan the next' }).click();
    await page.getByRole('button', { name: 'Yes, session held' }).click();
    await openTab(page, 'Prep');
    await expect.poll(() => page.getByLabel('Date and time').inputValue()).toBe('2026-12-15T10:00');
    const earlier = page.getByTestId('review-list');
    await expect.poll(() => earlier.textContent()).toContain('Read the book');
    expect(await page.getByTestId('earlier-actions').count()).toBe(0);
    // Last session's done item is reviewed as done, not offered again.
    expect(
      await page
        .getByTestId('review-item')
        .filter({ hasText: 'Book the retro' })
        .getByTestId('review-state')
        .textContent(),
    ).toBe('Done');
    const sessions = await readTable(page, 'tandem', 'sessions');
    expect(sessions.map((s) => s.status).sort()).toEqual(['held', 'planned']);
  });

  test('edits the pair and its agreement; removes a goal, a note and an action item', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, {
      title: 'Before',
      members: [{ name: 'Kim', email: 'kim@example.org', role: 'mentor' }],
    });
    await openTab(page, 'Pair');
    await page.getByRole('button', { name: 'Edit pair' }).click();
    const form = page.getByRole('form', { name: 'Edit pair' });
    await form.getByLabel('Title').fill('After');
    await form.getByLabel('Meeting cadence').selectOption({ label: 'Weekly' });
    await form.getByLabel(/^Scope/).fill('Only the move into management');
    await form.getByRole('button', { name: 'Add member' }).click();
    await form.locator('input[name="member-name-1"]').fill('Lee');
    await form.locator('select[name="member-role-1"]').selectOption('mentee');
    // A malformed email is refused with the browser's message on the field, and nothing changes.
    const email = form.locator('input[name="member-email-1"]');
    await email.fill('not-an-email');
    await form.getByRole('button', { name: 'Save pair' }).click();
    expect(await email.evaluate((el) => (el as HTMLInputElement).validationMessage)).not.toBe('');
    expect((await readTable(page, 'tandem', 'pairs')).map((p) => p.title)).toEqual(['Before']);
    await form.locator('input[name="member-email-1"]').fill('lee@example.org');
    await form.getByRole('button', { name: 'Save pair' }).click();
    const details = page.getByRole('tabpanel');
    await expect.poll(() => details.textContent()).toContain('Only the move into management');
    expect(await details.textContent()).toContain('Weekly');
    expect(await details.textContent()).toContain('lee@example.org');
    expect(await page.getByLabel('Current pair').locator('option:checked').textContent()).toBe(
      'After',
    );

    await addGoal(page, { title: 'Goal to remove' });
    await page.getByRole('button', { name: 'Edit goal Goal to remove' }).click();
    await page.getByRole('button', { name: 'Delete goal' }).click();
    await expect.poll(() => page.getByTestId('goal').count()).toBe(0);

    await openTab(page, 'Live');
    await addNote(page, 'shared', 'note to remove');
    await page.getByRole('button', { name: 'Delete shared note' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete shared note' }).click();
    await expect.poll(() => page.getByTestId('note').count()).toBe(0);
    expect(JSON.stringify(await readTable(page, 'tandem', 'notes'))).not.toContain(
      'note to remove',
    );

    await addActionItem(page, { text: 'Action to edit' });
    await page.getByRole('button', { name: 'Edit action item Action to edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit action item' });
    await edit.getByLabel('Action item').fill('Action, edited');
    await edit.getByLabel('Owner').selectOption({ label: 'Kim' });
    await edit.getByRole('button', { name: 'Save action item' }).click();
    await expect
      .poll(() => page.getByTestId('action-item').textContent())
      .toContain('Action, edited');
    expect(await page.getByTestId('action-item').locator('.owner').textContent()).toBe('Kim');
    await page.getByRole('button', { name: 'Remove action item Action, edited' }).click();
    await expect.poll(() => page.getByTestId('action-item').count()).toBe(0);
    await page.reload();
    await openTab(page, 'Live');
    expect(await page.getByTestId('action-item').count()).toBe(0);
  });

  test('switches between pairs and archives one', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Alpha' });
    await addGoal(page, { title: 'Alpha goal' });
    await createPair(page, { title: 'Beta' });
    await addGoal(page, { title: 'Beta goal' });
    const switcher = page.getByLabel('Current pair');
    expect(await switcher.inputValue()).not.toBe('');
    await switcher.selectOption({ label: 'Alpha' });
    await expect.poll(() => page.locator('.goal-title').allTextContents()).toEqual(['Alpha goal']);
    await switcher.selectOption({ label: 'Beta' });
    await expect.poll(() => page.locator('.goal-title').allTextContents()).toEqual(['Beta goal']);

    await openTab(page, 'Pair');
    await page.getByRole('button', { name: 'Archive pair' }).click();
    await expect.poll(() => page.getByText('This pair is archived.').isVisible()).toBe(true);
    // Archived pairs move to their own group in the switcher and are kept, not deleted.
    await expect
      .poll(() => switcher.locator('optgroup[label="Archived"] option').allTextContents())
      .toEqual(['Beta (archived)']);
    await switcher.selectOption({ label: 'Alpha' });
    await page.reload();
    await expect.poll(() => page.locator('.goal-title').allTextContents()).toEqual(['Alpha goal']);
    await switcher.selectOption({ label: 'Beta (archived)' });
    await openTab(page, 'Pair');
    await page.getByRole('button', { name: 'Restore pair' }).click();
    await expect.poll(() => switcher.locator('optgroup').count()).toBe(0);
  });

  test('shows reflective prompts; pin one, skip one, add your own', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Prompts', myRole: 'mentor' });
    await openTab(page, 'Live');
    const current = page.getByTestId('current-prompt');
    const text = async () => (await current.locator('blockquote').textContent()) ?? '';
    const first = await text();
    expect(first.length).toBeGreaterThan(10);
    await current.getByRole('button', { name: 'Pin' }).click();
    await expect.poll(() => page.getByTestId('pinned-prompts').textContent()).toContain(first);
    await expect.poll(text).not.toBe(first);

    const second = await text();
    await current.getByRole('button', { name: /^Skip/ }).click();
    await expect.poll(text).not.toBe(second);
    const third = await text();
    await current.getByRole('button', { name: 'Next prompt' }).click();
    await expect.poll(text).not.toBe(third);
    // The skipped prompt does not come back when cycling on.
    const seen = new Set<string>();
    for (let i = 0; i < 40; i += 1) {
      seen.add(await text());
      await current.getByRole('button', { name: 'Next prompt' }).click();
    }
    expect(seen.has(second)).toBe(false);
    expect(seen.has(first)).toBe(false);
    const states = await readTable(page, 'tandem', 'promptStates');
    expect(states.some((s) => (s.skippedUntil as number) > Date.now() + 13 * 86_400_000)).toBe(
      true,
    );

    await page.getByText(/Your own prompts/).click();
    const form = page.getByRole('form', { name: 'Add your own prompt' });
    await form.getByLabel('Question').fill('What surprised you most this month?');
    await form.getByLabel('Phase').selectOption('review');
    await form.getByRole('button', { name: 'Add prompt' }).click();
    await expect
      .poll(() => page.locator('.custom-list').textContent())
      .toContain('What surprised you most this month?');
    await page.getByRole('radio', { name: 'Review' }).check();
    // Cycle review prompts until ours shows: it is part of the rotation.
    let found = false;
    for (let i = 0; i < 60 && !found; i += 1) {
      found = (await text()) === 'What surprised you most this month?';
      if (!found) await current.getByRole('button', { name: 'Next prompt' }).click();
    }
    expect(found).toBe(true);
  });

  test('renders text from users as text, never as HTML', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    const hostile = '<img src=x onerror="window.__pwned=1">Bold <b>move</b>';
    await createPair(page, { title: hostile });
    await addGoal(page, { title: hostile });
    expect(await page.locator('.goal-title').textContent()).toBe(hostile);
    expect(await page.locator('.goal-title img, .goal-title b').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test('shows a clear message and keeps the text when the disk is full', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Full disk' });
    await openTab(page, 'Live');
    const note = await addNote(page, 'shared', 'first words');
    await expect.poll(() => note.getByTestId('save-status').textContent()).toBe('Saved');
    // From now on every IndexedDB write fails the way a full disk does.
    await page.evaluate(() => {
      const fail = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.put = fail;
      IDBObjectStore.prototype.add = fail;
    });
    const box = note.getByRole('textbox');
    await box.pressSequentially(' and more', { delay: 5 });
    await expect
      .poll(() => note.getByTestId('save-status').textContent())
      .toContain('disk is full');
    expect(await box.inputValue()).toBe('first words and more');
    expect(await note.getByRole('alert').count()).toBeGreaterThan(0);
    const stored = await readTable(page, 'tandem', 'notes');
    expect(stored.map((n) => n.body)).toEqual(['first words']);
  });

  test('asks the user to reload when a newer database version opens elsewhere, without hanging it', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    await createPair(page, { title: 'Versions' });
    const other = await browser.context.newPage();
    await other.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?upgrade`);
    // Another page (a newer Tandem) opens the shared database at a higher version.
    const opened = await other.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const request = indexedDB.open('tandem', 9990);
          request.onsuccess = () => {
            request.result.close();
            resolve('opened');
          };
          request.onblocked = () => resolve('blocked');
          request.onerror = () => resolve('error');
        }),
    );
    expect(opened).toBe('opened');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('updated in another window');
    expect(await page.getByRole('button', { name: 'Reload' }).isVisible()).toBe(true);
  });
});

describe('the look', () => {
  test('follows the browser into dark mode and back', async () => {
    browser = await launchExtension();
    const page = await browser.openPanel();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(246, 247, 249)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(18, 20, 23)');
    // Chromium gives extension pages a 75% body font; the panel uses its own readable size.
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('14px');
  });
});

describe('the extension', () => {
  test('opens the side panel from the toolbar icon and asks only for the permissions it needs', async () => {
    browser = await launchExtension();
    const worker = browser.context.serviceWorkers()[0];
    if (!worker) throw new Error('no service worker');
    const behavior = await worker.evaluate(() => chrome.sidePanel.getPanelBehavior());
    expect(behavior.openPanelOnActionClick).toBe(true);
    const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
    expect([...(manifest.permissions ?? [])].sort()).toEqual([
      'alarms',
      'scripting',
      'sidePanel',
      'storage',
      'unlimitedStorage',
    ]);
    // Host access: exactly the calendar and call hosts; anything else only when granted.
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual(
      [
        'https://calendar.google.com/*',
        'https://outlook.office.com/*',
        'https://outlook.office365.com/*',
        'https://outlook.live.com/*',
        'https://meet.google.com/*',
        'https://app.zoom.us/wc/*',
        'https://*.zoom.us/wc/*',
        'https://*.zoom.us/j/*',
        'https://teams.microsoft.com/*',
        'https://teams.live.com/*',
        'https://meet.jit.si/*',
        'https://whereby.com/*',
      ].sort(),
    );
    expect(manifest.optional_host_permissions).toEqual([
      'https://*/*',
      'http://127.0.0.1/*',
      'http://localhost/*',
    ]);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.side_panel?.default_path).toBe('sidepanel.html');
    expect(manifest.manifest_version).toBe(3);
    expect(Object.keys(manifest.icons ?? {}).sort()).toEqual(['128', '16', '24', '32', '48', '96']);
  });
});
