import { t } from '../../i18n';
import type { Role } from '../../schema/common';
import type { SyncSpace } from '../../schema/local';
import type { Failure } from '../client';
import { splitSecrets } from '../epochs';
import type { Invite } from '../invite';
import { newExchangeKeyPair, openSecretFrom, sealSecretFor, verificationCode } from '../keys';
import { type EngineContext, sidecarAt, spaceClient } from './engine-context';
import {
  awaitingKey,
  failureAdvice,
  type NotShared,
  notShared,
  SyncError,
  unwrap,
} from './failures';
import { forgetInvite } from './invites';
import { publishDeviceKey } from './key-epochs';
import { installSecrets, rawSecret } from './key-vault';

/**
 * A second device comes in: it joins with an invite and shows a code; the inviting member sees
 * the same code for that device, compares, and lets it in (or refuses); the joining browser then
 * collects the pair secret, sealed for its own exchange key. Separate from sharing.ts because
 * this is the one exchange where the sidecar could swap keys, and its checks read best together.
 */

/** A device that joined with one of this browser's invites and waits to be let in. */
export interface JoinRequest {
  deviceId: string;
  name: string;
  /** The six digits both members compare. */
  code: string;
}

/**
 * Joins a pair with an invite: becomes a device of the space with a one-time exchange key, and
 * returns the code to compare with the inviting member. Joining a pair this browser has already
 * needs `merge` (the person said yes), and even then nothing from here is sent on its own: only
 * what is changed afterwards.
 */
export async function joinPair(
  context: EngineContext,
  invite: Invite,
  deviceName: string,
  merge: boolean,
): Promise<string> {
  const pairId = invite.pairId;
  const { db } = context.store;
  const existing = await db.syncSpaces.get(pairId);
  if (existing) {
    throw new SyncError(
      existing.spaceId === invite.spaceId
        ? t('syncErrors.joinedAlready')
        : t('syncErrors.sharedFromHere'),
    );
  }
  const here = await db.pairs.get(pairId);
  if (here && !here.deleted && !merge) {
    throw new SyncError(t('sync.join.existing', here.title), 'pair_exists');
  }
  const exchange = await newExchangeKeyPair();
  const joined = unwrap(
    await sidecarAt(context, invite.sidecarUrl).join(
      invite.spaceId,
      invite.inviteToken,
      deviceName.slice(0, 100),
      exchange.publicKey,
    ),
  );
  const code = await verificationCode(
    joined.spaceId,
    joined.deviceId,
    invite.inviterKey,
    exchange.publicKey,
  );
  await db.transaction('rw', db.syncSpaces, db.outbox, async () => {
    await db.syncSpaces.put({
      id: pairId,
      sidecarUrl: invite.sidecarUrl,
      spaceId: joined.spaceId,
      deviceId: joined.deviceId,
      deviceToken: joined.deviceToken,
      join: { ...exchange, inviterKey: invite.inviterKey, code },
      cursor: 0,
      lastMutationId: 0,
    });
    // What this browser wrote before joining stays here: it is not sent on its own.
    await db.outbox.where('pairId').equals(pairId).delete();
  });
  return code;
}

/**
 * For a browser waiting to be let in: asks the sidecar whether the other member has sealed the
 * pair secret for it; opens it (it must open with this browser's own exchange key and the
 * invite's — a key the sidecar made up does not) and keeps it in the vault. True once in.
 */
export async function collectKey(context: EngineContext, pairId: string): Promise<boolean> {
  const space = await context.store.db.syncSpaces.get(pairId);
  if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
  if (!space.join) return true;
  const answer = await spaceClient(context, space).key(space.spaceId);
  if (!answer.ok) {
    if (answer.kind === 'not_found') return false;
    throw new SyncError(failureAdvice(answer), answer.kind);
  }
  const bundle = await openSecretFrom(
    answer.value.sealed,
    { privateKey: space.join.privateKey, publicKey: space.join.publicKey },
    space.join.inviterKey,
    space.spaceId,
    space.deviceId,
  );
  // The key this browser joined with, checked by the codes, stays its device key.
  const installed = await installSecrets(context, pairId, splitSecrets(bundle), {
    deviceKey: { privateKey: space.join.privateKey, publicKey: space.join.publicKey },
    join: undefined,
  });
  if (installed) await publishDeviceKey(context, installed).catch(() => undefined);
  return true;
}

/** The pair's space once this browser is in, collecting the key first if it still waits. */
export async function joinedSpace(
  context: EngineContext,
  pairId: string,
): Promise<SyncSpace | NotShared | Failure> {
  const space = await context.store.db.syncSpaces.get(pairId);
  if (!space) return notShared();
  if (!space.join) return space;
  if (!(await collectKey(context, pairId))) return awaitingKey();
  return (await context.store.db.syncSpaces.get(pairId)) ?? notShared();
}

/**
 * After the key came: this browser's own role in the pair (the inviter's does not apply), and
 * no member picked yet (the inviter's `myMemberId` is the inviter, not this browser's user).
 */
export async function takeRole(context: EngineContext, pairId: string, role: Role): Promise<void> {
  const { db } = context.store;
  await db.transaction('rw', db.pairs, async () => {
    const pair = await db.pairs.get(pairId);
    if (pair && (pair.myRole !== role || pair.myMemberId)) {
      await db.pairs.update(pairId, { myRole: role, myMemberId: undefined });
    }
  });
}

/**
 * Devices that joined with one of this browser's invites and wait to be let in, each with the
 * code to compare. A join whose invite this browser did not make is not listed here.
 */
export async function joinRequests(context: EngineContext, pairId: string): Promise<JoinRequest[]> {
  const space = await context.store.db.syncSpaces.get(pairId);
  if (!space?.invites?.length || !space.key) return [];
  const client = spaceClient(context, space);
  const [joinsAnswer, devicesAnswer] = await Promise.all([
    client.joins(space.spaceId),
    client.devices(space.spaceId),
  ]);
  const joins = unwrap(joinsAnswer);
  const devices = unwrap(devicesAnswer);
  const requests: JoinRequest[] = [];
  for (const join of joins.joins) {
    if (join.granted) continue;
    const invite = space.invites.find((i) => i.hash === join.inviteHash);
    const device = devices.devices.find((d) => d.deviceId === join.deviceId && !d.revoked);
    if (!invite || !device) continue;
    requests.push({
      deviceId: join.deviceId,
      name: device.name,
      code: await verificationCode(space.spaceId, join.deviceId, invite.publicKey, join.publicKey),
    });
  }
  return requests;
}

/**
 * The inviting member compared the codes and they match: seal the pair secret for that
 * device with the invite's one-time key, send it, and forget the one-time key. The public key
 * sealed for is read again here, so what is sealed matches the code that was shown.
 */
export async function letIn(
  context: EngineContext,
  pairId: string,
  deviceId: string,
  shownCode: string,
): Promise<void> {
  const space = await context.store.db.syncSpaces.get(pairId);
  if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
  const client = spaceClient(context, space);
  const join = unwrap(await client.joins(space.spaceId)).joins.find((j) => j.deviceId === deviceId);
  const invite = space.invites?.find((i) => i.hash === join?.inviteHash);
  if (!join || !invite || join.granted) throw new SyncError(t('syncErrors.noJoinRequest'));
  const code = await verificationCode(space.spaceId, deviceId, invite.publicKey, join.publicKey);
  if (code !== shownCode) throw new SyncError(t('syncErrors.codeChanged'));
  const sealed = await sealSecretFor(
    await rawSecret(context, space),
    { privateKey: invite.privateKey, publicKey: invite.publicKey },
    join.publicKey,
    space.spaceId,
    deviceId,
  );
  unwrap(await client.grantKey(space.spaceId, deviceId, sealed));
  // Its key was checked by the codes: pinned now, so a new epoch can be sealed for it.
  await context.store.db.syncSpaces.update(pairId, {
    roster: { ...space.roster, [deviceId]: join.publicKey },
  });
  await forgetInvite(context, pairId, invite.hash);
}

/** The codes differ: the device is removed and its invite's one-time key forgotten. */
export async function refuse(
  context: EngineContext,
  pairId: string,
  deviceId: string,
): Promise<void> {
  const space = await context.store.db.syncSpaces.get(pairId);
  if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
  const client = spaceClient(context, space);
  const join = unwrap(await client.joins(space.spaceId)).joins.find((j) => j.deviceId === deviceId);
  unwrap(await client.revokeDevice(space.spaceId, deviceId));
  if (join) await forgetInvite(context, pairId, join.inviteHash);
}
