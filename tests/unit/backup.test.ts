import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { formatHlc } from '../../utils/data/hlc';
import { addActionItem, updateActionItem } from '../../utils/data/records/action-items';
import { addAgendaItem, updateAgendaItem } from '../../utils/data/records/agenda-items';
import { addGoal, deleteGoal, updateGoal } from '../../utils/data/records/goals';
import { addNote, saveNoteBody, setNoteVisibility } from '../../utils/data/records/notes';
import { createPair } from '../../utils/data/records/pairs';
import { addCustomPrompt, setPromptState } from '../../utils/data/records/prompts';
import { addReflection, saveReflectionAnswer } from '../../utils/data/records/reflections';
import {
  ensurePlannedSession,
  holdSession,
  updateSession,
} from '../../utils/data/records/sessions';
import { exportBackup } from '../../utils/export/backup/export';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type Backup,
  downloadName,
  MAX_BACKUP_CHARS,
  stringifyBackup,
} from '../../utils/export/backup/format';
import { importBackup, importBackupText } from '../../utils/export/backup/import';
import { parseBackup } from '../../utils/export/backup/parse';
import { closeStores, makeStore, pairInput, type TestStore, uuidCounter } from './helpers';

afterEach(closeStores);

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/backups/${name}`, import.meta.url), 'utf8');

/** Backup JSON as the tests break it: wrong types on purpose, which no record type allows. */
// biome-ignore lint/suspicious/noExplicitAny: the broken-file cases assign any value anywhere
type LooseJson = Record<string, any>;

/** The version 1 fixture as a fresh object each time, for a test to break. */
const goodFile = (): LooseJson => JSON.parse(fixture('version-1.json'));

const SHARED_TABLES = [
  'pairs',
  'goals',
  'sessions',
  'agendaItems',
  'actionItems',
  'notes',
  'reflections',
  'customPrompts',
  'promptStates',
] as const;

/** Every row of every table of both databases, as text: equal text, equal databases. */
async function dump(store: TestStore): Promise<string> {
  const rows: Record<string, unknown[]> = {};
  for (const table of store.db.tables) rows[`shared.${table.name}`] = await table.toArray();
  for (const table of store.privateDb.tables) rows[`private.${table.name}`] = await table.toArray();
  return JSON.stringify(rows);
}

/** The pair's records, without bookkeeping (outbox, field stamps), which differ by history. */
async function records(store: TestStore) {
  const rows: Record<string, unknown[]> = {};
  for (const name of SHARED_TABLES) rows[name] = await store.db.table(name).toArray();
  rows['private.notes'] = await store.privateDb.notes.toArray();
  rows['private.reflections'] = await store.privateDb.reflections.toArray();
  return rows;
}

const PRIVATE_NOTE = 'Worried my manager blocks the promotion';
const PRIVATE_ANSWER = 'I talk too much when nervous';
const MOVED_NOTE = 'Thinking of leaving the company';

/**
 * A pair after two sessions: goals (one deleted), agenda ticked, shared and private notes (one
 * moved from shared to private), an action item done, reflections shared and private, a custom
 * prompt and a pinned one.
 */
async function realisticPair(store: TestStore) {
  const pair = await createPair(store, pairInput());
  const speak = await addGoal(store, pair.id, {
    title: 'Speak at a conference',
    why: 'Visibility',
    measure: 'One accepted talk',
    targetDate: '2026-06-30',
    status: 'active',
    progress: 20,
  });
  const old = await addGoal(store, pair.id, {
    title: 'An old goal',
    why: '',
    measure: '',
    targetDate: '',
    status: 'active',
    progress: 0,
  });
  await deleteGoal(store, old.id);
  const first = await ensurePlannedSession(store, pair.id);
  await updateSession(store, first.id, { scheduledAt: '2026-01-13T10:30' });
  const abstract = await addAgendaItem(store, first, 'Talk abstract', 'mentee');
  await addAgendaItem(store, first, 'Salary talk', 'mentee');
  await updateAgendaItem(store, abstract.id, { done: true });
  const shared = await addNote(store, first, 'shared', '');
  await saveNoteBody(store, shared.id, 'shared', 'Decision: submit to the spring conference');
  await addNote(store, first, 'private', PRIVATE_NOTE);
  const moved = await addNote(store, first, 'shared', MOVED_NOTE);
  await setNoteVisibility(store, moved.id, 'shared', 'private');
  const action = await addActionItem(store, first, {
    text: 'Draft the abstract',
    owner: 'mentee',
    due: '2026-01-20',
  });
  const sharedReflection = await addReflection(store, first, 'What went well?', 'shared');
  await saveReflectionAnswer(store, sharedReflection.id, 'shared', 'Clear next steps');
  const privateReflection = await addReflection(store, first, 'What was hard?', 'private');
  await saveReflectionAnswer(store, privateReflection.id, 'private', PRIVATE_ANSWER);
  await setPromptState(store, pair.id, 'goals-1', { pinned: true });
  await addCustomPrompt(store, pair.id, {
    text: 'What would you try next?',
    phase: 'review',
    role: 'both',
    theme: 'options',
  });
  store.advance(14 * 86_400_000);
  const second = await holdSession(store, first.id, pair.cadenceDays);
  await updateActionItem(store, action.id, { status: 'done' }, second.id);
  await updateGoal(store, speak.id, { progress: 50 });
  return { pair, speak, first, second, shared, action };
}

describe('backup round trip', () => {
  test('restores every record into a fresh browser, deletions included', async () => {
    const source = makeStore();
    await realisticPair(source);
    const text = stringifyBackup(await exportBackup(source, { includePrivate: true }));
    const target = makeStore({ deviceId: 'device-b', newId: uuidCounter() });
    const result = await importBackupText(target, text);
    expect(result.ok).toBe(true);
    expect(await records(target)).toEqual(await records(source));
    expect((await target.db.goals.toArray()).filter((g) => g.deleted)).toHaveLength(1);
    // Search finds the restored text: the index is rebuilt as any write builds it.
    expect(await target.db.searchIndex.toArray()).toEqual(await source.db.searchIndex.toArray());
    expect(await target.privateDb.searchIndex.toArray()).toEqual(
      await source.privateDb.searchIndex.toArray(),
    );
    if (!result.ok) return;
    expect(result.summary.total.updated + result.summary.total.unchanged).toBe(0);
    expect(result.summary.tables.goals).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(result.summary.private.notes).toEqual({ added: 2, updated: 0, unchanged: 0 });
  });

  test('without private notes, no private word is anywhere in the file', async () => {
    const store = makeStore();
    await realisticPair(store);
    const backup = await exportBackup(store, { includePrivate: false });
    const text = stringifyBackup(backup);
    expect(backup.private).toBeUndefined();
    expect(text).not.toContain('"private"');
    for (const secret of [PRIVATE_NOTE, PRIVATE_ANSWER, MOVED_NOTE, 'promotion', 'nervous']) {
      expect(text).not.toContain(secret);
    }
    // The shared part is complete all the same.
    expect(text).toContain('submit to the spring conference');
    expect(text).toContain('Clear next steps');
  });

  test('with private notes ticked, they come back into the private database only', async () => {
    const source = makeStore();
    await realisticPair(source);
    const text = stringifyBackup(await exportBackup(source, { includePrivate: true }));
    expect(text).toContain(PRIVATE_NOTE);
    const target = makeStore();
    expect((await importBackupText(target, text)).ok).toBe(true);
    const privateBodies = (await target.privateDb.notes.toArray()).map((n) => n.body).sort();
    expect(privateBodies).toEqual([PRIVATE_NOTE, MOVED_NOTE].sort());
    expect((await target.privateDb.reflections.toArray()).map((r) => r.answer)).toEqual([
      PRIVATE_ANSWER,
    ]);
    const sharedDb: Record<string, unknown[]> = {};
    for (const table of target.db.tables) sharedDb[table.name] = await table.toArray();
    const sharedText = JSON.stringify(sharedDb);
    for (const secret of [PRIVATE_NOTE, PRIVATE_ANSWER, MOVED_NOTE, 'promotion', 'nervous']) {
      expect(sharedText).not.toContain(secret);
    }
  });

  test('exports only the pairs asked for, and that file restores on its own', async () => {
    const store = makeStore();
    const { pair } = await realisticPair(store);
    const other = await createPair(store, pairInput({ title: 'Other pair' }));
    const otherSession = await ensurePlannedSession(store, other.id);
    await addNote(store, otherSession, 'private', 'About the other pair');
    const backup = await exportBackup(store, { includePrivate: true, pairIds: [pair.id] });
    const text = stringifyBackup(backup);
    expect(text).not.toContain('Other pair');
    expect(text).not.toContain('About the other pair');
    expect(text).not.toContain(other.id);
    const target = makeStore();
    expect((await importBackupText(target, text)).ok).toBe(true);
    expect((await target.db.pairs.toArray()).map((p) => p.title)).toEqual([pair.title]);
  });

  test('never exports sync secrets or local bookkeeping', async () => {
    const store = makeStore();
    const { pair } = await realisticPair(store);
    await store.db.syncSpaces.put({
      id: pair.id,
      sidecarUrl: 'https://sync.example.org',
      spaceId: 'space',
      deviceId: 'device',
      deviceToken: 'SECRET-DEVICE-TOKEN',
      key: {} as CryptoKey,
      cursor: 3,
      lastMutationId: 4,
    });
    const backup = await exportBackup(store, { includePrivate: true });
    const text = stringifyBackup(backup);
    expect(text).not.toContain('SECRET-DEVICE-TOKEN');
    expect(Object.keys(backup.tables).sort()).toEqual([...SHARED_TABLES].sort());
    expect(Object.keys(backup)).toEqual([
      'format',
      'version',
      'exportedAt',
      'app',
      'tables',
      'private',
    ]);
    expect(backup).toMatchObject({ format: BACKUP_FORMAT, version: BACKUP_VERSION, app: 'Tandem' });
    expect(backup.exportedAt).toBe(new Date(store.now()).toISOString());
  });

  test('imported shared records are queued for sync and stamped like any write', async () => {
    const store = makeStore();
    const result = await importBackupText(store, fixture('version-1.json'));
    expect(result.ok).toBe(true);
    const file = goodFile();
    const sharedIds = SHARED_TABLES.flatMap((name) =>
      (file.tables[name] as Array<{ id: string }>).map((r) => `${name}:${r.id}`),
    );
    expect((await store.db.outbox.toArray()).map((row) => row.id).sort()).toEqual(sharedIds.sort());
    const goal = file.tables.goals[0];
    expect((await store.db.syncMeta.get(`goals:${goal.id}`))?.fields.progress).toBe(goal.updatedAt);
    const noteWords = (await store.db.searchIndex.toArray()).filter((e) =>
      e.words.includes('chairs'),
    );
    expect(noteWords.map((e) => e.recordId)).toEqual([file.tables.notes[0].id]);
    // The private note is neither queued nor indexed in the shared database.
    const privateId = file.private.notes[0].id;
    expect(await store.db.outbox.where('id').equals(`notes:${privateId}`).count()).toBe(0);
    expect((await store.privateDb.searchIndex.get(`notes:${privateId}`))?.words).toContain(
      'nervous',
    );
  });

  test('an edit made after importing a file from a clock running ahead still wins', async () => {
    const store = makeStore();
    const ahead = formatHlc({ wall: store.now() + 3_600_000, counter: 0, deviceId: 'laptop' });
    const file = goodFile();
    file.tables.goals[0].updatedAt = ahead;
    expect((await importBackupText(store, JSON.stringify(file))).ok).toBe(true);
    const edited = await updateGoal(store, file.tables.goals[0].id, { progress: 60 });
    expect(edited.updatedAt > ahead).toBe(true);
  });

  test('names the download after the day', () => {
    expect(downloadName(new Date(2026, 0, 5, 23, 59))).toBe('tandem-backup-2026-01-05.json');
  });
});

describe('merging without duplicates', () => {
  test('importing the same file twice adds nothing the second time', async () => {
    const source = makeStore();
    await realisticPair(source);
    const text = stringifyBackup(await exportBackup(source, { includePrivate: true }));
    const target = makeStore();
    const first = await importBackupText(target, text);
    const afterFirst = await dump(target);
    const second = await importBackupText(target, text);
    expect(await dump(target)).toBe(afterFirst);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.summary.total).toEqual({
      added: 0,
      updated: 0,
      unchanged: first.summary.total.added,
    });
  });

  test('importing a backup into the browser it came from changes nothing', async () => {
    const store = makeStore();
    await realisticPair(store);
    const text = stringifyBackup(await exportBackup(store, { includePrivate: true }));
    const before = await dump(store);
    const result = await importBackupText(store, text);
    expect(result.ok && result.summary.total.added + result.summary.total.updated).toBe(0);
    expect(await dump(store)).toBe(before);
  });

  test('an older backup never undoes newer edits', async () => {
    const store = makeStore();
    const { speak, shared } = await realisticPair(store);
    const older = stringifyBackup(await exportBackup(store, { includePrivate: true }));
    store.advance(60_000);
    await updateGoal(store, speak.id, { progress: 90 });
    await saveNoteBody(store, shared.id, 'shared', 'Decision: submit in autumn instead');
    const result = await importBackupText(store, older);
    expect((await store.db.goals.get(speak.id))?.progress).toBe(90);
    expect((await store.db.notes.get(shared.id))?.body).toBe('Decision: submit in autumn instead');
    expect(result.ok && result.summary.tables.goals).toEqual({
      added: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  test('a newer backup brings its edits and deletions over older copies', async () => {
    const source = makeStore();
    const { speak, action } = await realisticPair(source);
    const older = stringifyBackup(await exportBackup(source, { includePrivate: false }));
    source.advance(60_000);
    await updateGoal(source, speak.id, { progress: 100, status: 'achieved' });
    await deleteGoal(source, speak.id);
    await updateActionItem(source, action.id, { text: 'Draft and send the abstract' });
    const newer = stringifyBackup(await exportBackup(source, { includePrivate: false }));
    const target = makeStore();
    await importBackupText(target, older);
    const result = await importBackupText(target, newer);
    expect(await target.db.goals.get(speak.id)).toMatchObject({ deleted: true, progress: 100 });
    expect((await target.db.actionItems.get(action.id))?.text).toBe('Draft and send the abstract');
    expect(result.ok && result.summary.tables.goals).toEqual({
      added: 0,
      updated: 1,
      unchanged: 1,
    });
    expect(result.ok && result.summary.tables.actionItems.updated).toBe(1);
    // A deleted goal leaves no words to find.
    expect(await target.db.searchIndex.get(`goals:${speak.id}`)).toBeUndefined();
  });

  test('a private note made shared since the backup does not come back as private', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    const note = await addNote(store, session, 'private', 'Ask about the budget');
    const older = stringifyBackup(await exportBackup(store, { includePrivate: true }));
    store.advance(1000);
    await setNoteVisibility(store, note.id, 'private', 'shared');
    const result = await importBackupText(store, older);
    expect(await store.privateDb.notes.count()).toBe(0);
    expect(result.ok && result.summary.private.notes).toEqual({
      added: 0,
      updated: 0,
      unchanged: 1,
    });
  });

  test('a file holding only records of a pair already here imports', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    const file = goodFile();
    const goal = { ...file.tables.goals[0], pairId: pair.id };
    const item = { ...file.tables.actionItems[0], pairId: pair.id, sessionId: session.id };
    const partial = {
      format: BACKUP_FORMAT,
      version: 1,
      tables: { goals: [goal], actionItems: [item] },
    };
    const result = await importBackupText(store, JSON.stringify(partial));
    expect(result.ok).toBe(true);
    expect(await store.db.goals.get(goal.id)).toEqual(goal);
    expect(await store.db.actionItems.get(item.id)).toEqual(item);
  });
});

describe('older backup versions', () => {
  test('a version 0 backup is migrated and imported', async () => {
    const store = makeStore();
    const parsed = parseBackup(fixture('version-0.json'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup.version).toBe(BACKUP_VERSION);
    const result = await importBackup(store, parsed.backup);
    expect(result.ok).toBe(true);
    const pairs = await store.db.pairs.toArray();
    expect(pairs.map((p) => [p.title, p.cadenceDays])).toEqual([
      ['Lin and Sam', 14],
      ['Lin and Ravi', 28],
    ]);
    for (const pair of pairs) {
      expect(pair.matchRules).toEqual({ meetingCodes: [], eventIds: [], urls: [], keywords: [] });
      expect(pair).not.toHaveProperty('cadence');
    }
    expect(await store.db.notes.count()).toBe(1);
  });

  test('a version 0 backup with a cadence it cannot read says which', () => {
    const file = JSON.parse(fixture('version-0.json'));
    file.tables.pairs[1].cadence = 'fortnightly';
    const parsed = parseBackup(JSON.stringify(file));
    expect(parsed).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        'Pair 2, “cadence”: "fortnightly" is not one of "weekly", "biweekly", "monthly"',
      ]),
    });
  });
});

describe('hostile but valid text', () => {
  test('HTML and script in text fields import as literal text', async () => {
    const store = makeStore();
    const file = goodFile();
    const script = '<script>alert("x")</script>';
    const image = '<img src=x onerror=alert(1)>';
    const link = '[click](javascript:alert(1))';
    file.tables.goals[0].title = image;
    file.tables.notes[0].body = `${script}\n# not a heading\n${link}`;
    file.tables.pairs[0].members[0].name = `${image} & co`;
    const result = await importBackupText(store, JSON.stringify(file));
    expect(result.ok).toBe(true);
    expect((await store.db.goals.get(file.tables.goals[0].id))?.title).toBe(image);
    expect((await store.db.notes.get(file.tables.notes[0].id))?.body).toBe(
      `${script}\n# not a heading\n${link}`,
    );
    expect((await store.db.pairs.get(file.tables.pairs[0].id))?.members[0]?.name).toBe(
      `${image} & co`,
    );
  });
});

/* ---------- broken files ---------- */

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
    says: 'Unknown backup version 7: this Tandem reads versions 0–1.',
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

describe('parseBackup', () => {
  test('reads a good file and fills in tables it does not list', () => {
    const parsed = parseBackup(
      JSON.stringify({ format: BACKUP_FORMAT, version: 1, tables: { pairs: [] } }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup.tables.goals).toEqual([]);
    expect(parsed.backup.private).toBeUndefined();
  });

  test('accepts a file saved with a byte order mark', () => {
    expect(parseBackup(`\uFEFF${fixture('version-1.json')}`).ok).toBe(true);
  });

  test('gives back the records as the schemas read them', () => {
    const parsed = parseBackup(fixture('version-1.json'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const backup: Backup = parsed.backup;
    expect(backup.tables).toEqual(goodFile().tables);
    expect(backup.private).toEqual(goodFile().private);
  });
});
