import type { Learning } from '../../schema/arc';
import type { FeedbackKey } from '../../schema/feedback';
import type { Note } from '../../schema/note';
import type { Reflection } from '../../schema/reflection';
import type { RoleNote } from '../../schema/role-note';
import { type RecordOf, type SharedTableName, sharedTables } from '../../schema/tables';

/**
 * The JSON backup of the whole database (or of some pairs). This module is the file's format;
 * export.ts writes one, parse.ts reads and validates one (migrations.ts upgrading older
 * versions, references.ts checking what records point at), import.ts merges one.
 *
 * A backup holds the pair records of the shared database (tombstones included, so a restore
 * keeps deletions) and, only when the user ticks it, the private records: notes, reflections,
 * role notes, learnings and this browser's feedback keys and drafts. Never
 * sync secrets (syncSpaces) or local bookkeeping (outbox, field stamps, conflicts, search index):
 * import rebuilds the bookkeeping as any write does.
 *
 * A file is validated in full with the record schemas before anything is written; a bad file
 * gets every problem (up to MAX_ERRORS, problems.ts) named with where it is, and changes
 * nothing. A good one merges by record id: new records are added, a record already here is
 * replaced only when the file's copy is newer by its hybrid logical clock stamp.
 */

export const BACKUP_FORMAT = 'tandem-backup';
/**
 * The format version this code writes. Older versions are migrated on import (migrations.ts).
 * 2: issue 15's tables (feedback, introductions, roleNotes, learnings, closings) and optional
 * fields (goal ownerIds/roleNeeds/outcome, agenda item suggestion/authorId, pair phase,
 * agreement dates), and private learnings.
 * 3: issue 16's tables (programmeEnrolments, programmeConsents, programmeReceipts).
 */
export const BACKUP_VERSION = 3;
/** The oldest format version this code reads. */
export const OLDEST_BACKUP_VERSION = 0;
/** Characters of text; longer files are refused before they are parsed. */
export const MAX_BACKUP_CHARS = 50_000_000;

export const backupTableNames = Object.keys(sharedTables) as SharedTableName[];
export const privateBackupTableNames = ['notes', 'reflections', 'roleNotes', 'learnings'] as const;
export type PrivateBackupTableName = (typeof privateBackupTableNames)[number];

export type BackupTables = { [K in SharedTableName]: RecordOf<K>[] };
export interface PrivateBackupTables {
  notes: Note[];
  reflections: Reflection[];
  /**
   * This browser's feedback drafts and answer keys (utils/schema/feedback.ts), so that a restore
   * can still read and reveal its own sealed answers. Private: whoever holds a key reads the
   * answers it seals, before the other side has answered.
   */
  feedbackKeys?: FeedbackKey[];
  /** Private role notes (docs/mentor-roles.md); files written before them have none. */
  roleNotes?: RoleNote[];
  /** Private learnings (docs/arc.md); files written before them have none. */
  learnings?: Learning[];
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO date and time of the export. */
  exportedAt: string;
  app: 'Tandem';
  tables: BackupTables;
  /** Private records: present only when the user asked for them. */
  private?: PrivateBackupTables;
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
