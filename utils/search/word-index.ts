/**
 * An in-memory inverted index over the search index rows (utils/search/search-index.ts): word →
 * the documents holding it, with a sorted vocabulary for prefixes. Plain synchronous code on
 * arrays of numbers, so a keystroke's matching and ranking cost well under a millisecond at
 * 10,000 notes; utils/search/search.ts keeps it filled from Dexie and up to date.
 */

export interface IndexedDoc {
  /** `<table>:<recordId>`, the index row's key in its database. */
  key: string;
  table: string;
  recordId: string;
  pairId: string;
  sessionId: string | null;
  /** From the private database. */
  isPrivate: boolean;
  /** The text to show, when the index row carries it (opened feedback). */
  text?: string | undefined;
}

/** What a query asks: every word must be a word of the record; the last one may be a prefix. */
export interface WordQuery {
  words: readonly string[];
  /** The last word is still being typed: match it as a prefix. */
  prefixLast: boolean;
}

export interface RankedDoc {
  doc: IndexedDoc;
  /** How many query words the record has whole (not only as a prefix). */
  exact: number;
}

const tableWeight: Record<string, number> = {
  notes: 4,
  reflections: 3,
  actionItems: 2,
  agendaItems: 2,
  goals: 1,
};

/** A record's identity across both databases. */
export function docId(isPrivate: boolean, key: string): string {
  return `${isPrivate ? 1 : 0}|${key}`;
}

/** Ranking: more words matched whole first, then notes before lists (see rank below). */
function score(doc: IndexedDoc, exact: number): number {
  return exact * 8 + (tableWeight[doc.table] ?? 0);
}

/** The first position in a sorted array whose word is not below `word`. */
function lowerBound(sorted: readonly string[], word: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as string) < word) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A document in a packed index: key, table, record id, pair id, session id, text or null. */
type PackedDoc = [string, string, string, string, string | null, string | null];

/** One database's part of the index, packed (WordIndex.pack). */
export interface PackedIndex {
  /** JSON of the documents (PackedDoc), by position. */
  docs: string;
  /** Every word, sorted, joined by spaces (a word never holds one). */
  vocabulary: string;
  /** Word i's documents are postings[offsets[i]] up to postings[offsets[i + 1]]. */
  offsets: Uint32Array<ArrayBuffer>;
  /** Positions in `docs`. */
  postings: Uint32Array<ArrayBuffer>;
}

export class WordIndex {
  /** By ordinal; a removed document leaves a hole until the next compaction. */
  private docs: (IndexedDoc | undefined)[] = [];
  private ordinals = new Map<string, number>();
  private postings = new Map<string, number[]>();
  /** Every word of `postings`, sorted, for prefix ranges. */
  private vocabulary: string[] = [];
  private holes = 0;
  /** Adding a batch: its new words are not in the vocabulary yet, so no compaction until done. */
  private batching = false;
  /** Scratch marks for set intersection: mark[ordinal] === epoch means "in this pass". */
  private mark = new Uint32Array(0);
  private epoch = 0;

  /** Documents in the index. */
  get size(): number {
    return this.ordinals.size;
  }

  /** Distinct words in the index (some may only belong to removed documents until compaction). */
  get words(): number {
    return this.vocabulary.length;
  }

  /** Adds a document, replacing the one with the same key in the same database. */
  put(doc: IndexedDoc, words: readonly string[]): void {
    this.putMany([{ doc, words }]);
  }

  /**
   * Adds documents, each replacing the one with the same key in the same database. New words
   * are sorted into the vocabulary once for the lot: one at a time, a load of 10,000 notes
   * spent most of its time moving the vocabulary along for each new word.
   */
  putMany(entries: readonly { doc: IndexedDoc; words: readonly string[] }[]): void {
    const fresh: string[] = [];
    this.batching = true;
    for (const { doc, words } of entries) {
      this.remove(doc.isPrivate, doc.key);
      const ordinal = this.docs.length;
      this.docs.push(doc);
      this.ordinals.set(docId(doc.isPrivate, doc.key), ordinal);
      for (const word of new Set(words)) {
        const list = this.postings.get(word);
        if (list) list.push(ordinal);
        else {
          this.postings.set(word, [ordinal]);
          fresh.push(word);
        }
      }
    }
    this.addToVocabulary(fresh);
    this.batching = false;
    this.maybeCompact();
  }

  private addToVocabulary(fresh: string[]): void {
    if (fresh.length === 0) return;
    if (fresh.length < 8) {
      for (const word of fresh) {
        this.vocabulary.splice(lowerBound(this.vocabulary, word), 0, word);
      }
    } else {
      // Code-unit order, as lowerBound compares.
      this.vocabulary.push(...fresh);
      this.vocabulary.sort();
    }
  }

  /**
   * The documents of one database packed into a few strings and typed arrays: what a snapshot
   * keeps (utils/search/search-engine.ts), cheap to store and to read back.
   */
  pack(isPrivate: boolean): PackedIndex {
    const position = new Int32Array(this.docs.length).fill(-1);
    const docs: PackedDoc[] = [];
    this.docs.forEach((doc, ordinal) => {
      if (!doc || doc.isPrivate !== isPrivate) return;
      position[ordinal] = docs.length;
      docs.push([doc.key, doc.table, doc.recordId, doc.pairId, doc.sessionId, doc.text ?? null]);
    });
    const words: string[] = [];
    const offsets: number[] = [0];
    const postings: number[] = [];
    for (const word of this.vocabulary) {
      const before = postings.length;
      for (const ordinal of this.postings.get(word) ?? []) {
        const at = position[ordinal] ?? -1;
        if (at >= 0) postings.push(at);
      }
      if (postings.length === before) continue;
      words.push(word);
      offsets.push(postings.length);
    }
    return {
      docs: JSON.stringify(docs),
      vocabulary: words.join(' '),
      offsets: Uint32Array.from(offsets),
      postings: Uint32Array.from(postings),
    };
  }

  /** Adds the documents of a packed index (of one database, see pack), replacing same keys. */
  addPacked(packed: PackedIndex, isPrivate: boolean): void {
    const docs = JSON.parse(packed.docs) as PackedDoc[];
    const words = packed.vocabulary === '' ? [] : packed.vocabulary.split(' ');
    // Checked whole before anything is added: a broken snapshot is read again from the rows.
    const { offsets, postings } = packed;
    let sound = offsets.length === words.length + 1 && offsets[words.length] === postings.length;
    for (let i = 0; sound && i < words.length; i += 1) {
      sound = (offsets[i] as number) <= (offsets[i + 1] as number);
    }
    for (let k = 0; sound && k < postings.length; k += 1)
      sound = (postings[k] as number) < docs.length;
    if (!sound) throw new Error('A broken packed index');
    const ordinalOf = new Int32Array(docs.length);
    this.batching = true;
    docs.forEach(([key, table, recordId, pairId, sessionId, text], i) => {
      this.remove(isPrivate, key);
      const ordinal = this.docs.length;
      const doc: IndexedDoc = { key, table, recordId, pairId, sessionId, isPrivate };
      if (text !== null) doc.text = text;
      this.docs.push(doc);
      this.ordinals.set(docId(isPrivate, key), ordinal);
      ordinalOf[i] = ordinal;
    });
    const fresh: string[] = [];
    words.forEach((word, i) => {
      let list = this.postings.get(word);
      if (!list) {
        list = [];
        this.postings.set(word, list);
        fresh.push(word);
      }
      const end = packed.offsets[i + 1] as number;
      for (let k = packed.offsets[i] as number; k < end; k += 1) {
        list.push(ordinalOf[packed.postings[k] as number] as number);
      }
    });
    this.addToVocabulary(fresh);
    this.batching = false;
    this.maybeCompact();
  }

  remove(isPrivate: boolean, key: string): void {
    const id = docId(isPrivate, key);
    const ordinal = this.ordinals.get(id);
    if (ordinal === undefined) return;
    this.ordinals.delete(id);
    this.docs[ordinal] = undefined;
    this.holes += 1;
    if (!this.batching) this.maybeCompact();
  }

  private maybeCompact(): void {
    if (this.holes > 1000 && this.holes > this.ordinals.size) this.compact();
  }

  /** Removes every document of one database (before loading it again). */
  clear(isPrivate: boolean): void {
    const keys = this.docs.flatMap((doc) => (doc?.isPrivate === isPrivate ? [doc.key] : []));
    for (const key of keys) this.remove(isPrivate, key);
  }

  /** Renumbers the documents without holes and drops words nothing holds any more. */
  private compact(): void {
    const renumber = new Int32Array(this.docs.length).fill(-1);
    const docs: IndexedDoc[] = [];
    this.docs.forEach((doc, ordinal) => {
      if (!doc) return;
      renumber[ordinal] = docs.length;
      docs.push(doc);
    });
    const vocabulary: string[] = [];
    for (const word of this.vocabulary) {
      const list = this.postings.get(word) ?? [];
      const kept: number[] = [];
      for (const ordinal of list) {
        const now = renumber[ordinal] ?? -1;
        if (now >= 0) kept.push(now);
      }
      if (kept.length > 0) {
        this.postings.set(word, kept);
        vocabulary.push(word);
      } else this.postings.delete(word);
    }
    this.docs = docs;
    this.vocabulary = vocabulary;
    this.ordinals = new Map(docs.map((doc, ordinal) => [docId(doc.isPrivate, doc.key), ordinal]));
    this.holes = 0;
    this.mark = new Uint32Array(0);
    this.epoch = 0;
  }

  private nextEpoch(): number {
    if (this.mark.length < this.docs.length) {
      this.mark = new Uint32Array(Math.ceil(this.docs.length * 1.25) + 64);
      this.epoch = 0;
    }
    if (this.epoch >= 0xfffffff0) {
      this.mark.fill(0);
      this.epoch = 0;
    }
    this.epoch += 1;
    return this.epoch;
  }

  /** The posting lists of a word, or of every word starting with it. */
  private listsOf(word: string, prefix: boolean): number[][] {
    if (!prefix) {
      const list = this.postings.get(word);
      return list ? [list] : [];
    }
    const lists: number[][] = [];
    for (let i = lowerBound(this.vocabulary, word); i < this.vocabulary.length; i += 1) {
      const candidate = this.vocabulary[i] as string;
      if (!candidate.startsWith(word)) break;
      const list = this.postings.get(candidate);
      if (list) lists.push(list);
    }
    return lists;
  }

  /**
   * The characters that follow `prefix` in the vocabulary's words (each once, in order): what
   * the next keystroke can add to a word being typed and still find something. One binary
   * search per character, not a walk over every word with the prefix.
   */
  nextChars(prefix: string): string[] {
    const chars: string[] = [];
    const at = prefix.length;
    let i = lowerBound(this.vocabulary, prefix);
    while (i < this.vocabulary.length) {
      const word = this.vocabulary[i] as string;
      if (!word.startsWith(prefix)) break;
      if (word.length === at) {
        i += 1; // the prefix itself, whole
        continue;
      }
      const code = word.charCodeAt(at);
      chars.push(String.fromCharCode(code));
      if (code === 0xffff) break; // nothing sorts after it
      i = lowerBound(this.vocabulary, prefix + String.fromCharCode(code + 1));
    }
    return chars;
  }

  /**
   * The documents holding every query word (the last one as a prefix while typed), with how
   * many words each holds whole; unordered.
   */
  match(query: WordQuery): { ordinal: number; exact: number }[] {
    const { words, prefixLast } = query;
    const lastIndex = words.length - 1;
    if (lastIndex < 0) return [];
    const terms = words.map((word, i) => {
      const lists = this.listsOf(word, prefixLast && i === lastIndex);
      return { lists, size: lists.reduce((n, list) => n + list.length, 0) };
    });
    if (terms.some((term) => term.size === 0)) return [];
    // Start from the rarest word; every other word only marks and filters.
    terms.sort((a, b) => a.size - b.size);
    const [driver, ...rest] = terms;
    if (!driver) return [];
    let epoch = this.nextEpoch();
    const mark = this.mark;
    let candidates: number[] = [];
    for (const list of driver.lists) {
      for (const ordinal of list) {
        if (mark[ordinal] === epoch || this.docs[ordinal] === undefined) continue;
        mark[ordinal] = epoch;
        candidates.push(ordinal);
      }
    }
    for (const term of rest) {
      if (candidates.length === 0) return [];
      epoch = this.nextEpoch();
      for (const list of term.lists) for (const ordinal of list) mark[ordinal] = epoch;
      candidates = candidates.filter((ordinal) => mark[ordinal] === epoch);
    }
    const exactBefore = prefixLast ? lastIndex : words.length;
    if (!prefixLast) return candidates.map((ordinal) => ({ ordinal, exact: exactBefore }));
    epoch = this.nextEpoch();
    for (const ordinal of this.postings.get(words[lastIndex] as string) ?? []) {
      mark[ordinal] = epoch;
    }
    return candidates.map((ordinal) => ({
      ordinal,
      exact: exactBefore + (mark[ordinal] === epoch ? 1 : 0),
    }));
  }

  /**
   * The best `limit` matches and how many there are in all. Best first: more words matched
   * whole (not only as a prefix), then notes before reflections before lists before goals,
   * then the newest (`when`: epoch ms of the record's session, 0 for none), then by key for a
   * stable order.
   */
  search(
    query: WordQuery,
    limit: number,
    when: (doc: IndexedDoc) => number,
  ): { total: number; best: RankedDoc[] } {
    const matches = this.match(query);
    const docs = this.docs;
    // One number per match orders it: the score above, the date below (score ≤ ~100, dates
    // < 10^13 ms: exact as a double).
    const order = new Float64Array(matches.length);
    matches.forEach(({ ordinal, exact }, i) => {
      const doc = docs[ordinal] as IndexedDoc;
      order[i] = score(doc, exact) * 1e13 + Math.min(Math.max(when(doc), 0), 1e13 - 1);
    });
    // Only the matches that can be among the best `limit` are sorted in full.
    let threshold = Number.NEGATIVE_INFINITY;
    if (matches.length > limit) {
      const sorted = order.slice().sort();
      threshold = sorted[matches.length - limit] as number;
    }
    const best: { doc: IndexedDoc; exact: number; order: number }[] = [];
    matches.forEach(({ ordinal, exact }, i) => {
      const value = order[i] as number;
      if (value >= threshold) best.push({ doc: docs[ordinal] as IndexedDoc, exact, order: value });
    });
    best.sort(
      (a, b) =>
        b.order - a.order ||
        (a.doc.key < b.doc.key ? -1 : a.doc.key > b.doc.key ? 1 : 0) ||
        Number(a.doc.isPrivate) - Number(b.doc.isPrivate),
    );
    return {
      total: matches.length,
      best: best.slice(0, limit).map(({ doc, exact }) => ({ doc, exact })),
    };
  }
}
