// Screenshots from the real, built extension (run `npm run build` first), driven as a user
// would drive it:
//   node scripts/screenshot.mjs           the README's images in docs/ (panel width)
//   node scripts/screenshot.mjs --store   the store listing's images in store/screenshots/,
//                                         1280x800: the panel beside a caption
//                                         (`npm run store-assets` builds, then runs this)
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const store = process.argv.includes('--store');
const extension = resolve('.output/chrome-mv3');
const fixtures = resolve('tests/fixtures/hosts');
const PANEL = { width: 400, height: 800 };
const CALENDAR_URL = 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23';
const MEET_URL = 'https://meet.google.com/abc-defg-hij';

const profile = mkdtempSync(join(tmpdir(), 'tandem-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: PANEL,
  args: [
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
  ],
});

/** A saved host page answers at its real address, so the real content script reads it. */
async function serve(url, file) {
  const body = readFileSync(join(fixtures, file), 'utf8');
  await context.route(
    (candidate) => candidate.href.split('#')[0] === url,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
  );
}

async function tabIdOf(worker, url) {
  for (let i = 0; i < 100; i += 1) {
    const id = await worker.evaluate(
      async (wanted) => (await chrome.tabs.query({})).find((t) => t.url === wanted)?.id,
      url,
    );
    if (typeof id === 'number') return id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no tab for ${url}`);
}

async function savedNotes(page) {
  await page.waitForTimeout(700); // past the save debounce
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="save-status"]')].every(
      (s) => s.textContent === 'Saved',
    ),
  );
}

/** The pair and a session already held, with goals, notes, action items and a reflection. */
async function seed(page) {
  const form = page.getByRole('form', { name: /mentoring pair/i });
  await form.getByLabel('Title').fill('Priya ↔ Sam — product leadership');
  await form.locator('input[name="member-name-0"]').fill('Sam Lee');
  await form.locator('input[name="member-email-0"]').fill('sam.lee@example.org');
  await form.locator('input[name="member-name-1"]').fill('Priya Shah');
  await form.locator('input[name="member-email-1"]').fill('priya.shah@example.com');
  await form.getByLabel(/^Rhythm/).fill('Every two weeks, 45 minutes, video on');
  await form.getByLabel(/^Confidentiality/).fill('What we say stays between us');
  await form.getByRole('button', { name: 'Create pair' }).click();
  const goals = [
    ['Lead the Q1 onboarding launch', 'The step toward a lead role', 60],
    ['Give feedback that lands', 'Two reports asked for clearer feedback', 35],
    ['Build a peer network in design', 'Decisions stall without design input', 15],
  ];
  for (const [title, why, progress] of goals) {
    await page.getByRole('button', { name: 'Add goal' }).click();
    const goal = page.getByRole('form', { name: 'New goal' });
    await goal.getByLabel('Goal', { exact: true }).fill(title);
    await goal.getByLabel('Why it matters').fill(why);
    await goal.getByLabel(/^Progress/).fill(String(progress));
    await goal.getByRole('button', { name: 'Add goal' }).click();
  }
  await page.getByTestId('goal').nth(2).waitFor();

  // Last session, held: what was agreed comes back for review.
  await page.getByRole('tab', { name: 'Prep' }).click();
  await page.getByLabel('Date and time').fill('2026-11-10T10:00');
  await page.getByLabel('Date and time').blur();
  await page.getByRole('tab', { name: 'Live' }).click();
  for (const [text, owner] of [
    ['Draft the launch risk list', 'Priya Shah'],
    ['Intro to Mara in design', 'Sam Lee'],
    ['Try the SBI model in one 1:1', 'Priya Shah'],
  ]) {
    const action = page.getByRole('form', { name: 'New action item' });
    await action.getByLabel('New action item').fill(text);
    await action.getByLabel('Owner').selectOption({ label: owner });
    await action.getByRole('button', { name: 'Add action item' }).click();
  }
  await page.getByRole('button', { name: 'Add shared note' }).click();
  await page
    .getByTestId('note')
    .getByRole('textbox')
    .fill('Launch scope agreed with the team; the vendor API is the open risk.');
  await savedNotes(page);
  await page.getByRole('button', { name: 'Session held — plan the next' }).click();
  await page.getByRole('button', { name: 'Yes, session held' }).click();
  await page.getByRole('button', { name: 'Session held — plan the next' }).waitFor();
}

/** The panel in a meeting: Prep beside the calendar event, Live beside the call. */
async function inMeeting(worker, url, file) {
  await serve(url, file);
  const host = await context.newPage();
  await host.goto(url);
  const tab = await tabIdOf(worker, url);
  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/sidepanel.html?tab=${tab}`);
  await page.getByTestId('meeting-card').waitFor();
  const link = page.getByRole('button', { name: /^Link/ });
  if (await link.isVisible()) await link.click();
  return page;
}

async function prepShot(page) {
  await page.getByRole('tab', { name: 'Prep' }).click();
  const review = page.getByTestId('review-item');
  await review.first().waitFor();
  await review.nth(0).getByRole('button', { name: 'Done' }).click();
  await review.nth(1).getByRole('button', { name: 'Carry over' }).click();
  for (const item of ['Launch plan: vendor risk', 'Feedback conversation with Alex']) {
    await page.getByLabel('New agenda item').fill(item);
    await page.getByLabel('New agenda item').press('Enter');
  }
  await page.getByTestId('agenda-item').nth(2).waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function liveShot(page) {
  await page.getByRole('tab', { name: 'Live' }).click();
  await page.getByTestId('agenda-item').first().getByRole('checkbox').click();
  await page.getByRole('button', { name: 'Add private note' }).click();
  await page
    .getByTestId('note')
    .last()
    .getByRole('textbox')
    .fill('Priya sounds more confident about the launch. Ask about the team next time.');
  await savedNotes(page);
  const action = page.getByRole('form', { name: 'New action item' });
  await action.getByLabel('New action item').fill('Ask the vendor for a buffer week');
  await action.getByRole('button', { name: 'Add action item' }).click();
  await page.getByTestId('action-item').first().waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Review after a session: which roles were used and needed, and feedback sealed until both answer. */
async function mentoringShot(page) {
  await page.getByRole('tab', { name: 'Review' }).click();
  const notes = page.getByTestId('role-notes');
  await notes.waitFor();
  for (const role of ['Advisor', 'Connector'])
    await notes.getByTestId('roles-used').getByRole('button', { name: role }).click();
  await notes.getByTestId('roles-needed').getByRole('button', { name: 'Challenger' }).click();
  await page.getByTestId('role-balance-table').waitFor({ state: 'attached' });
  const feedback = page.getByTestId('feedback-form');
  await feedback.getByLabel('What helped?').fill('Walking through the launch risks together');
  await feedback.getByLabel('What would you change?').fill('More time for the feedback topic');
  await feedback.getByLabel('One word for the session').fill('Focused');
  await feedback.getByLabel('4 – very').check();
  await feedback.getByRole('button', { name: 'Submit sealed' }).click();
  await page.getByTestId('feedback-mine').waitFor();
  await page.evaluate(() => document.getElementById('feedback-heading')?.scrollIntoView());
}

/** The panel (400x800) beside a caption, as one 1280x800 image. */
async function composite(panelPng, caption, out, scheme) {
  const dark = scheme === 'dark';
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.setContent(`<!doctype html><html><body style="margin:0;display:flex;height:800px;
    font-family:system-ui,sans-serif;background:${dark ? '#0c1f1d' : '#e8f3f1'};color:${dark ? '#e8eaed' : '#1c1f24'}">
    <div style="flex:1;display:flex;flex-direction:column;justify-content:center;padding:0 72px">
      <p style="margin:0 0 12px;font-size:22px;font-weight:600;color:${dark ? '#5cc8ba' : '#0d6b62'}">Tandem</p>
      <h1 style="margin:0 0 20px;font-size:44px;line-height:1.15"></h1>
      <p style="margin:0;font-size:22px;line-height:1.45;max-width:680px"></p>
    </div>
    <img style="width:400px;height:800px;box-shadow:0 0 24px rgba(0,0,0,.25)" src="data:image/png;base64,${panelPng.toString('base64')}">
  </body></html>`);
  // Caption text set as text, never as HTML.
  await page.evaluate(([title, body]) => {
    document.querySelector('h1').textContent = title;
    document.querySelector('h1 + p').textContent = body;
  }, caption);
  await page.screenshot({ path: out });
  await page.close();
}

try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const home = await context.newPage();
  await home.goto(`chrome-extension://${id}/sidepanel.html`);
  await home.getByRole('button', { name: 'Got it' }).click();
  await seed(home);

  if (!store) {
    mkdirSync('docs', { recursive: true });
    await home.getByRole('tab', { name: 'Review' }).click();
    await home.getByTestId('goal').nth(2).waitFor();
    await home.evaluate(() => document.getElementById('goals-heading')?.scrollIntoView());
    await home.screenshot({ path: 'docs/sidepanel-goals.png' });
    await mentoringShot(home);
    await home.screenshot({ path: 'docs/sidepanel-feedback.png' });
    const live = await inMeeting(worker, MEET_URL, 'google-meet/in-call.html');
    await prepShot(live);
    await liveShot(live);
    await live.emulateMedia({ colorScheme: 'dark' });
    await live.screenshot({ path: 'docs/sidepanel-session-dark.png' });
    console.log(
      'wrote docs/sidepanel-goals.png, docs/sidepanel-feedback.png and docs/sidepanel-session-dark.png',
    );
  } else {
    const dir = 'store/screenshots';
    mkdirSync(dir, { recursive: true });
    const shots = [];
    /** The panel as it is now, taken before the next step changes it. */
    const capture = async (page, scheme) => {
      await page.bringToFront();
      await page.setViewportSize(PANEL);
      await page.emulateMedia({ colorScheme: scheme });
      return page.screenshot();
    };
    const prep = await inMeeting(worker, CALENDAR_URL, 'google-calendar/event-dialog.html');
    await prepShot(prep);
    shots.push([
      await capture(prep, 'light'),
      '1-prep-beside-the-calendar.png',
      [
        'Prepare beside the calendar',
        'Open the event in Google Calendar or Outlook: Tandem finds the pair, shows what was agreed last time, and the agenda for this one.',
      ],
      'light',
    ]);
    const live = await inMeeting(worker, MEET_URL, 'google-meet/in-call.html');
    await liveShot(live);
    shots.push([
      await capture(live, 'light'),
      '2-live-in-the-call.png',
      [
        'Keep the thread during the call',
        'In Google Meet, Zoom, Teams, Jitsi or Whereby: tick the agenda, take private or shared notes, capture action items.',
      ],
      'light',
    ]);
    await home.getByRole('tab', { name: 'Review' }).click();
    await home.evaluate(() => window.scrollTo(0, 0));
    shots.push([
      await capture(home, 'light'),
      '3-goals-and-review.png',
      [
        'Goals, commitments, reflection',
        'Between sessions: walk through last time’s action items, reflect, and see each goal’s progress.',
      ],
      'light',
    ]);
    await mentoringShot(home);
    shots.push([
      await capture(home, 'light'),
      '4-roles-and-sealed-feedback.png',
      [
        'Mentoring, not just meetings',
        'Note which of the four mentor roles a session used and needed, and give feedback both ways: sealed until both of you have answered.',
      ],
      'light',
    ]);
    shots.push([
      await capture(live, 'dark'),
      '5-dark-and-keyboard.png',
      [
        'Light, dark, and the keyboard',
        'Every control reachable by keyboard, with shortcuts for a new action item and the next prompt. Data stays in your browser.',
      ],
      'dark',
    ]);
    for (const [png, name, caption, scheme] of shots) {
      await composite(png, caption, join(dir, name), scheme);
      console.log(`wrote ${join(dir, name)}`);
    }
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
