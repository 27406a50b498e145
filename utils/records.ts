import { nextSessionDate } from './cadence';
import type { PrivateDb, SharedDb } from './db';
import type { HlcClock } from './hlc';
import { linkRules } from './match-pair';
import { codeFromMeetingUrl, meetingKeys } from './meeting-keys';
import { moveItem, orderAfterLast } from './order';
import type { ActionItem } from './schema/action-item';
import { actionItem } from './schema/action-item';
import type { AgendaItem } from './schema/agenda-item';
import { agendaItem } from './schema/agenda-item';
import type { Role, Visibility } from './schema/common';
import type { Goal } from './schema/goal';
import { goal } from './schema/goal';
import type { Note } from './schema/note';
import { note } from './schema/note';
import type { PageContext } from './schema/page-context';
import type { Pair } from './schema/pair';
import { pair } from './schema/pair';
import type { CustomPrompt, PromptState } from './schema/prompt';
import { customPrompt, promptState } from './schema/prompt';
import type { Session } from './schema/session';
import { session } from './schema/session';
import { type RecordOf, type SharedTableName, sharedTables, type TableSpec } from './schema/tables';
import { parseRecord } from './validate';

/**
 * Every write Tandem makes, as plain functions over the two databases. Each validates the
 * record with its zod schema before it is stored, stamps it with the hybrid logical clock and
 * this device, and resolves only when its Dexie transaction has completed.
 */
export interface Store {
  db: SharedDb;
  privateDb: PrivateDb;
  deviceId: string;
  clock: HlcClock;
  /** Epoch ms; injectable for tests. */
  now: () => number;
  newId: () => string;
}

type Stamped = 'id' | 'updatedAt' | 'deleted' | 'deviceId';

function stamp(store: Store) {
  return { updatedAt: store.clock.now(), deviceId: store.deviceId, deleted: false };
}

/* ---------- pairs ---------- */

export type PairInput = Omit<Pair, Stamped | 'createdAt' | 'archived' | 'matchRules'>;

export async function createPair(store: Store, input: PairInput): Promise<Pair> {
  const record = parseRecord(pair, {
    ...input,
    id: store.newId(),
    ...stamp(store),
    archived: false,
    matchRules: { meetingCodes: [], eventIds: [], urls: [], keywords: [] },
    createdAt: store.now(),
  });
  await store.db.pairs.add(record);
  return record;
}

export function updatePair(
  store: Store,
  id: string,
  changes: Partial<Omit<Pair, Stamped>>,
): Promise<Pair> {
  return patchRecord(store, 'pairs', id, changes);
}

/* ---------- goals ---------- */

export type GoalInput = Omit<Goal, Stamped | 'pairId' | 'order'>;

export async function addGoal(store: Store, pairId: string, input: GoalInput): Promise<Goal> {
  return store.db.transaction('rw', store.db.goals, async () => {
    const siblings = await liveGoals(store, pairId);
    const record = parseRecord(goal, {
      ...input,
      id: store.newId(),
      pairId,
      order: orderAfterLast(siblings),
      ...stamp(store),
    });
    await store.db.goals.add(record);
    return record;
  });
}

export function updateGoal(store: Store, id: string, changes: Partial<GoalInput>): Promise<Goal> {
  return patchRecord(store, 'goals', id, changes);
}

/** Mark a goal achieved: status achieved and progress full. */
export function completeGoal(store: Store, id: string): Promise<Goal> {
  return updateGoal(store, id, { status: 'achieved', progress: 100 });
}

export async function deleteGoal(store: Store, id: string): Promise<void> {
  await tombstone(store, 'goals', id);
}

export async function moveGoal(store: Store, id: string, delta: number): Promise<void> {
  await store.db.transaction('rw', store.db.goals, async () => {
    const target = await store.db.goals.get(id);
    if (!target) return;
    const changes = moveItem(await liveGoals(store, target.pairId), id, delta);
    for (const { id: changedId, order } of changes) {
      await store.db.goals.update(changedId, { order, ...stamp(store) });
    }
  });
}

async function liveGoals(store: Store, pairId: string): Promise<Goal[]> {
  return store.db.goals
    .where('pairId')
    .equals(pairId)
    .filter((g) => !g.deleted)
    .toArray();
}

/* ---------- sessions ---------- */

/** The pair's next planned session, created when there is none. */
export async function ensurePlannedSession(store: Store, pairId: string): Promise<Session> {
  return store.db.transaction('rw', store.db.sessions, async () => {
    const planned = await store.db.sessions
      .where('pairId')
      .equals(pairId)
      .filter((s) => !s.deleted && s.status === 'planned')
      .sortBy('createdAt');
    const existing = planned[planned.length - 1];
    if (existing) return existing;
    const record = parseRecord(session, {
      id: store.newId(),
      pairId,
      scheduledAt: '',
      calendarEventId: '',
      meetingUrl: '',
      status: 'planned',
      createdAt: store.now(),
      ...stamp(store),
    });
    await store.db.sessions.add(record);
    return record;
  });
}

export function updateSession(
  store: Store,
  id: string,
  changes: Partial<Pick<Session, 'scheduledAt' | 'status' | 'calendarEventId' | 'meetingUrl'>>,
): Promise<Session> {
  return patchRecord(store, 'sessions', id, changes);
}

/**
 * The session took place: mark it held and plan the next one, a cadence later. Both in one
 * transaction, so there is always exactly one planned session to prepare.
 */
export async function holdSession(store: Store, id: string, cadenceDays: number): Promise<Session> {
  return store.db.transaction('rw', store.db.sessions, async () => {
    const current = await store.db.sessions.get(id);
    // Already held (a double click, or another window was first): the next one is planned.
    if (current?.status === 'held') return ensurePlannedSession(store, current.pairId);
    const held = await updateSession(store, id, { status: 'held' });
    const next = parseRecord(session, {
      id: store.newId(),
      pairId: held.pairId,
      scheduledAt: nextSessionDate(held.scheduledAt, cadenceDays),
      calendarEventId: '',
      meetingUrl: '',
      status: 'planned',
      createdAt: store.now(),
      ...stamp(store),
    });
    await store.db.sessions.add(next);
    return next;
  });
}

/**
 * The session of a meeting seen in the calendar or in a call: found by the meeting's event id
 * or call code (so the event seen in the calendar and the call joined later are one session),
 * else the pair's next planned session if no other meeting has claimed it, else a new one.
 * Fields the session lacks (event id, link, time) are filled in from what the page shows.
 */
export async function sessionForMeeting(
  store: Store,
  pairId: string,
  context: PageContext,
): Promise<Session> {
  const meeting = context.meeting;
  if (!meeting) return ensurePlannedSession(store, pairId);
  const { codes } = meetingKeys(context);
  const eventId = meeting.calendarEventId ?? '';
  const link = meeting.meetingUrl ?? (context.kind === 'call' ? context.url : '');
  return store.db.transaction('rw', store.db.sessions, async () => {
    const sessions = (await store.db.sessions.where('pairId').equals(pairId).toArray())
      .filter((s) => !s.deleted)
      .sort((a, b) => b.createdAt - a.createdAt);
    const sameMeeting = (s: Session) =>
      (eventId !== '' && s.calendarEventId === eventId) ||
      (s.meetingUrl !== '' && codes.includes(codeFromMeetingUrl(s.meetingUrl) ?? ''));
    const unclaimed = (s: Session) =>
      s.status === 'planned' && s.calendarEventId === '' && s.meetingUrl === '';
    const existing = sessions.find(sameMeeting) ?? sessions.find(unclaimed);
    const fill = {
      calendarEventId: existing?.calendarEventId || eventId,
      meetingUrl: existing?.meetingUrl || link,
      scheduledAt: existing?.scheduledAt || meeting.start || '',
    };
    if (existing) {
      if (
        fill.calendarEventId === existing.calendarEventId &&
        fill.meetingUrl === existing.meetingUrl &&
        fill.scheduledAt === existing.scheduledAt
      ) {
        return existing;
      }
      return updateSession(store, existing.id, fill);
    }
    const record = parseRecord(session, {
      id: store.newId(),
      pairId,
      ...fill,
      status: 'planned',
      createdAt: store.now(),
      ...stamp(store),
    });
    await store.db.sessions.add(record);
    return record;
  });
}

/** Remember this meeting for the pair: next time it is recognised at once. */
export function linkMeetingToPair(store: Store, pair: Pair, context: PageContext): Promise<Pair> {
  return updatePair(store, pair.id, { matchRules: linkRules(pair, context) });
}

/* ---------- agenda items ---------- */

export async function addAgendaItem(
  store: Store,
  sessionRecord: Pick<Session, 'id' | 'pairId'>,
  text: string,
  addedBy: Role,
): Promise<AgendaItem> {
  return store.db.transaction('rw', store.db.agendaItems, async () => {
    const siblings = await liveAgenda(store, sessionRecord.id);
    const record = parseRecord(agendaItem, {
      id: store.newId(),
      pairId: sessionRecord.pairId,
      sessionId: sessionRecord.id,
      text: text.trim(),
      addedBy,
      order: orderAfterLast(siblings),
      done: false,
      carriedFrom: null,
      ...stamp(store),
    });
    await store.db.agendaItems.add(record);
    return record;
  });
}

export function updateAgendaItem(
  store: Store,
  id: string,
  changes: Partial<Pick<AgendaItem, 'text' | 'done'>>,
): Promise<AgendaItem> {
  return patchRecord(store, 'agendaItems', id, changes);
}

export async function moveAgendaItem(store: Store, id: string, delta: number): Promise<void> {
  await store.db.transaction('rw', store.db.agendaItems, async () => {
    const target = await store.db.agendaItems.get(id);
    if (!target) return;
    const changes = moveItem(await liveAgenda(store, target.sessionId), id, delta);
    for (const { id: changedId, order } of changes) {
      await store.db.agendaItems.update(changedId, { order, ...stamp(store) });
    }
  });
}

export async function removeAgendaItem(store: Store, id: string): Promise<void> {
  await tombstone(store, 'agendaItems', id);
}

async function liveAgenda(store: Store, sessionId: string): Promise<AgendaItem[]> {
  return store.db.agendaItems
    .where('sessionId')
    .equals(sessionId)
    .filter((item) => !item.deleted)
    .toArray();
}

/* ---------- notes ---------- */

function notesTable(store: Store, visibility: Visibility) {
  return visibility === 'private' ? store.privateDb.notes : store.db.notes;
}

export async function addNote(
  store: Store,
  sessionRecord: Pick<Session, 'id' | 'pairId'>,
  visibility: Visibility,
  body = '',
): Promise<Note> {
  const record = parseRecord(note, {
    id: store.newId(),
    pairId: sessionRecord.pairId,
    sessionId: sessionRecord.id,
    body,
    visibility,
    createdAt: store.now(),
    ...stamp(store),
  });
  await notesTable(store, visibility).add(record);
  return record;
}

/** Save a note's text. Resolves once the transaction has committed, and only then. */
export async function saveNoteBody(
  store: Store,
  id: string,
  visibility: Visibility,
  body: string,
): Promise<Note> {
  const table = notesTable(store, visibility);
  const database = visibility === 'private' ? store.privateDb : store.db;
  return database.transaction('rw', table, async () => {
    const current = await table.get(id);
    if (!current || current.deleted) throw new Error('That note no longer exists.');
    const record = parseRecord(note, { ...current, body, ...stamp(store) });
    await table.put(record);
    return record;
  });
}

/**
 * Move a note between private (this browser only) and shared. The new copy is written before
 * the old one goes, so a failure in between leaves the text in both places, never in neither.
 * A shared note made private leaves a tombstone without its text, so sync can retract it.
 */
export async function setNoteVisibility(
  store: Store,
  id: string,
  from: Visibility,
  to: Visibility,
): Promise<Note> {
  const current = await notesTable(store, from).get(id);
  if (!current || current.deleted) throw new Error('That note no longer exists.');
  if (from === to) return current;
  const moved = parseRecord(note, { ...current, visibility: to, ...stamp(store) });
  await notesTable(store, to).put(moved);
  if (from === 'private') {
    await store.privateDb.notes.delete(id);
  } else {
    await store.db.notes.put({ ...current, body: '', ...stamp(store), deleted: true });
  }
  return moved;
}

export async function deleteNote(store: Store, id: string, visibility: Visibility): Promise<void> {
  if (visibility === 'private') {
    await store.privateDb.notes.delete(id);
    return;
  }
  await store.db.transaction('rw', store.db.notes, async () => {
    const current = await store.db.notes.get(id);
    if (!current) return;
    await store.db.notes.put({ ...current, body: '', ...stamp(store), deleted: true });
  });
}

/* ---------- action items ---------- */

export type ActionItemInput = Pick<ActionItem, 'text' | 'owner' | 'due'>;

export async function addActionItem(
  store: Store,
  sessionRecord: Pick<Session, 'id' | 'pairId'>,
  input: ActionItemInput,
): Promise<ActionItem> {
  const record = parseRecord(actionItem, {
    ...input,
    text: input.text.trim(),
    id: store.newId(),
    pairId: sessionRecord.pairId,
    sessionId: sessionRecord.id,
    status: 'open',
    closedInSessionId: null,
    createdAt: store.now(),
    ...stamp(store),
  });
  await store.db.actionItems.add(record);
  return record;
}

export function updateActionItem(
  store: Store,
  id: string,
  changes: Partial<Pick<ActionItem, 'text' | 'owner' | 'due' | 'status'>>,
  inSessionId: string | null = null,
): Promise<ActionItem> {
  return patchRecord(store, 'actionItems', id, (current) => {
    const status = changes.status ?? current.status;
    // Closed in the session where its status changed; reopening clears it.
    const closedInSessionId =
      status === 'open'
        ? null
        : status !== current.status
          ? inSessionId
          : current.closedInSessionId;
    return { ...changes, closedInSessionId };
  });
}

export async function removeActionItem(store: Store, id: string): Promise<void> {
  await tombstone(store, 'actionItems', id);
}

/* ---------- prompts ---------- */

export type CustomPromptInput = Pick<CustomPrompt, 'text' | 'phase' | 'role' | 'theme'>;

export async function addCustomPrompt(
  store: Store,
  pairId: string,
  input: CustomPromptInput,
): Promise<CustomPrompt> {
  const record = parseRecord(customPrompt, {
    ...input,
    text: input.text.trim(),
    models: [],
    id: `custom-${store.newId()}`,
    pairId,
    createdAt: store.now(),
    ...stamp(store),
  });
  await store.db.customPrompts.add(record);
  return record;
}

export async function removeCustomPrompt(store: Store, id: string): Promise<void> {
  await tombstone(store, 'customPrompts', id);
}

/** Record what the pair did with a prompt (pin, skip until, shown at). */
export async function setPromptState(
  store: Store,
  pairId: string,
  promptId: string,
  changes: Partial<Pick<PromptState, 'pinned' | 'skippedUntil' | 'lastShownAt'>>,
): Promise<PromptState> {
  const id = `${pairId}:${promptId}`;
  return store.db.transaction('rw', store.db.promptStates, async () => {
    const current = await store.db.promptStates.get(id);
    const record = parseRecord(promptState, {
      pinned: false,
      skippedUntil: 0,
      lastShownAt: 0,
      ...current,
      ...changes,
      id,
      pairId,
      promptId,
      ...stamp(store),
    });
    await store.db.promptStates.put(record);
    return record;
  });
}

/* ---------- shared ---------- */

const recordNames: Record<SharedTableName, string> = {
  pairs: 'pair',
  goals: 'goal',
  sessions: 'session',
  agendaItems: 'agenda item',
  actionItems: 'action item',
  notes: 'note',
  reflections: 'reflection',
  customPrompts: 'prompt',
  promptStates: 'prompt state',
};

/**
 * Change fields of one record in one transaction: read it, merge the changes (or what a
 * function computes from the current record), validate with the table's schema, stamp, write.
 */
async function patchRecord<T extends SharedTableName>(
  store: Store,
  table: T,
  id: string,
  changes: Partial<RecordOf<T>> | ((current: RecordOf<T>) => Partial<RecordOf<T>>),
): Promise<RecordOf<T>> {
  const rows = store.db.table<RecordOf<T>, string>(table);
  return store.db.transaction('rw', rows, async () => {
    const current = await rows.get(id);
    if (!current || current.deleted)
      throw new Error(`That ${recordNames[table]} no longer exists.`);
    const patch = typeof changes === 'function' ? changes(current) : changes;
    const schema: TableSpec['schema'] = sharedTables[table].schema;
    const record = parseRecord(schema, {
      ...current,
      ...patch,
      ...stamp(store),
      id,
    }) as RecordOf<T>;
    await rows.put(record);
    return record;
  });
}

type SyncedRecord = { id: string; updatedAt: string; deleted: boolean; deviceId: string };

/** Deletes are tombstones, so that sync can carry them to the other member of the pair. */
async function tombstone(store: Store, table: SharedTableName, id: string): Promise<void> {
  await store.db.table<SyncedRecord, string>(table).update(id, { ...stamp(store), deleted: true });
}
