import { afterEach, describe, expect, test } from 'vitest';
import { type FirefoxWithTandem, launchFirefox, reloadExtensionPage } from './firefox';
import {
  addNote,
  aria,
  count,
  createPair,
  find,
  openTab,
  readTable,
  text,
  type,
} from './panel-page';

let firefox: FirefoxWithTandem | undefined;
afterEach(async () => {
  await firefox?.close();
  firefox = undefined;
});

describe('the panel in Firefox', () => {
  test('opens on its first screen, and a new user creates a pair through the form', async () => {
    firefox = await launchFirefox();
    const page = await firefox.openPanel();
    await find(page, aria('heading', 'New mentoring pair'));
    expect(await text(page, 'h1')).toBe('Welcome to Tandem');

    await createPair(page, {
      title: 'Sam and Alex',
      myRole: 'mentee',
      members: [
        { name: 'Sam Mentor', email: 'sam@example.org', role: 'mentor' },
        { name: 'Alex Mentee', email: 'alex@example.org', role: 'mentee' },
      ],
    });
    await openTab(page, 'Pair');
    const details = await find(page, '[role="tabpanel"]');
    await expect.poll(() => details.evaluate((el) => el.textContent ?? '')).toContain('Sam Mentor');
    const shown = await details.evaluate((el) => el.textContent ?? '');
    expect(shown).toContain('alex@example.org');
    expect(shown).toContain('Mentee');
    // unlimitedStorage: Firefox keeps the add-on's IndexedDB persistently, without asking.
    await expect
      .poll(() => text(page, '[data-testid="storage-state"]'))
      .toContain('The browser keeps it persistently');
    expect(
      await page.$eval(aria('combobox', 'Current pair'), (select) =>
        (select as HTMLSelectElement).selectedOptions[0]?.textContent?.trim(),
      ),
    ).toBe('Sam and Alex');

    // Stored in the add-on's own IndexedDB, validated and stamped like in Chromium.
    const pairs = await readTable(page, 'tandem', 'pairs');
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ title: 'Sam and Alex', myRole: 'mentee', deleted: false });
  });

  test('keeps notes across a reload of the panel: one saved, and a private one typed just before', async () => {
    firefox = await launchFirefox();
    const page = await firefox.openPanel();
    await createPair(page, { title: 'Notes survive' });
    await openTab(page, 'Live');
    const saved = 'Alex will draft the launch brief.';
    const shared = await addNote(page, 'shared', saved);
    await expect.poll(() => text(shared, '[data-testid="save-status"]')).toBe('Saved');
    // Then reload at once: within the save debounce, before "Saved" could show. The flush on
    // pagehide or the draft journal (extension-origin localStorage) keeps it.
    const lastWords = 'Last words typed right before reloading';
    await addNote(page, 'private', lastWords);

    await reloadExtensionPage(page);
    await openTab(page, 'Live');
    await expect.poll(() => count(page, '[data-testid="note"]')).toBe(2);
    await expect
      .poll(() =>
        page.$$eval('[data-testid="note"] textarea', (boxes) =>
          boxes.map((box) => (box as HTMLTextAreaElement).value).sort(),
        ),
      )
      .toEqual([saved, lastWords].sort());
    // Each in its own database: the private note never in the shared one.
    expect((await readTable(page, 'tandem', 'notes')).map((n) => n.body)).toEqual([saved]);
    await expect
      .poll(async () => (await readTable(page, 'tandem-private', 'notes')).map((n) => n.body))
      .toEqual([lastWords]);
  });

  test('searches in its worker: finds both notes, private and shared, from a saved index after a reload', async () => {
    firefox = await launchFirefox();
    const page = await firefox.openPanel();
    await createPair(page, { title: 'Searching' });
    await openTab(page, 'Live');
    const shared = await addNote(page, 'shared', 'The lighthouse keeper retires');
    await expect.poll(() => text(shared, '[data-testid="save-status"]')).toBe('Saved');
    const secret = await addNote(page, 'private', 'A lighthouse of my own');
    await expect.poll(() => text(secret, '[data-testid="save-status"]')).toBe('Saved');
    const box = aria(
      'searchbox',
      'Search notes, agendas, action items and reflections of all pairs',
    );
    await type(page, box, 'lighth');
    await expect.poll(() => count(page, '[data-testid="search-hit"]')).toBe(2);
    // The worker saved the index's snapshot in each database (and its log up to it is gone).
    await expect
      .poll(async () =>
        (await readTable(page, 'tandem-private', 'searchSnapshot')).map((row) => row.id).sort(),
      )
      .toEqual(['index', 'pruned']);

    await reloadExtensionPage(page);
    await type(page, box, 'lighthouse keep');
    await expect.poll(() => count(page, '[data-testid="search-hit"]')).toBe(1);
    expect(await text(page, '[data-testid="search-hit"]')).toContain(
      'The lighthouse keeper retires',
    );
  });
});
