import { afterEach, describe, expect, test } from 'vitest';
import { saveClosing } from '../../utils/data/records/arc';
import { loadPairForExport, pairMarkdown } from '../../utils/export/markdown';
import { PRIVATE_WORDS, storeWithEveryIssue15Kind } from './backup/issue-15-records';
import { closeStores } from './helpers';

afterEach(closeStores);

/* Every kind issue 15 added, where a user looks for it in the pair's Markdown export. */

async function exported(includePrivate: boolean) {
  const made = await storeWithEveryIssue15Kind();
  const data = await loadPairForExport(made.store, made.pair.id, { includePrivate });
  if (!data) throw new Error('no pair');
  return { ...made, markdown: pairMarkdown(data, { locale: 'en', includePrivate }) };
}

describe('issue 15 in the pair’s Markdown export', () => {
  test('introductions: who, organisation, why, status and follow-up', async () => {
    const { markdown } = await exported(false);
    expect(markdown).toContain('#### Introductions');
    expect(markdown).toContain(
      '- [ ] **Dana Reyes (Platform team)** — Suggested, follow up by July 1, 2026',
    );
    expect(markdown).toContain('      Ran a migration like this one');
  });

  test('shared role notes with the roles used and needed; private ones only when asked', async () => {
    const shared = (await exported(false)).markdown;
    expect(shared).toContain('**Mentee:** used: Advisor; needed: Connector');
    expect(shared).toContain('More introductions');
    expect(shared).not.toContain(PRIVATE_WORDS.roleNote);
    const all = (await exported(true)).markdown;
    expect(all).toContain('*(private)* **Mentor:** used: Challenger; needed: Supporter');
    expect(all).toContain(PRIVATE_WORDS.roleNote);
  });

  test('the phase and the agreement’s dates', async () => {
    const { markdown } = await exported(false);
    expect(markdown).toContain('Phase: Closing');
    expect(markdown).toContain(
      [
        '- **Scope:** Leadership',
        '- **Start date:** January 5, 2026',
        '- **Mid-point review:** April 6, 2026',
        '- **End date:** July 6, 2026',
      ].join('\n'),
    );
  });

  test('goal owners and outcome', async () => {
    const { markdown } = await exported(false);
    expect(markdown).toContain('*Owner:* Lin');
    expect(markdown).toContain('*Outcome:* Ran the quarterly planning meeting');
  });

  test('a mentor’s agenda suggestion is marked, and who drafted the agenda is said', async () => {
    const { markdown } = await exported(false);
    expect(markdown).toContain('#### Agenda — drafted by Lin');
    expect(markdown).toContain('- [ ] Talk about the next role *(Suggestion)*');
    expect(markdown).toContain('- [ ] Plan the handover\n');
  });

  test('shared learnings; private ones only when private is included', async () => {
    const shared = (await exported(false)).markdown;
    expect(shared).toContain('## What we learned');
    expect(shared).toContain('Ask before solving');
    expect(shared).not.toContain(PRIVATE_WORDS.learning);
    const all = (await exported(true)).markdown;
    expect(all).toContain(`*(private)* mentee: ${PRIVATE_WORDS.learning}`);
  });

  test('the closing: what next, who else to learn from, the endorsement', async () => {
    const { markdown } = await exported(false);
    expect(markdown).toContain(
      [
        '## Closing',
        '',
        '- **What comes next:** Apply for the lead role',
        '- **Who else to learn from:** Dana Reyes',
        "- **The mentor's endorsement:** Lin leads with care.",
      ].join('\n'),
    );
    // The closing comes before the sessions, after what was learned.
    expect(markdown.indexOf('## Closing')).toBeGreaterThan(markdown.indexOf('## What we learned'));
    expect(markdown.indexOf('## Closing')).toBeLessThan(markdown.indexOf('## Sessions'));
  });

  test('a closing with nothing written, or deleted, leaves no heading; its text is escaped', async () => {
    const { store, pair } = await storeWithEveryIssue15Kind();
    await saveClosing(store, pair.id, { whatNext: '', learnFrom: '', endorsement: '' });
    let data = await loadPairForExport(store, pair.id, { includePrivate: false });
    expect(data && pairMarkdown(data)).not.toContain('## Closing');
    await saveClosing(store, pair.id, { endorsement: '# Great <script>x</script>\n- on' });
    data = await loadPairForExport(store, pair.id, { includePrivate: false });
    expect(data && pairMarkdown(data)).toContain(
      "- **The mentor's endorsement:** \\# Great \\<script\\>x\\</script\\>\n  \\- on",
    );
  });

  test('opened feedback answers are shown; a sealed side is named, never its ciphertext', async () => {
    const { markdown, mine } = await exported(true);
    expect(markdown).toContain('#### Feedback');
    expect(markdown).toContain('- **Mentor**: Candid');
    expect(markdown).toContain('Start with the hard topic');
    expect(markdown).toContain('- **Mentee**: *sealed: the answers open when both have submitted*');
    expect(markdown).not.toContain('Clarifying');
    expect(markdown).not.toContain(mine.sealed.ct);
  });
});
