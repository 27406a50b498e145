import { type DbEvents, openPrivateDb, openSharedDb } from '../data/db';
import { createHlc, hlcWallTime } from '../data/hlc';
import { saveNoteBody } from '../data/records/notes';
import type { Store } from '../data/records/store';
import { deviceId } from '../settings';
import { recoverDrafts } from './draft-journal';

/**
 * The store an extension page works with: both databases, this device's clock, and the drafts
 * a closed panel left unsaved written back into their notes before anything renders.
 */
export function openPanelStore(
  events: DbEvents,
  { recoverDrafts: recover = true }: { recoverDrafts?: boolean } = {},
): { store: Store; ready: Promise<void> } {
  const db = openSharedDb(undefined, events);
  const privateDb = openPrivateDb(undefined, events);
  const store: Store = {
    db,
    privateDb,
    deviceId: 'unset',
    clock: createHlc('unset'),
    now: Date.now,
    newId: () => crypto.randomUUID(),
  };
  const ready = (async () => {
    const id = await deviceId.getValue();
    store.deviceId = id;
    store.clock = createHlc(id);
    // Only the panel writes drafts, so only the panel recovers them (the options page does not).
    if (!recover) return;
    await recoverDrafts(localStorage, {
      async find(noteId) {
        const found = (await privateDb.notes.get(noteId)) ?? (await db.notes.get(noteId));
        return found && !found.deleted ? found : undefined;
      },
      async save(noteId, visibility, body) {
        await saveNoteBody(store, noteId, visibility, body);
      },
      savedAt: hlcWallTime,
    });
  })();
  return { store, ready };
}
