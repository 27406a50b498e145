import type { Role } from '../../schema/common';
import type { SyncSpace } from '../../schema/local';
import type { SidecarClient } from '../client';
import { decodeInvite, normalizeSidecarUrl } from '../invite';
import {
  type EngineContext,
  type EngineOptions,
  engineContext,
  type SyncStore,
  spaceClient,
} from './engine-context';
import { dismissWarning } from './integrity';
import { inviteAgain, type ShareResult } from './invites';
import {
  collectKey,
  type JoinRequest,
  joinPair,
  joinRequests,
  letIn,
  refuse,
  takeRole,
} from './joining';
import { keepKeys } from './key-epochs';
import { PairLock } from './pair-lock';
import { type PullOutcome, pull } from './pull';
import { type PushOutcome, push } from './push';
import { type DeviceListing, listDevices, removeDevice, sharePair, stopSharing } from './sharing';

/**
 * Sync of shared pairs with their sidecar, as the options page and the background call it: push
 * what changed here, pull what changed there and merge it in, share a pair, let a device in,
 * leave. Works on the shared database only — private notes and reflections live in a database
 * the engine never opens — and never sees the panel.
 *
 * This class is the engine's one entry point and its only lock holder: every operation that
 * reads and then writes a pair's space runs under that pair's lock (pair-lock.ts), so push, pull
 * and sharing changes of one pair never interleave. The work itself is in the modules beside it,
 * which run under the lock and never take it:
 * - push.ts, pull.ts, merge-page.ts: replication (outbox up, log down, one page per transaction);
 * - record-envelope.ts: what an envelope holds, and the checks an entry passes before merging;
 * - integrity.ts: the writer chains, and the warning when the sidecar rewrote the log;
 * - sharing.ts, invites.ts, joining.ts: making a space, invites, letting a device in, leaving;
 * - key-vault.ts, key-epochs.ts: how keys are kept, and when they change;
 * - engine-context.ts, failures.ts, outbox.ts: what they all share.
 */
export class SyncEngine {
  readonly #context: EngineContext;
  readonly #lock = new PairLock();

  constructor(
    readonly store: SyncStore,
    readonly options: EngineOptions = {},
  ) {
    this.#context = engineContext(store, options);
  }

  /** The sidecar of a shared pair, as this browser's device (the scheduler's event stream). */
  spaceClient(space: SyncSpace): SidecarClient {
    return spaceClient(this.#context, space);
  }

  /* ---------- replication ---------- */

  push(pairId: string): Promise<PushOutcome> {
    return this.#lock.run(pairId, () => push(this.#context, pairId));
  }

  pull(pairId: string): Promise<PullOutcome> {
    return this.#lock.run(pairId, () => pull(this.#context, pairId));
  }

  /** Push, then pull. */
  async sync(pairId: string): Promise<{ push: PushOutcome; pull: PullOutcome | undefined }> {
    const pushed = await this.push(pairId);
    if (!pushed.ok && pushed.kind !== 'payload_too_large' && pushed.kind !== 'bad_request') {
      return { push: pushed, pull: undefined };
    }
    return { push: pushed, pull: await this.pull(pairId) };
  }

  /** The person read the warning about the sidecar: it goes until it is caught again. */
  dismissWarning(pairId: string): Promise<void> {
    return dismissWarning(this.store.db, pairId);
  }

  /* ---------- keys ---------- */

  /**
   * Looks after the pair's keys (key-epochs.ts): publishes this device's key, pins the others',
   * takes epochs other members made, and moves to a new epoch when a device is gone.
   */
  checkKeys(pairId: string): Promise<void> {
    return this.#lock.run(pairId, () => keepKeys(this.#context, pairId, true));
  }

  /* ---------- sharing ---------- */

  /**
   * Shares a pair: makes a space on the sidecar and a pair secret, keeps both here, queues every
   * shared record of the pair for the first push, and returns an invite for the other member.
   * createToken: the sidecar's creation token, when its operator set one.
   */
  async sharePair(
    pairId: string,
    sidecarUrl: string,
    deviceName: string,
    createToken?: string,
  ): Promise<ShareResult> {
    const url = normalizeSidecarUrl(sidecarUrl);
    return this.#lock.run(pairId, () =>
      sharePair(this.#context, pairId, url, deviceName, createToken),
    );
  }

  /** A new one-time invite into a pair shared already (the last one was used or expired). */
  createInvite(pairId: string): Promise<ShareResult> {
    return inviteAgain(this.#context, pairId);
  }

  listDevices(pairId: string): Promise<DeviceListing[]> {
    return listDevices(this.#context, pairId);
  }

  /** Cuts another device off the pair (its token stops working at once); this one's leaves. */
  async revokeDevice(pairId: string, deviceId: string): Promise<void> {
    if ((await removeDevice(this.#context, pairId, deviceId)) === 'this device') {
      await this.stopSharing(pairId);
      return;
    }
    // What is written from now on is sealed under a key the removed device never receives.
    await this.checkKeys(pairId);
  }

  /**
   * Leaves the pair's space, keeping everything the pair holds here. False when the sidecar
   * could not be told (then the other member can remove this device from their list).
   */
  stopSharing(pairId: string): Promise<boolean> {
    return this.#lock.run(pairId, () => stopSharing(this.#context, pairId));
  }

  /* ---------- joining ---------- */

  /**
   * Joins a pair with an invite and returns the code to compare with the inviting member. The
   * pair's key arrives only once they let this browser in (collectKey).
   */
  async joinPair(
    inviteText: string,
    deviceName: string,
    options: { myRole?: Role; merge?: boolean } = {},
  ): Promise<{ pairId: string; code: string }> {
    const invite = decodeInvite(inviteText);
    const pairId = invite.pairId;
    const code = await this.#lock.run(pairId, () =>
      joinPair(this.#context, invite, deviceName, options.merge ?? false),
    );
    // "My role" is this browser's own (merge.ts LOCAL_FIELDS): set once the pair arrived.
    if (options.myRole) this.#context.joinRoles.set(pairId, options.myRole);
    return { pairId, code };
  }

  /** Devices that joined with one of this browser's invites, each with the code to compare. */
  joinRequests(pairId: string): Promise<JoinRequest[]> {
    return joinRequests(this.#context, pairId);
  }

  /** The codes match: the pair secret is sealed for that device. */
  letIn(pairId: string, deviceId: string, shownCode: string): Promise<void> {
    return this.#lock.run(pairId, () => letIn(this.#context, pairId, deviceId, shownCode));
  }

  /** The codes differ: the device is removed. */
  refuse(pairId: string, deviceId: string): Promise<void> {
    return this.#lock.run(pairId, () => refuse(this.#context, pairId, deviceId));
  }

  /** For a browser waiting to be let in: takes the pair secret once it was sealed for it. */
  collectKey(pairId: string): Promise<boolean> {
    return this.#lock.run(pairId, () => collectKey(this.#context, pairId));
  }

  /** After the key came: pull everything, and set this browser's own role in the pair. */
  async afterLetIn(pairId: string, myRole?: Role): Promise<PullOutcome> {
    const pulled = await this.pull(pairId);
    const role = myRole ?? this.#context.joinRoles.get(pairId);
    if (role) await takeRole(this.#context, pairId, role);
    return pulled;
  }
}
