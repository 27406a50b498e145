import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { addNote, saveNoteBody } from '../../utils/data/records/notes';
import { createPair } from '../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../utils/data/records/sessions';
import {
  type AutosaveOptions,
  createAutosave,
  ownWrites,
  type SaveStatus,
} from '../../utils/panel/autosave';
import { draftJournal, readDrafts } from '../../utils/panel/draft-journal';
import { closeStores, makeStore, memoryStorage, pairInput } from './helpers';

const DELAY = 300;
const RETRY = 5_000;

/** A disk whose writes finish when the test says so. */
function slowDisk() {
  const writes: Array<{ text: string; finish: () => void; fail: (error: unknown) => void }> = [];
  let stored: string | undefined;
  return {
    writes,
    /** The text that has been committed, if any. */
    get stored() {
      return stored;
    },
    save(text: string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        writes.push({
          text,
          finish: () => {
            stored = text;
            resolve();
          },
          fail: reject,
        });
      });
    },
    last() {
      const write = writes[writes.length - 1];
      if (!write) throw new Error('nothing was written');
      return write;
    },
  };
}

function setup(overrides: Partial<AutosaveOptions> = {}) {
  const disk = slowDisk();
  const statuses: SaveStatus[] = [];
  const kv = memoryStorage();
  const autosave = createAutosave({
    delayMs: DELAY,
    retryMs: RETRY,
    save: (text) => disk.save(text),
    onStatus: (status) => statuses.push(status),
    journal: draftJournal(kv, 'note-1', 'private'),
    ...overrides,
  });
  const kinds = () => statuses.map((s) => s.kind);
  const journalText = () => readDrafts(kv)[0]?.body;
  return { autosave, disk, statuses, kinds, journalText };
}

/** Let pending promise callbacks run without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

const diskFull = () =>
  Object.assign(new Error('Transaction aborted'), {
    name: 'AbortError',
    inner: { name: 'QuotaExceededError' },
  });

describe('autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  test('writes nothing while the user is still typing', async () => {
    const { autosave, disk } = setup();
    autosave.input('H');
    await vi.advanceTimersByTimeAsync(DELAY - 50);
    autosave.input('Hel');
    await vi.advanceTimersByTimeAsync(DELAY - 50);
    autosave.input('Hello');
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    expect(disk.writes).toEqual([]);
    expect(autosave.dirty).toBe(true);
  });

  test('writes once, the last text, after typing stops', async () => {
    const { autosave, disk } = setup();
    for (const text of ['H', 'He', 'Hel', 'Hell', 'Hello']) {
      autosave.input(text);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(disk.writes.map((w) => w.text)).toEqual(['Hello']);
  });

  test('waits at most half a second, even when asked for a longer delay', async () => {
    const { autosave, disk } = setup({ delayMs: 2_000 });
    autosave.input('Hello');
    await vi.advanceTimersByTimeAsync(499);
    expect(disk.writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(disk.writes.map((w) => w.text)).toEqual(['Hello']);
  });

  test('shows pending, then saving, then saved only once the write has committed', async () => {
    const { autosave, disk, kinds } = setup();
    autosave.input('Hello');
    expect(kinds()).toEqual(['pending']);
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(kinds()).toEqual(['pending', 'saving']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(kinds()).toEqual(['pending', 'saving']); // the write has not finished
    expect(autosave.dirty).toBe(true);
    disk.last().finish();
    await settle();
    expect(kinds()).toEqual(['pending', 'saving', 'saved']);
    expect(autosave.dirty).toBe(false);
    expect(disk.stored).toBe('Hello');
  });

  test('flush writes at once and resolves only when the text is saved', async () => {
    const { autosave, disk, kinds } = setup();
    autosave.input('Closing now');
    let flushed = false;
    const flush = autosave.flush().then(() => {
      flushed = true;
    });
    await settle();
    expect(disk.writes.map((w) => w.text)).toEqual(['Closing now']);
    expect(flushed).toBe(false);
    disk.last().finish();
    await flush;
    expect(kinds().at(-1)).toBe('saved');
    expect(disk.stored).toBe('Closing now');
    await vi.advanceTimersByTimeAsync(DELAY); // the debounce does not write it again
    expect(disk.writes).toHaveLength(1);
  });

  test('writes text typed during a save right after it, so the last text wins', async () => {
    const { autosave, disk, kinds } = setup();
    autosave.input('First');
    await vi.advanceTimersByTimeAsync(DELAY);
    autosave.input('First and second');
    disk.last().finish();
    await settle();
    expect(disk.writes.map((w) => w.text)).toEqual(['First', 'First and second']);
    expect(kinds().at(-1)).toBe('saving');
    disk.last().finish();
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(disk.stored).toBe('First and second');
    expect(autosave.dirty).toBe(false);
    expect(kinds().at(-1)).toBe('saved');
    expect(disk.writes).toHaveLength(2);
  });

  test('flush during a save waits for it and then writes what was typed since', async () => {
    const { autosave, disk } = setup();
    autosave.input('One');
    await vi.advanceTimersByTimeAsync(DELAY);
    autosave.input('One two');
    let flushed = false;
    const flush = autosave.flush().then(() => {
      flushed = true;
    });
    disk.last().finish();
    await settle();
    expect(flushed).toBe(false);
    disk.last().finish();
    await flush;
    expect(disk.writes.map((w) => w.text)).toEqual(['One', 'One two']);
    expect(disk.stored).toBe('One two');
  });

  test('on a full disk says so, keeps the text, and saves it on its own later', async () => {
    const { autosave, disk, statuses, journalText } = setup();
    autosave.input('Precious words');
    await vi.advanceTimersByTimeAsync(DELAY);
    disk.last().fail(diskFull());
    await settle();

    const status = statuses.at(-1);
    expect(status?.kind).toBe('error');
    expect(status?.kind === 'error' && status.message).toMatch(/disk is full/);
    expect(autosave.dirty).toBe(true);
    expect(journalText()).toBe('Precious words');

    await vi.advanceTimersByTimeAsync(RETRY - 1);
    expect(disk.writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(disk.writes.map((w) => w.text)).toEqual(['Precious words', 'Precious words']);
    disk.last().finish();
    await settle();
    expect(statuses.at(-1)?.kind).toBe('saved');
    expect(autosave.dirty).toBe(false);
    expect(disk.stored).toBe('Precious words');
    expect(journalText()).toBeUndefined();
  });

  test('saves text typed after a failure', async () => {
    const { autosave, disk } = setup();
    autosave.input('a');
    await vi.advanceTimersByTimeAsync(DELAY);
    disk.last().fail(new Error('Something odd'));
    await settle();
    autosave.input('ab');
    await vi.advanceTimersByTimeAsync(DELAY);
    disk.last().finish();
    await settle();
    expect(disk.stored).toBe('ab');
    expect(autosave.dirty).toBe(false);
  });

  test('keeps a synchronous copy of every keystroke until the text is saved', async () => {
    const { autosave, disk, journalText } = setup();
    autosave.input('H');
    expect(journalText()).toBe('H');
    autosave.input('Hi');
    expect(journalText()).toBe('Hi');
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(journalText()).toBe('Hi'); // saving, not yet saved
    disk.last().finish();
    await settle();
    expect(journalText()).toBeUndefined();
  });

  test('stops trying again once the note is closed', async () => {
    const { autosave, disk } = setup();
    autosave.input('a');
    await vi.advanceTimersByTimeAsync(DELAY);
    disk.last().fail(new Error('Something odd'));
    await settle();
    autosave.dispose();
    await vi.advanceTimersByTimeAsync(RETRY * 3);
    expect(disk.writes).toHaveLength(1);
  });
});

describe('autosave into a real note', () => {
  afterEach(closeStores);

  test('keeps the text of a note once flushed', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    const note = await addNote(store, session, 'private');
    const autosave = createAutosave({
      delayMs: 300,
      retryMs: 1_000,
      save: async (text) => {
        await saveNoteBody(store, note.id, 'private', text);
      },
      onStatus: () => undefined,
    });
    autosave.input('Typed just before closing');
    await autosave.flush();
    autosave.dispose();
    expect((await store.privateDb.notes.get(note.id))?.body).toBe('Typed just before closing');
  });
});

describe('own writes', () => {
  test('an echo of an older save is recognised; text from elsewhere is not', () => {
    const own = ownWrites(3);
    own.remember('our sh');
    own.remember('our sha');
    own.remember('our share');
    expect(own.isOwn('our sha')).toBe(true);
    expect(own.isOwn('their edit')).toBe(false);
    own.remember('our shared');
    // Only the last few are kept.
    expect(own.isOwn('our sh')).toBe(false);
    expect(own.isOwn('our shared')).toBe(true);
  });
});
