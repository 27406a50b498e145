import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseYAML } from 'confbox';
import { afterEach, expect, test } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './fixtures';

/** A browser in German: the panel, its prompts, counts and dates, and the options page. */

const german = parseYAML(
  readFileSync(resolve(import.meta.dirname, '../../locales/de.yml'), 'utf8'),
) as { bank: Record<string, string> };

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

test('a German browser shows the panel in German, with German prompts, plurals and dates', async () => {
  browser = await launchExtension({ lang: 'de' });
  const page = await browser.openPanel();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Willkommen bei Tandem' }).isVisible())
    .toBe(true);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
  // The sites, as a German list: "…, Jitsi Meet oder Whereby".
  expect(await page.getByTestId('onboarding').textContent()).toContain('Jitsi Meet oder Whereby');
  await page.getByRole('button', { name: 'Verstanden' }).click();
  expect(await page.getByRole('heading', { name: 'Neues Mentoring-Tandem' }).isVisible()).toBe(
    true,
  );

  const form = page.getByRole('form', { name: 'Neues Mentoring-Tandem' });
  await form.getByLabel('Titel').fill('Sam ↔ Alex');
  await form.getByRole('button', { name: 'Tandem anlegen' }).click();
  for (const name of ['Vorbereiten', 'Live', 'Rückblick', 'Verlauf', 'Tandem']) {
    await expect.poll(() => page.getByRole('tab', { name, exact: true }).isVisible()).toBe(true);
  }

  await page.getByRole('tab', { name: 'Vorbereiten' }).click();
  await page.getByLabel('Datum und Uhrzeit').fill('2026-03-14T15:30');
  await page.getByLabel('Datum und Uhrzeit').blur();
  for (const item of ['Feedback zur Präsentation', 'Nächste Schritte']) {
    await page.getByPlaceholder('Agendapunkt hinzufügen').fill(item);
    await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
  }
  await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(2);
  await page.getByRole('checkbox').first().check();
  await expect.poll(() => page.getByText('1 von 2 besprochen').isVisible()).toBe(true);

  // The prompt on screen comes from the German bank; skipping says for how many days.
  const prompt = await page.getByTestId('current-prompt').locator('blockquote').textContent();
  expect(Object.values(german.bank)).toContain(prompt);
  expect(await page.getByRole('button', { name: '14 Tage aussetzen' }).isVisible()).toBe(true);

  await page.getByRole('tab', { name: 'Verlauf' }).click();
  const session = page.getByTestId('history-session').first();
  await expect.poll(() => session.textContent()).toContain('14.03.2026, 15:30');
  expect(await session.textContent()).toContain('2 Agendapunkte · 0 Notizen · 0 Aufgaben');
  expect(await session.textContent()).toContain('Geplant');

  // Help lists the shortcuts under their German names.
  await page.getByRole('button', { name: 'Hilfe' }).click();
  const help = page.getByTestId('help');
  await expect.poll(() => help.textContent()).toContain('Nächste Frage zeigen');
  expect(await help.textContent()).toContain('Tastenkürzel');
});

test('a German browser shows the options page in German', async () => {
  browser = await launchExtension({ lang: 'de' });
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await expect
    .poll(() => page.getByRole('heading', { name: 'Tandem-Einstellungen' }).isVisible())
    .toBe(true);
  expect(await page.title()).toBe('Tandem-Einstellungen');
  await page.getByLabel('Adresse des Jitsi-Servers').fill('http://jitsi.example.org');
  await page.getByRole('button', { name: 'Server hinzufügen' }).click();
  await expect
    .poll(() => page.getByRole('alert').textContent())
    .toBe('Nur https-Adressen können hinzugefügt werden.');
});
