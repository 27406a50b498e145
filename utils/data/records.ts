import type { Table } from 'dexie';
import { t } from '../i18n';
import { nextSessionDate } from '../mentoring/cadence';
import { linkRules } from '../mentoring/match-pair';
import { codeFromMeetingUrl, meetingKeys } from '../mentoring/meeting-keys';
import { moveItem, orderAfterLast } from '../mentoring/order';
import { type ReviewChoice, reviewEffect, reviewState } from '../mentoring/review';
import type { ActionItem } from '../schema/action-item';
import { actionItem } from '../schema/action-item';
import type { AgendaItem } from '../schema/agenda-item';
import { agendaItem } from '../schema/agenda-item';
import type { Role, Visibility } from '../schema/common';
import type { Goal } from '../schema/goal';
import { goal } from '../schema/goal';
import type { Note } from '../schema/note';
import { note } from '../schema/note';
import type { PageContext } from '../schema/page-context';
import type { Pair } from '../schema/pair';
import { pair } from '../schema/pair';
import type { CustomPrompt, PromptState } from '../schema/prompt';
import { customPrompt, promptState } from '../schema/prompt';
import { type Reflection, reflection } from '../schema/reflection';
import type { Session } from '../schema/session';
import { session } from '../schema/session';
import {
  type RecordOf,
  type SharedTableName,
  sharedTables,
  type TableSpec,
} from '../schema/tables';
import { searchEntryFor } from '../search/search-index';
import { type ConflictChoice, changesFor, resolvedText, textAt } from './conflicts';
import type { PrivateDb, SharedDb } from './db';
import type { HlcClock } from './hlc';
import { advanceClock, followClock } from './shared-clock';
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
  await sharedTx(store, ['pairs'], () => putShared(store, 'pairs', record));
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
  return sharedTx(store, ['goals'], async () => {
    const siblings = await liveGoals(store, pairId);
    const record = parseRecord(goal, {
      ...input,
      id: store.newId(),
      pairId,
      order: orderAfterLast(siblings),
      ...stamp(store),
    });
    await putShared(store, 'goals', record);
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
  await sharedTx(store, ['goals'], async () => {
    const target = await store.db.goals.get(id);
    if (!target) return;
    const changes = moveItem(await liveGoals(store, target.pairId), id, delta);
    for (const { id: changedId, order } of changes) {
      await patchInTx(store, 'goals', changedId, { order });
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
  return sharedTx(store, ['sessions'], async () => {
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
    await putShared(store, 'sessions', record);
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
  return sharedTx(store, ['sessions', 'goals'], async () => {
    const current = await store.db.sessions.get(id);
    // Already held (a double click, or another window was first): the next one is planned.
    if (current?.status === 'held') return ensurePlannedSession(store, current.pairId);
    // Each goal's progress now: the pair's history draws progress over time from these.
    const goalProgress = Object.fromEntries(
      (await liveGoals(store, current?.pairId ?? '')).map((g) => [g.id, g.progress]),
    );
    const held = await patchInTx(store, 'sessions', id, {
      status: 'held',
      heldAt: store.now(),
      goalProgress,
    });
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
    await putShared(store, 'sessions', next);
    return next;
  });
}

/**
 * Takes back "session held" (holdSession): the held session is planned again, and the session
 * planned after it goes, unless something was written into it since (then nothing changes and
 * the error says why).
 */
export async function undoHoldSession(store: Store, heldId: string, nextId: string): Promise<void> {
  const privateNotes = await store.privateDb.notes.where('sessionId').equals(nextId).count();
  await sharedTx(store, ['sessions', 'agendaItems', 'actionItems', 'notes'], async () => {
    const held = await store.db.sessions.get(heldId);
    if (!held || held.deleted) throw new Error(t('records.gone.sessions'));
    const next = await store.db.sessions.get(nextId);
    if (next && !next.deleted) {
      const [agenda, actions, notes] = await Promise.all([
        store.db.agendaItems.where('sessionId').equals(nextId).toArray(),
        store.db.actionItems.where('sessionId').equals(nextId).toArray(),
        store.db.notes.where('sessionId').equals(nextId).toArray(),
      ]);
      const inUse = [...agenda, ...actions, ...notes].some((r) => !r.deleted);
      if (inUse || privateNotes > 0) throw new Error(t('records.undoHoldInUse'));
      await patchInTx(store, 'sessions', nextId, { deleted: true });
    }
    if (held.status === 'held') {
      await patchInTx(store, 'sessions', heldId, {
        status: 'planned',
        heldAt: undefined,
        goalProgress: undefined,
      });
    }
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
  return sharedTx(store, ['sessions'], async () => {
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
    await putShared(store, 'sessions', record);
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
  return sharedTx(store, ['agendaItems'], async () => {
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
    await putShared(store, 'agendaItems', record);
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
  await sharedTx(store, ['agendaItems'], async () => {
    const target = await store.db.agendaItems.get(id);
    if (!target) return;
    const changes = moveItem(await liveAgenda(store, target.sessionId), id, delta);
    for (const { id: changedId, order } of changes) {
      await patchInTx(store, 'agendaItems', changedId, { order });
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

/**
 * Review one action item: done, carried over to the next session's agenda (with the chain kept
 * through `carriedFrom`), dropped, or reopened. One transaction.
 */
export async function reviewActionItem(
  store: Store,
  itemId: string,
  choice: ReviewChoice,
  nextSession: Pick<Session, 'id' | 'pairId'>,
  addedBy: Role,
): Promise<void> {
  await sharedTx(store, ['actionItems', 'agendaItems'], async () => {
    const item = await store.db.actionItems.get(itemId);
    if (!item || item.deleted) throw new Error(t('records.gone.actionItems'));
    const agenda = (
      await store.db.agendaItems.where('pairId').equals(item.pairId).toArray()
    ).filter((a) => !a.deleted);
    const state = reviewState(item, agenda, nextSession.id);
    const effect = reviewEffect(state, choice);
    if (effect.status !== item.status) {
      await patchInTx(store, 'actionItems', itemId, {
        status: effect.status,
        closedInSessionId: effect.status === 'open' ? null : nextSession.id,
      });
    }
    const onNext = agenda.filter((a) => a.carriedFrom === itemId && a.sessionId === nextSession.id);
    if (effect.carried === true && onNext.length === 0) {
      const siblings = agenda.filter((a) => a.sessionId === nextSession.id);
      const record = parseRecord(agendaItem, {
        id: store.newId(),
        pairId: nextSession.pairId,
        sessionId: nextSession.id,
        text: item.text,
        addedBy,
        order: orderAfterLast(siblings),
        done: false,
        carriedFrom: itemId,
        ...stamp(store),
      });
      await putShared(store, 'agendaItems', record);
    }
    if (effect.carried === false) {
      for (const row of onNext) {
        await patchInTx(store, 'agendaItems', row.id, { deleted: true }, { allowDeleted: true });
      }
    }
  });
}

/* ---------- notes ---------- */

/**
 * Write a note where its visibility says: private notes to the private database only. A shared
 * note is stamped again inside its transaction, after the clock took in the latest stamp: a
 * shared tombstone of the same id (a note made private, then shared again) may be newer than
 * the stamp it came with. Returns the note as stored.
 */
async function putNote(store: Store, record: Note, previous?: Note): Promise<Note> {
  if (record.visibility === 'private') {
    await putPrivate(store, 'notes', record);
    return record;
  }
  return sharedTx(store, ['notes'], async () => {
    const stamped = { ...record, ...stamp(store) };
    await putShared(store, 'notes', stamped, previous);
    return stamped;
  });
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
  return putNote(store, record);
}

/** Save a note's text. Resolves once the transaction has committed, and only then. */
export async function saveNoteBody(
  store: Store,
  id: string,
  visibility: Visibility,
  body: string,
): Promise<Note> {
  if (visibility === 'private') {
    return store.privateDb.transaction(
      'rw',
      [store.privateDb.notes, store.privateDb.searchIndex],
      async () => {
        const current = await store.privateDb.notes.get(id);
        if (!current || current.deleted) throw new Error(t('records.gone.notes'));
        const record = parseRecord(note, { ...current, body, ...stamp(store) });
        await putPrivate(store, 'notes', record);
        return record;
      },
    );
  }
  return patchRecord(store, 'notes', id, { body });
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
  const current =
    from === 'private' ? await store.privateDb.notes.get(id) : await store.db.notes.get(id);
  if (!current || current.deleted) throw new Error(t('records.gone.notes'));
  if (from === to) return current;
  const moved = await putNote(
    store,
    parseRecord(note, { ...current, visibility: to, ...stamp(store) }),
  );
  await deleteNote(store, id, from);
  return moved;
}

export async function deleteNote(store: Store, id: string, visibility: Visibility): Promise<void> {
  if (visibility === 'private') {
    await store.privateDb.transaction(
      'rw',
      [store.privateDb.notes, store.privateDb.searchIndex],
      async () => {
        await store.privateDb.notes.delete(id);
        await store.privateDb.searchIndex.delete(`notes:${id}`);
      },
    );
    return;
  }
  await sharedTx(store, ['notes'], async () => {
    if (!(await store.db.notes.get(id))) return;
    // The tombstone keeps no text: a deleted note's words must not linger anywhere.
    await patchInTx(store, 'notes', id, { body: '', deleted: true }, { allowDeleted: true });
  });
}

/* ---------- reflections ---------- */

/** A reflection on a session: the prompt answered, private (this browser) or shared. */
export async function addReflection(
  store: Store,
  sessionRecord: Pick<Session, 'id' | 'pairId'>,
  prompt: string,
  visibility: Visibility,
): Promise<Reflection> {
  const record = parseRecord(reflection, {
    id: store.newId(),
    pairId: sessionRecord.pairId,
    sessionId: sessionRecord.id,
    prompt,
    answer: '',
    visibility,
    createdAt: store.now(),
    ...stamp(store),
  });
  if (visibility === 'private') await putPrivate(store, 'reflections', record);
  else await sharedTx(store, ['reflections'], () => putShared(store, 'reflections', record));
  return record;
}

/** Save an answer; resolves once committed (the panel shows "Saved" only then). */
export async function saveReflectionAnswer(
  store: Store,
  id: string,
  visibility: Visibility,
  answer: string,
): Promise<Reflection> {
  if (visibility === 'shared') return patchRecord(store, 'reflections', id, { answer });
  return store.privateDb.transaction(
    'rw',
    [store.privateDb.reflections, store.privateDb.searchIndex],
    async () => {
      const current = await store.privateDb.reflections.get(id);
      if (!current || current.deleted) throw new Error(t('records.gone.reflections'));
      const record = parseRecord(reflection, { ...current, answer, ...stamp(store) });
      await putPrivate(store, 'reflections', record);
      return record;
    },
  );
}

/** Move a reflection between private and shared; the shared copy leaves a textless tombstone. */
export async function setReflectionVisibility(
  store: Store,
  id: string,
  from: Visibility,
  to: Visibility,
): Promise<Reflection> {
  const current =
    from === 'private'
      ? await store.privateDb.reflections.get(id)
      : await store.db.reflections.get(id);
  if (!current || current.deleted) throw new Error(t('records.gone.reflections'));
  if (from === to) return current;
  const moved = parseRecord(reflection, { ...current, visibility: to, ...stamp(store) });
  if (to === 'private') {
    await putPrivate(store, 'reflections', moved);
    await sharedTx(store, ['reflections'], () =>
      patchInTx(store, 'reflections', id, { answer: '', deleted: true }, { allowDeleted: true }),
    );
  } else {
    const shared = await sharedTx(store, ['reflections'], async () => {
      // Stamped in the transaction: a shared tombstone of this id may be newer (see putNote).
      const stamped = { ...moved, ...stamp(store) };
      await putShared(store, 'reflections', stamped);
      return stamped;
    });
    await store.privateDb.transaction(
      'rw',
      [store.privateDb.reflections, store.privateDb.searchIndex],
      async () => {
        await store.privateDb.reflections.delete(id);
        await store.privateDb.searchIndex.delete(`reflections:${id}`);
      },
    );
    return shared;
  }
  return moved;
}

/* ---------- action items ---------- */

export type ActionItemInput = Pick<ActionItem, 'text' | 'owner' | 'due'> &
  Partial<Pick<ActionItem, 'ownerIds'>>;

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
  await sharedTx(store, ['actionItems'], () => putShared(store, 'actionItems', record));
  return record;
}

export function updateActionItem(
  store: Store,
  id: string,
  changes: Partial<Pick<ActionItem, 'text' | 'owner' | 'ownerIds' | 'due' | 'status'>>,
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
  await sharedTx(store, ['customPrompts'], () => putShared(store, 'customPrompts', record));
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
  return sharedTx(store, ['promptStates'], async () => {
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
    await putShared(store, 'promptStates', record, current);
    return record;
  });
}

/* ---------- conflict copies ---------- */

/**
 * Settle a conflict copy (utils/sync/merge.ts rule 3) with the person's choice
 * (utils/data/conflicts.ts): written like any edit — validated, stamped, queued for sync — with the
 * copy's id noted in the record's syncMeta, so the next push tells the other devices to mark
 * their copy of it resolved too. The copy is kept, marked resolved: nothing is lost. A record
 * deleted since comes back with the chosen text unless the choice keeps it as it is. One
 * transaction; settling a copy settled already (here or by the other device) changes nothing.
 */
export async function resolveConflict(
  store: Store,
  conflictId: string,
  choice: ConflictChoice,
): Promise<void> {
  const found = await store.db.conflicts.get(conflictId);
  if (!found || found.resolved) return;
  const table = found.table as SharedTableName;
  if (!(table in sharedTables)) {
    await store.db.conflicts.update(conflictId, { resolved: true });
    return;
  }
  await sharedTx(
    store,
    [table],
    async () => {
      const copy = await store.db.conflicts.get(conflictId);
      if (!copy || copy.resolved) return;
      const current = (await store.db.table(table).get(copy.recordId)) as
        | (RecordOf<typeof table> & Record<string, unknown>)
        | undefined;
      if (current) {
        const now = current.deleted ? '' : textAt(current, copy.field);
        const text = resolvedText(table, copy.field, now, copy.text, choice);
        const changes =
          choice === 'keep'
            ? {}
            : {
                ...changesFor(current, copy.field, text),
                ...(current.deleted && { deleted: false }),
              };
        await patchInTx(store, table, copy.recordId, changes as never, { allowDeleted: true });
        const key = `${table}:${copy.recordId}`;
        const meta = await store.db.syncMeta.get(key);
        if (meta) {
          const resolves = [...new Set([...(meta.resolves ?? []), copy.id])].slice(-100);
          await store.db.syncMeta.put({ ...meta, resolves });
        }
      }
      await store.db.conflicts.update(copy.id, { resolved: true });
    },
    [store.db.conflicts],
  );
}

/* ---------- shared ---------- */

/** Deletes are tombstones, so that sync can carry them to the other member of the pair. */
async function tombstone(store: Store, table: SharedTableName, id: string): Promise<void> {
  await sharedTx(store, [table], async () => {
    if (await store.db.table(table).get(id)) {
      await patchInTx(store, table, id, { deleted: true } as never, { allowDeleted: true });
    }
  });
}

/**
 * Every table a shared write touches besides its own, in the same transaction: the outbox row
 * that sync will push, the field stamps that merge uses, the search index, and the clock's
 * high-water mark.
 */
function sharedTx<T>(
  store: Store,
  tables: SharedTableName[],
  work: () => Promise<T>,
  extra: Table[] = [],
): Promise<T> {
  return store.db.transaction(
    'rw',
    [
      ...tables.map((t) => store.db.table(t)),
      store.db.outbox,
      store.db.syncMeta,
      store.db.searchIndex,
      store.db.clock,
      ...extra,
    ],
    async () => {
      await followClock(store.db, store.clock);
      return work();
    },
  );
}

/** The fields sync stamps per change (the record's own sync fields are not data). */
const NOT_DATA = new Set(['id', 'updatedAt', 'deleted', 'deviceId']);

/** Write one shared record and its bookkeeping. Runs inside sharedTx. */
async function putShared<T extends SharedTableName>(
  store: Store,
  table: T,
  record: RecordOf<T>,
  previous?: RecordOf<T>,
): Promise<void> {
  await store.db.table(table).put(record);
  const key = `${table}:${record.id}`;
  const meta = await store.db.syncMeta.get(key);
  const fields = { ...(meta?.fields ?? {}) };
  const before = previous as Record<string, unknown> | undefined;
  for (const [field, value] of Object.entries(record)) {
    if (NOT_DATA.has(field) && field !== 'deleted') continue;
    if (!before || JSON.stringify(before[field]) !== JSON.stringify(value)) {
      fields[field] = record.updatedAt;
    }
  }
  await store.db.syncMeta.put({ ...meta, id: key, fields, synced: meta?.synced ?? {} });
  await advanceClock(store.db, record.updatedAt);
  const pairId = table === 'pairs' ? record.id : (record as { pairId: string }).pairId;
  await store.db.outbox.put({ id: key, table, recordId: record.id, pairId, queuedAt: store.now() });
  const entry = searchEntryFor(table, record as { id: string } & Record<string, unknown>);
  if (entry) await store.db.searchIndex.put(entry);
  else await store.db.searchIndex.delete(key);
}

/** Write a private record (a private note or reflection) and its search words, privately. */
async function putPrivate(
  store: Store,
  table: 'notes' | 'reflections',
  record: Note | Reflection,
): Promise<void> {
  await store.privateDb.transaction(
    'rw',
    [store.privateDb.table(table), store.privateDb.searchIndex],
    async () => {
      await store.privateDb.table(table).put(record);
      const entry = searchEntryFor(table, record);
      if (entry) await store.privateDb.searchIndex.put(entry);
      else await store.privateDb.searchIndex.delete(`${table}:${record.id}`);
    },
  );
}

type Changes<T extends SharedTableName> =
  | Partial<RecordOf<T>>
  | ((current: RecordOf<T>) => Partial<RecordOf<T>>);

/**
 * Change fields of one record: read it, merge the changes (or what a function computes from
 * the current record), validate with the table's schema, stamp, write. Runs inside sharedTx.
 */
async function patchInTx<T extends SharedTableName>(
  store: Store,
  table: T,
  id: string,
  changes: Changes<T>,
  options: { allowDeleted?: boolean } = {},
): Promise<RecordOf<T>> {
  const rows = store.db.table<RecordOf<T>, string>(table);
  const current = await rows.get(id);
  if (!current || (current.deleted && !options.allowDeleted)) {
    throw new Error(t(`records.gone.${table as SharedTableName}`));
  }
  const patch = typeof changes === 'function' ? changes(current) : changes;
  const schema: TableSpec['schema'] = sharedTables[table].schema;
  const record = parseRecord(schema, { ...current, ...stamp(store), ...patch, id }) as RecordOf<T>;
  await putShared(store, table, record, current);
  return record;
}

/** patchInTx in a transaction of its own. */
function patchRecord<T extends SharedTableName>(
  store: Store,
  table: T,
  id: string,
  changes: Changes<T>,
): Promise<RecordOf<T>> {
  return sharedTx(store, [table], () => patchInTx(store, table, id, changes));
}

/**
 * Store a record as a backup gives it (utils/export/backup.ts): validated again, its own stamps kept,
 * with the bookkeeping any write leaves — for a shared record its outbox row, field stamps and
 * search words; for a private note or reflection its private search words. Call it inside a
 * transaction over the record's table and those bookkeeping tables, so that a failure rolls
 * back the record and its bookkeeping together.
 */
export async function putImportedRecord<T extends SharedTableName>(
  store: Store,
  database: 'shared' | 'private',
  table: T,
  record: RecordOf<T>,
  previous?: RecordOf<T>,
): Promise<void> {
  const schema: TableSpec['schema'] = sharedTables[table].schema;
  const valid = parseRecord(schema, record) as RecordOf<T>;
  if (database === 'shared') {
    await putShared(store, table, valid, previous);
  } else if (table === 'notes' || table === 'reflections') {
    await putPrivate(store, table, valid as Note | Reflection);
  } else {
    throw new Error(`The private database has no table ${table}.`);
  }
}
