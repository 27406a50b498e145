import { expect } from 'vitest';
import { addActionItem } from '../../../../utils/data/records/action-items';
import { addAgendaItem } from '../../../../utils/data/records/agenda-items';
import { addGoal } from '../../../../utils/data/records/goals';
import { addNote, saveNoteBody } from '../../../../utils/data/records/notes';
import { createPair } from '../../../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../../../utils/data/records/sessions';
import { sharedTables } from '../../../../utils/schema/tables';
import type { SyncStore } from '../../../../utils/sync/engine/engine-context';
import { SyncEngine } from '../../../../utils/sync/engine/sync-engine';
import { goalInput, makeStore, pairInput, type TestStore } from '../../helpers';
import { fakeSidecar, SIDECAR } from '../fake-sidecar';
import { joinAndLetIn } from '../join';

/**
 * A mentor's pair with a goal, an agenda item, a shared and a private note and an action item,
 * shared with a mentee who was let in: what the engine's tests start from.
 */

const sharedGoal = goalInput({ why: 'Next step toward a lead role', progress: 10 });

/** Every shared record of a pair, per table, without the per-device bookkeeping. */
export async function sharedState(store: SyncStore, pairId: string) {
  const state: Record<string, unknown[]> = {};
  for (const table of Object.keys(sharedTables)) {
    const rows = (await store.db.table(table).toArray()) as Record<string, unknown>[];
    state[table] = rows
      .filter((r) => (table === 'pairs' ? r.id : r.pairId) === pairId)
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return state;
}

export async function mentorWithPair() {
  const mentor = makeStore({ deviceId: 'mentor-device' });
  const pair = await createPair(mentor, pairInput({ myRole: 'mentor' }));
  const session = await ensurePlannedSession(mentor, pair.id);
  await addGoal(mentor, pair.id, sharedGoal);
  await addAgendaItem(mentor, session, 'Review the launch plan', 'mentor');
  const shared = await addNote(mentor, session, 'shared', '');
  await saveNoteBody(mentor, shared.id, 'shared', 'Alex will draft the brief');
  const secret = await addNote(mentor, session, 'private', '');
  await saveNoteBody(mentor, secret.id, 'private', 'Worried about the salary talk');
  await addActionItem(mentor, session, { text: 'Draft the brief', owner: 'mentee', due: '' });
  return { mentor, pair, session };
}

export async function sharedPair() {
  const sidecar = fakeSidecar();
  const { mentor, pair, session } = await mentorWithPair();
  const mentee = makeStore({
    deviceId: 'mentee-device',
    newId: () => crypto.randomUUID(),
  });
  const mentorSync = new SyncEngine(mentor, { fetch: sidecar.fetch });
  const menteeSync = new SyncEngine(mentee, { fetch: sidecar.fetch });
  const invite = await mentorSync.sharePair(pair.id, SIDECAR, "Sam's laptop");
  expect(await mentorSync.push(pair.id)).toMatchObject({ ok: true });
  const joined = await joinAndLetIn(mentorSync, menteeSync, pair.id, invite.code, "Alex's laptop");
  expect(joined.pull).toMatchObject({ ok: true });
  return { sidecar, mentor, mentee, mentorSync, menteeSync, pair, session };
}

export async function sharedCount(store: SyncStore, pairId: string): Promise<number> {
  return Object.values(await sharedState(store, pairId)).reduce((n, rows) => n + rows.length, 0);
}

export async function spaceOf(store: TestStore, pairId: string) {
  const space = await store.db.syncSpaces.get(pairId);
  if (!space) throw new Error('not shared');
  return space;
}
