import { t } from '../../i18n';
import type { SyncSpace } from '../../schema/local';
import { type Invite, inviteCode } from '../invite';
import { inviteHash, newExchangeKeyPair } from '../keys';
import { type EngineContext, spaceClient } from './engine-context';
import { SyncError, unwrap } from './failures';
import { pairKeys } from './key-vault';

/**
 * One-time invites a member hands to the other: each carries a token the sidecar knows (hashed)
 * and a one-time exchange key this browser keeps until the device that used it is let in or
 * refused. Separate because both sharing (the first invite) and joining (letting in, refusing)
 * touch the kept invites.
 */

export interface ShareResult {
  code: string;
  expiresAt: string;
}

/** A new one-time invite into a pair shared from here; only a browser with the key can make one. */
export async function createInvite(context: EngineContext, space: SyncSpace): Promise<ShareResult> {
  await pairKeys(context, space);
  const made = unwrap(await spaceClient(context, space).createInvite(space.spaceId));
  const exchange = await newExchangeKeyPair();
  const hash = await inviteHash(made.inviteToken);
  const { db } = context.store;
  await db.transaction('rw', db.syncSpaces, async () => {
    const current = await db.syncSpaces.get(space.id);
    if (!current) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
    const now = new Date().toISOString();
    await db.syncSpaces.update(space.id, {
      invites: [
        ...(current.invites ?? []).filter((i) => i.expiresAt > now),
        { hash, ...exchange, expiresAt: made.expiresAt },
      ],
    });
  });
  const invite: Invite = {
    sidecarUrl: space.sidecarUrl,
    spaceId: space.spaceId,
    inviteToken: made.inviteToken,
    inviterKey: exchange.publicKey,
    pairId: space.id,
  };
  return { code: inviteCode(invite), expiresAt: made.expiresAt };
}

/** A new one-time invite into a pair shared already (the last one was used or expired). */
export async function inviteAgain(context: EngineContext, pairId: string): Promise<ShareResult> {
  const space = await context.store.db.syncSpaces.get(pairId);
  if (!space) throw new SyncError(t('syncErrors.notShared'), 'not_shared');
  return createInvite(context, space);
}

/** Forgets an invite's one-time key once its device is in or refused, and every expired one. */
export async function forgetInvite(
  context: EngineContext,
  pairId: string,
  hash: string,
): Promise<void> {
  const { db } = context.store;
  await db.transaction('rw', db.syncSpaces, async () => {
    const current = await db.syncSpaces.get(pairId);
    if (!current) return;
    const now = new Date().toISOString();
    await db.syncSpaces.update(pairId, {
      invites: (current.invites ?? []).filter((i) => i.hash !== hash && i.expiresAt > now),
    });
  });
}
