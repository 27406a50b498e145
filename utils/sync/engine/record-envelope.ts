import type { LogEntry } from '@tandem/protocol';
import * as z from 'zod/mini';
import { t } from '../../i18n';
import type { SyncSpace } from '../../schema/local';
import { type SharedTableName, sharedTables } from '../../schema/tables';
import {
  DecryptError,
  decryptRecord,
  NewerEnvelopeError,
  opaqueRecordId,
  sealedLength,
} from '../crypto';
import type { Stamps, SyncedRow } from '../merge';
import type { EngineContext } from './engine-context';
import { contentKey, pairKeys } from './key-vault';

/**
 * What travels inside an envelope (utils/sync/crypto.ts seals it): the record as the writer has
 * it, its field stamps and merge base, and the writer's previous confirmed write. Push builds it
 * and pull opens it; kept in one place so the two sides cannot drift apart, and so everything a
 * pulled entry must satisfy before it is merged reads in one function.
 */

/** The tables whose records can be private: only their shared ones ever travel. */
export const PRIVATE_CAPABLE = new Set(['notes', 'reflections']);

const plaintextSchema = z.object({
  table: z.enum(Object.keys(sharedTables) as [SharedTableName, ...SharedTableName[]]),
  record: z.record(z.string(), z.unknown()),
  fields: z.record(z.string(), z.string()),
  base: z.record(z.string(), z.string()),
  /**
   * Ids of conflict copies of this record that the writer resolved (utils/data/records/conflicts.ts
   * resolveConflict): every device marks its copy of the same id resolved. Copy ids are derived
   * from what the copy is (merge.ts conflictId), so they are the same on every device.
   */
  resolves: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(100))),
  /**
   * The writer's previous write the sidecar confirmed (its mutation id and opaque record id):
   * a reader that never saw it, and saw no newer version of that record after the writer's
   * write before it, knows the sidecar lost it (integrity.ts).
   */
  prev: z.optional(z.object({ m: z.number(), r: z.string().check(z.maxLength(128)) })),
});

/** What a push seals, before the writer's previous write is named. */
export interface EnvelopeContent {
  table: string;
  record: SyncedRow;
  fields: Stamps;
  base: Stamps;
  resolves?: string[];
}

/** A writer's write, as the next one names it. */
export interface PreviousWrite {
  m: number;
  r: string;
}

/** The longest `prev` a write can name, to size its envelope before it is numbered. */
const LONGEST_PREV: PreviousWrite = { m: Number.MAX_SAFE_INTEGER, r: 'x'.repeat(128) };

/** The ciphertext length of this content once sealed, whichever write it ends up naming. */
export function sealedSize(content: EnvelopeContent): number {
  return sealedLength(JSON.stringify({ ...content, prev: LONGEST_PREV }));
}

/** The plaintext sealed into an envelope. */
export function envelopeText(content: EnvelopeContent, prev: PreviousWrite | undefined): string {
  return JSON.stringify({ ...content, ...(prev && { prev }) });
}

/** One pulled version, opened and checked. */
export interface Opened {
  seq: number;
  prev?: PreviousWrite | undefined;
  table: SharedTableName;
  record: SyncedRow;
  fields: Stamps;
  base: Stamps;
  resolves: string[];
}

/** A version this Tandem cannot read (a newer Tandem's): the pull stops before it. */
export class Unreadable extends Error {}
/** A version that opens but belongs to another pair, or is private: skipped. */
export class Foreign extends Error {}

/** Decrypts and checks one log entry; throws DecryptError, Foreign or Unreadable. */
export async function openEntry(
  context: EngineContext,
  pairId: string,
  space: SyncSpace,
  entry: LogEntry,
): Promise<Opened> {
  const keys = await pairKeys(context, space);
  const writer = { deviceId: entry.deviceId, mutationId: entry.mutationId };
  // The envelope does not say its epoch: the newest key first, as most records are new.
  let text: string | undefined;
  let failure: unknown;
  for (let epoch = space.epoch ?? 0; epoch >= 0 && text === undefined; epoch--) {
    const content = contentKey(space, epoch);
    if (!content) continue;
    try {
      text = await decryptRecord(
        content,
        space.spaceId,
        entry.recordId,
        entry.envelope,
        writer,
        epoch,
      );
    } catch (error) {
      if (error instanceof NewerEnvelopeError) throw new Unreadable(t('syncErrors.update'));
      failure ??= error;
      if (entry.envelope.v < 2) break;
    }
  }
  if (text === undefined) throw failure ?? new DecryptError('No key of this pair opens it.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DecryptError('The record is not JSON.');
  }
  const parsed = plaintextSchema.safeParse(json);
  if (!parsed.success) {
    throw new Unreadable(t('syncErrors.update'));
  }
  const { table, fields, base, resolves = [], prev } = parsed.data;
  const checked = sharedTables[table].schema.safeParse(parsed.data.record);
  if (!checked.success) {
    throw new Unreadable(t('syncErrors.update'));
  }
  const record = checked.data as SyncedRow;
  // The ciphertext must sit where its own record id puts it, and belong to this pair.
  if ((await opaqueRecordId(keys.recordIds, table, record.id)) !== entry.recordId) {
    throw new DecryptError('The record was moved to another record id.');
  }
  if ((table === 'pairs' ? record.id : record.pairId) !== pairId) {
    throw new Foreign('The record belongs to another pair.');
  }
  if (PRIVATE_CAPABLE.has(table) && record.visibility !== 'shared') {
    throw new Foreign('A private record is never stored from sync.');
  }
  return { seq: entry.seq, prev, table, record, fields, base, resolves };
}
