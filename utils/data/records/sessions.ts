import { t } from '../../i18n';
import { nextSessionDate } from '../../mentoring/cadence';
import { codeFromMeetingUrl, meetingKeys } from '../../mentoring/meeting-keys';
import type { PageContext } from '../../schema/page-context';
import { type Session, session } from '../../schema/session';
import { parseRecord } from '../validate';
import { liveGoals } from './goals';
import { type Store, stamp } from './store';
import { patchInTx, patchRecord, putShared, sharedTx } from './write';

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
  const tables = ['sessions', 'agendaItems', 'actionItems', 'notes', 'introductions'] as const;
  await sharedTx(store, [...tables], async () => {
    const held = await store.db.sessions.get(heldId);
    if (!held || held.deleted) throw new Error(t('records.gone.sessions'));
    const next = await store.db.sessions.get(nextId);
    if (next && !next.deleted) {
      const [agenda, actions, notes, intros] = await Promise.all([
        store.db.agendaItems.where('sessionId').equals(nextId).toArray(),
        store.db.actionItems.where('sessionId').equals(nextId).toArray(),
        store.db.notes.where('sessionId').equals(nextId).toArray(),
        store.db.introductions.where('sessionId').equals(nextId).toArray(),
      ]);
      const inUse = [...agenda, ...actions, ...notes, ...intros].some((r) => !r.deleted);
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
