import { saveErrorMessage } from '../data/db-errors';

/** What a note's save indicator shows. "saved" only after the transaction has completed. */
export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string };

export interface AutosaveOptions {
  /** Debounce: typing is written this long after the last keystroke. At most 500 ms. */
  delayMs: number;
  /** After a failed save, try again this long later (and on the next keystroke). */
  retryMs: number;
  /** Writes the text; resolves when the transaction has committed. */
  save: (text: string) => Promise<void>;
  onStatus: (status: SaveStatus) => void;
  /** Synchronous safety copy of unsaved text (see draft-journal.ts). */
  journal?: { write(text: string): void; clear(): void };
}

export interface Autosave {
  /** The user typed: remember the text at once, write it after the debounce. */
  input(text: string): void;
  /** Write now (panel hidden or closing); resolves when everything typed is saved. */
  flush(): Promise<void>;
  /** Whether text is waiting to be written. */
  readonly dirty: boolean;
  dispose(): void;
}

export function createAutosave(options: AutosaveOptions): Autosave {
  const delayMs = Math.min(options.delayMs, 500);
  let latest: string | undefined;
  let saved: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let disposed = false;

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, ms);
  };

  const run = (): Promise<void> => {
    if (running) return running;
    running = (async () => {
      while (latest !== undefined && latest !== saved) {
        const text = latest;
        options.onStatus({ kind: 'saving' });
        try {
          await options.save(text);
          saved = text;
        } catch (error) {
          options.onStatus({ kind: 'error', message: saveErrorMessage(error) });
          if (!disposed) schedule(options.retryMs);
          return;
        }
      }
      options.journal?.clear();
      options.onStatus({ kind: 'saved' });
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    input(text) {
      latest = text;
      options.journal?.write(text);
      options.onStatus({ kind: 'pending' });
      schedule(delayMs);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      // A save may be running with older text: wait for it, then write what is left.
      await running;
      await run();
    },
    get dirty() {
      return latest !== undefined && latest !== saved;
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * The texts this editor wrote itself, newest last (at most `limit`). The database echoes each
 * save back through liveQuery, and an echo of an older save can arrive after a newer one has
 * committed (a query started before the newer commit): adopting it would put stale text under
 * the cursor and lose what was typed since. Text written elsewhere (another window, a sync) is
 * never one of ours, so it is still adopted.
 */
export function ownWrites(limit = 32) {
  const texts: string[] = [];
  return {
    remember(text: string): void {
      texts.push(text);
      if (texts.length > limit) texts.shift();
    },
    /** Whether `text` is an echo of one of our own writes. */
    isOwn(text: string): boolean {
      return texts.includes(text);
    },
  };
}
