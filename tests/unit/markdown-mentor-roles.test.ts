import { afterEach, describe, expect, test } from 'vitest';
import { addIntroduction } from '../../utils/data/records/introductions';
import { saveRoleNote, setRoleNoteVisibility } from '../../utils/data/records/role-notes';
import { loadSessionForExport, sessionMarkdown } from '../../utils/export/markdown';
import { closeStores } from './helpers';
import { storeWithSession } from './records/setup';

afterEach(closeStores);

const en = { locale: 'en-GB', timeZone: 'UTC' };

describe('the mentor’s roles in the Markdown export', () => {
  test('lists introductions with status and follow-up, escaped, and shared role notes', async () => {
    const { store, session } = await storeWithSession();
    await addIntroduction(store, session, {
      who: 'Dana <b>Reyes</b>',
      org: 'Platform',
      why: '# ran the migration',
      followUp: '2026-02-01',
    });
    const shared = await saveRoleNote(store, session, 'mentor', undefined, {
      used: ['advisor', 'challenger'],
      needed: ['supporter'],
    });
    await setRoleNoteVisibility(store, shared.id, 'private', 'shared');
    await saveRoleNote(store, session, 'mentee', undefined, { note: 'secret words' });
    const data = await loadSessionForExport(store, session.id, { includePrivate: false });
    if (!data) throw new Error('no session');
    const md = sessionMarkdown(data, en);
    expect(md).toContain('## Introductions');
    expect(md).toContain(
      '- [ ] **Dana \\<b\\>Reyes\\</b\\> (Platform)** — Suggested, follow up by',
    );
    expect(md).toContain('\\# ran the migration');
    expect(md).toContain('## Mentor roles');
    expect(md).toContain('used: Advisor, Challenger; needed: Supporter');
    expect(md).not.toContain('secret words');

    const all = await loadSessionForExport(store, session.id, { includePrivate: true });
    if (!all) throw new Error('no session');
    expect(sessionMarkdown(all, { ...en, includePrivate: true })).toContain('secret words');
  });
});
