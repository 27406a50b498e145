import { afterEach, describe, expect, test, vi } from 'vitest';
import { MAX_BACKUP_CHARS } from '../../../utils/export/backup/format';
import { importBackupText } from '../../../utils/export/backup/import';
import { parseBackup } from '../../../utils/export/backup/parse';
import { closeStores, makeStore } from '../helpers';
import { dump, fixture, goodFile, type LooseJson, realisticPair } from './setup';

afterEach(closeStores);

type Mutate = (file: LooseJson) => void;
interface Broken {
  name: string;
  /** The file's text, or a change to the good fixture. */
  text?: string | (() => string);
  mutate?: Mutate;
  /** A fragment of one of the messages. */
  says: string | RegExp;
}

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const withKey = (key: string, json: string) =>
  JSON.stringify(goodFile()).replace('{"format"', `{${JSON.stringify(key)}:${json},"format"`);

const brokenFiles: Broken[] = [
  {
    name: 'not JSON at all',
    text: 'tandem backup',
    says: 'Not a JSON file: unexpected "t" at line 1 column 1',
  },
  {
    name: 'JSON with a syntax error on line 3',
    text: '{\n  "format": "tandem-backup",\n  "version": 1,,\n  "tables": {}\n}',
    says: 'Not a JSON file: unexpected "," at line 3 column 16',
  },
  {
    name: 'a file cut short',
    text: () => fixture('version-1.json').slice(0, 200),
    says: /^Not a JSON file: the text ends too early at line \d+ column \d+$/,
  },
  { name: 'an empty file', text: '', says: 'The file is empty.' },
  { name: 'a file of blank lines', text: ' \n\n\t', says: 'The file is empty.' },
  {
    name: 'a JSON array instead of an object',
    text: '[]',
    says: 'the file holds a list, not an object',
  },
  { name: 'a JSON string', text: '"tandem"', says: 'the file holds a text, not an object' },
  { name: 'JSON null', text: 'null', says: 'the file holds null, not an object' },
  {
    name: 'another format',
    mutate: (f) => {
      f.format = 'notes-export';
    },
    says: 'Not a Tandem backup: "format" is "notes-export", expected "tandem-backup".',
  },
  {
    name: 'no format',
    mutate: (f) => {
      delete f.format;
    },
    says: '"format" is missing',
  },
  {
    name: 'an unknown version',
    mutate: (f) => {
      f.version = 7;
    },
    says: 'This backup was made by a newer Tandem (backup format 7; this one reads up to 3). Update Tandem, then import the file again.',
  },
  {
    name: 'a version below the oldest',
    mutate: (f) => {
      f.version = -1;
    },
    says: 'Unknown backup version -1',
  },
  {
    name: 'a version as a string',
    mutate: (f) => {
      f.version = '1';
    },
    says: '"version" must be a whole number, not "1"',
  },
  {
    name: 'no tables',
    mutate: (f) => {
      delete f.tables;
    },
    says: 'tables: missing',
  },
  {
    name: 'tables as a list',
    mutate: (f) => {
      f.tables = [];
    },
    says: 'tables: expected an object of tables, received a list',
  },
  {
    name: 'an unknown table',
    mutate: (f) => {
      f.tables.foo = [];
    },
    says: 'Unknown table: foo',
  },
  {
    name: 'sync secrets in a table',
    mutate: (f) => {
      f.tables.syncSpaces = [{ id: 'x', deviceToken: 'secret' }];
    },
    says: 'Unknown table: syncSpaces',
  },
  {
    name: 'a table that is not a list',
    mutate: (f) => {
      f.tables.goals = { 0: f.tables.goals[0] };
    },
    says: '“goals”: expected a list of records, received an object',
  },
  {
    name: 'a word where a number belongs',
    mutate: (f) => {
      f.tables.goals[0].progress = 'high';
    },
    says: 'Goal 1, progress: Invalid input: expected number, received string',
  },
  {
    name: 'a number written as a string',
    mutate: (f) => {
      f.tables.pairs[0].cadenceDays = '14';
    },
    says: 'Pair 1, meeting cadence: Invalid input: expected number, received string',
  },
  {
    name: 'progress above 100',
    mutate: (f) => {
      f.tables.goals[0].progress = 150;
    },
    says: 'Goal 1, progress: Too big: expected number to be <=100',
  },
  {
    name: 'a missing required field',
    mutate: (f) => {
      delete f.tables.goals[0].title;
    },
    says: 'Goal 1, title: Invalid input: expected string, received undefined',
  },
  {
    name: 'an unknown status',
    mutate: (f) => {
      f.tables.actionItems[0].status = 'done-ish';
    },
    says: 'Action item 1, status: Invalid option: expected one of "open"|"done"|"dropped"',
  },
  {
    name: 'a date that does not exist',
    mutate: (f) => {
      f.tables.goals[0].targetDate = '2026-02-30';
    },
    says: 'Goal 1, target date: Not a real date',
  },
  {
    name: 'a session time that is not a time',
    mutate: (f) => {
      f.tables.sessions[0].scheduledAt = 'Tuesday';
    },
    says: 'Session 1, date and time: Expected a date and time as YYYY-MM-DDTHH:mm',
  },
  {
    name: 'a member email that is not one',
    mutate: (f) => {
      f.tables.pairs[0].members[0].email = 'lin at example';
    },
    says: 'Pair 1, Member 1, email: Not an email address',
  },
  {
    name: 'the same id twice in a table',
    mutate: (f) => {
      f.tables.agendaItems[1].id = f.tables.agendaItems[0].id;
    },
    says: 'Agenda item 2, id: "11111111-1111-4111-8111-000000000021" is already used by Agenda item 1',
  },
  {
    name: 'a note body of 300 KB',
    mutate: (f) => {
      f.tables.notes[0].body = 'a'.repeat(300_000);
    },
    says: 'Shared note 1, text: Too big: expected string to have <=200000 characters',
  },
  {
    name: 'a file over the size limit',
    text: () => {
      const text = JSON.stringify(goodFile());
      return text.slice(0, -1) + ' '.repeat(MAX_BACKUP_CHARS) + text.slice(-1);
    },
    says: 'The file is too large: 50 MB of text; Tandem reads backups up to 50 MB.',
  },
  {
    name: 'a __proto__ key at the top',
    text: () => withKey('__proto__', '{"polluted":true}'),
    says: 'Unknown field: __proto__',
  },
  {
    name: 'a __proto__ key in a record',
    text: () =>
      JSON.stringify(goodFile()).replace(
        '"title":"Lead',
        '"__proto__":{"polluted":true},"title":"Lead',
      ),
    says: 'Goal 1: Unknown field __proto__',
  },
  {
    name: 'a __proto__ key in a nested record',
    text: () =>
      JSON.stringify(goodFile()).replace('"rhythm":', '"__proto__":{"polluted":true},"rhythm":'),
    says: 'Pair 1, agreement: Unknown field __proto__',
  },
  {
    name: 'a constructor table',
    mutate: (f) => {
      f.tables.constructor = [{ prototype: { polluted: true } }];
    },
    says: 'Unknown table: constructor',
  },
  {
    name: 'a field the schema does not know',
    mutate: (f) => {
      f.tables.goals[0].colour = 'red';
    },
    says: 'Goal 1: Unknown field colour',
  },
  {
    name: 'a private note marked shared in the private section',
    mutate: (f) => {
      f.private.notes[0].visibility = 'shared';
    },
    says: 'Private note 1, who sees it: a shared note in the private section',
  },
  {
    name: 'a shared note marked private among the shared tables',
    mutate: (f) => {
      f.tables.notes[0].visibility = 'private';
    },
    says: 'Shared note 1, who sees it: a private note among the shared tables',
  },
  {
    name: 'an unknown private table',
    mutate: (f) => {
      f.private.searchIndex = [];
    },
    says: 'Unknown table: private.searchIndex',
  },
  {
    name: 'a private section that is not an object',
    mutate: (f) => {
      f.private = 'yes';
    },
    says: 'private: expected an object of tables, received a text',
  },
  {
    name: 'an action item of a session that exists nowhere',
    mutate: (f) => {
      f.tables.actionItems[0].sessionId = '99999999-9999-4999-8999-999999999999';
    },
    says: 'Action item 1, session: session "99999999-9999-4999-8999-999999999999" is neither in the file nor in this browser',
  },
  {
    name: 'a goal of a pair that exists nowhere',
    mutate: (f) => {
      f.tables.goals[0].pairId = 'no-such-pair';
    },
    says: 'Goal 1, pair: pair "no-such-pair" is neither in the file nor in this browser',
  },
  {
    name: 'a private note of a session that exists nowhere',
    mutate: (f) => {
      f.private.notes[0].sessionId = 'no-such-session';
    },
    says: 'Private note 1, session: session "no-such-session" is neither',
  },
  {
    name: 'an agenda item of one pair in a session of another',
    mutate: (f) => {
      f.tables.pairs.push({ ...f.tables.pairs[0], id: 'second-pair', title: 'Second' });
      f.tables.agendaItems[0].pairId = 'second-pair';
    },
    says: 'Agenda item 1, session: session "11111111-1111-4111-8111-000000000011" belongs to another pair',
  },
  {
    name: 'a prompt state under the wrong id',
    mutate: (f) => {
      f.tables.promptStates[0].id = 'whatever';
    },
    says: `tables.promptStates[0].id: a prompt state's id must be "<pairId>:<promptId>"`,
  },
  {
    name: 'a null record',
    mutate: (f) => {
      f.tables.goals.push(null);
    },
    says: 'Goal 2: Invalid input: expected object, received null',
  },
  {
    name: 'a record nested 100,000 lists deep',
    text: () => JSON.stringify(goodFile()).replace('"goals":[', `"goals":[${deep(100_000)},`),
    says: 'Goal 1: Invalid input: expected object, received array',
  },
  {
    name: 'a field nested 100,000 lists deep',
    text: () => JSON.stringify(goodFile()).replace('"why":"Confidence"', `"why":${deep(100_000)}`),
    says: 'Goal 1, why it matters: Invalid input: expected string, received array',
  },
  {
    name: 'a version 0 file with an unknown cadence',
    text: () => fixture('version-0.json').replace('"biweekly"', '"fortnightly"'),
    says: 'Pair 1, “cadence”: "fortnightly" is not one of',
  },
];

describe('broken files are refused and change nothing', () => {
  test.each(brokenFiles)('$name', async ({ text, mutate, says }) => {
    const store = makeStore();
    await realisticPair(store);
    let content: string;
    if (typeof text === 'function') content = text();
    else if (text !== undefined) content = text;
    else {
      const file = goodFile();
      mutate?.(file);
      content = JSON.stringify(file, null, 2);
    }
    const before = await dump(store);
    const result = await importBackupText(store, content);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fragment = says;
    expect(
      result.errors.some((e) =>
        typeof fragment === 'string' ? e.includes(fragment) : fragment.test(e),
      ),
      `${result.errors.join('\n')}\nshould mention ${String(says)}`,
    ).toBe(true);
    expect(result.errors.length).toBeLessThanOrEqual(21);
    expect(await dump(store)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  test('lists every problem of a file, up to twenty, and counts the rest', () => {
    const file = goodFile();
    file.tables.goals = Array.from({ length: 30 }, () => null);
    file.tables.pairs[0].cadenceDays = 0;
    const parsed = parseBackup(JSON.stringify(file));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(21);
    expect(parsed.errors[0]).toBe('Pair 1, meeting cadence: Too small: expected number to be >=1');
    expect(parsed.errors[20]).toBe('…and 11 more problems');
  });

  test('a storage failure halfway through the shared records leaves both databases as they were', async () => {
    const store = makeStore();
    await realisticPair(store);
    const before = await dump(store);
    const put = vi
      .spyOn(store.db.table('notes'), 'put')
      .mockRejectedValue(new DOMException('The disk is full', 'QuotaExceededError'));
    const result = await importBackupText(store, fixture('version-1.json'));
    put.mockRestore();
    expect(result).toEqual({ ok: false, errors: ['Nothing was imported: the disk is full.'] });
    expect(await dump(store)).toBe(before);
  });

  test('when the private database fails, the shared records are in and a second import completes it', async () => {
    const store = makeStore();
    const put = vi
      .spyOn(store.privateDb.table('notes'), 'put')
      .mockRejectedValue(new DOMException('The disk is full', 'QuotaExceededError'));
    const failed = await importBackupText(store, fixture('version-1.json'));
    put.mockRestore();
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.errors).toEqual([
      'The shared records were imported, but not the private notes and reflections: the disk is full. Import the same file again to add them: nothing will be duplicated.',
    ]);
    expect(failed.sharedSummary?.tables.pairs.added).toBe(1);
    expect(await store.privateDb.notes.count()).toBe(0);
    expect(await store.privateDb.searchIndex.count()).toBe(0);
    const again = await importBackupText(store, fixture('version-1.json'));
    expect(again.ok && again.summary.private.notes.added).toBe(1);
    expect(again.ok && again.summary.tables.pairs).toEqual({ added: 0, updated: 0, unchanged: 1 });
  });
});
