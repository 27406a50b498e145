import { afterEach, describe, expect, test } from 'vitest';
import { type FirefoxWithTandem, launchFirefox, reloadExtensionPage } from './firefox';
import { addNote, aria, count, createPair, find, openTab, readTable, text } from './panel-page';

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
});
