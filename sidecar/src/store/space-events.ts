import type { LogListener } from './types';

/**
 * In-process fan-out of "space X grew to seq N" to the SSE streams of this process. The SQLite
 * adapter publishes after each commit; the PostgreSQL adapter publishes what LISTEN hears, so
 * a write through any process reaches every process's streams.
 */
export class SpaceEvents {
  readonly #listeners = new Map<string, Set<LogListener>>();

  subscribe(spaceId: string, listener: LogListener): () => void {
    let set = this.#listeners.get(spaceId);
    if (!set) {
      set = new Set();
      this.#listeners.set(spaceId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(spaceId) === set) this.#listeners.delete(spaceId);
    };
  }

  publish(spaceId: string, seq: number): void {
    for (const listener of this.#listeners.get(spaceId) ?? []) {
      try {
        listener(seq);
      } catch {
        // One broken stream must not keep the others from hearing about the write.
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
