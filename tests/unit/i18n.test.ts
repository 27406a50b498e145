import { readFile } from 'node:fs/promises';
import { parseYAML } from 'confbox';
import { describe, expect, test } from 'vitest';
import { formatDate, formatDateTime, formatPercent, formatRelative } from '../../components/format';
import { parseRecord } from '../../utils/data/validate';
import { messageLocale, plural, pluralCategory, t, tParts, uiLocale } from '../../utils/i18n';
import { bankKey, promptBank, promptDefinitions } from '../../utils/prompts/bank';
import { goal } from '../../utils/schema/goal';
import { type ChromeMessages, chromeMessages, LOCALES, localeFile } from './locales';
import { useLocale } from './setup-i18n';

/**
 * The message files: every language complete, with the same placeholders, plural forms for
 * each CLDR category of the language, and names the browser accepts.
 */

const CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

type Tree = { [key: string]: string | Tree };

async function tree(locale: string): Promise<Tree> {
  return parseYAML(await readFile(localeFile(locale), 'utf8')) as Tree;
}

/** Every message as dotted key → text, and every plural group as dotted key → categories. */
function flatten(
  node: Tree,
  prefix = '',
  out = { messages: new Map<string, unknown>(), plurals: new Map<string, string[]>() },
) {
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length > 0 && keys.every((k) => CATEGORIES.has(k))) {
        out.plurals.set(path, keys.sort());
      }
      flatten(value, path, out);
    } else {
      out.messages.set(path, value);
    }
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...new Set(text.match(/(?<!\$)\$[1-9]/g) ?? [])].sort();
}

const files = await Promise.all(
  LOCALES.map(async (locale) => [locale, flatten(await tree(locale))] as const),
);
const [first, ...others] = files;
if (!first) throw new Error('No message files');
const english = first[1];

describe('the message files', () => {
  test('ship English and at least two more languages', () => {
    expect(LOCALES[0]).toBe('en');
    expect(LOCALES.length).toBeGreaterThanOrEqual(3);
    expect(english.messages.size).toBeGreaterThan(400);
  });

  test.each(others)('%s has every English key and no other', (_, file) => {
    const missing = [...english.messages.keys()].filter(
      (k) => !file.messages.has(k) && !isPluralVariant(k),
    );
    const extra = [...file.messages.keys()].filter(
      (k) => !english.messages.has(k) && !isPluralVariant(k),
    );
    expect(missing, 'missing').toEqual([]);
    expect(extra, 'not in English').toEqual([]);
    expect([...file.plurals.keys()].sort()).toEqual([...english.plurals.keys()].sort());
  });

  test.each(files)('%s holds only non-empty texts', (_, file) => {
    for (const [key, value] of file.messages) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  test.each(others)('%s uses the same placeholders as English', (_, file) => {
    for (const [key, text] of english.messages) {
      if (isPluralVariant(key)) continue;
      expect(placeholders(String(file.messages.get(key) ?? '')), key).toEqual(
        placeholders(String(text)),
      );
    }
    // A plural group: `other` carries every placeholder of the English `other`; no form uses one
    // that `other` lacks (a language may leave the count out of its `one`: "every day").
    for (const group of english.plurals.keys()) {
      const other = placeholders(String(file.messages.get(`${group}.other`)));
      expect(other, group).toEqual(placeholders(String(english.messages.get(`${group}.other`))));
      for (const category of file.plurals.get(group) ?? []) {
        const used = placeholders(String(file.messages.get(`${group}.${category}`)));
        expect(
          used.filter((p) => !other.includes(p)),
          `${group}.${category}`,
        ).toEqual([]);
      }
    }
  });

  test.each(files)('%s has a form for every plural category of its language', (locale, file) => {
    const categories = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
    expect(file.plurals.size).toBeGreaterThan(20);
    for (const [group, forms] of file.plurals) {
      expect(forms, group).toEqual(categories);
    }
  });

  test.each(files)('%s names its own language in the `locale` message', (locale, file) => {
    expect(file.messages.get('locale')).toBe(locale);
  });

  test.each(LOCALES)(
    '%s builds into message names the browser accepts, none twice',
    async (locale) => {
      const messages: ChromeMessages = await chromeMessages(locale);
      const names = Object.keys(messages);
      for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_]+$/);
      // Chromium looks names up without regard to case.
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    },
  );

  test.each(files)('%s has every built-in prompt as an open question', (_, file) => {
    for (const { id } of promptDefinitions) {
      const text = String(file.messages.get(bankKey(id)) ?? '');
      expect(text, id).toMatch(/\?$/);
    }
  });
});

function isPluralVariant(key: string): boolean {
  const dot = key.lastIndexOf('.');
  return dot > 0 && CATEGORIES.has(key.slice(dot + 1)) && english.plurals.has(key.slice(0, dot));
}

describe('messages in the panel', () => {
  test('come in the browser’s language, with placeholders filled', () => {
    expect(t('actions.statusOf', 'Write the brief')).toBe('Status of Write the brief');
    useLocale('de');
    expect(t('actions.statusOf', 'Kurzbrief schreiben')).toBe('Status von Kurzbrief schreiben');
    useLocale('es');
    expect(t('app.newPair')).toBe('Nueva pareja');
  });

  test('follow the language of the words for plurals, not the UI language', () => {
    useLocale('en', 'fr-FR'); // a UI language Tandem lacks: English words, French dates
    expect(messageLocale()).toBe('en');
    expect(uiLocale()).toBe('fr-FR');
    expect(plural('history.notesCount', 0)).toBe('0 notes');
  });

  test('count in English: one note, 2 notes, 0 notes', () => {
    expect(plural('history.notesCount', 1)).toBe('1 note');
    expect(plural('history.notesCount', 2)).toBe('2 notes');
    expect(plural('history.notesCount', 0)).toBe('0 notes');
    expect(plural('session.confirm', 1, 'Dec 8')).toBe(
      'Mark the session of Dec 8 as held and plan the next one, 1 day later?',
    );
  });

  test('count in German, with German digit grouping', () => {
    useLocale('de');
    expect(plural('history.notesCount', 1)).toBe('1 Notiz');
    expect(plural('history.notesCount', 0)).toBe('0 Notizen');
    expect(plural('history.notesCount', 1234)).toBe('1.234 Notizen');
    expect(plural('prompts.skip', 14)).toBe('14 Tage aussetzen');
    expect(plural('nudges.stalled', 3, 'Lauter sprechen')).toBe(
      'Kein Fortschritt bei „Lauter sprechen“ seit 3 Treffen: Was steht im Weg?',
    );
  });

  test('count in Spanish, including the "many" category of round millions', () => {
    useLocale('es');
    expect(plural('history.actionsCount', 1)).toBe('1 tarea');
    expect(plural('history.actionsCount', 5)).toBe('5 tareas');
    expect(pluralCategory(1_000_000)).toBe('many');
    expect(plural('history.actionsCount', 1_000_000)).toBe('1.000.000 tareas');
    expect(plural('pair.cadence.days', 1)).toBe('Cada día');
  });

  test('put elements where the placeholders stand', () => {
    const strong = { element: 'strong' };
    expect(tParts('meeting.recognised.keywords', strong)).toEqual([
      'For ',
      strong,
      ", recognised by the meeting's title.",
    ]);
    useLocale('de');
    expect(tParts('meeting.recognised.keywords', strong)).toEqual([
      'Für ',
      strong,
      ', erkannt am Titel des Meetings.',
    ]);
  });

  test('every way a meeting is recognised reads as one whole sentence in every language', () => {
    for (const locale of ['en', 'de', 'es'] as const) {
      useLocale(locale);
      for (const reason of ['linked', 'session', 'attendees', 'keywords'] as const) {
        const sentence = tParts(`meeting.recognised.${reason}`, 'Lena & Tom').join('');
        expect(sentence).toMatch(/^\S.*Lena & Tom.*[.!?]$/);
        // No sentence is glued from a fragment that starts another clause in lower case.
        expect(sentence).not.toMatch(
          /recognised by you|erkannt an deiner|reconocida por un vínculo/,
        );
      }
    }
  });

  test('show the key rather than nothing when a message is missing', () => {
    expect(t('no.such.key' as 'app.newPair')).toBe('no.such.key');
  });

  test('word the prompt bank in the browser’s language, ids unchanged', () => {
    const english = promptBank();
    useLocale('de');
    const german = promptBank();
    useLocale('es');
    const spanish = promptBank();
    expect(german.map((p) => p.id)).toEqual(english.map((p) => p.id));
    expect(spanish.map((p) => p.id)).toEqual(english.map((p) => p.id));
    expect(english[0]?.text).toMatch(/^What would I like/);
    expect(german[0]?.text).toMatch(/^Was soll/);
    expect(spanish[0]?.text).toMatch(/^¿Qué me gustaría/);
    expect(new Set(german.map((p) => p.text)).size).toBe(german.length);
  });
});

describe('dates, times and numbers', () => {
  test('in German', () => {
    useLocale('de');
    expect(formatDate('2026-03-14')).toBe('14.03.2026');
    expect(formatDateTime('2026-03-14T15:30')).toBe('14.03.2026, 15:30');
    expect(formatPercent(45)).toBe('45\u00a0%');
    expect(formatRelative(Date.UTC(2026, 2, 17), Date.UTC(2026, 2, 14))).toBe('in 3 Tagen');
    expect(formatRelative(Date.UTC(2026, 2, 13), Date.UTC(2026, 2, 14))).toBe('gestern');
  });

  test('in Spanish', () => {
    useLocale('es');
    expect(formatDate('2026-03-14')).toBe('14 mar 2026');
    expect(formatDateTime('2026-03-14T15:30')).toBe('14 mar 2026, 15:30');
    expect(formatPercent(45)).toBe('45\u00a0%');
    expect(formatRelative(Date.UTC(2026, 2, 14, 2), Date.UTC(2026, 2, 14))).toBe(
      'dentro de 2 horas',
    );
  });

  test('in the UI language even when the words are English', () => {
    useLocale('en', 'en-GB');
    expect(formatDate('2026-03-14')).toBe('14 Mar 2026');
    useLocale('en', 'en-US');
    expect(formatDate('2026-03-14')).toBe('Mar 14, 2026');
    expect(formatPercent(45)).toBe('45%');
  });
});

describe('the store listing', () => {
  test.each(files)('%s keeps the name and description within the stores’ limits', (_, file) => {
    expect(String(file.messages.get('extension.name')).length).toBeLessThanOrEqual(45);
    expect(String(file.messages.get('extension.description')).length).toBeLessThanOrEqual(132);
  });
});

describe('why a value was refused', () => {
  test('is said in the words’ language', () => {
    expect(() => parseRecord(goal.shape.title, '')).toThrow('A goal needs a title');
    useLocale('de');
    expect(() => parseRecord(goal.shape.title, '')).toThrow('Ein Ziel braucht einen Titel');
    useLocale('es');
    expect(() => parseRecord(goal.shape.title, '')).toThrow('Un objetivo necesita un título');
  });
});
