import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { type AxeResult, describeViolations, runAxe } from './axe';
import { type ExtensionBrowser, launchExtension, worker } from './fixtures';
import { openHostPage, tabIdOf } from './hosts';
import {
  addActionItem,
  addAgendaItem,
  addGoal,
  addNote,
  createPair,
  holdSession,
  openTab,
} from './panel-page';

/**
 * axe-core on every screen of the panel and on the options page, in light and in dark: no
 * violations of any rule axe runs by default (colour contrast included, in both schemes).
 */

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

const summary: {
  scheme: string;
  screen: string;
  violations: number;
  passed: number;
  incomplete: string[];
}[] = [];
afterAll(() => {
  // The per-screen tally, for the record (rules passed; violations must be 0).
  console.log(
    summary
      .map(
        (s) =>
          `${s.scheme}\t${s.screen}\t${s.violations} violations\t${s.passed} rules passed\tundecided: ${s.incomplete.join(' ') || 'none'}`,
      )
      .join('\n'),
  );
});

async function expectNoViolations(
  page: Page,
  scheme: 'light' | 'dark',
  screen: string,
): Promise<AxeResult> {
  const result = await runAxe(page);
  summary.push({
    scheme,
    screen,
    violations: result.violations.length,
    passed: result.passes.length,
    incomplete: result.incomplete,
  });
  // The page is really in the scheme under test (the panel's own background colour).
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe(scheme === 'dark' ? 'rgb(18, 20, 23)' : 'rgb(246, 247, 249)');
  expect(
    result.violations,
    `${screen} (${scheme}):\n${describeViolations(result.violations)}`,
  ).toEqual([]);
  // Contrast was really checked on this screen, not skipped.
  expect(result.passes).toContain('color-contrast');
  return result;
}

async function setMyRole(page: Page, role: 'Mentor' | 'Mentee') {
  await openTab(page, 'Pair');
  await page.getByRole('button', { name: 'Edit pair' }).click();
  await page.getByRole('radio', { name: role, exact: true }).check();
  await page.getByRole('button', { name: 'Save pair' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Edit pair' }).isVisible()).toBe(true);
}

for (const scheme of ['light', 'dark'] as const) {
  describe(`accessibility in ${scheme} mode`, () => {
    test(`first run, the pair form and the options page have no axe violations (${scheme})`, async () => {
      browser = await launchExtension();
      const page = await browser.openPanel();
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('onboarding').waitFor();
      await expectNoViolations(page, scheme, 'first run');

      await page.getByRole('button', { name: 'Got it' }).click();
      await page.getByRole('heading', { name: 'Tandem', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Create pair' }).click(); // empty title: refused
      await expectNoViolations(page, scheme, 'pair form');

      const options = await browser.context.newPage();
      await options.emulateMedia({ colorScheme: scheme });
      await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
      await options.getByTestId('granted').waitFor();
      await expectNoViolations(options, scheme, 'options');
    });

    test(`every mode of a pair in use has no axe violations (${scheme})`, async () => {
      browser = await launchExtension();
      const page = await browser.openPanel();
      await page.emulateMedia({ colorScheme: scheme });
      await createPair(page, {
        title: 'Priya ↔ Jonas',
        members: [
          { name: 'Priya Raman', email: 'priya@example.org', role: 'mentor' },
          { name: 'Jonas Weber', email: 'jonas@example.org', role: 'mentee' },
        ],
        rhythm: 'Every two weeks, 45 minutes',
        confidentiality: 'What we say stays between us',
      });
      await addGoal(page, {
        title: 'Lead the onboarding launch',
        why: 'A step to lead',
        progress: 40,
      });
      await addGoal(page, { title: 'Give feedback that lands', progress: 10 });

      // A first session, held: its action items come back for review.
      await openTab(page, 'Prep');
      await page.getByLabel('Date and time').fill('2026-11-10T10:00');
      await page.getByLabel('Date and time').blur();
      await addAgendaItem(page, 'Launch plan: risks');
      await openTab(page, 'Live');
      await addNote(page, 'shared', 'Vendor freeze on Dec 10.');
      await addActionItem(page, {
        text: 'Ask for a buffer week',
        owner: 'Jonas Weber',
        due: '2026-11-12',
      });
      await addActionItem(page, { text: 'Share the feedback guide', owner: 'Priya Raman' });
      await holdSession(page);

      // The next session, in progress.
      await openTab(page, 'Prep');
      await page.getByLabel('Date and time').fill('2026-11-24T10:00');
      await page.getByLabel('Date and time').blur();
      await addAgendaItem(page, 'Feedback conversation with Sam');
      await addAgendaItem(page, 'Who to meet in design');
      const tick = page.getByTestId('agenda-item').first().getByRole('checkbox');
      await tick.click();
      await expect.poll(() => tick.isChecked()).toBe(true);
      await expectNoViolations(page, scheme, 'Prep');

      await openTab(page, 'Live');
      await addNote(page, 'private', 'Nervous about the Q&A.');
      await addActionItem(page, { text: 'Draft the talk outline', owner: 'Both' });
      await page.getByRole('button', { name: 'Pin' }).click();
      await page.getByText('Your own prompts').click();
      await expect.poll(() => page.getByTestId('save-status').allTextContents()).toContain('Saved');
      await expectNoViolations(page, scheme, 'Live');

      await openTab(page, 'Review');
      await page.getByTestId('review-item').first().waitFor();
      await page.getByTestId('review-item').first().getByRole('button', { name: 'Done' }).click();
      await page.getByTestId('feedback-form').waitFor();
      await expectNoViolations(page, scheme, 'Review');
      await page.getByLabel('One word for the session').fill('Focused');
      await page.getByLabel('3 – somewhat').check();
      await page.getByRole('button', { name: 'Submit sealed' }).click();
      await page.getByTestId('feedback-mine').waitFor();
      await expectNoViolations(page, scheme, 'Review, feedback sealed');

      await openTab(page, 'History');
      await page.locator('.timeline-entry summary').first().click();
      await expectNoViolations(page, scheme, 'History');

      await openTab(page, 'Pair');
      await expectNoViolations(page, scheme, 'Pair');
      await page.getByRole('button', { name: 'Edit pair' }).click();
      await expectNoViolations(page, scheme, 'edit pair form');
      await page.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('searchbox').fill('feedback');
      await page.getByTestId('search-results').waitFor();
      await expectNoViolations(page, scheme, 'search');
      await page.getByRole('searchbox').fill('');

      await page.getByRole('button', { name: 'Help' }).click();
      await page.getByTestId('shortcuts').locator('kbd').first().waitFor();
      await expectNoViolations(page, scheme, 'help and shortcuts');
    });

    test(`issue 15's views, opened and filled, have no axe violations (${scheme})`, async () => {
      browser = await launchExtension();
      const page = await browser.openPanel();
      await page.setViewportSize({ width: 380, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await createPair(page, {
        title: 'Grace and Ana',
        myRole: 'mentor',
        members: [
          { name: 'Grace', role: 'mentor' },
          { name: 'Ana', role: 'mentee' },
        ],
        rhythm: 'Every two weeks, 45 minutes',
      });
      await addGoal(page, { title: 'Lead a design review', progress: 30 });

      // Prep: an agenda suggestion (the mentor's), an introduction being added.
      await openTab(page, 'Prep');
      await page.getByLabel('Date and time').fill('2026-12-01T10:00');
      await page.getByLabel('Date and time').blur();
      await addAgendaItem(page, 'Try a pre-mortem');
      await page.getByTestId('suggestion-badge').first().waitFor();
      await page.getByRole('button', { name: 'Add introduction' }).click();
      const intro = page.getByRole('form', { name: 'New introduction' });
      await intro.getByLabel('Who').fill('Dana Reyes');
      await intro.getByLabel('Organisation or role (optional)').fill('Platform team');
      await intro.getByLabel('Why this person').fill('Ran the last big migration');
      await intro.getByLabel('Follow up by').fill('2020-01-15');
      await expectNoViolations(page, scheme, 'Prep, agenda suggestion and introduction form');
      await intro.getByRole('button', { name: 'Add' }).click();
      await page.getByTestId('follow-up-due').waitFor();

      // The mentee sees the suggestion with Accept and Decline.
      await setMyRole(page, 'Mentee');
      await openTab(page, 'Prep');
      await page.getByRole('button', { name: 'Accept suggestion Try a pre-mortem' }).waitFor();
      await expectNoViolations(page, scheme, 'Prep as the mentee, a suggestion to accept');
      await setMyRole(page, 'Mentor');

      // Schedule-next, opened and filled.
      await holdSession(page);
      await openTab(page, 'Prep');
      await page.getByRole('button', { name: 'Schedule the next session' }).click();
      const schedule = page.getByRole('region', { name: 'Schedule the next session' });
      await schedule.getByLabel(/Repeat at the pair's cadence/).check();
      await schedule.getByTestId('schedule-outlook-repeat').waitFor();
      await expectNoViolations(page, scheme, 'schedule-next form');
      await schedule.getByRole('button', { name: 'Close' }).click();

      // Review: role notes, their balance, what the roles mean; the feedback form filled.
      await openTab(page, 'Review');
      const notes = page.getByTestId('role-notes');
      await notes.getByTestId('roles-used').getByRole('button', { name: 'Advisor' }).click();
      await notes.getByTestId('roles-needed').getByRole('button', { name: 'Challenger' }).click();
      await page.getByTestId('role-balance-table').waitFor();
      await notes.getByText('What the four roles mean').click();
      const feedback = page.getByTestId('feedback-form');
      await feedback.getByLabel('What helped?').fill('Rehearsing the talk');
      await feedback.getByLabel('4 – very').check();
      await expectNoViolations(page, scheme, 'Review, role notes, balance, feedback form');
      // Sealed (covered above with the other screens), then opened by choice: both answers shown.
      await feedback.getByRole('button', { name: 'Submit sealed' }).click();
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Open my answers now' }).click();
      await page
        .getByRole('button', { name: 'Open my answers now' })
        .waitFor({ state: 'detached' });
      await page.getByTestId('feedback-mine').waitFor();
      await expectNoViolations(page, scheme, 'Review, feedback opened');

      // The arc: moving on asks first; then the closing form, filled.
      await page.getByRole('button', { name: 'Move on to “Making progress”' }).click();
      await page.getByRole('button', { name: 'Move on', exact: true }).waitFor();
      await expectNoViolations(page, scheme, 'arc strip, confirming a move');
      await page.getByRole('button', { name: 'Move on', exact: true }).click();
      for (const next of ['Winding down', 'Closing']) {
        await page.getByRole('button', { name: `Move on to “${next}”` }).click();
        await page.getByRole('button', { name: 'Move on', exact: true }).click();
        await page
          .getByRole('list', { name: 'Phases of the relationship' })
          .locator('[aria-current="step"]', { hasText: next })
          .waitFor();
      }
      const closing = page.getByTestId('closing');
      await closing.getByLabel('Status of Lead a design review').selectOption('achieved');
      await closing.getByLabel('What was achieved: Lead a design review').fill('Led two reviews');
      await closing.getByRole('button', { name: 'Add what I learned' }).click();
      await closing.getByTestId('my-learning').getByLabel('What I learned').fill('Ask first');
      await closing.getByLabel('What comes next').fill('Ana mentors someone');
      await closing.getByLabel("The mentor's endorsement").fill('Ana listens and acts.');
      await expectNoViolations(page, scheme, 'arc strip and closing form');

      // The printable progress record.
      const opened = browser.context.waitForEvent('page');
      await closing.getByRole('button', { name: 'Printable page' }).click();
      const printable = await opened;
      await printable.setViewportSize({ width: 380, height: 900 });
      await printable.emulateMedia({ colorScheme: scheme });
      await printable.getByTestId('progress-record').waitFor();
      await expectNoViolations(printable, scheme, 'progress record page');
    }, 180_000);

    test(`the panel beside a call, with its meeting card, has no axe violations (${scheme})`, async () => {
      browser = await launchExtension();
      const home = await browser.openPanel();
      await createPair(home, { title: 'Unlinked pair' });
      const url = 'https://meet.google.com/abc-defg-hij';
      await openHostPage(browser.context, url, 'google-meet/in-call.html');
      const tab = await tabIdOf(worker(browser), url);
      const page = await browser.openPanel(`?tab=${tab}`);
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('meeting-unmatched').waitFor();
      await expectNoViolations(page, scheme, 'a call linked to no pair');
      await page.getByRole('button', { name: 'Link to pair' }).click();
      await page.getByTestId('meeting-timer').waitFor();
      await expectNoViolations(page, scheme, 'Live in a call (meeting card, timer)');
    });
  });
}
