import type * as z from 'zod/mini';
import { isQuotaError } from '../data/db-errors';
import { placeInWords } from '../data/field-words';
import { putImportedRecord, type Store } from '../data/records';
import { plural, t } from '../i18n';
import type { Note } from '../schema/note';
import type { Reflection } from '../schema/reflection';
import { type RecordOf, type SharedTableName, sharedTables } from '../schema/tables';

/**
 * The JSON backup of the whole database (or of some pairs): export, validation and import.
 *
 * A backup holds the pair records of the shared database (tombstones included, so a restore
 * keeps deletions) and, only when the user ticks it, the private notes and reflections. Never
 * sync secrets (syncSpaces) or local bookkeeping (outbox, field stamps, conflicts, search index):
 * import rebuilds the bookkeeping as any write does.
 *
 * A file is validated in full with the record schemas before anything is written; a bad file
 * gets every problem (up to MAX_ERRORS) named with where it is, and changes nothing. A good one
 * merges by record id: new records are added, a record already here is replaced only when the
 * file's copy is newer by its hybrid logical clock stamp.
 */

export const BACKUP_FORMAT = 'tandem-backup';
/** The format version this code writes. Older versions are migrated on import (`migrations`). */
export const BACKUP_VERSION = 1;
/** The oldest format version this code reads. */
export const OLDEST_BACKUP_VERSION = 0;
/** Characters of text; longer files are refused before they are parsed. */
export const MAX_BACKUP_CHARS = 50_000_000;
/** Problems listed for one file; the rest are counted. */
export const MAX_ERRORS = 20;

export const backupTableNames = Object.keys(sharedTables) as SharedTableName[];
export const privateBackupTableNames = ['notes', 'reflections'] as const;
export type PrivateBackupTableName = (typeof privateBackupTableNames)[number];

export type BackupTables = { [K in SharedTableName]: RecordOf<K>[] };
export interface PrivateBackupTables {
  notes: Note[];
  reflections: Reflection[];
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO date and time of the export. */
  exportedAt: string;
  app: 'Tandem';
  tables: BackupTables;
  /** Private notes and reflections: present only when the user asked for them. */
  private?: PrivateBackupTables;
}

export type ParseResult = { ok: true; backup: Backup } | { ok: false; errors: string[] };

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}
export interface ImportSummary {
  tables: Record<SharedTableName, ImportCounts>;
  private: Record<PrivateBackupTableName, ImportCounts>;
  total: ImportCounts;
}
export type ImportResult =
  | { ok: true; summary: ImportSummary }
  | {
      ok: false;
      errors: string[];
      /**
       * Set only when the shared records were merged and then the private database failed
       * (a full disk, another window upgrading it): importing the same file again completes it.
       */
      sharedSummary?: ImportSummary;
    };

/* ---------- export ---------- */

/**
 * Everything needed to restore the pairs (all of them, or those in `pairIds`): every record of
 * the shared tables, tombstones included; the private notes and reflections only when
 * `includePrivate` is true. Each database is read in one transaction, so the copy is consistent.
 */
export async function exportBackup(
  store: Store,
  options: { includePrivate: boolean; pairIds?: readonly string[] },
): Promise<Backup> {
  const wanted = options.pairIds ? new Set(options.pairIds) : undefined;
  const inPairs = (table: string, record: { id: string; pairId?: string }) =>
    !wanted || wanted.has(table === 'pairs' ? record.id : (record.pairId ?? ''));
  const tables = await store.db.transaction(
    'r',
    backupTableNames.map((name) => store.db.table(name)),
    async () => {
      const rows: Record<string, unknown[]> = {};
      for (const name of backupTableNames) {
        const all = await store.db.table(name).toArray();
        rows[name] = all.filter((record) => inPairs(name, record));
      }
      return rows as BackupTables;
    },
  );
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(store.now()).toISOString(),
    app: 'Tandem',
    tables,
  };
  if (options.includePrivate) {
    backup.private = await store.privateDb.transaction(
      'r',
      [store.privateDb.notes, store.privateDb.reflections],
      async () => ({
        notes: (await store.privateDb.notes.toArray()).filter((r) => inPairs('notes', r)),
        reflections: (await store.privateDb.reflections.toArray()).filter((r) =>
          inPairs('reflections', r),
        ),
      }),
    );
  }
  return backup;
}

/** The backup as the text of a file: indented, so that a person can read and diff it. */
export function stringifyBackup(backup: Backup): string {
  return `${JSON.stringify(backup, null, 2)}\n`;
}

/** `tandem-backup-YYYY-MM-DD.json`, the local date of `date`. */
export function downloadName(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `tandem-backup-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

/* ---------- parse and validate ---------- */

type JsonObject = Record<string, unknown>;

/**
 * Upgrades of older backup formats, applied in turn on import: `migrations[n]` turns a version
 * n document into a version n + 1 one. They run before validation, on untrusted JSON, so they
 * check shapes themselves and leave anything odd for validation to name. Never edit a released
 * migration; add the next one and raise BACKUP_VERSION.
 */
type Migration = (document: JsonObject, report: (message: string) => void) => JsonObject;

/** Version 0 (before matchRules existed): pairs had `cadence` words instead of `cadenceDays`. */
const cadenceWords: Record<string, number> = { weekly: 7, biweekly: 14, monthly: 28 };

const migrations: Record<number, Migration> = {
  0: (document, report) => {
    const tables = document.tables;
    if (!isObject(tables) || !Array.isArray(tables.pairs)) return document;
    const pairs = tables.pairs.map((pair: unknown, index) => {
      if (!isObject(pair)) return pair;
      const { cadence, ...rest } = pair;
      const upgraded: JsonObject = {
        matchRules: { meetingCodes: [], eventIds: [], urls: [], keywords: [] },
        ...rest,
      };
      if (cadence === undefined) return upgraded;
      if (typeof cadence === 'string' && Object.hasOwn(cadenceWords, cadence)) {
        upgraded.cadenceDays = cadenceWords[cadence];
      } else {
        report(
          t('backup.oldCadence', placeInWords(`tables.pairs[${index}].cadence`), short(cadence)),
        );
      }
      return upgraded;
    });
    // Spread, not Object.assign: a "__proto__" key must stay a plain key, never a prototype.
    return { ...document, version: 1, tables: { ...tables, pairs } };
  },
};

class Problems {
  readonly list: string[] = [];
  private more = 0;
  add(message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push(message);
    else this.more += 1;
  }
  get count(): number {
    return this.list.length + this.more;
  }
  messages(): string[] {
    if (this.more === 0) return [...this.list];
    return [...this.list, plural('backup.more', this.more)];
  }
}

const TOP_LEVEL = new Set(['format', 'version', 'exportedAt', 'app', 'tables', 'private']);

/**
 * Read the text of a backup file: JSON, format and version (migrating older versions), every
 * record with its zod schema, duplicated ids, private and shared records in their places, and
 * references between records of the file. References to pairs or sessions that are not in the
 * file are checked by importBackup, against the database.
 */
export function parseBackup(text: string): ParseResult {
  const fail = (...errors: string[]): ParseResult => ({ ok: false, errors });
  if (text.length > MAX_BACKUP_CHARS) {
    return fail(t('backup.tooLarge', megabytes(text.length), megabytes(MAX_BACKUP_CHARS)));
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return fail(t('backup.empty'));
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    return fail(t('backup.notJson', jsonError(body, error)));
  }
  if (!isObject(raw)) {
    return fail(t('backup.notObject', describe(raw)));
  }
  if (raw.format !== BACKUP_FORMAT || !Object.hasOwn(raw, 'format')) {
    return fail(
      Object.hasOwn(raw, 'format')
        ? t('backup.wrongFormat', short(raw.format), BACKUP_FORMAT)
        : t('backup.noFormat', BACKUP_FORMAT),
    );
  }
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail(t('backup.versionNotNumber', short(version)));
  }
  if (version < OLDEST_BACKUP_VERSION || version > BACKUP_VERSION) {
    return fail(t('backup.unknownVersion', version, OLDEST_BACKUP_VERSION, BACKUP_VERSION));
  }

  const problems = new Problems();
  let document: JsonObject = raw;
  for (let from = version; from < BACKUP_VERSION; from += 1) {
    const migrate = migrations[from];
    if (!migrate) return fail(t('backup.noUpgrade', from));
    document = migrate(document, (message) => problems.add(message));
  }

  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL.has(key)) problems.add(t('backup.unknownTopField', keyText(key)));
  }
  const exportedAt = optionalText(document, 'exportedAt', problems);
  optionalText(document, 'app', problems);

  const tables = readTables(document, problems);
  const privateTables = readPrivate(document, problems);
  if (problems.count > 0) return fail(...problems.messages());

  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt,
    app: 'Tandem',
    tables,
  };
  if (privateTables) backup.private = privateTables;
  for (const problem of fileReferences(backup).problems) problems.add(problem);
  if (problems.count > 0) return fail(...problems.messages());
  return { ok: true, backup };
}

function optionalText(document: JsonObject, key: string, problems: Problems): string {
  if (!Object.hasOwn(document, key)) return '';
  const value = document[key];
  if (typeof value !== 'string' || value.length > 100) {
    problems.add(t('backup.expectedShortText', key, describe(value)));
    return '';
  }
  return value;
}

function readTables(document: JsonObject, problems: Problems): BackupTables {
  const tables = Object.fromEntries(backupTableNames.map((name) => [name, []])) as unknown as {
    [K in SharedTableName]: unknown[];
  };
  if (!Object.hasOwn(document, 'tables')) {
    problems.add(t('backup.noTables'));
    return tables as BackupTables;
  }
  const given = document.tables;
  if (!isObject(given)) {
    problems.add(t('backup.expectedTables', 'tables', describe(given)));
    return tables as BackupTables;
  }
  for (const [name, rows] of Object.entries(given)) {
    if (!isTableName(name)) {
      problems.add(t('backup.unknownTable', keyText(name)));
      continue;
    }
    tables[name] = readRecords(`tables.${name}`, sharedTables[name].schema, rows, problems, {
      visibility: 'shared',
    });
  }
  return tables as BackupTables;
}

function readPrivate(document: JsonObject, problems: Problems): PrivateBackupTables | undefined {
  if (!Object.hasOwn(document, 'private')) return undefined;
  const given = document.private;
  if (!isObject(given)) {
    problems.add(t('backup.expectedTables', 'private', describe(given)));
    return undefined;
  }
  const tables: PrivateBackupTables = { notes: [], reflections: [] };
  for (const [name, rows] of Object.entries(given)) {
    if (name !== 'notes' && name !== 'reflections') {
      problems.add(t('backup.unknownTable', `private.${keyText(name)}`));
      continue;
    }
    const records = readRecords(`private.${name}`, sharedTables[name].schema, rows, problems, {
      visibility: 'private',
    });
    if (name === 'notes') tables.notes = records as Note[];
    else tables.reflections = records as Reflection[];
  }
  return tables;
}

/** The valid records of one table; every problem found is added to `problems`. */
function readRecords(
  where: string,
  schema: z.ZodMiniType,
  rows: unknown,
  problems: Problems,
  expect: { visibility: 'shared' | 'private' },
): unknown[] {
  if (!Array.isArray(rows)) {
    problems.add(t('backup.expectedList', placeInWords(where), describe(rows)));
    return [];
  }
  const records: unknown[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row: unknown, index) => {
    const at = `${where}[${index}]`;
    const result = schema.safeParse(row);
    if (!result.success) {
      for (const issue of result.error.issues) {
        for (const { path, message } of plainIssues(issue)) {
          problems.add(`${placeInWords(`${at}${pathText(path)}`)}: ${message}`);
        }
      }
      return;
    }
    const unknownFields = droppedKeys(row, result.data, '');
    for (const { parent, key } of unknownFields) {
      problems.add(t('backup.unknownField', placeInWords(`${at}${parent}`), keyText(key)));
    }
    if (unknownFields.length > 0) return;
    const record = result.data as { id: string; visibility?: unknown };
    const first = seen.get(record.id);
    if (first !== undefined) {
      problems.add(
        t(
          'backup.duplicateId',
          placeInWords(`${at}.id`),
          short(record.id),
          placeInWords(`${where}[${first}]`),
        ),
      );
      return;
    }
    seen.set(record.id, index);
    if (record.visibility !== undefined && record.visibility !== expect.visibility) {
      const note = where.endsWith('notes');
      const field = placeInWords(`${at}.visibility`);
      problems.add(
        expect.visibility === 'shared'
          ? note
            ? t('backup.privateNoteInShared', field)
            : t('backup.privateReflectionInShared', field)
          : note
            ? t('backup.sharedNoteInPrivate', field)
            : t('backup.sharedReflectionInPrivate', field),
      );
      return;
    }
    records.push(result.data);
  });
  return records;
}

/**
 * zod says only "Invalid input" when no branch of a union fits (a date that is neither '' nor
 * a date): the last branch, the one with the rules, says why.
 */
function plainIssues(issue: z.core.$ZodIssue): Array<{ path: PropertyKey[]; message: string }> {
  if (issue.code === 'invalid_union') {
    const branch = issue.errors[issue.errors.length - 1];
    if (branch && branch.length > 0) {
      return branch.flatMap((inner) =>
        plainIssues(inner).map(({ path, message }) => ({
          path: [...issue.path, ...path],
          message,
        })),
      );
    }
  }
  return [{ path: issue.path, message: issue.message }];
}

/** Keys of `input` that the schema dropped from `output` (zod strips unknown keys). */
function droppedKeys(
  input: unknown,
  output: unknown,
  path: string,
): Array<{ parent: string; key: string }> {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, index) => droppedKeys(item, output[index], `${path}[${index}]`));
  }
  if (!isObject(input) || !isObject(output)) return [];
  return Object.keys(input).flatMap((key) =>
    Object.hasOwn(output, key)
      ? droppedKeys(input[key], output[key], `${path}${pathText([key])}`)
      : [{ parent: path, key }],
  );
}

/* ---------- references ---------- */

interface Reference {
  where: string;
  kind: 'pair' | 'session';
  id: string;
  /** The pair of the record that refers (a session must belong to it). */
  pairId: string;
}

/**
 * Problems between records of the file (a record of one pair pointing at a session of
 * another, a prompt state under the wrong id), and the references to pairs and sessions that
 * the file does not hold, which importBackup looks up in the database. (`carriedFrom` is not
 * checked: the item it names may have been deleted for good, and the chain only informs.)
 */
function fileReferences(backup: Backup): { problems: string[]; missing: Reference[] } {
  const problems: string[] = [];
  const missing: Reference[] = [];
  const pairs = new Set(backup.tables.pairs.map((p) => p.id));
  const sessions = new Map(backup.tables.sessions.map((s) => [s.id, s.pairId]));
  const sections: Array<[string, Record<string, readonly unknown[]>]> = [['tables', backup.tables]];
  if (backup.private) sections.push(['private', { ...backup.private }]);
  for (const [section, tables] of sections) {
    for (const [name, rows] of Object.entries(tables)) {
      if (name === 'pairs') continue;
      rows.forEach((row, index) => {
        const record = row as Record<string, unknown> & { id: string; pairId: string };
        const at = `${section}.${name}[${index}]`;
        const { pairId } = record;
        if (!pairs.has(pairId))
          missing.push({ where: `${at}.pairId`, kind: 'pair', id: pairId, pairId });
        for (const field of ['sessionId', 'closedInSessionId']) {
          const sessionId = record[field];
          if (typeof sessionId !== 'string') continue;
          const owner = sessions.get(sessionId);
          if (owner === undefined) {
            missing.push({ where: `${at}.${field}`, kind: 'session', id: sessionId, pairId });
          } else if (owner !== pairId) {
            problems.push(
              t('backup.sessionOfOtherPair', placeInWords(`${at}.${field}`), short(sessionId)),
            );
          }
        }
        if (name === 'promptStates' && record.id !== `${pairId}:${String(record.promptId)}`) {
          problems.push(t('backup.promptStateId', `${at}.id`));
        }
      });
    }
  }
  return { problems, missing };
}

/** References to pairs and sessions that neither the file nor the database holds. */
async function databaseReferenceProblems(store: Store, missing: Reference[]): Promise<string[]> {
  const pairIds = [...new Set(missing.filter((r) => r.kind === 'pair').map((r) => r.id))];
  const sessionIds = [...new Set(missing.filter((r) => r.kind === 'session').map((r) => r.id))];
  const pairs = new Set(
    (await store.db.pairs.bulkGet(pairIds)).flatMap((pair) => (pair ? [pair.id] : [])),
  );
  const sessions = new Map(
    (await store.db.sessions.bulkGet(sessionIds)).flatMap((s) => (s ? [[s.id, s.pairId]] : [])),
  );
  const problems = new Problems();
  for (const { where, kind, id, pairId } of missing) {
    if (kind === 'pair' && !pairs.has(id)) {
      problems.add(t('backup.missingPair', placeInWords(where), short(id)));
    }
    if (kind === 'session') {
      const owner = sessions.get(id);
      if (owner === undefined) {
        problems.add(t('backup.missingSession', placeInWords(where), short(id)));
      } else if (owner !== pairId) {
        problems.add(t('backup.sessionOfOtherPair', placeInWords(where), short(id)));
      }
    }
  }
  return problems.messages();
}

/* ---------- import ---------- */

/** A file that validated but does not fit this database; thrown to abort the transaction. */
class Rejected extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('\n'));
  }
}

type Outcome = keyof ImportCounts;

/** Hybrid logical clock stamps order as strings: the later copy wins, a tie changes nothing. */
function outcomeOf(incoming: { updatedAt: string }, current?: { updatedAt: string }): Outcome {
  if (!current) return 'added';
  return incoming.updatedAt > current.updatedAt ? 'updated' : 'unchanged';
}

const noCounts = (): ImportCounts => ({ added: 0, updated: 0, unchanged: 0 });

/**
 * Merge a parsed backup (from parseBackup or exportBackup) into the databases, by record id:
 * a record not here is added, one here is replaced when the file's copy is newer (its
 * `updatedAt` stamp is later), else left as it is — so importing the same file twice adds
 * nothing the second time, and an older file never undoes newer edits. Imported shared records
 * get their outbox row, field stamps and search words as any write does, so sync sends them.
 *
 * One transaction per database: the shared one first (pairs and sessions must exist before
 * private notes point at them), then the private one. A reference to a pair or session that
 * neither the file nor the database holds rejects the whole file, changing nothing. If the
 * private transaction fails after the shared one committed (a full disk, say), the result is
 * `ok: false` with `sharedSummary`: the shared records are in, the private ones are not, and
 * importing the same file again adds what is missing without duplicating anything.
 *
 * Any other failure to write (a full disk, another window upgrading the database) also gives
 * `ok: false`, with the shared transaction rolled back: nothing changed.
 *
 * Private records merge against the private database. A private note that was made shared
 * after the backup (a live shared copy with a later stamp) is not brought back as private;
 * a private note deleted after the backup is (private deletes leave no tombstone to compare).
 */
export async function importBackup(store: Store, backup: Backup): Promise<ImportResult> {
  const { problems, missing } = fileReferences(backup);
  if (problems.length > 0) return { ok: false, errors: capped(problems) };
  const summary: ImportSummary = {
    tables: Object.fromEntries(backupTableNames.map((name) => [name, noCounts()])) as Record<
      SharedTableName,
      ImportCounts
    >,
    private: { notes: noCounts(), reflections: noCounts() },
    total: noCounts(),
  };
  try {
    await store.db.transaction(
      'rw',
      [
        ...backupTableNames.map((name) => store.db.table(name)),
        store.db.outbox,
        store.db.syncMeta,
        store.db.searchIndex,
        store.db.clock,
      ],
      async () => {
        const errors = await databaseReferenceProblems(store, missing);
        if (errors.length > 0) throw new Rejected(errors);
        for (const name of backupTableNames) {
          const rows: ReadonlyArray<{ id: string; updatedAt: string }> = backup.tables[name];
          const current = await store.db.table(name).bulkGet(rows.map((row) => row.id));
          for (const [index, record] of rows.entries()) {
            const previous = current[index] as { updatedAt: string } | undefined;
            const outcome = outcomeOf(record, previous);
            summary.tables[name][outcome] += 1;
            if (outcome !== 'unchanged') {
              await putImportedRecord(store, 'shared', name, record as never, previous as never);
            }
          }
        }
      },
    );
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, errors: error.errors };
    return { ok: false, errors: [t('backup.nothingImported', storageProblem(error))] };
  }

  if (backup.private) {
    const rows = backup.private;
    const counts = { notes: noCounts(), reflections: noCounts() };
    try {
      const sharedCopies = {
        notes: await store.db.notes.bulkGet(rows.notes.map((r) => r.id)),
        reflections: await store.db.reflections.bulkGet(rows.reflections.map((r) => r.id)),
      };
      await store.privateDb.transaction(
        'rw',
        [store.privateDb.notes, store.privateDb.reflections, store.privateDb.searchIndex],
        async () => {
          for (const name of privateBackupTableNames) {
            const records: ReadonlyArray<Note | Reflection> = rows[name];
            const current = await store.privateDb.table(name).bulkGet(records.map((r) => r.id));
            for (const [index, record] of records.entries()) {
              const shared = sharedCopies[name][index];
              const madeSharedSince =
                shared !== undefined && !shared.deleted && shared.updatedAt > record.updatedAt;
              const previous = current[index] as Note | Reflection | undefined;
              const outcome = madeSharedSince ? 'unchanged' : outcomeOf(record, previous);
              counts[name][outcome] += 1;
              if (outcome !== 'unchanged') {
                await putImportedRecord(store, 'private', name, record as never);
              }
            }
          }
        },
      );
    } catch (error) {
      return {
        ok: false,
        errors: [t('backup.privateNotImported', storageProblem(error))],
        sharedSummary: withTotal(summary),
      };
    }
    summary.private = counts;
  }

  // Later local edits must win over what was just imported, even from a clock that ran ahead.
  for (const name of backupTableNames) {
    for (const record of backup.tables[name]) store.clock.receive(record.updatedAt);
  }
  for (const record of [...(backup.private?.notes ?? []), ...(backup.private?.reflections ?? [])]) {
    store.clock.receive(record.updatedAt);
  }
  return { ok: true, summary: withTotal(summary) };
}

/** parseBackup, then importBackup: what the import button does with the file's text. */
export async function importBackupText(store: Store, text: string): Promise<ImportResult> {
  const parsed = parseBackup(text);
  if (!parsed.ok) return parsed;
  return importBackup(store, parsed.backup);
}

/** Why a write failed, in words (a full disk is the likely one). */
function storageProblem(error: unknown): string {
  if (isQuotaError(error)) return t('backup.diskFull');
  const message = error instanceof Error && error.message ? error.message : String(error);
  return message.replace(/[.\s]+$/, '');
}

function withTotal(summary: ImportSummary): ImportSummary {
  const total = noCounts();
  for (const counts of [...Object.values(summary.tables), ...Object.values(summary.private)]) {
    total.added += counts.added;
    total.updated += counts.updated;
    total.unchanged += counts.unchanged;
  }
  return { ...summary, total };
}

function capped(messages: string[]): string[] {
  const problems = new Problems();
  for (const message of messages) problems.add(message);
  return problems.messages();
}

/* ---------- helpers ---------- */

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own keys only: `constructor` or `__proto__` are not tables. */
function isTableName(name: string): name is SharedTableName {
  return Object.hasOwn(sharedTables, name);
}

/** What kind of JSON value this is, in words (never the value: it may be huge or hostile). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return t('backup.value.list');
  if (typeof value === 'object') return t('backup.value.object');
  if (typeof value === 'string') return t('backup.value.text');
  if (typeof value === 'number') return t('backup.value.number');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return t('backup.value.nothing');
}

/** A scalar quoted and cut to a readable length; containers only described. */
function short(value: unknown): string {
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
    return quoted;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  return describe(value);
}

/** A key as written when it is a plain name (`foo`, `__proto__`), else quoted and cut short. */
function keyText(key: string): string {
  return /^[A-Za-z_$][\w$]{0,59}$/.test(key) ? key : short(key);
}

/** A zod issue path as `.field[2].name` (odd keys quoted: `["a b"]`). */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key) => {
      if (typeof key === 'number') return `[${key}]`;
      if (typeof key === 'symbol') return `[${String(key)}]`;
      return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    })
    .join('');
}

function megabytes(chars: number): string {
  return (chars / 1_000_000).toFixed(chars < 10_000_000 ? 1 : 0);
}

/** "unexpected "}" at line 3 column 7", from our own scan (engines word and place it differently). */
function jsonError(text: string, error: unknown): string {
  const offset = jsonErrorOffset(text);
  if (offset < 0) return error instanceof Error ? error.message : String(error);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return offset >= text.length
    ? t('backup.jsonEnds', line, column)
    : t('backup.jsonUnexpected', JSON.stringify(text[offset]), line, column);
}

/**
 * The offset of the first JSON syntax error in `text` (its length when the text ends too
 * early), or -1 when it is valid. A loop with a stack, not recursion, so deep nesting is fine.
 */
function jsonErrorOffset(text: string): number {
  const closers: string[] = [];
  const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  let i = 0;
  let state: 'value' | 'after' | 'key' = 'value';
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i += 1;
  };
  /** Past one string starting at i; the offset of its error, or -1. */
  const string = (): number => {
    i += 1;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i += 1;
        return -1;
      }
      if (code < 0x20) return i;
      if (code === 0x5c) {
        const next = text.charAt(i + 1);
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return i;
          i += 6;
        } else if (next !== '' && '"\\/bfnrt'.includes(next)) {
          i += 2;
        } else {
          return i;
        }
        continue;
      }
      i += 1;
    }
    return text.length;
  };
  for (;;) {
    skipSpace();
    if (state === 'key') {
      if (text.charAt(i) !== '"') return i;
      const bad = string();
      if (bad >= 0) return bad;
      skipSpace();
      if (text.charAt(i) !== ':') return i;
      i += 1;
      state = 'value';
      continue;
    }
    if (state === 'value') {
      const c = text.charAt(i);
      if (c === '{' || c === '[') {
        i += 1;
        skipSpace();
        const close = c === '{' ? '}' : ']';
        if (text.charAt(i) === close) {
          i += 1;
          state = 'after';
        } else {
          closers.push(close);
          state = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      if (c === '"') {
        const bad = string();
        if (bad >= 0) return bad;
        state = 'after';
        continue;
      }
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
      if (literal) {
        i += literal.length;
        state = 'after';
        continue;
      }
      numberPattern.lastIndex = i;
      const number = numberPattern.exec(text);
      if (!number) return i;
      i += number[0].length;
      state = 'after';
      continue;
    }
    const closer = closers[closers.length - 1];
    if (closer === undefined) return i < text.length ? i : -1;
    const c = text.charAt(i);
    if (c === ',') {
      i += 1;
      state = closer === '}' ? 'key' : 'value';
    } else if (c === closer) {
      closers.pop();
      i += 1;
    } else {
      return i;
    }
  }
}
