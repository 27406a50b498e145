import type { Visibility } from '../schema/common';

/**
 * A synchronous safety copy of note text that is typed but not yet committed to IndexedDB.
 * IndexedDB writes are asynchronous: a panel closed within the debounce (or while a
 * transaction is in flight) could lose the last words. localStorage writes synchronously, is
 * private to the extension's origin (pages and content scripts cannot read it) and lives on
 * this device only; the copy is removed as soon as the note is saved, and recovered into the
 * note when the panel next opens.
 */
const PREFIX = 'tandem:draft:';

export interface Draft {
  noteId: string;
  visibility: Visibility;
  body: string;
  /** Epoch ms when typed. */
  at: number;
}

export interface KeyValue {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function draftJournal(store: KeyValue, noteId: string, visibility: Visibility) {
  const key = PREFIX + noteId;
  return {
    write(body: string) {
      try {
        const draft: Draft = { noteId, visibility, body, at: Date.now() };
        store.setItem(key, JSON.stringify(draft));
      } catch {
        // A full localStorage must not stop typing; IndexedDB still gets the text.
      }
    },
    clear() {
      store.removeItem(key);
    },
  };
}

export function readDrafts(store: KeyValue): Draft[] {
  const drafts: Draft[] = [];
  for (let i = 0; i < store.length; i += 1) {
    const key = store.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    try {
      const value = JSON.parse(store.getItem(key) ?? '') as Partial<Draft>;
      if (
        typeof value.noteId === 'string' &&
        typeof value.body === 'string' &&
        typeof value.at === 'number' &&
        (value.visibility === 'private' || value.visibility === 'shared')
      ) {
        drafts.push(value as Draft);
      }
    } catch {
      // Unreadable entry: leave it for inspection rather than guess.
    }
  }
  return drafts;
}

export function clearDraft(store: KeyValue, noteId: string): void {
  store.removeItem(PREFIX + noteId);
}

/** Where recovered drafts are written: the note's current copy and a save function. */
export interface DraftTarget {
  find(
    noteId: string,
  ): Promise<{ body: string; updatedAt: string; visibility: Visibility } | undefined>;
  save(noteId: string, visibility: Visibility, body: string): Promise<void>;
  /** Epoch ms of the note's last committed write (the wall time of its HLC stamp). */
  savedAt(updatedAt: string): number;
}

/**
 * Put text that was typed but never committed (the panel closed first) back into its note,
 * unless the note was saved again later (in another window). Drafts whose note cannot be found
 * are kept, never thrown away. Returns the ids of the notes restored.
 */
export async function recoverDrafts(kv: KeyValue, target: DraftTarget): Promise<string[]> {
  const restored: string[] = [];
  for (const draft of readDrafts(kv)) {
    const current = await target.find(draft.noteId);
    if (!current) continue;
    if (current.body !== draft.body && target.savedAt(current.updatedAt) <= draft.at) {
      await target.save(draft.noteId, current.visibility, draft.body);
      restored.push(draft.noteId);
    }
    clearDraft(kv, draft.noteId);
  }
  return restored;
}
