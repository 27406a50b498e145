import type { LogEntry } from '@tandem/protocol';
import type { SharedDb } from '../../data/db';
import { t } from '../../i18n';
import type { SyncSpace } from '../../schema/local';
import type { PreviousWrite } from './record-envelope';

/**
 * What a pull holds the sidecar to, and what the person is told when it was caught. Each
 * device's writes form a chain: every write names, inside the encryption, the writer's previous
 * confirmed one (record-envelope.ts). Reading the log, this browser follows each writer's chain
 * and catches an entry that does not verify or comes out of order ('tampered'), a writer's old
 * entry offered again ('replayed'), a confirmed write that never arrived and that no newer
 * version of its record replaced ('lost'), and a log whose head lies behind the cursor
 * ('backwards'). Separate from pull.ts so the rules of evidence read in one place, apart from
 * paging and merging; the verdict is stored with the page it was found in (merge-page.ts).
 */

export type Integrity = NonNullable<SyncSpace['integrity']>['kind'];

/** What the person is told when the sidecar was caught rewriting the log. */
export function integrityWarning(kind: Integrity): string {
  switch (kind) {
    case 'backwards':
      return t('syncErrors.integrity.backwards');
    case 'tampered':
      return t('syncErrors.integrity.tampered');
    case 'replayed':
      return t('syncErrors.integrity.replayed');
    case 'lost':
      return t('syncErrors.integrity.lost');
  }
}

/** The warning the person has not dismissed yet, as a sentence. */
export async function pendingWarning(db: SharedDb, pairId: string): Promise<string | undefined> {
  const integrity = (await db.syncSpaces.get(pairId))?.integrity;
  return integrity && integrityWarning(integrity.kind);
}

/** The person read the warning: it goes until the sidecar is caught again. */
export async function dismissWarning(db: SharedDb, pairId: string): Promise<void> {
  await db.syncSpaces.update(pairId, { integrity: undefined });
}

/** The writer chains as this browser knows them, stored with the cursor after each page. */
export interface ChainsSeen {
  /** Per writer, its newest mutation id read. */
  writers: Record<string, number>;
  /** Per writer, the seq of that write. */
  writerSeqs: Record<string, number>;
  /** Per opaque record id, the seq of its newest version read. */
  recordSeqs: Record<string, number>;
  /** What the sidecar was caught doing on this page, if anything. */
  caught?: Integrity | undefined;
}

/** One pull's watch over the writer chains, across its pages. */
export class ChainWatch {
  /** Confirmed writes a later one names but that were not read: lost, unless superseded. */
  readonly #missing: { r: string; after: number }[] = [];

  /** Starts a page from the chains as stored (the last page stored them). */
  page(space: SyncSpace): PageWatch {
    return new PageWatch(space, this.#missing);
  }
}

/** The writer chains while one page is read; `seen` is what to store with it. */
export class PageWatch {
  readonly seen: ChainsSeen;
  readonly #missing: { r: string; after: number }[];
  readonly #cursorAsked: number;

  constructor(space: SyncSpace, missing: { r: string; after: number }[]) {
    this.seen = {
      writers: { ...space.writers },
      writerSeqs: { ...space.writerSeqs },
      recordSeqs: { ...space.recordSeqs },
    };
    this.#missing = missing;
    this.#cursorAsked = space.cursor;
  }

  /** An entry at or before one already read: out of order, unless before the cursor asked for. */
  outOfOrder(entry: LogEntry): void {
    if (entry.seq > this.#cursorAsked) this.seen.caught ??= 'tampered';
  }

  /** An entry that does not decrypt under this pair's keys where it sits. */
  unverified(): void {
    this.seen.caught ??= 'tampered';
  }

  /**
   * Follows the entry's writer chain (envelopes from v2 carry one). False for a writer's old
   * entry offered again: it is not applied, and the cursor does not move past it.
   */
  follow(entry: LogEntry, prev: PreviousWrite | undefined): boolean {
    const { writers, writerSeqs, recordSeqs } = this.seen;
    if (entry.envelope.v >= 2) {
      const seen = writers[entry.deviceId] ?? 0;
      if (entry.mutationId <= seen) {
        this.seen.caught ??= 'replayed';
        return false;
      }
      if (prev && prev.m > seen) {
        this.#missing.push({ r: prev.r, after: writerSeqs[entry.deviceId] ?? 0 });
      }
      writers[entry.deviceId] = entry.mutationId;
      writerSeqs[entry.deviceId] = entry.seq;
    }
    recordSeqs[entry.recordId] = entry.seq;
    return true;
  }

  /**
   * At the end of the log: a write compaction removed has a newer version of its record after
   * it; one without is lost. (Checked against everything read so far, this page included.)
   */
  endOfLog(): void {
    const { recordSeqs } = this.seen;
    if (this.#missing.some((gap) => (recordSeqs[gap.r] ?? 0) <= gap.after)) {
      this.seen.caught ??= 'lost';
    }
  }

  /** True when the log's newest entry lies behind the cursor asked for: it went backwards. */
  wentBackwards(head: number): boolean {
    if (head >= this.#cursorAsked) return false;
    this.seen.caught = 'backwards';
    return true;
  }
}
