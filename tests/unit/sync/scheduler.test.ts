import { afterEach, describe, expect, test } from 'vitest';
import { addAgendaItem } from '../../../utils/data/records/agenda-items';
import { createPair } from '../../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../../utils/data/records/sessions';
import { SyncEngine } from '../../../utils/sync/engine/sync-engine';
import { SyncScheduler } from '../../../utils/sync/scheduler';
import type { SyncStatus } from '../../../utils/sync/status';
import { closeStores, makeStore, pairInput } from '../helpers';
import { fakeSidecar, SIDECAR } from './fake-sidecar';
import { joinAndLetIn } from './join';

const running: SyncScheduler[] = [];
afterEach(() => {
  for (const scheduler of running.splice(0)) scheduler.stop();
  closeStores();
});

async function until(check: () => Promise<boolean> | boolean, ms = 12_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function setup() {
  const sidecar = fakeSidecar();
  const mentor = makeStore({ deviceId: 'mentor' });
  const mentee = makeStore({ deviceId: 'mentee', newId: () => crypto.randomUUID() });
  const pair = await createPair(mentor, pairInput());
  const session = await ensurePlannedSession(mentor, pair.id);
  const mentorEngine = new SyncEngine(mentor, { fetch: sidecar.fetch });
  const menteeEngine = new SyncEngine(mentee, { fetch: sidecar.fetch });
  const statuses = new Map<string, SyncStatus | null>();
  const schedule = (engine: SyncEngine, name: string) => {
    const scheduler = new SyncScheduler({
      engine,
      debounceMs: 50,
      publish: (pairId, status) => {
        statuses.set(`${name}:${pairId}`, status);
      },
    });
    running.push(scheduler);
    scheduler.start();
    return scheduler;
  };
  return { sidecar, mentor, mentee, pair, session, mentorEngine, menteeEngine, statuses, schedule };
}

describe('sync in the background', () => {
  test('a change is pushed by itself, and the other browser pulls it when the sidecar tells it to', async () => {
    const { mentor, mentee, pair, session, mentorEngine, menteeEngine, statuses, schedule } =
      await setup();
    const invite = await mentorEngine.sharePair(pair.id, SIDECAR, 'Mentor');
    schedule(mentorEngine, 'mentor');
    await until(async () => (await mentor.db.outbox.count()) === 0);
    await joinAndLetIn(mentorEngine, menteeEngine, pair.id, invite.code, 'Mentee');
    schedule(menteeEngine, 'mentee');
    await until(() => statuses.get(`mentee:${pair.id}`)?.state === 'synced');
    const item = await addAgendaItem(mentor, session, 'Pushed on change', 'mentor');
    await until(async () => (await mentee.db.agendaItems.get(item.id)) !== undefined);
    expect(statuses.get(`mentor:${pair.id}`)?.state).toBe('synced');
  });

  test('offline, the pair says so and sync tries again by itself', async () => {
    const { sidecar, mentor, pair, session, mentorEngine, statuses, schedule } = await setup();
    await mentorEngine.sharePair(pair.id, SIDECAR, 'Mentor');
    sidecar.failNext(1000);
    schedule(mentorEngine, 'mentor');
    await until(() => statuses.get(`mentor:${pair.id}`)?.state === 'offline');
    await addAgendaItem(mentor, session, 'Written offline', 'mentor');
    expect(await mentor.db.outbox.count()).toBeGreaterThan(0);
    sidecar.failNext(0);
    await until(async () => (await mentor.db.outbox.count()) === 0, 8_000);
    await until(() => statuses.get(`mentor:${pair.id}`)?.state === 'synced');
  }, 15_000);

  test('a removed device shows what to do', async () => {
    const { mentee, pair, session, mentorEngine, menteeEngine, statuses, schedule } = await setup();
    const invite = await mentorEngine.sharePair(pair.id, SIDECAR, 'Mentor');
    await mentorEngine.push(pair.id);
    await joinAndLetIn(mentorEngine, menteeEngine, pair.id, invite.code, 'Mentee');
    const other = (await mentorEngine.listDevices(pair.id)).find((d) => !d.thisDevice);
    await mentorEngine.revokeDevice(pair.id, other?.deviceId ?? '');
    schedule(menteeEngine, 'mentee');
    await addAgendaItem(mentee, session, 'After removal', 'mentee');
    await until(() => statuses.get(`mentee:${pair.id}`)?.state === 'error');
    expect(statuses.get(`mentee:${pair.id}`)?.message).toMatch(
      /refused this device.*share the pair again/,
    );
  });

  test('a pair that stops being shared is forgotten', async () => {
    const { pair, mentorEngine, statuses, schedule } = await setup();
    await mentorEngine.sharePair(pair.id, SIDECAR, 'Mentor');
    schedule(mentorEngine, 'mentor');
    await until(() => statuses.get(`mentor:${pair.id}`)?.state === 'synced');
    await mentorEngine.stopSharing(pair.id);
    await until(() => statuses.get(`mentor:${pair.id}`) === null);
  });
});
