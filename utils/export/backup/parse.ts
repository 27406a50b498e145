import type * as z from 'zod/mini';
import { placeInWords } from '../../data/field-words';
import { t } from '../../i18n';
import type { Learning } from '../../schema/arc';
import { type FeedbackKey, feedbackKey } from '../../schema/feedback';
import type { Note } from '../../schema/note';
import type { Reflection } from '../../schema/reflection';
import type { RoleNote } from '../../schema/role-note';
import { type SharedTableName, sharedTables } from '../../schema/tables';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type Backup,
  type BackupTables,
  backupTableNames,
  MAX_BACKUP_CHARS,
  OLDEST_BACKUP_VERSION,
  type PrivateBackupTableName,
  type PrivateBackupTables,
  privateBackupTableNames,
} from './format';
import { jsonError } from './json-error';
import { describe, isObject, type JsonObject, keyText, pathText, short } from './json-values';
import { migrations } from './migrations';
import { Problems } from './problems';
import { fileReferences } from './references';

export type ParseResult = { ok: true; backup: Backup } | { ok: false; errors: string[] };

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
  if (version > BACKUP_VERSION) {
    return fail(t('backupFormat.newerVersion', version, BACKUP_VERSION));
  }
  if (version < OLDEST_BACKUP_VERSION) {
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
    if (name === 'feedbackKeys') {
      tables.feedbackKeys = readRecords('private.feedbackKeys', feedbackKey, rows, problems, {
        visibility: 'private',
      }) as FeedbackKey[];
      continue;
    }
    if (!isPrivateTableName(name)) {
      problems.add(t('backup.unknownTable', `private.${keyText(name)}`));
      continue;
    }
    const records = readRecords(`private.${name}`, sharedTables[name].schema, rows, problems, {
      visibility: 'private',
    });
    if (name === 'notes') tables.notes = records as Note[];
    else if (name === 'roleNotes') tables.roleNotes = records as RoleNote[];
    else if (name === 'learnings') tables.learnings = records as Learning[];
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
      const field = placeInWords(`${at}.visibility`);
      const table = where.slice(where.indexOf('.') + 1);
      const words = {
        shared: {
          notes: 'backup.privateNoteInShared',
          reflections: 'backup.privateReflectionInShared',
          other: 'backupFormat.privateInShared',
        },
        private: {
          notes: 'backup.sharedNoteInPrivate',
          reflections: 'backup.sharedReflectionInPrivate',
          other: 'backupFormat.sharedInPrivate',
        },
      } as const;
      const kind = table === 'notes' || table === 'reflections' ? table : 'other';
      problems.add(t(words[expect.visibility][kind], field));
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

function isPrivateTableName(name: string): name is PrivateBackupTableName {
  return (privateBackupTableNames as readonly string[]).includes(name);
}

/** Own keys only: `constructor` or `__proto__` are not tables. */
function isTableName(name: string): name is SharedTableName {
  return Object.hasOwn(sharedTables, name);
}

function megabytes(chars: number): string {
  return (chars / 1_000_000).toFixed(chars < 10_000_000 ? 1 : 0);
}
