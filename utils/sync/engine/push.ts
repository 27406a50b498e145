import { MAX_BATCH, MAX_CIPHERTEXT, type Mutation } from '@tandem/protocol';
import { t } from '../../i18n';
import type { SyncSpace } from '../../schema/local';
import { sharedTables } from '../../schema/tables';
import type { Failure } from '../client';
import { encryptRecord, opaqueRecordId } from '../crypto';
import { completeStamps, type Stamps, type SyncedRow } from '../merge';
import { type EngineContext, spaceClient } from './engine-context';
import { type NotShared, SyncError } from './failures';
import { joinedSpace } from './joining';
import { keepKeys } from './key-epochs';
import { pairKeys } from './key-vault';
import {
  type EnvelopeContent,
  envelopeText,
  PRIVATE_CAPABLE,
  type PreviousWrite,
  sealedSize,
} from './record-envelope';

/**
 * Push: what changed here goes up. Separate from pull because its promise is another one —
 * never number two different things alike, never lose an edit — and it is the only writer of
 * mutation ids and the only reader that empties the outbox.
 *
 * The outbox holds one row per changed record. A push reads the rows, builds one envelope per
 * record from the record as it is now and its field stamps, and numbers them
 * lastMutationId+1…; the new lastMutationId is stored BEFORE the request goes out, so a number
 * is never used for two different things:
 * - the request fails without an answer (offline, timeout, the sidecar died mid-write): this
 *   engine resends the very same batch, same numbers, same envelopes. The sidecar stores a
 *   (device, mutation id) once and answers a repeat with its first seq, so nothing is applied
 *   twice.
 * - the browser dies before the answer: the batch in memory is gone, the numbers are burnt (the
 *   stored lastMutationId is past them). The outbox rows are still there, so the next push
 *   sends those records again with new numbers. If the first attempt did land, the log holds
 *   the same record version twice; merging a version twice changes nothing.
 * Only an answered push deletes outbox rows, and only rows not changed since the batch was
 * built (same queuedAt): an edit typed while the push was in flight goes out next time.
 */

export type PushOutcome = { ok: true; sent: number; tooLarge: string[] } | Failure | NotShared;

/** Ciphertext characters per push request: well inside the sidecar's 1 MB body limit. */
const BATCH_BYTES = 600_000;
/** Batches per push call; the scheduler calls again if more is waiting. */
const MAX_BATCHES = 20;

interface BatchItem {
  rowId: string;
  queuedAt: number;
  fields: Stamps;
  base: Stamps;
  /** Resolved conflict copies announced in this version. */
  resolves: string[];
}

export interface Batch {
  spaceId: string;
  mutations: Mutation[];
  items: BatchItem[];
  tooLarge: string[];
}

/** Sends the outbox in batches, resending a batch left without an answer first. */
export async function push(context: EngineContext, pairId: string): Promise<PushOutcome> {
  let sent = 0;
  let tooLarge: string[] = [];
  for (let round = 0; round < MAX_BATCHES; round++) {
    let space = await joinedSpace(context, pairId);
    if ('ok' in space) return space;
    await keepKeys(context, pairId).catch(() => undefined);
    space = (await context.store.db.syncSpaces.get(pairId)) ?? space;
    let batch = context.unanswered.get(pairId);
    if (batch && batch.spaceId !== space.spaceId) batch = undefined;
    if (!batch) {
      batch = await buildBatch(context, pairId, space);
      if (!batch) break;
      tooLarge = batch.tooLarge;
      if (batch.mutations.length === 0) break;
      context.unanswered.set(pairId, batch);
    }
    const answer = await spaceClient(context, space).push(space.spaceId, batch.mutations);
    if (!answer.ok) {
      // Without an answer the batch may or may not have landed: keep it and resend it as
      // it is. A refusal (revoked, malformed) will not get better by resending.
      if (answer.kind !== 'offline' && answer.kind !== 'server' && answer.kind !== 'rate_limited') {
        context.unanswered.delete(pairId);
      }
      return answer;
    }
    const answered = new Set(answer.value.results.map((r) => r.mutationId));
    if (!batch.mutations.every((m) => answered.has(m.mutationId))) {
      context.unanswered.delete(pairId);
      return {
        ok: false,
        kind: 'bad_response',
        message: t('syncErrors.unconfirmed'),
      };
    }
    context.unanswered.delete(pairId);
    await acknowledge(context, pairId, batch);
    sent += batch.mutations.length;
  }
  return { ok: true, sent, tooLarge };
}

async function buildBatch(
  context: EngineContext,
  pairId: string,
  space: SyncSpace,
): Promise<Batch | undefined> {
  const { db } = context.store;
  const limit = Math.min(context.options.batchSize ?? 200, MAX_BATCH);
  const tables = Object.keys(sharedTables).map((name) => db.table(name));
  // One read transaction: each record, its stamps and its outbox row as of the same moment.
  const snapshot = await db.transaction('r', [db.outbox, db.syncMeta, ...tables], async () => {
    const rows = (await db.outbox.where('pairId').equals(pairId).toArray()).sort(
      (a, b) => a.queuedAt - b.queuedAt,
    );
    const out = [];
    for (const row of rows) {
      if (!(row.table in sharedTables)) {
        out.push({ row, record: undefined, meta: undefined });
        continue;
      }
      const record = (await db.table(row.table).get(row.recordId)) as SyncedRow | undefined;
      const meta = await db.syncMeta.get(row.id);
      out.push({ row, record, meta });
    }
    return out;
  });
  if (snapshot.length === 0) return undefined;

  const keys = await pairKeys(context, space);
  const prepared: { recordId: string; content: EnvelopeContent }[] = [];
  const items: BatchItem[] = [];
  const tooLarge: string[] = [];
  const unsendable: { id: string; queuedAt: number }[] = [];
  let bytes = 0;
  for (const { row, record, meta } of snapshot) {
    if (prepared.length >= limit || bytes >= BATCH_BYTES) break;
    // Nothing to send (gone, or not a shared record): the row goes.
    if (
      !record ||
      (PRIVATE_CAPABLE.has(row.table) && record.visibility !== 'shared') ||
      (row.table === 'pairs' ? record.id : record.pairId) !== pairId
    ) {
      unsendable.push({ id: row.id, queuedAt: row.queuedAt });
      continue;
    }
    const fields = completeStamps(record, meta?.fields ?? {});
    const base = meta?.synced ?? {};
    const resolves = meta?.resolves ?? [];
    const content: EnvelopeContent = {
      table: row.table,
      record,
      fields,
      base,
      ...(resolves.length > 0 && { resolves }),
    };
    // Padded to its size bucket, so its size is known before it is sealed.
    const length = sealedSize(content);
    if (length > MAX_CIPHERTEXT) {
      tooLarge.push(`${row.table}:${record.id}`);
      continue;
    }
    bytes += length;
    const recordId = await opaqueRecordId(keys.recordIds, row.table, record.id);
    prepared.push({ recordId, content });
    items.push({ rowId: row.id, queuedAt: row.queuedAt, fields, base, resolves });
  }
  if (unsendable.length > 0) {
    await db.transaction('rw', db.outbox, async () => {
      for (const { id, queuedAt } of unsendable) {
        if ((await db.outbox.get(id))?.queuedAt === queuedAt) await db.outbox.delete(id);
      }
    });
  }
  if (prepared.length === 0) return { spaceId: space.spaceId, mutations: [], items, tooLarge };

  // Number the batch and store the last number before anything is sealed or sent: the
  // writer and its mutation id are sealed into each envelope.
  const first = await db.transaction('rw', db.syncSpaces, async () => {
    const current = await db.syncSpaces.get(pairId);
    if (!current || current.spaceId !== space.spaceId)
      throw new SyncError(t('syncErrors.sharingStopped'));
    await db.syncSpaces.update(pairId, {
      lastMutationId: current.lastMutationId + prepared.length,
    });
    return current.lastMutationId + 1;
  });
  const mutations: Mutation[] = [];
  // Each write names the one before it: the last confirmed, then those of this batch.
  let prev: PreviousWrite | undefined = space.lastAcked;
  for (const [index, { recordId, content }] of prepared.entries()) {
    const mutationId = first + index;
    const writer = { deviceId: space.deviceId, mutationId };
    const plaintext = envelopeText(content, prev);
    prev = { m: mutationId, r: recordId };
    const envelope = await encryptRecord(
      keys.content,
      space.spaceId,
      recordId,
      plaintext,
      writer,
      space.epoch ?? 0,
    );
    mutations.push({ mutationId, recordId, envelope });
  }
  return { spaceId: space.spaceId, mutations, items, tooLarge };
}

/** The sidecar has the batch: retire unchanged outbox rows, and move the merge bases on. */
async function acknowledge(context: EngineContext, pairId: string, batch: Batch): Promise<void> {
  const { db } = context.store;
  const newest = batch.mutations.at(-1);
  await db.transaction('rw', db.outbox, db.syncMeta, db.syncSpaces, async () => {
    const space = await db.syncSpaces.get(pairId);
    if (newest && space?.spaceId === batch.spaceId) {
      await db.syncSpaces.update(pairId, {
        lastAcked: { m: newest.mutationId, r: newest.recordId },
      });
    }
    for (const item of batch.items) {
      const row = await db.outbox.get(item.rowId);
      if (row && row.queuedAt === item.queuedAt) await db.outbox.delete(item.rowId);
      const meta = await db.syncMeta.get(item.rowId);
      const synced = { ...(meta?.synced ?? {}) };
      for (const [field, stamp] of Object.entries(item.fields)) {
        // Unless a pull took the other side's version of this field meanwhile, what was
        // sent is now the version later edits here are made on top of.
        if ((synced[field] ?? '') === (item.base[field] ?? '')) synced[field] = stamp;
      }
      // The other devices have heard of these resolved copies; any resolved since still wait.
      const told = new Set(item.resolves);
      const resolves = (meta?.resolves ?? []).filter((id) => !told.has(id));
      await db.syncMeta.put({
        ...meta,
        id: item.rowId,
        fields: meta?.fields ?? item.fields,
        synced,
        resolves,
      });
    }
  });
}
