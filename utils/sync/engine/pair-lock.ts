/**
 * One operation per pair at a time. A push numbers its mutations from the stored last one, a pull
 * moves the cursor, sharing changes replace the keys and the space: two of these interleaved on
 * one pair would number twice, or seal with a key being replaced. Different pairs run side by
 * side. Separate because only the engine's entry point (sync-engine.ts) takes the lock; the
 * modules it calls run under it and never take it again (it is not re-entrant).
 */
export class PairLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `work` once every operation queued before it for this pair has settled. */
  run<T>(pairId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(pairId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.#tails.set(pairId, settled);
    void settled.then(() => {
      if (this.#tails.get(pairId) === settled) this.#tails.delete(pairId);
    });
    return next;
  }
}
