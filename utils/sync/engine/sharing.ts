import { t } from '../../i18n';
import type { SyncSpace } from '../../schema/local';
import { sharedTables } from '../../schema/tables';
import { createPairSecret, derivePairKeys } from '../crypto';
import { rosterKey } from '../epochs';
import { newExchangeKeyPair, newVaultKey, sealInVault } from '../keys';
import { type EngineContext, sidecarAt, spaceClient } from './engine-context';
import { SyncError, unwrap } from './failures';
import { createInvite, type ShareResult } from './invites';
import { publishDeviceKey } from './key-epochs';
import { queuePair } from './outbox';

/**
 * A pair's life on a sidecar as the member who shares it sees it: making its space and secret,
 * the devices in it, removing one, and leaving. Separate from joining.ts (a device coming in)
 * and from push and pull (what flows once it is shared).
 */

export interface DeviceListing {
  deviceId: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revoked: boolean;
  thisDevice: boolean;
}

/**
 * Shares a pair: makes a space on the sidecar and a pair secret, keeps both here, queues every
 * shared record of the pair for the first push, and returns an invite for the other member.
 * createToken: the sidecar's creation token, when its operator set one.
 */
export async function sharePair(
  context: EngineContext,
  pairId: string,
  sidecarUrl: string,
  deviceName: string,
  createToken?: string,
): Promise<ShareResult> {
  const { db } = context.store;
  const pair = await db.pairs.get(pairId);
  if (!pair || pair.deleted) throw new SyncError(t('records.gone.pairs'));
  if (await db.syncSpaces.get(pairId)) {
    throw new SyncError(t('syncErrors.sharedAlready'));
  }
  const created = unwrap(
    await sidecarAt(context, sidecarUrl).createSpace(deviceName.slice(0, 100), createToken?.trim()),
  );
  const secret = createPairSecret();
  const keys = await derivePairKeys(secret);
  const vault = await newVaultKey();
  const space: SyncSpace = {
    id: pairId,
    sidecarUrl,
    spaceId: created.spaceId,
    deviceId: created.deviceId,
    deviceToken: created.deviceToken,
    key: keys.content,
    recordIdKey: keys.recordIds,
    epoch: 0,
    rosterKey: await rosterKey(secret),
    deviceKey: await newExchangeKeyPair(),
    vault,
    sealedSecret: await sealInVault(vault, secret),
    cursor: 0,
    lastMutationId: 0,
  };
  await db.transaction(
    'rw',
    [db.syncSpaces, db.outbox, ...Object.keys(sharedTables).map((name) => db.table(name))],
    async () => {
      await db.syncSpaces.put(space);
      await queuePair(context, pairId);
    },
  );
  await publishDeviceKey(context, space).catch(() => undefined);
  return createInvite(context, space);
}

export async function listDevices(
  context: EngineContext,
  pairId: string,
): Promise<DeviceListing[]> {
  const space = await context.store.db.syncSpaces.get(pairId);
  if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
  const { devices } = unwrap(await spaceClient(context, space).devices(space.spaceId));
  return devices.map((device) => ({ ...device, thisDevice: device.deviceId === space.deviceId }));
}

/**
 * Cuts another device off the pair (its token stops working at once). Returns 'this device',
 * and does nothing, when asked to remove this browser's own: that is leaving (stopSharing).
 */
export async function removeDevice(
  context: EngineContext,
  pairId: string,
  deviceId: string,
): Promise<'removed' | 'this device'> {
  const space = await context.store.db.syncSpaces.get(pairId);
  if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
  if (deviceId === space.deviceId) return 'this device';
  unwrap(await spaceClient(context, space).revokeDevice(space.spaceId, deviceId));
  return 'removed';
}

/**
 * Leaves the pair's space: this browser stops syncing it and forgets the token and the key.
 * Everything the pair holds stays here. Returns false when the sidecar could not be told
 * (then the other member can remove this device from their list).
 */
export async function stopSharing(context: EngineContext, pairId: string): Promise<boolean> {
  const { db } = context.store;
  const space = await db.syncSpaces.get(pairId);
  if (!space) return true;
  const left = await spaceClient(context, space).leave(space.spaceId);
  context.unanswered.delete(pairId);
  await db.transaction('rw', db.syncSpaces, db.outbox, async () => {
    await db.syncSpaces.delete(pairId);
    await db.outbox.where('pairId').equals(pairId).delete();
  });
  return left.ok || left.kind === 'unauthorized';
}
