import { afterEach, describe, expect, test } from 'vitest';
import { submitFeedback } from '../../../../utils/data/records/feedback';
import { feedbackOf, readFeedback } from '../../../../utils/queries/feedback';
import type { FeedbackAnswers } from '../../../../utils/schema/feedback';
import { closeStores } from '../../helpers';
import { sharedPair } from './shared-pair';

afterEach(closeStores);

const MENTOR: FeedbackAnswers = {
  helped: 'Hearing what Alex already tried',
  change: 'Start with the hardest topic',
  word: 'Candid',
  usefulness: 4,
};
const MENTEE: FeedbackAnswers = {
  helped: 'Rehearsing the salary conversation',
  change: 'Less time on status updates',
  word: 'Clarifying',
  usefulness: 5,
};

/** Every row of every table of a browser's shared database, as text. */
async function allHeld(store: { db: import('dexie').Dexie }): Promise<string> {
  const rows: Record<string, unknown[]> = {};
  for (const table of store.db.tables) rows[table.name] = await table.toArray();
  return JSON.stringify(rows);
}

describe('feedback between two browsers', () => {
  test('the mentee cannot read the mentor’s answers until both submitted; then both read both', async () => {
    const { sidecar, mentor, mentee, mentorSync, menteeSync, pair, session } = await sharedPair();
    // The mentor answers offline: nothing goes until the network is back.
    sidecar.failNext(1);
    await submitFeedback(mentor, session, 'mentor', MENTOR);
    expect((await mentorSync.push(pair.id)).ok).toBe(false);
    expect(await mentor.db.outbox.get(`feedback:${session.id}:mentor`)).toBeDefined();
    expect(await mentorSync.sync(pair.id)).toMatchObject({ push: { ok: true } });

    // The mentee holds the sealed record and nothing readable of it.
    await menteeSync.sync(pair.id);
    expect(await mentee.db.feedback.get(`${session.id}:mentor`)).toMatchObject({
      revealedKey: null,
    });
    const early = await readFeedback(await feedbackOf(mentee, session.id), session.id, 'mentee');
    expect(early.theirs.state).toBe('sealed');
    const seen = [await allHeld(mentee), sidecar.bodies.join('\n')];
    for (const text of [MENTOR.helped, MENTOR.change, MENTOR.word]) {
      for (const place of seen) expect(place).not.toContain(text);
    }
    // Nor does the mentor's key travel before both submitted.
    const key = (await mentor.db.feedbackKeys.get(`${session.id}:mentor`))?.key ?? '';
    expect(key).not.toBe('');
    for (const place of seen) expect(place).not.toContain(key);

    // The mentee answers: both have submitted; a round of syncing opens both sides to both.
    await submitFeedback(mentee, session, 'mentee', MENTEE);
    await menteeSync.sync(pair.id);
    await mentorSync.sync(pair.id); // pulls the mentee's record and reveals the mentor's key
    await mentorSync.sync(pair.id);
    await menteeSync.sync(pair.id);
    for (const [store, side, other] of [
      [mentor, 'mentor', MENTEE],
      [mentee, 'mentee', MENTOR],
    ] as const) {
      const view = await readFeedback(await feedbackOf(store, session.id), session.id, side);
      expect(view.mine.state).toBe('open');
      expect(view.theirs).toMatchObject({ state: 'open', answers: other });
    }
    // The answer text itself never crossed the wire, only the keys that open it.
    for (const text of [MENTOR.helped, MENTEE.helped]) {
      expect(sidecar.bodies.join('\n')).not.toContain(text);
    }
  });
});
