import { liveQuery } from 'dexie';
import { type DbEvents, openPrivateDb, openSharedDb } from '../data/db';
import { createHlc, hlcWallTime } from '../data/hlc';
import { saveNoteBody } from '../data/records/notes';
import type { Store } from '../data/records/store';
import { configureZodMessages } from '../schema/zod-messages';
import { deviceId } from '../settings';
import { recoverDrafts } from './draft-journal';

/**
 * The panel's database layer, a chunk of its own (utils/panel/store.ts loads it as the page
 * starts, and paints the first view from raw reads meanwhile): Dexie with both databases, the
 * record schemas and writes, this device's clock, and the drafts a closed panel left unsaved
 * written back into their notes.
 */
export async function openLiveLayer(
  store: Store,
  events: DbEvents,
  { recover }: { recover: boolean },
): Promise<typeof liveQuery> {
  configureZodMessages();
  const db = openSharedDb(undefined, events);
  const privateDb = openPrivateDb(undefined, events);
  const id = await deviceId.getValue();
  store.db = db;
  store.privateDb = privateDb;
  store.deviceId = id;
  store.clock = createHlc(id);
  if (recover) {
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
  }
  return liveQuery;
}
