import { describe, expect, test } from 'vitest';
import { addAgendaItem } from '../../utils/data/records/agenda-items';
import { joinAndLetIn } from '../unit/sync/join';
import { mentorPair, useSidecar } from './harness';

const running = useSidecar();
const { client } = running;

describe('key epochs with a real sidecar', () => {
  test('removing a browser moves the others to a new key; they go on reading each other', async () => {
    const mentor = client('mentor');
    const mentee = client('mentee');
    const old = client('old');
    const { pair, session } = await mentorPair(mentor);
    const invite = await mentor.engine.sharePair(pair.id, running.sidecar.url, 'Mentor laptop');
    await mentor.engine.push(pair.id);
    await joinAndLetIn(mentor.engine, mentee.engine, pair.id, invite.code, 'Mentee laptop');
    await joinAndLetIn(
      mentor.engine,
      old.engine,
      pair.id,
      (await mentor.engine.createInvite(pair.id)).code,
      'Old laptop',
    );
    const oldDevice = (await old.store.db.syncSpaces.get(pair.id))?.deviceId ?? '';
    await mentor.engine.revokeDevice(pair.id, oldDevice);
    expect((await mentor.store.db.syncSpaces.get(pair.id))?.epoch).toBe(1);
    const item = await addAgendaItem(mentor.store, session, 'After the removal', 'mentor');
    expect(await mentor.engine.push(pair.id)).toMatchObject({ ok: true, sent: 1 });
    const pulled = await mentee.engine.pull(pair.id);
    expect(pulled).toMatchObject({ ok: true, rejected: 0 });
    expect(pulled).not.toHaveProperty('warning');
    expect((await mentee.store.db.agendaItems.get(item.id))?.text).toBe('After the removal');
    const reply = await addAgendaItem(mentee.store, session, 'The answer', 'mentee');
    await mentee.engine.push(pair.id);
    const back = await mentor.engine.pull(pair.id);
    expect(back).not.toHaveProperty('warning');
    expect((await mentor.store.db.agendaItems.get(reply.id))?.text).toBe('The answer');
  });
});
