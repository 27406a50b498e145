import { readFileSync } from 'node:fs';
import { addActionItem, updateActionItem } from '../../../utils/data/records/action-items';
import { addAgendaItem, updateAgendaItem } from '../../../utils/data/records/agenda-items';
import { addGoal, deleteGoal, updateGoal } from '../../../utils/data/records/goals';
import { addNote, saveNoteBody, setNoteVisibility } from '../../../utils/data/records/notes';
import { createPair } from '../../../utils/data/records/pairs';
import { addCustomPrompt, setPromptState } from '../../../utils/data/records/prompts';
import { addReflection, saveReflectionAnswer } from '../../../utils/data/records/reflections';
import {
  ensurePlannedSession,
  holdSession,
  updateSession,
} from '../../../utils/data/records/sessions';
import { pairInput, type TestStore } from '../helpers';

/* What the backup tests share: the fixture files, a realistic pair, the databases as text. */

export const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/backups/${name}`, import.meta.url), 'utf8');

/** Backup JSON as the tests break it: wrong types on purpose, which no record type allows. */
// biome-ignore lint/suspicious/noExplicitAny: the broken-file cases assign any value anywhere
export type LooseJson = Record<string, any>;

/** The version 1 fixture as a fresh object each time, for a test to break. */
export const goodFile = (): LooseJson => JSON.parse(fixture('version-1.json'));

export const SHARED_TABLES = [
  'pairs',
  'goals',
  'sessions',
  'agendaItems',
  'actionItems',
  'notes',
  'reflections',
  'customPrompts',
  'promptStates',
  'feedback',
  'introductions',
  'roleNotes',
  'learnings',
  'closings',
  'programmeEnrolments',
  'programmeConsents',
  'programmeReceipts',
] as const;

/** Every row of every table of both databases, as text: equal text, equal databases. */
export async function dump(store: TestStore): Promise<string> {
  const rows: Record<string, unknown[]> = {};
  for (const table of store.db.tables) rows[`shared.${table.name}`] = await table.toArray();
  for (const table of store.privateDb.tables) rows[`private.${table.name}`] = await table.toArray();
  return JSON.stringify(rows);
}

/** The pair's records, without bookkeeping (outbox, field stamps), which differ by history. */
export async function records(store: TestStore) {
  const rows: Record<string, unknown[]> = {};
  for (const name of SHARED_TABLES) rows[name] = await store.db.table(name).toArray();
  rows['private.notes'] = await store.privateDb.notes.toArray();
  rows['private.reflections'] = await store.privateDb.reflections.toArray();
  return rows;
}

export const PRIVATE_NOTE = 'Worried my manager blocks the promotion';
export const PRIVATE_ANSWER = 'I talk too much when nervous';
export const MOVED_NOTE = 'Thinking of leaving the company';

/**
 * A pair after two sessions: goals (one deleted), agenda ticked, shared and private notes (one
 * moved from shared to private), an action item done, reflections shared and private, a custom
 * prompt and a pinned one.
 */
export async function realisticPair(store: TestStore) {
  const pair = await createPair(store, pairInput());
  const speak = await addGoal(store, pair.id, {
    title: 'Speak at a conference',
    why: 'Visibility',
    measure: 'One accepted talk',
    targetDate: '2026-06-30',
    status: 'active',
    progress: 20,
  });
  const old = await addGoal(store, pair.id, {
    title: 'An old goal',
    why: '',
    measure: '',
    targetDate: '',
    status: 'active',
    progress: 0,
  });
  await deleteGoal(store, old.id);
  const first = await ensurePlannedSession(store, pair.id);
  await updateSession(store, first.id, { scheduledAt: '2026-01-13T10:30' });
  const abstract = await addAgendaItem(store, first, 'Talk abstract', 'mentee');
  await addAgendaItem(store, first, 'Salary talk', 'mentee');
  await updateAgendaItem(store, abstract.id, { done: true });
  const shared = await addNote(store, first, 'shared', '');
  await saveNoteBody(store, shared.id, 'shared', 'Decision: submit to the spring conference');
  await addNote(store, first, 'private', PRIVATE_NOTE);
  const moved = await addNote(store, first, 'shared', MOVED_NOTE);
  await setNoteVisibility(store, moved.id, 'shared', 'private');
  const action = await addActionItem(store, first, {
    text: 'Draft the abstract',
    owner: 'mentee',
    due: '2026-01-20',
  });
  const sharedReflection = await addReflection(store, first, 'What went well?', 'shared');
  await saveReflectionAnswer(store, sharedReflection.id, 'shared', 'Clear next steps');
  const privateReflection = await addReflection(store, first, 'What was hard?', 'private');
  await saveReflectionAnswer(store, privateReflection.id, 'private', PRIVATE_ANSWER);
  await setPromptState(store, pair.id, 'goals-1', { pinned: true });
  await addCustomPrompt(store, pair.id, {
    text: 'What would you try next?',
    phase: 'review',
    role: 'both',
    theme: 'options',
  });
  store.advance(14 * 86_400_000);
  const second = await holdSession(store, first.id, pair.cadenceDays);
  await updateActionItem(store, action.id, { status: 'done' }, second.id);
  await updateGoal(store, speak.id, { progress: 50 });
  return { pair, speak, first, second, shared, action };
}
