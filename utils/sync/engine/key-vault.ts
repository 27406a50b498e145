import { t } from '../../i18n';
import type { SyncSpace } from '../../schema/local';
import { derivePairKeys, fromBase64url, type PairKeys } from '../crypto';
import { joinSecrets, rosterKey } from '../epochs';
import { newVaultKey, openFromVault, sealInVault } from '../keys';
import type { EngineContext } from './engine-context';
import { SyncError } from './failures';

/**
 * The pair's keys as this browser keeps them: non-extractable content and record-id keys on the
 * space row, and every epoch's raw secret sealed under a vault key, opened in memory only to seal
 * it for another device. Separate from key-epochs.ts (which decides when keys change) because
 * push, pull, sharing and joining all read keys here and must not care how they are stored.
 */

/** The keys that seal and open this pair's records now; fails loudly when this browser has none. */
export async function pairKeys(context: EngineContext, space: SyncSpace): Promise<PairKeys> {
  if (space.key && space.recordIdKey) return { content: space.key, recordIds: space.recordIdKey };
  if (space.secret) return intoVault(context, space, space.secret);
  throw space.join
    ? new SyncError(t('syncErrors.awaitingKey'), 'awaiting_key')
    : new SyncError(t('syncErrors.keyIncomplete'));
}

/**
 * A space written by a Tandem before the vault kept the raw secret: derive the non-extractable
 * keys, seal the secret under a new vault key, and remove the raw secret.
 */
function intoVault(context: EngineContext, space: SyncSpace, secret: string): Promise<PairKeys> {
  let keys = context.vaulting.get(space.id);
  if (!keys) {
    keys = (async () => {
      const raw = fromBase64url(secret);
      const derived = await derivePairKeys(raw);
      const vault = await newVaultKey();
      const sealedSecret = await sealInVault(vault, raw);
      await context.store.db.syncSpaces.update(space.id, {
        key: derived.content,
        recordIdKey: derived.recordIds,
        vault,
        sealedSecret,
        secret: undefined,
      });
      return derived;
    })();
    context.vaulting.set(space.id, keys);
    void keys.finally(() => context.vaulting.delete(space.id));
  }
  return keys;
}

/** The raw pair secret, opened from the vault in memory: only to seal it for a new device. */
export async function rawSecret(
  context: EngineContext,
  space: SyncSpace,
): Promise<Uint8Array<ArrayBuffer>> {
  if (space.secret) {
    await intoVault(context, space, space.secret);
    return fromBase64url(space.secret);
  }
  if (!space.vault || !space.sealedSecret) throw new SyncError(t('syncErrors.keyIncomplete'));
  return openFromVault(space.vault, space.sealedSecret);
}

/**
 * Keeps every epoch's keys: the content key of each (the newest one writes), the record-id
 * and roster keys of the first, and all the secrets sealed in the vault. Returns the space as
 * written (undefined when sharing stopped meanwhile), so a caller need not read it again.
 */
export async function installSecrets(
  context: EngineContext,
  pairId: string,
  secrets: Uint8Array[],
  extra: Partial<SyncSpace> = {},
): Promise<SyncSpace | undefined> {
  const first = secrets[0];
  if (!first) throw new SyncError(t('syncErrors.keyIncomplete'));
  const { db } = context.store;
  const derived = await Promise.all(secrets.map((secret) => derivePairKeys(secret)));
  const epoch = secrets.length - 1;
  // The vault key is read from the row, not from a copy the caller holds: an old raw secret
  // may have moved into a new vault since that copy was read.
  const current = await db.syncSpaces.get(pairId);
  const vault = current?.vault ?? (await newVaultKey());
  const changes: Partial<SyncSpace> = {
    key: derived[epoch]?.content,
    recordIdKey: derived[0]?.recordIds,
    epoch,
    epochKeys: Object.fromEntries(derived.slice(0, -1).map((k, index) => [index, k.content])),
    rosterKey: await rosterKey(first),
    vault,
    sealedSecret: await sealInVault(vault, joinSecrets(secrets)),
    ...extra,
  };
  await db.syncSpaces.update(pairId, changes);
  return current && { ...current, ...changes };
}

/** The content key that opens an envelope of this epoch, if this browser holds it. */
export function contentKey(space: SyncSpace, epoch: number): CryptoKey | undefined {
  if (epoch === (space.epoch ?? 0)) return space.key;
  return space.epochKeys?.[String(epoch)];
}
