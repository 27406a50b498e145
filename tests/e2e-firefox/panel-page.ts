import type { ElementHandle, Page } from 'puppeteer-core';
import { expect } from 'vitest';

/**
 * What a Firefox test does in the panel, the way a user does it: through roles, names and
 * labels (Puppeteer's ARIA queries, which Firefox answers from its accessibility tree over
 * WebDriver BiDi). The Chromium tests' tests/e2e/panel-page.ts, in Puppeteer's terms.
 */

type Scope = Page | ElementHandle<Element>;

/** A selector for the element with this ARIA role and accessible name. */
export function aria(role: string, name: string): string {
  return `::-p-aria([name="${name.replaceAll('"', '\\"')}"][role="${role}"])`;
}

export async function find(scope: Scope, selector: string): Promise<ElementHandle<Element>> {
  const handle = await scope.waitForSelector(selector, { timeout: 15_000 });
  if (!handle) throw new Error(`nothing matches ${selector}`);
  return handle;
}

export async function click(scope: Scope, selector: string): Promise<void> {
  await (await find(scope, selector)).click();
}

export async function type(scope: Scope, selector: string, text: string): Promise<void> {
  await (await find(scope, selector)).type(text);
}

export async function text(scope: Scope, selector: string): Promise<string> {
  const handle = await scope.$(selector);
  return handle ? await handle.evaluate((el) => el.textContent ?? '') : '';
}

export async function count(scope: Scope, selector: string): Promise<number> {
  return (await scope.$$(selector)).length;
}

export interface PairSpec {
  title: string;
  myRole?: 'mentor' | 'mentee';
  members?: { name: string; email?: string; role: 'mentor' | 'mentee' }[];
}

export async function createPair(page: Page, spec: PairSpec): Promise<void> {
  const newPair = await page.$(aria('button', 'New pair'));
  if (newPair) await newPair.click();
  const form = await find(page, 'form.pair-form');
  await type(form, aria('textbox', 'Title'), spec.title);
  if (spec.myRole === 'mentee') await click(form, aria('radio', 'Mentee'));
  for (const [index, member] of (spec.members ?? []).entries()) {
    if (index >= 2) await click(form, aria('button', 'Add member'));
    await type(form, `input[name="member-name-${index}"]`, member.name);
    if (member.email) await type(form, `input[name="member-email-${index}"]`, member.email);
    await (await find(form, `select[name="member-role-${index}"]`)).select(member.role);
  }
  await click(form, aria('button', 'Create pair'));
  await find(page, aria('tab', 'Review'));
}

export async function openTab(page: Page, name: 'Prep' | 'Live' | 'Review' | 'History' | 'Pair') {
  await click(page, aria('tab', name));
  await expect
    .poll(() => page.$eval(aria('tab', name), (tab) => tab.getAttribute('aria-selected')))
    .toBe('true');
}

/** Add a note and type into it; returns the note. */
export async function addNote(
  page: Page,
  visibility: 'private' | 'shared',
  words: string,
): Promise<ElementHandle<Element>> {
  const before = await count(page, '[data-testid="note"]');
  await click(page, aria('button', `Add ${visibility} note`));
  await expect.poll(() => count(page, '[data-testid="note"]')).toBe(before + 1);
  const note = (await page.$$('[data-testid="note"]'))[before];
  if (!note) throw new Error('the new note is missing');
  await type(note, 'textarea', words);
  return note;
}

/** Every record of a table in one of the add-on's IndexedDB databases, read in the page. */
export async function readTable(
  page: Page,
  database: 'tandem' | 'tandem-private',
  table: string,
): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    (name, store) =>
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
    database,
    table,
  );
}
