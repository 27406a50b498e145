import { revealDue } from '../../data/records/feedback';
import type { Failure } from '../client';
import { DecryptError } from '../crypto';
import { type EngineContext, spaceClient } from './engine-context';
import type { NotShared } from './failures';
import { ChainWatch, pendingWarning } from './integrity';
import { joinedSpace } from './joining';
import { keepKeys } from './key-epochs';
import { pairKeys } from './key-vault';
import { storePage } from './merge-page';
import { queuePair } from './outbox';
import { Foreign, type Opened, openEntry, Unreadable } from './record-envelope';

/**
 * Pull: what changed there comes down, page by page after the cursor. Separate from push because
 * it trusts the sidecar no further than it can check: each entry is opened and checked
 * (record-envelope.ts), the writer chains are followed (integrity.ts), and a page is merged and
 * stored with its new cursor in one transaction (merge-page.ts), so a crash leaves all of a page
 * or none of it. A pull never writes the outbox, except to send everything again when the log
 * went backwards: a merged record is a combination of versions the sidecar already has.
 */

export type PullOutcome =
  | {
      ok: true;
      merged: number;
      conflicts: number;
      /** Versions that failed to decrypt or belonged elsewhere, skipped. */
      rejected: number;
      /** Set when the pull stopped at a version this Tandem cannot read (a newer Tandem's). */
      blocked?: string;
      /** What the sidecar was caught doing (kept until dismissed): the sentence to show. */
      warning?: string;
    }
  | Failure
  | NotShared;

/**
 * Pulls the log after this browser's cursor and merges it. The cursor moves only to entries
 * that verified (never to a cursor the sidecar merely claims); an entry that does not verify or
 * is an old one offered again is skipped; a log whose newest entry lies behind the cursor went
 * backwards — this browser's records are queued to go up again and the person is warned.
 */
export async function pull(context: EngineContext, pairId: string): Promise<PullOutcome> {
  const { db } = context.store;
  const pageSize = context.options.pageSize ?? 500;
  const total = { merged: 0, conflicts: 0, rejected: 0 };
  const chains = new ChainWatch();
  for (;;) {
    let space = await joinedSpace(context, pairId);
    if ('ok' in space) return space;
    await pairKeys(context, space); // a space without its key fails here, loudly
    await keepKeys(context, pairId).catch(() => undefined);
    space = (await db.syncSpaces.get(pairId)) ?? space;
    const page = await spaceClient(context, space).pull(space.spaceId, space.cursor, pageSize);
    if (!page.ok) return page;

    const opened: Opened[] = [];
    const watch = chains.page(space);
    let cursor = space.cursor;
    let blocked: string | undefined;
    let keysTaken = false;
    for (const entry of page.value.entries) {
      if (entry.seq <= cursor) {
        // Out of order, or an entry before the cursor asked for: not what a sidecar sends.
        watch.outOfOrder(entry);
        continue;
      }
      try {
        let version: Opened;
        try {
          version = await openEntry(context, pairId, space, entry);
        } catch (error) {
          // Perhaps sealed under an epoch this browser has not taken yet: take it, try again.
          if (!(error instanceof DecryptError) || keysTaken) throw error;
          keysTaken = true;
          await keepKeys(context, pairId, true).catch(() => undefined);
          space = (await db.syncSpaces.get(pairId)) ?? space;
          version = await openEntry(context, pairId, space, entry);
        }
        if (!watch.follow(entry, version.prev)) continue;
        // Our own versions are here already (or something newer is): checked, not applied.
        if (entry.deviceId !== space.deviceId) opened.push(version);
      } catch (error) {
        if (error instanceof Unreadable) {
          blocked = error.message;
          break;
        }
        if (error instanceof DecryptError) watch.unverified();
        total.rejected += 1;
        if (!(error instanceof Foreign)) continue;
      }
      cursor = entry.seq;
    }
    const last = !page.value.more || page.value.entries.length === 0;
    if (last) watch.endOfLog();
    const head = page.value.head;
    let backwards = false;
    if (!blocked && last && head !== undefined && watch.wentBackwards(head)) {
      backwards = true;
      cursor = head;
    }
    const applied = await storePage(context, pairId, space, opened, cursor, watch.seen);
    if (backwards) await queuePair(context, pairId);
    // The other side's feedback arrived: this side's key is due (commit, then reveal).
    if (opened.some((version) => version.table === 'feedback')) {
      await revealDue(context.store, pairId);
    }
    total.merged += applied.merged;
    total.conflicts += applied.conflicts;
    total.rejected += applied.rejected;
    const warning = await pendingWarning(db, pairId);
    if (blocked) return { ok: true, ...total, blocked, ...(warning && { warning }) };
    if (last || cursor === space.cursor) {
      return { ok: true, ...total, ...(warning && { warning }) };
    }
  }
}
