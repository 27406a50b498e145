import { afterEach, describe, expect, test } from 'vitest';
import { addNote, saveNoteBody } from '../../utils/data/records/notes';
import { createPair } from '../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../utils/data/records/sessions';
import { indexFeedback } from '../../utils/search/feedback-index';
import { LiveSearch, parseQuery } from '../../utils/search/search';
import { SearchEngine } from '../../utils/search/search-engine';
import type { SearchReply } from '../../utils/search/search-protocol';
import { type IndexedDoc, WordIndex } from '../../utils/search/word-index';
import { closeStores, makeStore, pairInput } from './helpers';

/* Search one keystroke ahead: the engine answers every query the next keystroke can make, so
   the panel shows that keystroke's results in its own frame; never stale, never different. */

afterEach(closeStores);

function doc(key: string): IndexedDoc {
  return { key, table: 'notes', recordId: key, pairId: 'p', sessionId: null, isPrivate: false };
}

describe('the next keystroke', () => {
  test('the characters that can follow a word being typed are those of the words it begins', () => {
    const index = new WordIndex();
    index.put(doc('a'), ['plan', 'planet', 'plane', 'play', 'pla']);
    index.put(doc('b'), ['plum', 'zebra', 'élan']);
    expect(index.nextChars('pla')).toEqual(['n', 'y']);
    expect(index.nextChars('plan')).toEqual(['e']);
    expect(index.nextChars('planet')).toEqual([]);
    expect(index.nextChars('q')).toEqual([]);
    expect(index.nextChars('')).toEqual(['p', 'z', 'é']);
  });

  test('each query one keystroke ahead finds exactly what searching it finds', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput({ title: 'Ahead' }));
    const session = await ensurePlannedSession(store, pair.id);
    for (const body of [
      'Zeppelin budget',
      'Zephyr worries',
      'Zero budget plan',
      'Launch plan for the zeppelin',
      'Plans and planets',
    ]) {
      await addNote(store, session, 'shared', body);
    }
    await addNote(store, session, 'private', 'Private zeppelin plan');
    const engine = new SearchEngine({ open: () => store, saveDelayMs: null, indexFeedback });
    let id = 0;
    const ask = async (request: Record<string, unknown>) => {
      const reply: SearchReply = await engine.handle({ ...request, id: ++id });
      if (!reply.ok) throw new Error(reply.error);
      return reply;
    };
    await ask({ type: 'load', shared: store.db.name, private: store.privateDb.name });
    for (const typed of ['ze', 'zep', 'plan', 'plan ', 'zeppelin pl']) {
      const reply = await ask({ type: 'ahead', ...parseQuery(typed), limit: 3 });
      const ahead = reply.ahead ?? [];
      for (const next of ahead) {
        const find = await ask({ type: 'find', ...next, limit: 3 });
        expect(next.found).toEqual(find.found);
      }
      const queries = ahead.map((next) => `${next.words.join(' ')}${next.prefixLast ? '' : ' '}`);
      if (typed === 'ze') expect(queries).toEqual(['ze', 'ze ', 'zep', 'zer']);
      if (typed === 'plan') expect(queries).toEqual(['plan', 'plan ', 'plane', 'plans']);
      if (typed === 'plan ') expect(queries).toContain('plan z');
    }
  });

  test('a keystroke answered ahead shows what a search shows, and an edit since is never missed', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput({ title: 'Typing' }));
    const session = await ensurePlannedSession(store, pair.id);
    const note = await addNote(store, session, 'shared', 'Zeppelin budget');
    await addNote(store, session, 'shared', 'Zephyr worries');
    const search = new LiveSearch(store, { worker: false });
    const texts = async (query: string) =>
      (await search.search(query, 12)).groups.flatMap((g) =>
        g.sessions.flatMap((s) => s.hits.map((h) => h.text)),
      );
    expect(await texts('ze')).toHaveLength(2);
    await search.prefetch('zep', 12);
    expect(await texts('zepp')).toEqual(['Zeppelin budget']);
    expect(await texts('zep ')).toEqual([]);

    // Edited after the keystrokes ahead were answered: the next keystroke finds the new text.
    await search.prefetch('zep', 12);
    expect(await texts('zeph')).toEqual(['Zephyr worries']);
    await saveNoteBody(store, note.id, 'shared', 'Zephyrs and zeppelins');
    await addNote(store, session, 'shared', 'Zephyr plans');
    expect((await texts('zeph')).sort()).toEqual([
      'Zephyr plans',
      'Zephyr worries',
      'Zephyrs and zeppelins',
    ]);
    search.dispose();
  });
});
