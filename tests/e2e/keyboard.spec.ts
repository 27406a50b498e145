import type { Page } from 'playwright-core';
import { afterEach, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { createPair, openTab } from './panel-page';

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

/**
 * Press Tab until the focused control has this accessible label; fails after 80 presses. Waits
 * first for such a control to be on the page (a panel still rendering would let the presses run
 * past the place it is about to appear).
 */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  const wanted =
    typeof name === 'string' ? { text: name } : { source: name.source, flags: name.flags };
  const labelled = ({ target, all }: { target: typeof wanted; all: boolean }) => {
    const labelOf = (el: HTMLElement) => {
      const labelled = el.getAttribute('aria-label');
      const wrapping = el.closest('label')?.textContent;
      const byFor = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return (labelled ?? byFor ?? wrapping ?? el.textContent ?? '').trim();
    };
    const matches = (label: string) =>
      'text' in target
        ? label === target.text
        : new RegExp(target.source, target.flags).test(label);
    if (!all) {
      const el = document.activeElement as HTMLElement | null;
      return el ? matches(labelOf(el)) : false;
    }
    return [
      ...document.querySelectorAll<HTMLElement>(
        'button, input, select, textarea, a[href], [tabindex]',
      ),
    ].some((el) => matches(labelOf(el)));
  };
  await expect
    .poll(() => page.evaluate(labelled, { target: wanted, all: true }).catch(() => false), {
      timeout: 10_000,
      message: `no control named ${String(name)} on the page`,
    })
    .toBe(true);
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(labelled, { target: wanted, all: false })) return;
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
  await page.getByRole('button', { name: 'Got it' }).click();

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
  // The user is the pair's mentor: what a mentor adds is a suggestion to the mentee.
  await tabTo(page, 'Outline the talk Suggestion');
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

/** The focused element's box, a mark that tells it apart, and a short description. */
async function focusedBox(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const w = window as unknown as { focusStops?: number };
    if (!el.dataset.focusStop) {
      w.focusStops = (w.focusStops ?? 0) + 1;
      el.dataset.focusStop = String(w.focusStops);
    }
    const r = el.getBoundingClientRect();
    const label =
      el.getAttribute('aria-label') ??
      (el as HTMLInputElement).labels?.[0]?.textContent ??
      el.textContent ??
      '';
    return {
      id: el.dataset.focusStop,
      top: r.top + window.scrollY,
      bottom: r.bottom + window.scrollY,
      left: r.left,
      what: `${el.tagName.toLowerCase()} ${label.trim().slice(0, 40)}`,
    };
  });
}

/**
 * Tabs through the whole page and checks that focus never jumps back up, nor left within a
 * line: the order of the focus follows the order a reader reads in.
 */
async function expectFocusInReadingOrder(page: Page): Promise<number> {
  // A click on the page's empty top-left corner: Tab starts from the top of the page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.click(2, 2);
  const stops: NonNullable<Awaited<ReturnType<typeof focusedBox>>>[] = [];
  for (let i = 0; i < 120; i += 1) {
    await page.keyboard.press('Tab');
    const box = await focusedBox(page);
    // Back at the first stop: the whole page has been walked through.
    // A date field's parts (day, month, year) are one control.
    if (box && box.id === stops.at(-1)?.id) continue;
    if (!box || stops.some((s) => s.id === box.id)) break;
    stops.push(box);
  }
  for (let i = 1; i < stops.length; i += 1) {
    const [a, b] = [stops[i - 1], stops[i]];
    if (!a || !b) continue;
    const sameLine = b.top < a.bottom && a.top < b.bottom;
    const message = `focus went from "${a.what}" to "${b.what}"`;
    if (sameLine) expect(b.left, message).toBeGreaterThanOrEqual(a.left);
    else expect(b.top, message).toBeGreaterThanOrEqual(a.bottom - 1);
  }
  return stops.length;
}

test('a whole Live session is done by keyboard alone: agenda, note, action item, prompt, held', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await page.getByTestId('onboarding').waitFor();
  await tabTo(page, 'Got it');
  await page.keyboard.press('Enter');
  await tabTo(page, /^Title/);
  await page.keyboard.type('Live by keyboard');
  await tabTo(page, 'Create pair');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'Review' }).waitFor();

  // To Live with the arrow keys; its panel follows.
  await page.getByRole('tab', { name: 'Review' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect
    .poll(() => page.getByRole('tab', { name: 'Live' }).getAttribute('aria-selected'))
    .toBe('true');

  // The agenda: two items, the first ticked off with Space.
  await tabTo(page, 'New agenda item');
  await page.keyboard.type('How the launch went');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Next quarter');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(2);
  await page.getByRole('tab', { name: 'Live' }).focus();
  // The user is the pair's mentor: what a mentor adds is a suggestion to the mentee.
  await tabTo(page, 'How the launch went Suggestion');
  await page.keyboard.press('Space');
  await expect.poll(() => page.getByText('1 of 2 covered').isVisible()).toBe(true);

  // A shared note, typed where the new note puts the cursor.
  await tabTo(page, 'Add shared note');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
  await page.keyboard.type('The launch slipped a week; the team coped.');
  await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Saved');

  // From the note, the panel's key for "add an action item" takes the cursor to it.
  await page.keyboard.press('Alt+Shift+J');
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
    .toBe('action-text');
  await page.keyboard.type('Write the launch retro');
  await page.keyboard.press('Tab'); // owner
  await page.keyboard.press('ArrowDown'); // Mentee → Mentor
  await page.keyboard.press('ArrowDown'); // Mentor → Both
  await tabTo(page, 'Add action item');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.getByTestId('action-item').locator('.item-text').allTextContents())
    .toEqual(['Write the launch retro']);
  expect(await page.getByTestId('action-item').locator('.badge').first().textContent()).toBe(
    'Both',
  );

  // The prompt: the next one by key, then by its button; pin it.
  const prompt = page.getByTestId('current-prompt').locator('blockquote');
  const first = await prompt.textContent();
  await page.keyboard.press('Alt+Shift+K');
  await expect.poll(() => prompt.textContent()).not.toBe(first);
  const second = await prompt.textContent();
  await tabTo(page, 'Next prompt');
  await page.keyboard.press('Enter');
  await expect.poll(() => prompt.textContent()).not.toBe(second);
  const third = await prompt.textContent();
  await page.getByRole('tab', { name: 'Live' }).focus();
  await tabTo(page, 'Pin');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('pinned-prompts').textContent()).toContain(third ?? '');

  // The session held, and the next one planned.
  await tabTo(page, 'Session held — plan the next');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Yes, session held');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(0);
  // Focus stays where the user was: on the offer to take it back, not the page's top.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.textContent))
    .toBe('Undo: not held yet');
  expect(await focusOutline(page)).not.toBe('none');
});

test('focus moves through the panel in reading order', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await page.getByTestId('onboarding').waitFor();
  // First run: the introduction, then the pair form.
  expect(await expectFocusInReadingOrder(page)).toBeGreaterThan(8);
  await page.getByRole('button', { name: 'Got it' }).click();
  await page.getByLabel('Title').fill('Reading order');
  await page.getByRole('button', { name: 'Create pair' }).click();
  await page.getByRole('tab', { name: 'Live' }).click();
  await page.getByLabel('New agenda item').fill('First item');
  await page.getByLabel('New agenda item').press('Enter');
  await page.getByRole('button', { name: 'Add private note' }).click();
  await page.getByTestId('note').waitFor();
  expect(await expectFocusInReadingOrder(page)).toBeGreaterThan(15);
  await page.getByRole('button', { name: 'Help' }).click();
  await page.getByTestId('shortcuts').waitFor();
  expect(await expectFocusInReadingOrder(page)).toBeGreaterThan(5);
});

/** The element with the focus: its tag, its accessible-ish name (label, aria-label or text). */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const name =
      el.getAttribute('aria-label') ?? el.closest('label')?.textContent ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}:${name.trim()}`;
  });
}

test("issue 15's forms by keyboard: schedule-next, the feedback form, the closing form's learnings", async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  await page.setViewportSize({ width: 380, height: 900 });
  await createPair(page, {
    title: 'Keys',
    members: [
      { name: 'Grace', role: 'mentor' },
      { name: 'Ana', role: 'mentee' },
    ],
    rhythm: 'Every two weeks',
  });
  await openTab(page, 'Live');
  await page.getByRole('button', { name: 'Session held — plan the next' }).click();
  await page.getByRole('button', { name: 'Yes, session held' }).click();
  await openTab(page, 'Review');

  // Schedule-next: Enter opens it (focus on its heading), Escape closes it, focus goes back.
  await tabTo(page, 'Schedule the next session');
  await page.keyboard.press('Enter');
  const schedule = page.getByRole('region', { name: 'Schedule the next session' });
  await schedule.waitFor();
  await expect.poll(() => focused(page)).toBe('h2:Schedule the next session');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await schedule.waitFor({ state: 'detached' });
  await expect.poll(() => focused(page)).toBe('button:Schedule the next session');

  // A new introduction: Escape closes it unsaved, the focus goes back to its button.
  await tabTo(page, 'Add introduction');
  await page.keyboard.press('Enter');
  const intro = page.getByRole('form', { name: 'New introduction' });
  await expect.poll(() => focused(page)).toBe('input:Who');
  await page.keyboard.type('Dana');
  await page.keyboard.press('Escape');
  await intro.waitFor({ state: 'detached' });
  await expect.poll(() => focused(page)).toBe('button:Add introduction');
  expect(await page.getByTestId('introductions').textContent()).not.toContain('Dana');

  // The feedback form: its fields in reading order, the scale by arrow keys, submitted with
  // Enter; the focus lands on the section's heading, not on the page's body.
  await tabTo(page, 'What helped?');
  await page.keyboard.type('The rehearsal');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('textarea:What would you change?');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('input:One word for the session');
  await page.keyboard.type('Clear');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('input:1 – not useful');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('input:3 – somewhat');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('button:Submit sealed');
  await page.keyboard.press('Enter');
  await page.getByTestId('feedback-form').waitFor({ state: 'detached' });
  await expect.poll(() => focused(page)).toBe('h2:Feedback on the session');
  // "Open my answers now" asks first; once opened the focus is on the heading again.
  page.once('dialog', (dialog) => void dialog.accept());
  await tabTo(page, 'Open my answers now');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Open my answers now' }).waitFor({ state: 'detached' });
  await expect.poll(() => focused(page)).toBe('h2:Feedback on the session');

  // To the closing phase, by keyboard: each move asks first, Enter on "Move on" answers.
  for (const next of ['Making progress', 'Winding down', 'Closing']) {
    await page.getByRole('button', { name: `Move on to “${next}”` }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('button:Move on');
    await page.keyboard.press('Enter');
    await page
      .getByRole('list', { name: 'Phases of the relationship' })
      .locator('[aria-current="step"]', { hasText: next })
      .waitFor();
  }
  const closing = page.getByTestId('closing');
  await closing.waitFor();

  // "Add what I learned": the new learning's text takes the focus; Escape in it while empty
  // takes it away again and gives the focus back to the button.
  await tabTo(page, 'Add what I learned');
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe('textarea:What I learned');
  await page.keyboard.press('Escape');
  await expect.poll(() => closing.getByTestId('my-learning').count()).toBe(0);
  await expect.poll(() => focused(page)).toBe('button:Add what I learned');
  // Written, Escape keeps it; "Remove this learning" gives the focus back to the button.
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe('textarea:What I learned');
  await page.keyboard.type('Ask first');
  await page.keyboard.press('Escape');
  expect(await closing.getByTestId('my-learning').count()).toBe(1);
  await tabTo(page, 'Remove this learning');
  await page.keyboard.press('Enter');
  await expect.poll(() => closing.getByTestId('my-learning').count()).toBe(0);
  await expect.poll(() => focused(page)).toBe('button:Add what I learned');
  expect(await focusOutline(page)).not.toBe('none');
});
