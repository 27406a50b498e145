import { afterEach, describe, expect, test } from 'vitest';
import { openFeedbackByChoice, revealDue, submitFeedback } from '../../utils/data/records/feedback';
import { createPair } from '../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../utils/data/records/sessions';
import { exportBackup } from '../../utils/export/backup/export';
import { stringifyBackup } from '../../utils/export/backup/format';
import { importBackup } from '../../utils/export/backup/import';
import { parseBackup } from '../../utils/export/backup/parse';
import { loadSessionForExport, sessionMarkdown } from '../../utils/export/markdown';
import { feedbackOf, readFeedback } from '../../utils/queries/feedback';
import type { FeedbackAnswers } from '../../utils/schema/feedback';
import { closeStores, makeStore, pairInput } from './helpers';

afterEach(closeStores);

const MINE: FeedbackAnswers = {
  helped: 'Rehearsing the *salary* talk',
  change: 'Less status',
  word: 'Clarifying',
  usefulness: 5,
};
const THEIRS: FeedbackAnswers = {
  helped: 'Hearing what was tried',
  change: 'Start with the hard topic',
  word: 'Candid',
  usefulness: 4,
};

async function sessionWithFeedback() {
  const store = makeStore();
  const pair = await createPair(store, pairInput({ myRole: 'mentee' }));
  const session = await ensurePlannedSession(store, pair.id);
  const mine = await submitFeedback(store, session, 'mentee', MINE);
  return { store, pair, session, mine };
}

describe('feedback in the Markdown export', () => {
  test('says a side is sealed and leaves its answers out, even this browser’s own', async () => {
    const { store, session, mine } = await sessionWithFeedback();
    const data = await loadSessionForExport(store, session.id, { includePrivate: true });
    if (!data) throw new Error('no session');
    const markdown = sessionMarkdown(data);
    expect(markdown).toContain('## Feedback');
    expect(markdown).toContain('- **Mentee**: *sealed: the answers open when both have submitted*');
    expect(markdown).not.toContain('Mentor**');
    expect(markdown).not.toContain('Clarifying');
    expect(markdown).not.toContain(mine.sealed.ct);
    expect(markdown).not.toContain(mine.sealed.iv);
  });

  test('shows opened answers of each side, escaped', async () => {
    const { store, session, mine } = await sessionWithFeedback();
    // The other side's record, sealed and revealed elsewhere, arrives as sync stores it.
    const other = makeStore({ deviceId: 'other' });
    const theirs = await submitFeedback(other, session, 'mentor', THEIRS);
    await openFeedbackByChoice(other, theirs.id);
    await store.db.feedback.put((await other.db.feedback.get(theirs.id)) ?? theirs);
    await revealDue(store, session.pairId);
    expect((await store.db.feedback.get(mine.id))?.revealedKey).toBeTruthy();
    const data = await loadSessionForExport(store, session.id, { includePrivate: false });
    if (!data) throw new Error('no session');
    const markdown = sessionMarkdown(data);
    expect(markdown).toContain('## Feedback');
    expect(markdown).toContain('- **Mentee**: Clarifying');
    expect(markdown).toContain('  - How useful was the session? 5 of 5');
    expect(markdown).toContain('Rehearsing the \\*salary\\* talk');
    expect(markdown).toContain('- **Mentor**: Candid');
  });
});

describe('feedback in the backup', () => {
  async function restore(includePrivate: boolean) {
    const { store, session, mine } = await sessionWithFeedback();
    const key = (await store.db.feedbackKeys.get(mine.id))?.key ?? '';
    const text = stringifyBackup(await exportBackup(store, { includePrivate }));
    expect(text).not.toContain('Clarifying');
    const restored = makeStore({ deviceId: 'restored' });
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    expect(await importBackup(restored, parsed.backup)).toMatchObject({ ok: true });
    expect(await restored.db.feedback.get(mine.id)).toMatchObject({
      sessionId: session.id,
      commitment: mine.commitment,
    });
    return { text, key, restored, session };
  }

  test('leaves this browser’s answer keys out of a backup without private data', async () => {
    const { text, key, restored, session } = await restore(false);
    expect(text).not.toContain(key);
    const view = await readFeedback(await feedbackOf(restored, session.id), session.id, 'mentee');
    expect(view.mine.state).toBe('elsewhere');
  });

  test('restores my own sealed answers, readable and revealable, from a private backup', async () => {
    const { text, key, restored, session } = await restore(true);
    expect(text).toContain(key);
    const view = await readFeedback(await feedbackOf(restored, session.id), session.id, 'mentee');
    expect(view.mine).toMatchObject({ state: 'open', answers: MINE });
  });

  test('refuses a backup whose feedback key is not a key', async () => {
    const { store } = await sessionWithFeedback();
    const backup = await exportBackup(store, { includePrivate: true });
    const keys = backup.private?.feedbackKeys ?? [];
    expect(keys).toHaveLength(1);
    const bad = {
      ...backup,
      private: { ...backup.private, feedbackKeys: [{ ...keys[0], key: 'short' }] },
    };
    expect(parseBackup(JSON.stringify(bad))).toMatchObject({ ok: false });
  });
});
