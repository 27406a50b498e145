import type { PrivateDb, SharedDb } from '../data/db';
import { feedbackByMember } from '../mentoring/feedback-members';
import { myMember } from '../mentoring/my-member';
import { readFeedback, readGroupFeedback, type SideState } from '../queries/feedback';
import type { Feedback, FeedbackKey } from '../schema/feedback';
import type { SearchEntry } from '../schema/local';
import type { Pair } from '../schema/pair';
import { wordsOf } from './search-index';

/*
 * Feedback answers in search (utils/schema/feedback.ts). They go into the PRIVATE search index
 * only, never the shared one: the shared database holds only the sealed ciphertext, and the
 * plaintext is confidential — the other side's until it is revealed, one's own until one reveals
 * it — so its words (and the text a hit shows, which no private table holds) stay in the private
 * database, which never syncs and which the background never opens.
 *
 * What is indexed is what this browser can read, read by utils/queries/feedback.ts as the panel
 * reads it: this side's (or member's) own answers (opened with the key it keeps in
 * `feedbackKeys`, or its unsubmitted draft) and the others' once revealed, when the revealed key
 * matches the commitment. A sealed answer of anyone else is never opened here, so its words are
 * never in the index.
 *
 * Called after this browser's own feedback writes (utils/data/records/feedback.ts) and by the
 * panel's live search whenever the feedback tables change, which covers what sync merges in the
 * background (the reveal in utils/sync/engine/pull.ts) and what a backup import adds.
 */

export const FEEDBACK_TABLE = 'feedback';

/** The session of a feedback record id or key row id, `${sessionId}:${side}`. */
const sessionOf = (id: string) => id.slice(0, id.lastIndexOf(':'));

/** What a hit shows: the three written answers, the empty ones left out. */
export function feedbackText(answers: { helped: string; change: string; word: string }): string {
  return [answers.helped, answers.change, answers.word].filter((s) => s.trim()).join(' — ');
}

function entryOf(
  recordId: string,
  pairId: string,
  sessionId: string,
  answers: { helped: string; change: string; word: string },
): SearchEntry | null {
  const text = feedbackText(answers);
  const words = wordsOf(text);
  if (words.length === 0) return null;
  return {
    id: `${FEEDBACK_TABLE}:${recordId}`,
    table: FEEDBACK_TABLE,
    recordId,
    pairId,
    sessionId,
    words,
    text,
  };
}

/**
 * The entries of one session's feedback that this browser may read: exactly what the panel shows
 * (readFeedback, or readGroupFeedback for a group kept per member), so search never holds a word
 * the Feedback view would not — not a sealed answer, not one sealed again, not a stray record.
 */
async function sessionEntries(
  pair: Pair | undefined,
  sessionId: string,
  records: Feedback[],
  keys: FeedbackKey[],
): Promise<SearchEntry[]> {
  if (!pair || pair.deleted) return [];
  const data = { records: records.filter((r) => !r.deleted), keys };
  const states: SideState[] = [];
  if (feedbackByMember(pair)) {
    const view = await readGroupFeedback(data, pair, sessionId, myMember(pair) ?? '');
    states.push(view.mine, ...view.others.map((o) => o.state));
  } else {
    const view = await readFeedback(data, sessionId, pair.myRole);
    states.push(view.mine, view.theirs);
  }
  const entries: (SearchEntry | null)[] = states.map((state) =>
    state.state === 'open'
      ? entryOf(state.record.id, state.record.pairId, sessionId, state.answers)
      : null,
  );
  // This side's draft, while it is not submitted: the words this browser's user typed.
  for (const row of keys) {
    if (!row.draft || data.records.some((r) => r.id === row.id)) continue;
    entries.push(entryOf(row.id, row.pairId, row.sessionId, row.draft));
  }
  return entries.filter((e): e is SearchEntry => e !== null);
}

/**
 * Brings the private index's feedback entries up to date for the sessions of the given feedback
 * record ids (or for all): adds what became readable, drops what is gone. Decrypts outside the
 * write transaction (awaiting WebCrypto would end it). Returns the index keys it changed (the
 * live search reloads them).
 */
export async function indexFeedback(
  store: { db: SharedDb; privateDb: PrivateDb },
  ids: readonly string[] | 'all' = 'all',
): Promise<string[]> {
  const { db, privateDb } = store;
  const sessions = ids === 'all' ? null : [...new Set(ids.map(sessionOf))];
  if (sessions?.length === 0) return [];
  const [records, keys] = await Promise.all([
    sessions ? db.feedback.where('sessionId').anyOf(sessions).toArray() : db.feedback.toArray(),
    sessions
      ? db.feedbackKeys.where('sessionId').anyOf(sessions).toArray()
      : db.feedbackKeys.toArray(),
  ]);
  const bySession = new Map<string, { pairId: string; records: Feedback[]; keys: FeedbackKey[] }>();
  const at = (sessionId: string, pairId: string) => {
    let group = bySession.get(sessionId);
    if (!group) {
      group = { pairId, records: [], keys: [] };
      bySession.set(sessionId, group);
    }
    return group;
  };
  for (const record of records) at(record.sessionId, record.pairId).records.push(record);
  for (const row of keys) at(row.sessionId, row.pairId).keys.push(row);
  const pairIds = [...new Set([...bySession.values()].map((g) => g.pairId))];
  const pairs = new Map<string, Pair>();
  for (const pair of await db.pairs.bulkGet(pairIds)) if (pair) pairs.set(pair.id, pair);
  const wanted = new Map<string, SearchEntry>();
  for (const [sessionId, group] of bySession) {
    for (const entry of await sessionEntries(
      pairs.get(group.pairId),
      sessionId,
      group.records,
      group.keys,
    )) {
      wanted.set(entry.id, entry);
    }
  }
  const prefix = `${FEEDBACK_TABLE}:`;
  return privateDb.transaction('rw', privateDb.searchIndex, async () => {
    const rows = privateDb.searchIndex.where(':id');
    const current = await (sessions
      ? rows.startsWithAnyOf(sessions.map((s) => `${prefix}${s}:`))
      : rows.startsWith(prefix)
    ).toArray();
    const stale = current.filter((row) => !wanted.has(row.id)).map((row) => row.id);
    const unchanged = new Set(
      current
        .filter((row) => {
          const entry = wanted.get(row.id);
          return (
            entry !== undefined &&
            entry.text === row.text &&
            entry.words.join(' ') === row.words.join(' ')
          );
        })
        .map((row) => row.id),
    );
    const changed = [...wanted.values()].filter((entry) => !unchanged.has(entry.id));
    if (stale.length > 0) await privateDb.searchIndex.bulkDelete(stale);
    if (changed.length > 0) await privateDb.searchIndex.bulkPut(changed);
    return [...stale, ...changed.map((entry) => entry.id)];
  });
}
