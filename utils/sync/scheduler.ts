import { liveQuery } from 'dexie';
import { plural, t } from '../i18n';
import type { Failure } from './client';
import { failureAdvice } from './engine/failures';
import type { PullOutcome } from './engine/pull';
import type { PushOutcome } from './engine/push';
import type { SyncEngine } from './engine/sync-engine';
import type { SyncStatus } from './status';

/**
 * When sync runs, for every shared pair, while the background lives:
 * - on change: the outbox is watched (Dexie liveQuery sees writes from every page of the
 *   extension); a pair with waiting changes is pushed after a quiet 500 ms, or after 2 s of
 *   continuous typing at the latest;
 * - on start, when a pair becomes shared, periodically (the background's alarm), and when the
 *   network comes back: push and pull;
 * - on a server event: each shared pair keeps an event stream open (fetch streaming, as
 *   EventSource cannot send the device token); "the log grew" makes it pull at once.
 * Failures without an answer are retried with backoff; the status of each pair is published
 * for the panel (utils/sync/status.ts).
 */

export interface SchedulerOptions {
  engine: SyncEngine;
  publish(pairId: string, status: SyncStatus | null): void | Promise<void>;
  debounceMs?: number;
  maxWaitMs?: number;
  /** Keep event streams open (the background does; tests may not). */
  events?: boolean;
  log?: (message: string, error?: unknown) => void;
}

interface PairState {
  spaceId: string;
  timer?: ReturnType<typeof setTimeout>;
  firstChangeAt?: number;
  retry?: ReturnType<typeof setTimeout>;
  backoffMs: number;
  running: boolean;
  again: { push: boolean; pull: boolean } | null;
  events?: AbortController;
  /** The sidecar has answered the event stream, and it has not ended since. */
  listening: boolean;
}

const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

export class SyncScheduler {
  readonly #pairs = new Map<string, PairState>();
  readonly #options: Required<Pick<SchedulerOptions, 'debounceMs' | 'maxWaitMs' | 'events'>> &
    SchedulerOptions;
  #stops: (() => void)[] = [];

  constructor(options: SchedulerOptions) {
    this.#options = { debounceMs: 500, maxWaitMs: 2_000, events: true, ...options };
  }

  get #db() {
    return this.#options.engine.store.db;
  }

  /** Starts watching; returns a function that stops everything. */
  start(): () => void {
    const spaces = liveQuery(async () =>
      (await this.#db.syncSpaces.toArray()).map((s) => ({ id: s.id, spaceId: s.spaceId })),
    ).subscribe({
      next: (list) => this.#onSpaces(list),
      error: (error) => this.#options.log?.('sync: cannot read shared pairs', error),
    });
    const outbox = liveQuery(async () => {
      const counts = new Map<string, number>();
      await this.#db.outbox.each((row) =>
        counts.set(row.pairId, (counts.get(row.pairId) ?? 0) + 1),
      );
      return counts;
    }).subscribe({
      next: (counts) => {
        for (const [pairId, count] of counts) if (count > 0) this.#changed(pairId);
      },
      error: (error) => this.#options.log?.('sync: cannot read the outbox', error),
    });
    const online = () => this.syncAll();
    globalThis.addEventListener?.('online', online);
    this.#stops = [
      () => spaces.unsubscribe(),
      () => outbox.unsubscribe(),
      () => globalThis.removeEventListener?.('online', online),
    ];
    return () => this.stop();
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
    for (const [pairId, state] of this.#pairs) this.#forget(pairId, state);
    this.#pairs.clear();
  }

  /** Push and pull every shared pair (start, alarm, back online). */
  syncAll(): void {
    for (const pairId of this.#pairs.keys()) void this.run(pairId, { push: true, pull: true });
  }

  /** (Re)opens the event streams that are not open (a panel connected). */
  ensureEvents(): void {
    if (!this.#options.events) return;
    for (const [pairId, state] of this.#pairs) if (!state.events) this.#listen(pairId, state);
  }

  #onSpaces(list: { id: string; spaceId: string }[]): void {
    const seen = new Set<string>();
    for (const { id, spaceId } of list) {
      seen.add(id);
      const known = this.#pairs.get(id);
      if (known && known.spaceId === spaceId) continue;
      if (known) this.#forget(id, known);
      const state: PairState = {
        spaceId,
        backoffMs: RETRY_MIN_MS,
        running: false,
        again: null,
        listening: false,
      };
      this.#pairs.set(id, state);
      void this.run(id, { push: true, pull: true });
      if (this.#options.events) this.#listen(id, state);
    }
    for (const [id, state] of this.#pairs) {
      if (seen.has(id)) continue;
      this.#forget(id, state);
      this.#pairs.delete(id);
      void this.#options.publish(id, null);
    }
  }

  #forget(_pairId: string, state: PairState): void {
    clearTimeout(state.timer);
    clearTimeout(state.retry);
    state.events?.abort();
    state.events = undefined;
  }

  /** The outbox of a pair has rows: push after a quiet moment. */
  #changed(pairId: string): void {
    const state = this.#pairs.get(pairId);
    if (!state) return;
    const now = Date.now();
    state.firstChangeAt ??= now;
    clearTimeout(state.timer);
    const wait = Math.max(
      0,
      Math.min(this.#options.debounceMs, state.firstChangeAt + this.#options.maxWaitMs - now),
    );
    state.timer = setTimeout(() => {
      state.firstChangeAt = undefined;
      void this.run(pairId, { push: true, pull: false });
    }, wait);
  }

  /** One sync of one pair; overlapping requests are folded into one more run afterwards. */
  async run(pairId: string, what: { push: boolean; pull: boolean }): Promise<void> {
    const state = this.#pairs.get(pairId);
    if (!state) return;
    if (state.running) {
      state.again = {
        push: what.push || !!state.again?.push,
        pull: what.pull || !!state.again?.pull,
      };
      return;
    }
    state.running = true;
    try {
      const { engine } = this.#options;
      let push: PushOutcome | undefined;
      let pull: PullOutcome | undefined;
      if (what.push) push = await engine.push(pairId);
      if (what.pull && (!push || push.ok || !isOffline(push))) pull = await engine.pull(pairId);
      // Sharing stopped while this run was out: the pair's status was cleared, and stays so.
      if (this.#pairs.get(pairId) !== state) return;
      await this.#report(pairId, state, push, pull);
    } catch (error) {
      this.#options.log?.('sync failed', error);
      if (this.#pairs.get(pairId) !== state) return;
      await this.#options.publish(pairId, {
        state: 'error',
        message: error instanceof Error ? error.message : String(error),
        at: Date.now(),
      });
    } finally {
      state.running = false;
      const again = state.again;
      state.again = null;
      if (again && this.#pairs.get(pairId) === state) void this.run(pairId, again);
    }
  }

  async #report(
    pairId: string,
    state: PairState,
    push: PushOutcome | undefined,
    pull: PullOutcome | undefined,
  ): Promise<void> {
    const failed = [push, pull].find((r): r is Failure => !!r && !r.ok && r.kind !== 'not_shared');
    const now = Date.now();
    if (failed) {
      const transient =
        failed.kind === 'offline' || failed.kind === 'server' || failed.kind === 'rate_limited';
      if (transient) {
        // Try again later, more slowly each time; the alarm and "online" also bring it back.
        clearTimeout(state.retry);
        const wait = Math.max(state.backoffMs, failed.retryAfterMs ?? 0);
        state.retry = setTimeout(() => void this.run(pairId, { push: true, pull: true }), wait);
        state.backoffMs = Math.min(state.backoffMs * 2, RETRY_MAX_MS);
      }
      await this.#options.publish(
        pairId,
        failed.kind === 'offline'
          ? { state: 'offline', at: now }
          : { state: 'error', message: failureAdvice(failed), at: now },
      );
      return;
    }
    state.backoffMs = RETRY_MIN_MS;
    const tooLarge = push?.ok ? push.tooLarge : [];
    if (tooLarge.length > 0) {
      await this.#options.publish(pairId, {
        state: 'error',
        message: t('syncErrors.advice.tooLarge'),
        at: now,
      });
      return;
    }
    if (pull?.ok && pull.blocked) {
      await this.#options.publish(pairId, { state: 'error', message: pull.blocked, at: now });
      return;
    }
    if (pull?.ok && pull.warning) {
      await this.#options.publish(pairId, { state: 'error', message: pull.warning, at: now });
      return;
    }
    if (pull?.ok && pull.rejected > 0) {
      await this.#options.publish(pairId, {
        state: 'error',
        message: plural('syncErrors.rejected', pull.rejected),
        at: now,
      });
      return;
    }
    await this.#options.publish(pairId, { state: 'synced', at: now });
  }

  /** Whether the pair's event stream is open: the sidecar will announce the next change. */
  isListening(pairId: string): boolean {
    return this.#pairs.get(pairId)?.listening ?? false;
  }

  /** Keeps the pair's event stream open while this scheduler runs. */
  #listen(pairId: string, state: PairState): void {
    const controller = new AbortController();
    state.events = controller;
    void (async () => {
      let backoff = 1_000;
      while (!controller.signal.aborted) {
        const space = await this.#db.syncSpaces.get(pairId);
        if (!space || space.spaceId !== state.spaceId) return;
        const client = this.#options.engine.spaceClient(space);
        const ended = await client.events(
          space.spaceId,
          () => void this.run(pairId, { push: false, pull: true }),
          controller.signal,
          () => {
            backoff = 1_000;
            state.listening = true;
          },
        );
        state.listening = false;
        if (controller.signal.aborted) return;
        if (!ended.ok && (ended.kind === 'unauthorized' || ended.kind === 'forbidden')) {
          await this.#options.publish(pairId, {
            state: 'error',
            message: failureAdvice(ended),
            at: Date.now(),
          });
          break;
        }
        await sleep(backoff, controller.signal);
        backoff = Math.min(backoff * 2, 30_000);
      }
      if (state.events === controller) state.events = undefined;
    })();
  }
}

function isOffline(result: PushOutcome): boolean {
  return !result.ok && result.kind === 'offline';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
