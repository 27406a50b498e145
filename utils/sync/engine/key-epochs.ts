import { t } from '../../i18n';
import type { SyncSpace } from '../../schema/local';
import { createPairSecret } from '../crypto';
import {
  checkKeyProof,
  keyProof,
  MAX_EPOCHS,
  openEpochSecret,
  sealEpochSecret,
  splitSecrets,
} from '../epochs';
import { newExchangeKeyPair } from '../keys';
import { type EngineContext, spaceClient } from './engine-context';
import { failureAdvice, SyncError, unwrap } from './failures';
import { installSecrets, rawSecret } from './key-vault';

/**
 * When the pair's keys change (utils/sync/epochs.ts has the cryptography): this device publishes
 * its long-term key with a proof, pins the other devices' keys that verify, takes the epochs
 * other members made, and when a device whose key it pinned is gone moves the pair to a new epoch
 * that device never receives. Separate from key-vault.ts (how keys are kept) because this is the
 * policy: who gets the next secret, and what counts as the sidecar's doing.
 */

/**
 * Publishes this device's long-term public key with its proof, once. Returns the space as it is
 * afterwards (undefined when sharing stopped meanwhile).
 */
export async function publishDeviceKey(
  context: EngineContext,
  space: SyncSpace,
): Promise<SyncSpace | undefined> {
  if (space.join || space.deviceKeyPublished) return space;
  const current =
    space.deviceKey && space.rosterKey
      ? space
      : await installSecrets(context, space.id, splitSecrets(await rawSecret(context, space)), {
          deviceKey: space.deviceKey ?? (await newExchangeKeyPair()),
        });
  if (!current?.deviceKey || !current.rosterKey) return current;
  const { publicKey } = current.deviceKey;
  const proof = await keyProof(current.rosterKey, current.spaceId, current.deviceId, publicKey);
  const answer = await spaceClient(context, current).putDeviceKey(
    current.spaceId,
    publicKey,
    proof,
  );
  // 409: the sidecar holds another key for this device; nothing this browser can change.
  if (answer.ok || answer.status === 409) {
    await context.store.db.syncSpaces.update(current.id, { deviceKeyPublished: true });
    return { ...current, deviceKeyPublished: true };
  }
  throw new SyncError(failureAdvice(answer), answer.kind);
}

/**
 * Looks after the pair's keys: publishes this device's key, pins the other devices' keys that
 * verify, takes the epochs other members made, and moves to a new epoch when a pinned device is
 * gone (removed, or it left). At most every `keyCheckMs` unless forced. Reads the space once;
 * each step that writes it hands on the space as written.
 */
export async function keepKeys(
  context: EngineContext,
  pairId: string,
  force = false,
): Promise<void> {
  const now = Date.now();
  const last = context.keysCheckedAt.get(pairId);
  if (!force && last !== undefined && now - last < (context.options.keyCheckMs ?? 60_000)) return;
  context.keysCheckedAt.set(pairId, now);
  const stored = await context.store.db.syncSpaces.get(pairId);
  if (!stored || stored.join) return;
  const space = await publishDeviceKey(context, stored);
  if (!space?.deviceKey || !space.rosterKey) return;
  const client = spaceClient(context, space);
  const [keysAnswer, devicesAnswer] = await Promise.all([
    client.deviceKeys(space.spaceId),
    client.devices(space.spaceId),
  ]);
  const published = unwrap(keysAnswer).keys;
  const listing = unwrap(devicesAnswer).devices;
  // Pin the keys that verify; a second key for a pinned device is the sidecar's doing.
  const roster = { ...space.roster };
  let tampered = false;
  for (const entry of published) {
    if (entry.deviceId === space.deviceId || roster[entry.deviceId] === entry.publicKey) continue;
    const proven = await checkKeyProof(
      space.rosterKey,
      space.spaceId,
      entry.deviceId,
      entry.publicKey,
      entry.proof,
    );
    if (!proven || roster[entry.deviceId]) tampered = true;
    else roster[entry.deviceId] = entry.publicKey;
  }
  const present = new Set(listing.filter((d) => !d.revoked).map((d) => d.deviceId));
  const gone = Object.keys(roster).filter((id) => !present.has(id));
  await context.store.db.syncSpaces.update(pairId, {
    roster,
    ...(tampered && { integrity: { kind: 'tampered' as const, at: context.store.now() } }),
  });
  const pinned = { ...space, roster };
  // Epochs another member made: each opens only with the key pinned for its sender. One taken
  // left out every device gone by then; one that does not open is reported, not replaced.
  if ((await takeEpochs(context, pinned, gone)) !== 'none') return;
  const excluded = new Set(pinned.excluded ?? []);
  if (gone.every((id) => excluded.has(id))) return;
  await newEpoch(context, pinned, present, gone);
}

/** Takes the next epochs sealed for this device; 'conflict' when one does not open. */
async function takeEpochs(
  context: EngineContext,
  space: SyncSpace,
  gone: string[],
): Promise<'taken' | 'none' | 'conflict'> {
  if (!space.deviceKey) return 'none';
  const roster = space.roster ?? {};
  const held = (space.epoch ?? 0) + 1;
  const { grants } = unwrap(
    await spaceClient(context, space).epochKeys(space.spaceId, space.epoch ?? 0),
  );
  let secrets: Uint8Array[] | undefined;
  for (const grant of [...grants].sort((a, b) => a.epoch - b.epoch)) {
    if (grant.epoch !== (secrets?.length ?? held)) continue;
    const sender = roster[grant.grantedBy];
    if (!sender) continue;
    try {
      const secret = await openEpochSecret(
        grant.sealed,
        { deviceId: space.deviceId, key: space.deviceKey },
        { deviceId: grant.grantedBy, publicKey: sender },
        space.spaceId,
        grant.epoch,
      );
      secrets ??= splitSecrets(await rawSecret(context, space));
      secrets.push(secret);
    } catch {
      await context.store.db.syncSpaces.update(space.id, {
        integrity: { kind: 'tampered', at: context.store.now() },
      });
      return 'conflict';
    }
  }
  if (!secrets) return 'none';
  // The member who moved on left out the devices gone by then.
  await installSecrets(context, space.id, secrets, {
    excluded: [...new Set([...(space.excluded ?? []), ...gone])],
  });
  return 'taken';
}

/** A new epoch: a new secret sealed for every remaining device whose key is pinned. */
async function newEpoch(
  context: EngineContext,
  space: SyncSpace,
  present: Set<string>,
  gone: string[],
): Promise<void> {
  if (!space.deviceKey) return;
  const secrets = splitSecrets(await rawSecret(context, space));
  if (secrets.length >= MAX_EPOCHS) throw new SyncError(t('syncErrors.tooManyEpochs'));
  const epoch = secrets.length;
  const secret = createPairSecret();
  const from = { deviceId: space.deviceId, key: space.deviceKey };
  const grants = [];
  for (const [deviceId, publicKey] of Object.entries(space.roster ?? {})) {
    if (!present.has(deviceId) || deviceId === space.deviceId) continue;
    grants.push({
      deviceId,
      sealed: await sealEpochSecret(secret, from, { deviceId, publicKey }, space.spaceId, epoch),
    });
  }
  if (grants.length > 0) {
    const answer = await spaceClient(context, space).grantEpoch(space.spaceId, epoch, grants);
    if (!answer.ok) {
      // Another member moved on first: take theirs.
      if (answer.status === 409) {
        await takeEpochs(context, space, gone);
        return;
      }
      throw new SyncError(failureAdvice(answer), answer.kind);
    }
  }
  await installSecrets(context, space.id, [...secrets, secret], {
    excluded: [...new Set([...(space.excluded ?? []), ...gone])],
  });
}
