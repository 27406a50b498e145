// Takes the README's screenshots from the real, built side panel: `node scripts/screenshot.mjs`
// (after `npm run build`). Drives the UI as a user would, at a side panel's width.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const extension = resolve('.output/chrome-mv3');
const profile = mkdtempSync(join(tmpdir(), 'tandem-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 400, height: 860 },
  colorScheme: process.argv.includes('--dark') ? 'dark' : 'light',
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
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/sidepanel.html`);
  const form = page.getByRole('form', { name: /mentoring pair/i });
  await form.getByLabel('Title').fill('Priya ↔ Jonas — product leadership');
  await form.locator('input[name="member-name-0"]').fill('Priya Raman');
  await form.locator('input[name="member-email-0"]').fill('priya@example.org');
  await form.locator('input[name="member-name-1"]').fill('Jonas Weber');
  await form.locator('input[name="member-email-1"]').fill('jonas@example.org');
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
  const out = process.argv.includes('--dark')
    ? 'docs/sidepanel-goals-dark.png'
    : 'docs/sidepanel-goals.png';
  await page.screenshot({ path: out });
  await page.getByRole('tab', { name: 'Session' }).click();
  await page.getByLabel('Date and time').fill('2026-12-01T10:00');
  for (const item of [
    'Launch plan: risks',
    'Feedback conversation with Sam',
    'Who to meet in design',
  ]) {
    await page.getByLabel('New agenda item').fill(item);
    await page.getByLabel('New agenda item').press('Enter');
  }
  await page.getByTestId('agenda-item').first().getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Add shared note' }).click();
  await page
    .getByTestId('note')
    .getByRole('textbox')
    .fill('Risks: vendor API freeze on Dec 10. Jonas to ask for a buffer week.');
  await page.waitForTimeout(700); // past the save debounce
  await page.waitForFunction(
    () => document.querySelector('[data-testid="save-status"]')?.textContent === 'Saved',
  );
  await page.screenshot({ path: out.replace('goals', 'session') });
  console.log(`wrote ${out} and ${out.replace('goals', 'session')}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
