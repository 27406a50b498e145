import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** What a test does in the panel, the way a user does it: through labels and buttons. */

export interface PairSpec {
  title: string;
  model?: 'one-to-one' | 'group' | 'peer' | 'reverse';
  myRole?: 'mentor' | 'mentee';
  members?: { name: string; email?: string; role: 'mentor' | 'mentee' }[];
  rhythm?: string;
  confidentiality?: string;
  scope?: string;
}

export async function createPair(page: Page, spec: PairSpec): Promise<void> {
  const existing = page.getByRole('button', { name: 'New pair' });
  if (await existing.isVisible()) await existing.click();
  const form = page.getByRole('form', { name: /mentoring pair/i });
  await form.getByLabel('Title').fill(spec.title);
  if (spec.model) await form.getByLabel('Mentoring model').selectOption(spec.model);
  if (spec.myRole === 'mentee') await form.getByLabel('Mentee', { exact: true }).check();
  const members = spec.members ?? [];
  for (const [index, member] of members.entries()) {
    if (index >= 2) await form.getByRole('button', { name: 'Add member' }).click();
    await form.locator(`input[name="member-name-${index}"]`).fill(member.name);
    await form.locator(`input[name="member-email-${index}"]`).fill(member.email ?? '');
    // Peers have no roles to choose.
    if (spec.model !== 'peer') {
      await form.locator(`select[name="member-role-${index}"]`).selectOption(member.role);
    }
  }
  if (spec.rhythm) await form.getByLabel(/^Rhythm/).fill(spec.rhythm);
  if (spec.confidentiality) await form.getByLabel(/^Confidentiality/).fill(spec.confidentiality);
  if (spec.scope) await form.getByLabel(/^Scope/).fill(spec.scope);
  await form.getByRole('button', { name: 'Create pair' }).click();
  await expect.poll(() => page.getByRole('tab', { name: 'Review' }).isVisible()).toBe(true);
}

/** Opens a tab and waits until every view on it that loads when opened has loaded. */
export async function openTab(page: Page, name: 'Prep' | 'Live' | 'Review' | 'History' | 'Pair') {
  await page.getByRole('tab', { name }).click();
  // The tab shows selected in the same render that puts its view (or "Loading…") on the page.
  await page.getByRole('tab', { name, selected: true }).waitFor();
  await viewsLoaded(page);
}

/** Waits until no view that loads when opened still says "Loading…" (components/lazy-view.tsx). */
export async function viewsLoaded(page: Page) {
  await page.locator('[data-lazy-loading]').first().waitFor({ state: 'detached' });
}

export async function addGoal(
  page: Page,
  goal: { title: string; why?: string; measure?: string; target?: string; progress?: number },
): Promise<void> {
  await openTab(page, 'Review');
  await page.getByRole('button', { name: 'Add goal' }).click();
  const form = page.getByRole('form', { name: 'New goal' });
  await form.getByLabel('Goal', { exact: true }).fill(goal.title);
  if (goal.why) await form.getByLabel('Why it matters').fill(goal.why);
  if (goal.measure) await form.getByLabel('How success is measured').fill(goal.measure);
  if (goal.target) await form.getByLabel('Target date').fill(goal.target);
  if (goal.progress !== undefined) await form.getByLabel(/^Progress/).fill(String(goal.progress));
  await form.getByRole('button', { name: 'Add goal' }).click();
  await expect.poll(() => page.getByTestId('goal').filter({ hasText: goal.title }).count()).toBe(1);
}

export async function addAgendaItem(page: Page, text: string): Promise<void> {
  await page.getByLabel('New agenda item').fill(text);
  await page.getByLabel('New agenda item').press('Enter');
  await expect
    .poll(() => page.getByTestId('agenda-item').filter({ hasText: text }).count())
    .toBe(1);
}

export async function addActionItem(
  page: Page,
  /** owner: as the picker shows it — a member's name, "Both", "Everyone", or a role. */
  item: { text: string; owner?: string; due?: string },
): Promise<void> {
  const form = page.getByRole('form', { name: 'New action item' });
  await form.getByLabel('New action item').fill(item.text);
  if (item.owner) await form.getByLabel('Owner').selectOption({ label: item.owner });
  if (item.due) await form.getByLabel('Due').fill(item.due);
  await form.getByRole('button', { name: 'Add action item' }).click();
  await expect
    .poll(() => page.getByTestId('action-item').filter({ hasText: item.text }).count())
    .toBe(1);
}

/** Add a note and type into it; returns the note's textarea. */
export async function addNote(page: Page, visibility: 'private' | 'shared', text: string) {
  const before = await page.getByTestId('note').count();
  await page.getByRole('button', { name: `Add ${visibility} note` }).click();
  await expect.poll(() => page.getByTestId('note').count()).toBe(before + 1);
  const note = page.getByTestId('note').nth(before);
  const box = note.getByRole('textbox');
  await box.click();
  await box.pressSequentially(text, { delay: 5 });
  return note;
}

/** Every record of a table in one of the extension's IndexedDB databases, read in the page. */
export async function readTable(
  page: Page,
  database: 'tandem' | 'tandem-private',
  table: string,
): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    ([name, store]) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as Record<string, unknown>[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [database, table] as const,
  );
}

/**
 * Holds the session in the Live tab — planned first for `at` (YYYY-MM-DDTHH:mm) in Prep when
 * given — and waits until the next one is ready to hold.
 */
export async function holdSession(page: Page, at?: string) {
  if (at) {
    await openTab(page, 'Prep');
    await page.getByLabel('Date and time').fill(at);
    await page.getByLabel('Date and time').blur();
  }
  await openTab(page, 'Live');
  await page.getByRole('button', { name: 'Session held — plan the next' }).click();
  await page.getByRole('button', { name: 'Yes, session held' }).click();
  await expect
    .poll(() => page.getByRole('button', { name: 'Session held — plan the next' }).isVisible())
    .toBe(true);
}
