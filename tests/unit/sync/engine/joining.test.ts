import { afterEach, describe, expect, test } from 'vitest';
import { addAgendaItem } from '../../../../utils/data/records/agenda-items';
import { createPair } from '../../../../utils/data/records/pairs';
import { ensurePlannedSession } from '../../../../utils/data/records/sessions';
import { toBase64url } from '../../../../utils/sync/crypto';
import { SyncEngine } from '../../../../utils/sync/engine/sync-engine';
import { newExchangeKeyPair, openFromVault } from '../../../../utils/sync/keys';
import { closeStores, makeStore, pairInput, type TestStore } from '../../helpers';
import { fakeSidecar, SIDECAR } from '../fake-sidecar';
import { joinAndLetIn } from '../join';

afterEach(closeStores);

async function spaceOf(store: TestStore, pairId: string) {
  const space = await store.db.syncSpaces.get(pairId);
  if (!space) throw new Error('not shared');
  return space;
}

async function sharedByMentor() {
  const sidecar = fakeSidecar();
  const mentor = makeStore({ deviceId: 'mentor-device' });
  const pair = await createPair(mentor, pairInput({ myRole: 'mentor' }));
  const session = await ensurePlannedSession(mentor, pair.id);
  await addAgendaItem(mentor, session, 'Launch plan', 'mentor');
  const mentorSync = new SyncEngine(mentor, { fetch: sidecar.fetch });
  const invite = await mentorSync.sharePair(pair.id, SIDECAR, 'Mentor laptop');
  await mentorSync.push(pair.id);
  const mentee = makeStore({ deviceId: 'mentee-device', newId: () => crypto.randomUUID() });
  const menteeSync = new SyncEngine(mentee, { fetch: sidecar.fetch });
  return { sidecar, mentor, mentee, mentorSync, menteeSync, pair, session, invite };
}

describe('letting a device into a pair', () => {
  test('the pair key never travels to the sidecar: not in the invite, not in any request', async () => {
    const { sidecar, mentor, mentee, mentorSync, menteeSync, pair, invite } =
      await sharedByMentor();
    const joined = await joinAndLetIn(mentorSync, menteeSync, pair.id, invite.code, 'Mentee');
    expect(joined.pull).toMatchObject({ ok: true });
    expect(joined.code).toMatch(/^\d{3} \d{3}$/);
    const space = await spaceOf(mentor, pair.id);
    if (!space.vault || !space.sealedSecret) throw new Error('no vault');
    const secret = toBase64url(await openFromVault(space.vault, space.sealedSecret));
    expect(invite.code).not.toContain(secret);
    expect(atob(invite.code.slice(7).replace(/-/g, '+').replace(/_/g, '/'))).not.toContain(secret);
    for (const body of sidecar.bodies) expect(body).not.toContain(secret);
    // Both browsers now hold the same records.
    expect((await mentee.db.agendaItems.toArray()).map((a) => a.text)).toEqual(['Launch plan']);
  });

  test('no raw secret in IndexedDB: the keys are non-extractable CryptoKeys', async () => {
    const { mentor, mentee, mentorSync, menteeSync, pair, invite } = await sharedByMentor();
    await joinAndLetIn(mentorSync, menteeSync, pair.id, invite.code, 'Mentee');
    for (const store of [mentor, mentee]) {
      const space = await spaceOf(store, pair.id);
      expect(space.secret).toBeUndefined();
      for (const key of [space.key, space.recordIdKey, space.vault]) {
        expect(key).toBeInstanceOf(CryptoKey);
        expect(key?.extractable).toBe(false);
      }
      // No 32-byte secret as text anywhere in the row (the device token aside).
      expect(JSON.stringify({ ...space, deviceToken: '' })).not.toMatch(/"[A-Za-z0-9_-]{43}"/);
    }
    // The inviter's one-time key is gone once it let the device in.
    expect((await spaceOf(mentor, pair.id)).invites ?? []).toEqual([]);
  });

  test('a sidecar that swaps the joining device’s key is caught by the codes', async () => {
    const { sidecar, mentorSync, menteeSync, pair, invite } = await sharedByMentor();
    const joined = await menteeSync.joinPair(invite.code, 'Mentee');
    const servers = await newExchangeKeyPair();
    sidecar.swapJoinKey(servers.publicKey);
    const [request] = await mentorSync.joinRequests(pair.id);
    // The mentor's browser shows another code than the mentee's: the members see it and refuse.
    expect(request?.code).toMatch(/^\d{3} \d{3}$/);
    expect(request?.code).not.toBe(joined.code);
    // Letting in with the code the mentee read out does not go through either.
    await expect(mentorSync.letIn(pair.id, request?.deviceId ?? '', joined.code)).rejects.toThrow(
      /code changed/,
    );
    expect(sidecar.grants.size).toBe(0);
    await mentorSync.refuse(pair.id, request?.deviceId ?? '');
    expect(await mentorSync.joinRequests(pair.id)).toEqual([]);
    expect(await menteeSync.collectKey(pair.id).catch((e: Error) => e.message)).toMatch(
      /removed|refused|share again/i,
    );
  });

  test('a sealed key changed by the sidecar does not open, and nothing is taken in', async () => {
    const { sidecar, mentee, mentorSync, menteeSync, pair, invite } = await sharedByMentor();
    const joined = await menteeSync.joinPair(invite.code, 'Mentee');
    const [request] = await mentorSync.joinRequests(pair.id);
    await mentorSync.letIn(pair.id, request?.deviceId ?? '', joined.code);
    const [deviceId, sealed] = [...sidecar.grants.entries()][0] ?? ['', '{}'];
    const parsed = JSON.parse(sealed) as { iv: string; ct: string };
    // A different first character, whatever the original was (an 'A' for 'A' changed nothing
    // once in 64 runs).
    const first = parsed.ct.startsWith('A') ? 'B' : 'A';
    sidecar.grants.set(
      deviceId,
      JSON.stringify({ ...parsed, ct: `${first}${parsed.ct.slice(1)}` }),
    );
    await expect(menteeSync.collectKey(pair.id)).rejects.toThrow(/does not open/);
    expect((await spaceOf(mentee, pair.id)).key).toBeUndefined();
    expect(await mentee.db.pairs.get(pair.id)).toBeUndefined();
  });

  test('until it is let in, the joining browser syncs nothing and says it is waiting', async () => {
    const { mentee, menteeSync, pair, invite } = await sharedByMentor();
    await menteeSync.joinPair(invite.code, 'Mentee');
    expect(await menteeSync.pull(pair.id)).toMatchObject({ ok: false, kind: 'awaiting_key' });
    expect(await menteeSync.push(pair.id)).toMatchObject({ ok: false, kind: 'awaiting_key' });
    expect(await mentee.db.pairs.get(pair.id)).toBeUndefined();
  });

  test('an invite leaked after it was used gives nothing', async () => {
    const { mentorSync, menteeSync, pair, invite } = await sharedByMentor();
    await joinAndLetIn(mentorSync, menteeSync, pair.id, invite.code, 'Mentee');
    const thief = new SyncEngine(makeStore({ deviceId: 'thief' }), {
      fetch: (menteeSync.options.fetch ?? fetch) as typeof fetch,
    });
    await expect(thief.joinPair(invite.code, 'Thief')).rejects.toThrow(
      /used already or has expired/,
    );
  });

  test('an invite for a pair this browser has asks first, and uploads nothing from here', async () => {
    const { sidecar, mentor, mentorSync, pair, invite } = await sharedByMentor();
    // A former member still holds the pair, with words written after sharing stopped.
    const former = makeStore({ deviceId: 'former' });
    const original = await mentor.db.pairs.get(pair.id);
    if (!original) throw new Error('the pair is gone');
    await former.db.pairs.put(structuredClone(original));
    const formerSession = await ensurePlannedSession(former, pair.id);
    await addAgendaItem(former, formerSession, 'Written after leaving', 'mentee');
    const formerSync = new SyncEngine(former, { fetch: sidecar.fetch });
    await expect(formerSync.joinPair(invite.code, 'Former')).rejects.toMatchObject({
      kind: 'pair_exists',
    });
    await joinAndLetIn(mentorSync, formerSync, pair.id, invite.code, 'Former', { merge: true });
    expect(await former.db.outbox.where('pairId').equals(pair.id).count()).toBe(0);
    const space = await spaceOf(former, pair.id);
    expect(sidecar.log(space.spaceId).some((e) => e.deviceId === space.deviceId)).toBe(false);
  });

  test('a space kept by an earlier Tandem (raw secret) moves into the vault and still syncs', async () => {
    const { mentor, mentee, mentorSync, menteeSync, pair, session, invite } =
      await sharedByMentor();
    await joinAndLetIn(mentorSync, menteeSync, pair.id, invite.code, 'Mentee');
    const space = await spaceOf(mentor, pair.id);
    if (!space.vault || !space.sealedSecret) throw new Error('no vault');
    const raw = toBase64url(await openFromVault(space.vault, space.sealedSecret));
    // As an earlier Tandem wrote it: the raw secret, no vault, no record-id key.
    await mentor.db.syncSpaces.put({
      ...space,
      secret: raw,
      vault: undefined,
      sealedSecret: undefined,
      recordIdKey: undefined,
    });
    await addAgendaItem(mentor, session, 'After the upgrade', 'mentor');
    const again = new SyncEngine(mentor, { fetch: mentorSync.options.fetch });
    expect(await again.push(pair.id)).toMatchObject({ ok: true });
    const upgraded = await spaceOf(mentor, pair.id);
    expect(upgraded.secret).toBeUndefined();
    expect(upgraded.vault?.extractable).toBe(false);
    expect(await menteeSync.pull(pair.id)).toMatchObject({ ok: true });
    expect((await mentee.db.agendaItems.toArray()).map((a) => a.text).sort()).toEqual([
      'After the upgrade',
      'Launch plan',
    ]);
  });
});
