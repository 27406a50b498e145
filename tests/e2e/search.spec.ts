import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { addNote, createPair, openTab, readTable } from './panel-page';

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

/** The search index's snapshot was saved (by the panel's search worker) with what is written. */
async function snapshotSaved(page: Page): Promise<boolean> {
  const [snapshot] = await readTable(page, 'tandem', 'searchSnapshot').then((rows) =>
    rows.filter((row) => row.id === 'index'),
  );
  const log = await readTable(page, 'tandem', 'searchLog');
  return snapshot !== undefined && log.length === 0;
}

/** Per pair shown in the results, its title and the texts of its hits. */
function resultsByPair(page: Page): Promise<Record<string, string[]>> {
  return page
    .getByTestId('search-results')
    .evaluate((results) =>
      Object.fromEntries(
        [...results.querySelectorAll('.search-group')].map((group) => [
          group.querySelector('h2')?.textContent ?? '',
          [...group.querySelectorAll('[data-testid="search-hit"]')].map(
            (hit) => hit.querySelector('[dir="auto"]')?.textContent ?? '',
          ),
        ]),
      ),
    );
}

describe('search from the saved index', () => {
  test('a later panel finds a note typed moments ago, no longer finds a deleted one, and shows each pair’s notes under that pair', async () => {
    browser = await launchExtension();
    const first = await browser.openPanel();
    await createPair(first, { title: 'Harbour' });
    await openTab(first, 'Live');
    const old = await addNote(first, 'shared', 'The lighthouse keeper retires');
    await expect.poll(() => old.getByTestId('save-status').textContent()).toBe('Saved');
    // The panel loads the index when idle and saves its snapshot: the next panel starts from it.
    await first.getByLabel(/Search notes/).focus();
    await expect.poll(() => snapshotSaved(first)).toBe(true);
    await first.close();

    const page = await browser.openPanel();
    await openTab(page, 'Live');
    // The note written in the first panel is shown before another is added.
    await expect.poll(() => page.getByTestId('note').count()).toBe(1);
    const fresh = await addNote(page, 'private', 'Lighthouse lamp needs a new lens');
    await expect.poll(() => fresh.getByTestId('save-status').textContent()).toBe('Saved');
    await createPair(page, { title: 'Seaside' });
    await openTab(page, 'Live');
    await expect.poll(() => page.getByTestId('note').count()).toBe(0);
    const other = await addNote(page, 'shared', 'A lighthouse tour for the team');
    await expect.poll(() => other.getByTestId('save-status').textContent()).toBe('Saved');

    const search = page.getByLabel(/Search notes/);
    await search.pressSequentially('lighth', { delay: 20 });
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(3);
    const byPair = await resultsByPair(page);
    expect(Object.keys(byPair).sort()).toEqual(['Harbour', 'Seaside']);
    expect(byPair.Harbour?.sort()).toEqual([
      'Lighthouse lamp needs a new lens',
      'The lighthouse keeper retires',
    ]);
    expect(byPair.Seaside).toEqual(['A lighthouse tour for the team']);

    // Deleted in this pair (Seaside's note): gone from the results, the others stay.
    await search.fill('');
    page.once('dialog', (dialog) => void dialog.accept());
    await other.getByRole('button', { name: 'Delete shared note' }).click();
    await expect.poll(() => page.getByTestId('note').count()).toBe(0);
    await search.fill('lighthouse');
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(2);
    expect(Object.keys(await resultsByPair(page))).toEqual(['Harbour']);

    // And a panel opened after all that, from the snapshot saved meanwhile, agrees.
    await expect.poll(() => snapshotSaved(page)).toBe(true);
    const later = await browser.openPanel();
    await later.getByLabel(/Search notes/).fill('lighthouse');
    await expect.poll(() => later.getByTestId('search-hit').count()).toBe(2);
    expect(await resultsByPair(later)).toEqual(await resultsByPair(page));
  });
});
