import { afterEach, describe, expect, test } from 'vitest';
import { addActionItem, updateActionItem } from '../../utils/data/records/action-items';
import {
  addAgendaItem,
  removeAgendaItem,
  updateAgendaItem,
} from '../../utils/data/records/agenda-items';
import { addGoal } from '../../utils/data/records/goals';
import { addNote, deleteNote } from '../../utils/data/records/notes';
import { createPair } from '../../utils/data/records/pairs';
import { addReflection, saveReflectionAnswer } from '../../utils/data/records/reflections';
import {
  ensurePlannedSession,
  holdSession,
  updateSession,
} from '../../utils/data/records/sessions';
import {
  decisionsOf,
  escapeInline,
  loadPairForExport,
  loadSessionForExport,
  pairMarkdown,
  type SessionExport,
  sessionMarkdown,
  sessionSummary,
} from '../../utils/export/markdown';
import { closeStores, makeStore, pairInput, type TestStore } from './helpers';

afterEach(closeStores);

const en = { locale: 'en-GB', timeZone: 'UTC' };

const HOSTILE = [
  '# heading',
  '[link](javascript:alert(1))',
  '<script>alert(1)</script>',
  '- not a list',
  '1. not ordered',
  '**bold** _em_ `code` ~~strike~~ | pipe',
  '&lt;b&gt; and R&D',
  '    indented',
  '===',
  '> quoted',
  '![img](https://example.org/x.png)',
].join('\n');

/** Two sessions of Ada (mentee) and Grace (mentor), the second planned with one agenda item. */
async function heldSession(store: TestStore) {
  const pair = await createPair(store, pairInput());
  await addGoal(store, pair.id, {
    title: 'Speak at a conference',
    why: 'Visibility',
    measure: 'One accepted talk',
    targetDate: '2026-06-30',
    status: 'active',
    progress: 50,
  });
  const session = await ensurePlannedSession(store, pair.id);
  await updateSession(store, session.id, { scheduledAt: '2026-01-13T10:30' });
  const covered = await addAgendaItem(store, session, 'Talk abstract', 'mentee');
  await addAgendaItem(store, session, 'Salary talk', 'mentee');
  const removed = await addAgendaItem(store, session, 'Removed topic', 'mentor');
  await removeAgendaItem(store, removed.id);
  await updateAgendaItem(store, covered.id, { done: true });
  await addNote(
    store,
    session,
    'shared',
    'Went through the draft.\n- Decision: submit to the spring conference\nDecided to ask Alan for a review',
  );
  await addNote(store, session, 'private', 'Decision: never tell Grace about the offer');
  const gone = await addNote(store, session, 'shared', 'Deleted note');
  await deleteNote(store, gone.id, 'shared');
  const draft = await addActionItem(store, session, {
    text: 'Draft the abstract',
    owner: 'mentee',
    due: '2026-01-20',
  });
  await addActionItem(store, session, { text: 'Introduce Ada to Alan', owner: 'mentor', due: '' });
  const dropped = await addActionItem(store, session, {
    text: 'Read a book',
    owner: 'both',
    due: '',
  });
  await updateActionItem(store, draft.id, { status: 'done' }, session.id);
  await updateActionItem(store, dropped.id, { status: 'dropped' }, session.id);
  const shared = await addReflection(store, session, 'What went well?', 'shared');
  await saveReflectionAnswer(store, shared.id, 'shared', 'Clear next steps');
  const secret = await addReflection(store, session, 'What was hard?', 'private');
  await saveReflectionAnswer(store, secret.id, 'private', 'Feeling like an impostor');
  store.advance(86_400_000);
  const next = await holdSession(store, session.id, pair.cadenceDays);
  await addAgendaItem(store, next, 'Rehearse the talk', 'mentee');
  return { pair, session, next };
}

async function sessionData(store: TestStore, id: string, includePrivate = false) {
  const data = await loadSessionForExport(store, id, { includePrivate });
  if (!data) throw new Error('session not found');
  return data;
}

/** The lines of one `## Name` (or deeper) section. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const level = heading.indexOf(' ');
  const end = lines.findIndex(
    (line, index) => index > start && /^#+ /.test(line) && line.indexOf(' ') <= level,
  );
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => line !== '');
}

/** Markdown syntax characters that are not backslash-escaped. */
function unescapedSyntax(line: string): string[] {
  return [...line.matchAll(/(?<!\\)(?:\\\\)*([<>[\]`*_|~])/g)].map((m) => m[1] ?? '');
}

describe('a session as Markdown', () => {
  test('shows the pair, the date, the agenda ticked, notes, action items and reflections', async () => {
    const store = makeStore();
    const { session } = await heldSession(store);
    const markdown = sessionMarkdown(await sessionData(store, session.id), en);
    expect(markdown.split('\n')[0]).toBe(
      '# Ada and Grace: session of 13 January 2026 at 10:30 (held)',
    );
    expect(section(markdown, '## Agenda')).toEqual(['- [x] Talk abstract', '- [ ] Salary talk']);
    expect(section(markdown, '## Notes')).toEqual([
      '- Went through the draft.',
      '  \\- Decision: submit to the spring conference',
      '  Decided to ask Alan for a review',
    ]);
    expect(section(markdown, '## Action items')).toEqual([
      '- [x] Draft the abstract — owner: Ada, due 20 January 2026, done',
      '- [ ] Introduce Ada to Alan — owner: Grace, open',
      '- [ ] Read a book — owner: Ada and Grace, dropped',
    ]);
    expect(section(markdown, '## Reflections')).toEqual([
      '- **What went well?**',
      '  Clear next steps',
    ]);
    expect(markdown).not.toContain('Removed topic');
    expect(markdown).not.toContain('Deleted note');
    expect(markdown.endsWith('\n')).toBe(true);
  });

  test('leaves private notes and reflections out unless asked, and marks them when asked', async () => {
    const store = makeStore();
    const { session } = await heldSession(store);
    const withoutPrivate = sessionMarkdown(await sessionData(store, session.id, false), en);
    const loadedButNotAsked = sessionMarkdown(await sessionData(store, session.id, true), en);
    for (const markdown of [withoutPrivate, loadedButNotAsked]) {
      expect(markdown).not.toContain('never tell Grace');
      expect(markdown).not.toContain('impostor');
      expect(markdown).not.toContain('(private)');
    }
    const asked = sessionMarkdown(await sessionData(store, session.id, true), {
      ...en,
      includePrivate: true,
    });
    expect(section(asked, '## Notes')).toContain(
      '- *(private)* Decision: never tell Grace about the offer',
    );
    expect(section(asked, '## Reflections')).toEqual([
      '- **What went well?**',
      '  Clear next steps',
      '- *(private)* **What was hard?**',
      '  Feeling like an impostor',
    ]);
  });

  test('writes dates in the locale given', async () => {
    const store = makeStore();
    const { session } = await heldSession(store);
    const data = await sessionData(store, session.id);
    const german = sessionMarkdown(data, { locale: 'de-DE' });
    expect(german.split('\n')[0]).toContain('13. Januar 2026');
    expect(german).toContain('due 20. Januar 2026');
    const american = sessionMarkdown(data, { locale: 'en-US' });
    expect(american.split('\n')[0]).toContain('January 13, 2026');
  });

  test('says so when nothing was written', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    const markdown = sessionMarkdown(await sessionData(store, session.id), en);
    expect(markdown).toContain('Nothing was written in this session.');
    expect(markdown).toMatch(/^# Ada and Grace: session of .+ \(planned\)\n/);
  });

  test('gives nothing for a session that is gone', async () => {
    const store = makeStore();
    expect(await loadSessionForExport(store, 'missing', { includePrivate: true })).toBeUndefined();
  });
});

describe('hostile text stays literal', () => {
  test('a note holding Markdown, links and HTML is escaped line by line', async () => {
    const store = makeStore();
    const pair = await createPair(
      store,
      pairInput({ title: 'Ada # <b>Grace</b> [x](javascript:1)' }),
    );
    const session = await ensurePlannedSession(store, pair.id);
    await addNote(store, session, 'shared', HOSTILE);
    await addAgendaItem(store, session, '<img src=x onerror=alert(1)>', 'mentee');
    await addActionItem(store, session, { text: '# Not a heading', owner: 'mentee', due: '' });
    const markdown = sessionMarkdown(await sessionData(store, session.id), en);
    const lines = markdown.split('\n');
    expect(lines[0]).toBe(
      '# Ada \\# \\<b\\>Grace\\</b\\> \\[x\\](javascript:1): session of ' +
        lines[0]?.split(': session of ')[1],
    );
    expect(section(markdown, '## Notes')).toEqual([
      '- \\# heading',
      '  \\[link\\](javascript:alert(1))',
      '  \\<script\\>alert(1)\\</script\\>',
      '  \\- not a list',
      '  1\\. not ordered',
      '  \\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\~\\~strike\\~\\~ \\| pipe',
      '  \\&lt;b\\&gt; and R&D',
      '  indented',
      '  \\===',
      '  \\> quoted',
      '  !\\[img\\](https://example.org/x.png)',
    ]);
    expect(section(markdown, '## Agenda')).toEqual(['- [ ] \\<img src=x onerror=alert(1)\\>']);
    expect(section(markdown, '## Action items')[0]).toMatch(/^- \[ \] \\# Not a heading — /);
    // Outside our own headings, no line starts a heading, and every syntax character in the
    // user's text is escaped.
    const headings = lines.filter((line) => /^\s*#/.test(line));
    expect(headings).toEqual([lines[0], '## Agenda', '## Notes', '## Action items']);
    for (const line of section(markdown, '## Notes')) {
      expect(unescapedSyntax(line.replace(/^- /, '')), line).toEqual([]);
    }
  });

  test('escapeInline leaves ordinary text alone', () => {
    expect(escapeInline('Plain words, 3.5 % & more (really)!')).toBe(
      'Plain words, 3.5 % & more (really)!',
    );
  });
});

describe('a pair as Markdown', () => {
  test('has the title, members, agreement, goals, then sessions newest first', async () => {
    const store = makeStore();
    const { pair } = await heldSession(store);
    const data = await loadPairForExport(store, pair.id, { includePrivate: false });
    if (!data) throw new Error('pair not found');
    const markdown = pairMarkdown(data, en);
    const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '# Ada and Grace',
      '## Members',
      '## Agreement',
      '## Goals',
      '## Sessions',
      '### 27 January 2026 at 10:30 (planned)',
      '#### Agenda',
      '### 13 January 2026 at 10:30 (held)',
      '#### Agenda',
      '#### Notes',
      '#### Action items',
      '#### Reflections',
    ]);
    expect(markdown).toContain('One-to-one mentoring, meeting every two weeks.');
    expect(section(markdown, '## Members')).toEqual([
      '- Ada \\<ada@example.org\\>, mentee',
      '- Grace, mentor',
    ]);
    expect(section(markdown, '## Agreement')).toEqual([
      '- **Rhythm:** Every other Tuesday',
      '- **Confidentiality:** Stays between us',
      '- **Scope:** Career',
    ]);
    expect(section(markdown, '## Goals')).toEqual([
      '- **Speak at a conference** — active, 50% done, target 30 June 2026',
      // A goal written before goals had owners is the mentee's (utils/mentoring/goal-owners.ts).
      '  *Owner:* Ada',
      '  *Why:* Visibility',
      '  *Measure of success:* One accepted talk',
    ]);
    expect(markdown).not.toContain('impostor');
  });

  test('gives nothing for a pair that is gone', async () => {
    const store = makeStore();
    expect(await loadPairForExport(store, 'missing', { includePrivate: false })).toBeUndefined();
  });
});

describe('the session summary', () => {
  test('shows what shared notes say — their first lines, bullets as items — and never a private note', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    await addNote(
      store,
      session,
      'shared',
      [
        'Sam wants to lead the launch',
        '- talk to Priya',
        '* draft a plan',
        '',
        'four',
        'five',
        'six',
      ].join('\n'),
    );
    await addNote(store, session, 'private', 'Sam seems anxious');
    const text = sessionSummary(await sessionData(store, session.id, true), 'text', en);
    expect(text).toContain(
      [
        'Notes:',
        '- Sam wants to lead the launch',
        '- talk to Priya',
        '- draft a plan',
        '- four',
        '- five …',
      ].join('\n'),
    );
    expect(text).not.toContain('six');
    expect(text).not.toContain('anxious');
  });

  test('as Markdown: agenda covered and not, decisions, action items with owners and dates', async () => {
    const store = makeStore();
    const { session } = await heldSession(store);
    const summary = sessionSummary(await sessionData(store, session.id, true), 'markdown', en);
    expect(summary.split('\n\n')).toEqual([
      '# Session summary: Ada and Grace, 13 January 2026 at 10:30',
      '## Agenda covered',
      '- Talk abstract',
      '## Not covered',
      '- Salary talk',
      '## Decisions',
      '- submit to the spring conference\n- Decided to ask Alan for a review',
      '## Notes',
      '- Went through the draft.',
      '## Action items',
      '- Draft the abstract (Ada, due 20 January 2026, done)\n- Introduce Ada to Alan (Grace)\n',
    ]);
  });

  test('as plain text for an email: no Markdown, no private decisions', async () => {
    const store = makeStore();
    const { session } = await heldSession(store);
    const text = sessionSummary(await sessionData(store, session.id, true), 'text', en);
    expect(text).toBe(
      [
        'Session summary: Ada and Grace, 13 January 2026 at 10:30',
        '',
        'Agenda covered:',
        '- Talk abstract',
        '',
        'Not covered:',
        '- Salary talk',
        '',
        'Decisions:',
        '- submit to the spring conference',
        '- Decided to ask Alan for a review',
        '',
        'Notes:',
        '- Went through the draft.',
        '',
        'Action items:',
        '- Draft the abstract (Ada, due 20 January 2026, done)',
        '- Introduce Ada to Alan (Grace)',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('never tell Grace');
  });

  test('plain text keeps hostile text as it is; Markdown escapes it', async () => {
    const store = makeStore();
    const pair = await createPair(store, pairInput());
    const session = await ensurePlannedSession(store, pair.id);
    await addAgendaItem(store, session, '<b>Pay</b> & *bonus*', 'mentee');
    await addNote(store, session, 'shared', 'Decision: # go [now](javascript:alert(1))');
    const data: SessionExport = await sessionData(store, session.id);
    const text = sessionSummary(data, 'text', en);
    expect(text).toContain('- <b>Pay</b> & *bonus*');
    expect(text).toContain('- # go [now](javascript:alert(1))');
    expect(text).not.toContain('\\');
    const markdown = sessionSummary(data, 'markdown', en);
    expect(markdown).toContain('- \\<b\\>Pay\\</b\\> & \\*bonus\\*');
    expect(markdown).toContain('- \\# go \\[now\\](javascript:alert(1))');
  });

  test('decisions are the shared lines that start with Decision or Decided', () => {
    const note = (body: string, visibility: 'shared' | 'private' = 'shared') => ({
      id: body,
      updatedAt: '1',
      deleted: false,
      deviceId: 'd',
      pairId: 'p',
      sessionId: 's',
      body,
      visibility,
      createdAt: 0,
    });
    expect(
      decisionsOf([
        note('DECISIONS: one\n* decided two\nundecided three\nThe decision: no'),
        note('Decision: secret', 'private'),
        note('decision:   '),
      ]),
    ).toEqual(['one', 'decided two']);
  });
});
