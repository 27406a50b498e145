import type * as z from 'zod/mini';
import { actionItem } from './action-item';
import { agendaItem } from './agenda-item';
import { closing, learning } from './arc';
import { feedback, feedbackKey } from './feedback';
import { goal } from './goal';
import { introduction } from './introduction';
import {
  clockEntry,
  conflictEntry,
  outboxEntry,
  searchEntry,
  searchLogEntry,
  searchSnapshot,
  syncMetaEntry,
  syncSpace,
} from './local';
import { note } from './note';
import { pair } from './pair';
import { programmeConsent, programmeEnrolment, programmeReceipt } from './programme';
import { customPrompt, promptState } from './prompt';
import { reflection } from './reflection';
import { roleNote } from './role-note';
import { session } from './session';

/**
 * Every table, its record schema and its secondary indexes. utils/data/db.ts declares the Dexie
 * stores from this list, so a record schema and its table cannot drift apart.
 * (IndexedDB cannot index booleans, so flags such as `archived` or `deleted` are filtered.)
 */
export const sharedTables = {
  pairs: { schema: pair, indexes: [] },
  goals: { schema: goal, indexes: ['pairId'] },
  sessions: { schema: session, indexes: ['pairId'] },
  agendaItems: { schema: agendaItem, indexes: ['sessionId', 'pairId'] },
  actionItems: { schema: actionItem, indexes: ['pairId', 'sessionId'] },
  notes: { schema: note, indexes: ['sessionId', 'pairId'] },
  reflections: { schema: reflection, indexes: ['sessionId', 'pairId'] },
  customPrompts: { schema: customPrompt, indexes: ['pairId'] },
  promptStates: { schema: promptState, indexes: ['pairId'] },
  feedback: { schema: feedback, indexes: ['pairId', 'sessionId'] },
  introductions: { schema: introduction, indexes: ['pairId', 'sessionId'] },
  roleNotes: { schema: roleNote, indexes: ['sessionId', 'pairId'] },
  learnings: { schema: learning, indexes: ['pairId'] },
  closings: { schema: closing, indexes: ['pairId'] },
  programmeEnrolments: { schema: programmeEnrolment, indexes: ['pairId'] },
  programmeConsents: { schema: programmeConsent, indexes: ['pairId'] },
  programmeReceipts: { schema: programmeReceipt, indexes: ['pairId'] },
} as const satisfies Record<string, TableSpec>;

/** Bookkeeping in the shared database that is never synced itself (utils/schema/local.ts). */
export const localTables = {
  outbox: { schema: outboxEntry, indexes: ['pairId'] },
  syncMeta: { schema: syncMetaEntry, indexes: [] },
  syncSpaces: { schema: syncSpace, indexes: [] },
  conflicts: { schema: conflictEntry, indexes: ['pairId'] },
  searchIndex: { schema: searchEntry, indexes: [] },
  searchLog: { schema: searchLogEntry, indexes: [], primaryKey: '++seq' },
  searchSnapshot: { schema: searchSnapshot, indexes: [] },
  clock: { schema: clockEntry, indexes: [] },
  /** Feedback drafts and answer keys: this browser's side only (utils/schema/feedback.ts). */
  feedbackKeys: { schema: feedbackKey, indexes: ['pairId', 'sessionId'] },
} as const satisfies Record<string, TableSpec>;

/** Private notes and reflections: a database of their own that sync never opens. */
export const privateTables = {
  notes: { schema: note, indexes: ['sessionId', 'pairId'] },
  reflections: { schema: reflection, indexes: ['sessionId', 'pairId'] },
  roleNotes: { schema: roleNote, indexes: ['sessionId', 'pairId'] },
  learnings: { schema: learning, indexes: ['pairId'] },
  searchIndex: { schema: searchEntry, indexes: [] },
  searchLog: { schema: searchLogEntry, indexes: [], primaryKey: '++seq' },
  searchSnapshot: { schema: searchSnapshot, indexes: [] },
} as const satisfies Record<string, TableSpec>;

export interface TableSpec {
  schema: z.ZodMiniType;
  indexes: readonly string[];
  /** Dexie's primary key declaration when it is not `id` (e.g. '++seq', auto-incremented). */
  primaryKey?: string;
}

export type SharedTableName = keyof typeof sharedTables;
export type RecordOf<T extends SharedTableName> = z.infer<(typeof sharedTables)[T]['schema']>;

/** Dexie store declarations ("id, pairId, …") for a table list. */
export function dexieStores(tables: Record<string, TableSpec>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tables).map(([name, spec]) => [
      name,
      [spec.primaryKey ?? 'id', ...spec.indexes].join(', '),
    ]),
  );
}
