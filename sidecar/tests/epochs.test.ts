import { join } from 'node:path';
import type { DeviceCredentials } from '@tandem/protocol';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { runCommand } from '../src/commands';
import { SQLITE_FILE_NAME } from '../src/store/sqlite';
import { newServerId } from '../src/tokens';
import { bearer, createSpace, inviteAndJoin, makeTestApp, type TestApp } from './helpers/test-app';

/**
 * Device keys and key epochs over HTTP (@tandem/protocol; the stores' side is in
 * store-contract.ts): a device publishes its own key once, an epoch's secret is given to present
 * devices all or none, and each device reads only what was sealed for it.
 */

let sidecar: TestApp | undefined;
afterEach(async () => {
  await sidecar?.close();
  sidecar = undefined;
});

function start(options: Parameters<typeof makeTestApp>[0] = {}): TestApp {
  sidecar = makeTestApp(options);
  return sidecar;
}

const publicKey = (c: string) => `B${c.repeat(86)}`;
const proof = (c: string) => c.repeat(43);
const sealed = (c: string) => ({ iv: 'A'.repeat(16), ct: c.repeat(64) });
const keyBody = (c: string) => ({ publicKey: publicKey(c), proof: proof(c) });

function app() {
  if (!sidecar) throw new Error('start() first');
  return sidecar.app;
}

function putKey(device: DeviceCredentials, payload: unknown, spaceId = device.spaceId) {
  return app().inject({
    method: 'PUT',
    url: `/v1/spaces/${spaceId}/device-key`,
    headers: bearer(device.deviceToken),
    payload: payload as object,
  });
}

function listKeys(device: DeviceCredentials, spaceId = device.spaceId) {
  return app().inject({
    method: 'GET',
    url: `/v1/spaces/${spaceId}/device-keys`,
    headers: bearer(device.deviceToken),
  });
}

function grant(
  device: DeviceCredentials,
  epoch: string | number,
  payload: unknown,
  spaceId = device.spaceId,
) {
  return app().inject({
    method: 'POST',
    url: `/v1/spaces/${spaceId}/epochs/${epoch}/keys`,
    headers: bearer(device.deviceToken),
    payload: payload as object,
  });
}

const grantsTo = (...to: { deviceId: string; c: string }[]) => ({
  grants: to.map(({ deviceId, c }) => ({ deviceId, sealed: sealed(c) })),
});

function epochKeys(device: DeviceCredentials, query = '', spaceId = device.spaceId) {
  return app().inject({
    method: 'GET',
    url: `/v1/spaces/${spaceId}/epoch-keys${query}`,
    headers: bearer(device.deviceToken),
  });
}

async function myGrants(device: DeviceCredentials, query = '') {
  const response = await epochKeys(device, query);
  expect(response.statusCode).toBe(200);
  return response.json().grants as { epoch: number; sealed: unknown; grantedBy: string }[];
}

function removeDevice(owner: DeviceCredentials, deviceId: string) {
  return app().inject({
    method: 'DELETE',
    url: `/v1/spaces/${owner.spaceId}/devices/${deviceId}`,
    headers: bearer(owner.deviceToken),
  });
}

/** Rows of the epoch tables as the SQLite file holds them, read past the API. */
function rowsOf(
  table: 'device_keys' | 'epoch_keys',
  where: { spaceId: string; deviceId?: string },
) {
  if (!sidecar) throw new Error('start() first');
  const db = new Database(join(sidecar.dataDir, SQLITE_FILE_NAME), { readonly: true });
  try {
    const sql = `SELECT COUNT(*) AS count FROM ${table} WHERE space_id = ?${
      where.deviceId === undefined ? '' : ' AND device_id = ?'
    }`;
    const args = where.deviceId === undefined ? [where.spaceId] : [where.spaceId, where.deviceId];
    return (db.prepare(sql).get(...args) as { count: number }).count;
  } finally {
    db.close();
  }
}

async function pairOfThree() {
  start();
  const mentor = await createSpace(app());
  const mentee = await inviteAndJoin(app(), mentor, 'Mentee laptop');
  const old = await inviteAndJoin(app(), mentor, 'Old laptop');
  return { mentor, mentee, old };
}

/** Each device's key published and epoch 1 given to all three by the mentor. */
async function keyedPair() {
  const pair = await pairOfThree();
  const { mentor, mentee, old } = pair;
  for (const [device, c] of [
    [mentor, 'a'],
    [mentee, 'b'],
    [old, 'c'],
  ] as const) {
    expect((await putKey(device, keyBody(c))).statusCode).toBe(204);
  }
  const given = await grant(
    mentor,
    1,
    grantsTo(
      { deviceId: mentor.deviceId, c: 'a' },
      { deviceId: mentee.deviceId, c: 'b' },
      { deviceId: old.deviceId, c: 'c' },
    ),
  );
  expect(given.statusCode).toBe(204);
  return pair;
}

describe('device keys', () => {
  test('a device publishes its own key once: the same again is 204, another 409', async () => {
    const { mentor, mentee, old } = await pairOfThree();
    const first = await putKey(mentee, keyBody('m'));
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe('');
    expect((await putKey(mentee, keyBody('m'))).statusCode).toBe(204);
    for (const other of [
      keyBody('x'),
      { publicKey: publicKey('m'), proof: proof('x') },
      { publicKey: publicKey('x'), proof: proof('m') },
    ]) {
      const swap = await putKey(mentee, other);
      expect(swap.statusCode).toBe(409);
      expect(swap.json().error.code).toBe('conflict');
    }
    expect((await putKey(old, keyBody('o'))).statusCode).toBe(204);

    // Any device of the space reads them, the first key kept, ordered by device id; the mentor
    // has published none and is not listed.
    const listed = await listKeys(mentor);
    expect(listed.statusCode).toBe(200);
    const expected = [
      { deviceId: mentee.deviceId, publicKey: publicKey('m'), proof: proof('m') },
      { deviceId: old.deviceId, publicKey: publicKey('o'), proof: proof('o') },
    ].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
    expect(listed.json()).toEqual({ keys: expected });
    expect((await listKeys(old)).json()).toEqual({ keys: expected });
  });

  test('a removed device’s key is no longer listed, and it can no longer publish one', async () => {
    const { mentor, mentee, old } = await pairOfThree();
    await putKey(mentee, keyBody('m'));
    await putKey(old, keyBody('o'));
    expect((await removeDevice(mentor, old.deviceId)).statusCode).toBe(204);
    expect(
      (await listKeys(mentor)).json().keys.map((k: { deviceId: string }) => k.deviceId),
    ).toEqual([mentee.deviceId]);
    expect((await putKey(old, keyBody('o'))).statusCode).toBe(401);
    expect((await listKeys(old)).statusCode).toBe(401);
  });
});

describe('key epochs', () => {
  test('an epoch given to present devices is read by each of them, and only by them', async () => {
    const { mentor, mentee, old } = await keyedPair();
    // Another device gives epoch 2 to the mentor and to itself (its own copy is allowed).
    expect(
      (
        await grant(
          mentee,
          2,
          grantsTo({ deviceId: mentor.deviceId, c: 'd' }, { deviceId: mentee.deviceId, c: 'e' }),
        )
      ).statusCode,
    ).toBe(204);

    expect(await myGrants(mentor)).toEqual([
      { epoch: 1, sealed: sealed('a'), grantedBy: mentor.deviceId },
      { epoch: 2, sealed: sealed('d'), grantedBy: mentee.deviceId },
    ]);
    expect(await myGrants(mentee)).toEqual([
      { epoch: 1, sealed: sealed('b'), grantedBy: mentor.deviceId },
      { epoch: 2, sealed: sealed('e'), grantedBy: mentee.deviceId },
    ]);
    // The old laptop was left out of epoch 2 and sees nothing of it.
    expect(await myGrants(old)).toEqual([
      { epoch: 1, sealed: sealed('c'), grantedBy: mentor.deviceId },
    ]);
    // `after` is a cursor: epochs above it only; absent, it is 0.
    expect(await myGrants(mentee, '?after=1')).toEqual([
      { epoch: 2, sealed: sealed('e'), grantedBy: mentee.deviceId },
    ]);
    expect(await myGrants(mentee, '?after=0')).toHaveLength(2);
    expect(await myGrants(mentee, '?after=2')).toEqual([]);
    expect(await myGrants(mentee, '?after=1000000')).toEqual([]);
  });

  test('the largest epoch is given; answers come oldest first whatever the order given', async () => {
    start();
    const mentor = await createSpace(app());
    for (const epoch of [1_000_000, 7, 3]) {
      const given = await grant(mentor, epoch, grantsTo({ deviceId: mentor.deviceId, c: 'k' }));
      expect(given.statusCode).toBe(204);
    }
    expect((await myGrants(mentor)).map((g) => g.epoch)).toEqual([3, 7, 1_000_000]);
    expect((await myGrants(mentor, '?after=7')).map((g) => g.epoch)).toEqual([1_000_000]);
  });

  test('a grant to a removed, unknown or foreign device is 404, and none of it is stored', async () => {
    const { mentor, mentee, old } = await pairOfThree();
    const stranger = await createSpace(app(), 'Stranger');
    expect((await removeDevice(mentor, old.deviceId)).statusCode).toBe(204);
    for (const missing of [old.deviceId, newServerId(), stranger.deviceId]) {
      const refused = await grant(
        mentor,
        1,
        grantsTo({ deviceId: mentee.deviceId, c: 'm' }, { deviceId: missing, c: 'x' }),
      );
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe('not_found');
    }
    // The valid grant in the same requests was not kept.
    expect(await myGrants(mentee)).toEqual([]);
    expect(rowsOf('epoch_keys', { spaceId: mentor.spaceId })).toBe(0);
    // So epoch 1 can still be given to the mentee.
    expect(
      (await grant(mentor, 1, grantsTo({ deviceId: mentee.deviceId, c: 'm' }))).statusCode,
    ).toBe(204);
    expect(await myGrants(mentee)).toEqual([
      { epoch: 1, sealed: sealed('m'), grantedBy: mentor.deviceId },
    ]);
  });

  test('an (epoch, device) given already is 409 and nothing of the request is stored', async () => {
    const { mentor, mentee, old } = await pairOfThree();
    expect(
      (await grant(mentor, 1, grantsTo({ deviceId: mentee.deviceId, c: 'm' }))).statusCode,
    ).toBe(204);
    // The old laptop tries to give epoch 1 again: to itself (new) and to the mentee (a swap).
    const swap = await grant(
      old,
      1,
      grantsTo({ deviceId: old.deviceId, c: 'o' }, { deviceId: mentee.deviceId, c: 's' }),
    );
    expect(swap.statusCode).toBe(409);
    expect(swap.json().error.code).toBe('conflict');
    // The same device twice in one request is refused alike.
    const twice = await grant(
      mentor,
      2,
      grantsTo({ deviceId: old.deviceId, c: 'o' }, { deviceId: old.deviceId, c: 'p' }),
    );
    expect(twice.statusCode).toBe(409);
    expect(await myGrants(old)).toEqual([]);
    expect(await myGrants(mentee)).toEqual([
      { epoch: 1, sealed: sealed('m'), grantedBy: mentor.deviceId },
    ]);
    expect(rowsOf('epoch_keys', { spaceId: mentor.spaceId })).toBe(1);
  });

  test('a space’s epoch keys are held to its quota: 413 and nothing stored', async () => {
    start({ limits: { spaceQuota: { maxBytes: 1e6, maxRecords: 2 } } });
    const mentor = await createSpace(app());
    const mentee = await inviteAndJoin(app(), mentor);
    const both = grantsTo(
      { deviceId: mentor.deviceId, c: 'a' },
      { deviceId: mentee.deviceId, c: 'b' },
    );
    expect((await grant(mentor, 1, both)).statusCode).toBe(204);
    const over = await grant(mentor, 2, both);
    expect(over.statusCode).toBe(413);
    expect(over.json().error.code).toBe('quota_exceeded');
    expect(rowsOf('epoch_keys', { spaceId: mentor.spaceId })).toBe(2);
  });
});

describe('who may use these routes', () => {
  test('another space’s token is 403 on every route, and changes nothing', async () => {
    const { mentor, mentee } = await pairOfThree();
    const stranger = await createSpace(app(), 'Stranger');
    const here = mentor.spaceId;
    const answers = [
      await putKey(stranger, keyBody('s'), here),
      await listKeys(stranger, here),
      await grant(stranger, 1, grantsTo({ deviceId: mentee.deviceId, c: 's' }), here),
      await epochKeys(stranger, '', here),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(403);
      expect(answer.json().error.code).toBe('forbidden');
    }
    // Also for a space that does not exist: no answer tells which spaces do.
    expect((await listKeys(stranger, newServerId())).statusCode).toBe(403);
    expect(rowsOf('device_keys', { spaceId: here })).toBe(0);
    expect(rowsOf('epoch_keys', { spaceId: here })).toBe(0);
    expect(rowsOf('device_keys', { spaceId: stranger.spaceId })).toBe(0);
  });

  test('no token, or a removed device’s, is 401', async () => {
    const { mentor, old } = await pairOfThree();
    const anonymous = await app().inject({
      method: 'GET',
      url: `/v1/spaces/${mentor.spaceId}/epoch-keys`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await removeDevice(mentor, old.deviceId)).statusCode).toBe(204);
    expect((await epochKeys(old)).statusCode).toBe(401);
    expect((await grant(old, 1, grantsTo({ deviceId: mentor.deviceId, c: 'o' }))).statusCode).toBe(
      401,
    );
    expect(await myGrants(mentor)).toEqual([]);
  });

  test('malformed bodies, epochs and cursors are 400 and store nothing', async () => {
    const { mentor, mentee } = await pairOfThree();
    const ok = grantsTo({ deviceId: mentee.deviceId, c: 'm' });
    for (const epoch of [
      '0',
      '1e3',
      '-1',
      '+1',
      '1.0',
      '0x10',
      '1000001',
      '9999999999999999',
      'x',
    ]) {
      const refused = await grant(mentor, epoch, ok);
      expect(refused.statusCode, epoch).toBe(400);
      expect(refused.json().error.code).toBe('bad_request');
    }
    const one = ok.grants[0];
    for (const payload of [
      {},
      { grants: [] },
      { grants: 'all' },
      { grants: [{ deviceId: mentee.deviceId }] },
      { grants: [{ deviceId: 'not-an-id', sealed: sealed('m') }] },
      { grants: [{ deviceId: mentee.deviceId, sealed: { iv: 'short', ct: 'x' } }] },
      {
        grants: [{ deviceId: mentee.deviceId, sealed: { iv: 'A'.repeat(16), ct: 'm'.repeat(63) } }],
      },
      { grants: Array.from({ length: 51 }, () => one) },
    ]) {
      const refused = await grant(mentor, 1, payload);
      expect(refused.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
    }
    for (const payload of [
      {},
      { publicKey: 'short', proof: proof('p') },
      { publicKey: publicKey('k') },
      { publicKey: publicKey('k'), proof: proof('p').slice(1) },
      { publicKey: publicKey('k'), proof: `${proof('p').slice(1)}=` },
    ]) {
      expect((await putKey(mentor, payload)).statusCode).toBe(400);
    }
    for (const query of [
      '?after=-1',
      '?after=1e3',
      '?after=x',
      '?after=1000001',
      '?after=1&after=2',
    ]) {
      const refused = await epochKeys(mentor, query);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().error.code).toBe('bad_request');
    }
    expect(rowsOf('device_keys', { spaceId: mentor.spaceId })).toBe(0);
    expect(rowsOf('epoch_keys', { spaceId: mentor.spaceId })).toBe(0);
    // A grant may not name more devices than the protocol allows, but 50 is fine as a shape:
    // here they are unknown devices, so 404 and not 400.
    const fifty = {
      grants: Array.from({ length: 50 }, () => ({ deviceId: newServerId(), sealed: sealed('m') })),
    };
    expect((await grant(mentor, 1, fifty)).statusCode).toBe(404);
  });
});

describe('removal takes the rows with it', () => {
  test('removing a device deletes its key and the epochs sealed for it, in the same step', async () => {
    const { mentor, mentee, old } = await keyedPair();
    expect(rowsOf('device_keys', { spaceId: mentor.spaceId, deviceId: old.deviceId })).toBe(1);
    expect(rowsOf('epoch_keys', { spaceId: mentor.spaceId, deviceId: old.deviceId })).toBe(1);
    expect((await removeDevice(mentor, old.deviceId)).statusCode).toBe(204);
    expect(rowsOf('device_keys', { spaceId: mentor.spaceId, deviceId: old.deviceId })).toBe(0);
    expect(rowsOf('epoch_keys', { spaceId: mentor.spaceId, deviceId: old.deviceId })).toBe(0);
    // The others keep theirs; a new epoch without the removed device goes on.
    expect(rowsOf('device_keys', { spaceId: mentor.spaceId })).toBe(2);
    expect(await myGrants(mentee)).toHaveLength(1);
    expect(
      (
        await grant(
          mentor,
          2,
          grantsTo({ deviceId: mentor.deviceId, c: 'x' }, { deviceId: mentee.deviceId, c: 'y' }),
        )
      ).statusCode,
    ).toBe(204);
  });

  test('a member leaving deletes its rows; the last owner leaving deletes the space’s', async () => {
    const { mentor, mentee } = await keyedPair();
    const leave = (device: DeviceCredentials) =>
      app().inject({
        method: 'POST',
        url: `/v1/spaces/${device.spaceId}/leave`,
        headers: bearer(device.deviceToken),
      });
    expect((await leave(mentee)).statusCode).toBe(204);
    expect(rowsOf('device_keys', { spaceId: mentor.spaceId, deviceId: mentee.deviceId })).toBe(0);
    expect(rowsOf('epoch_keys', { spaceId: mentor.spaceId, deviceId: mentee.deviceId })).toBe(0);
    expect(rowsOf('epoch_keys', { spaceId: mentor.spaceId })).toBe(2);
    expect((await leave(mentor)).statusCode).toBe(204);
    expect(rowsOf('device_keys', { spaceId: mentor.spaceId })).toBe(0);
    expect(rowsOf('epoch_keys', { spaceId: mentor.spaceId })).toBe(0);
  });

  test('deleting the space, or the operator’s delete-space, deletes its rows only', async () => {
    const first = await keyedPair();
    const second = await createSpace(app(), 'Second pair');
    const third = await createSpace(app(), 'Third pair');
    for (const device of [second, third]) {
      expect((await putKey(device, keyBody('z'))).statusCode).toBe(204);
      expect(
        (await grant(device, 1, grantsTo({ deviceId: device.deviceId, c: 'z' }))).statusCode,
      ).toBe(204);
    }
    const deleted = await app().inject({
      method: 'DELETE',
      url: `/v1/spaces/${first.mentor.spaceId}`,
      headers: bearer(first.mentor.deviceToken),
    });
    expect(deleted.statusCode).toBe(204);
    expect(rowsOf('device_keys', { spaceId: first.mentor.spaceId })).toBe(0);
    expect(rowsOf('epoch_keys', { spaceId: first.mentor.spaceId })).toBe(0);

    if (!sidecar) throw new Error('started above');
    expect(await runCommand(sidecar.store, ['delete-space', second.spaceId])).toMatch(
      /deleted space/,
    );
    expect(rowsOf('device_keys', { spaceId: second.spaceId })).toBe(0);
    expect(rowsOf('epoch_keys', { spaceId: second.spaceId })).toBe(0);
    // The third pair is untouched.
    expect(rowsOf('device_keys', { spaceId: third.spaceId })).toBe(1);
    expect(await myGrants(third)).toEqual([
      { epoch: 1, sealed: sealed('z'), grantedBy: third.deviceId },
    ]);
  });
});
