import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { hlcWallTime } from '../../utils/data/hlc';
import { addNote, saveNoteBody, setNoteVisibility } from '../../utils/data/records/notes';
import { createPair } from '../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../utils/data/records/sessions';
import {
  type DraftTarget,
  draftJournal,
  type KeyValue,
  readDrafts,
  recoverDrafts,
} from '../../utils/panel/draft-journal';
import type { Visibility } from '../../utils/schema/common';
import { closeStores, makeStore, memoryStorage, pairInput, START, type TestStore } from './helpers';

/** The draft target the panel uses (utils/panel/store.ts), over a test store. */
function panelTarget(store: TestStore): DraftTarget {
  return {
    async find(noteId) {
      const found = (await store.privateDb.notes.get(noteId)) ?? (await store.db.notes.get(noteId));
      return found && !found.deleted ? found : undefined;
    },
    async save(noteId, visibility, body) {
      await saveNoteBody(store, noteId, visibility, body);
    },
    savedAt: hlcWallTime,
  };
}

/** Move the store's clock and the system clock (which stamps drafts) together. */
function at(store: TestStore, ms: number) {
  store.setTime(ms);
  vi.setSystemTime(ms);
}

async function noteIn(store: TestStore, visibility: Visibility, body: string) {
  const pair = await createPair(store, pairInput());
  const session = await ensurePlannedSession(store, pair.id);
  return addNote(store, session, visibility, body);
}

async function bodyOf(store: TestStore, id: string) {
  return ((await store.privateDb.notes.get(id)) ?? (await store.db.notes.get(id)))?.body;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});

afterEach(() => {
  vi.useRealTimers();
  closeStores();
});

describe('draft journal', () => {
  test('keeps the latest text typed into a note, with when it was typed', () => {
    const kv = memoryStorage();
    const journal = draftJournal(kv, 'note-1', 'private');
    journal.write('Hel');
    vi.setSystemTime(START + 500);
    journal.write('Hello');
    expect(readDrafts(kv)).toEqual([
      { noteId: 'note-1', visibility: 'private', body: 'Hello', at: START + 500 },
    ]);
  });

  test('forgets a note’s draft once it is saved, and only that note’s', () => {
    const kv = memoryStorage();
    const one = draftJournal(kv, 'note-1', 'private');
    const two = draftJournal(kv, 'note-2', 'shared');
    one.write('one');
    two.write('two');
    one.clear();
    expect(readDrafts(kv).map((d) => d.noteId)).toEqual(['note-2']);
  });

  test('keeps typing going when local storage is full', () => {
    const full: KeyValue = {
      ...memoryStorage(),
      length: 0,
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => draftJournal(full, 'note-1', 'private').write('text')).not.toThrow();
  });

  test('reads only well-formed drafts and leaves everything else where it is', () => {
    const good = { noteId: 'n1', visibility: 'shared', body: 'ok', at: 5 };
    const kv = memoryStorage({
      'tandem:draft:n1': JSON.stringify(good),
      'tandem:draft:broken': '{not json',
      'tandem:draft:no-body': JSON.stringify({ noteId: 'x', visibility: 'shared', at: 5 }),
      'tandem:draft:odd-visibility': JSON.stringify({ ...good, noteId: 'y', visibility: 'public' }),
      'tandem:draft:no-time': JSON.stringify({ ...good, noteId: 'z', at: 'yesterday' }),
      'something-else': JSON.stringify({ ...good, noteId: 'other' }),
    });
    const before = kv.entries();
    expect(readDrafts(kv)).toEqual([good]);
    expect(kv.entries()).toEqual(before);
  });
});

describe('recoverDrafts', () => {
  test('puts text typed after the last save back into its note', async () => {
    const store = makeStore();
    const kv = memoryStorage();
    const note = await noteIn(store, 'private', 'Saved part');
    at(store, START + 2_000);
    draftJournal(kv, note.id, 'private').write('Saved part and the last words');
    at(store, START + 60_000); // the panel opens again later

    const restored = await recoverDrafts(kv, panelTarget(store));

    expect(restored).toEqual([note.id]);
    expect(await bodyOf(store, note.id)).toBe('Saved part and the last words');
    expect(readDrafts(kv)).toEqual([]);
  });

  test('restores a shared note’s draft into the shared database', async () => {
    const store = makeStore();
    const kv = memoryStorage();
    const note = await noteIn(store, 'shared', '');
    at(store, START + 1_000);
    draftJournal(kv, note.id, 'shared').write('For both of us');
    await recoverDrafts(kv, panelTarget(store));
    expect((await store.db.notes.get(note.id))?.body).toBe('For both of us');
    expect(await store.privateDb.notes.count()).toBe(0);
  });

  test('does not overwrite a note saved after the draft was typed (in another window)', async () => {
    const store = makeStore();
    const kv = memoryStorage();
    const note = await noteIn(store, 'private', 'Old');
    at(store, START + 1_000);
    draftJournal(kv, note.id, 'private').write('Draft from the closed panel');
    at(store, START + 5_000);
    await saveNoteBody(store, note.id, 'private', 'Newer, from another window');

    expect(await recoverDrafts(kv, panelTarget(store))).toEqual([]);
    expect(await bodyOf(store, note.id)).toBe('Newer, from another window');
    expect(readDrafts(kv)).toEqual([]);
  });

  test('writes nothing when the note already holds the draft’s text', async () => {
    const store = makeStore();
    const kv = memoryStorage();
    const note = await noteIn(store, 'private', 'Same');
    at(store, START + 1_000);
    draftJournal(kv, note.id, 'private').write('Same');
    expect(await recoverDrafts(kv, panelTarget(store))).toEqual([]);
    expect(await store.privateDb.notes.get(note.id)).toEqual(note);
    expect(readDrafts(kv)).toEqual([]);
  });

  test('follows a note that was made private since the draft was typed', async () => {
    const store = makeStore();
    const kv = memoryStorage();
    const note = await noteIn(store, 'shared', 'Start');
    await setNoteVisibility(store, note.id, 'shared', 'private');
    at(store, START + 1_000);
    draftJournal(kv, note.id, 'shared').write('Start and more');
    await recoverDrafts(kv, panelTarget(store));
    expect((await store.privateDb.notes.get(note.id))?.body).toBe('Start and more');
    expect(JSON.stringify(await store.db.notes.toArray())).not.toContain('Start and more');
  });

  test('keeps a draft whose note cannot be found, and malformed entries too', async () => {
    const store = makeStore();
    const kv = memoryStorage({ 'tandem:draft:broken': '{not json' });
    draftJournal(kv, 'note-that-is-not-here', 'private').write('Precious words');
    expect(await recoverDrafts(kv, panelTarget(store))).toEqual([]);
    expect(readDrafts(kv)).toMatchObject([
      { noteId: 'note-that-is-not-here', body: 'Precious words' },
    ]);
    expect(kv.getItem('tandem:draft:broken')).toBe('{not json');
  });

  test('restores several notes at once', async () => {
    const store = makeStore();
    const kv = memoryStorage();
    const a = await noteIn(store, 'private', 'a');
    const b = await noteIn(store, 'shared', 'b');
    at(store, START + 1_000);
    draftJournal(kv, a.id, 'private').write('a2');
    draftJournal(kv, b.id, 'shared').write('b2');
    expect((await recoverDrafts(kv, panelTarget(store))).sort()).toEqual([a.id, b.id].sort());
    expect([await bodyOf(store, a.id), await bodyOf(store, b.id)]).toEqual(['a2', 'b2']);
  });
});
