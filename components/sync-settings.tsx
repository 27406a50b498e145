import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import { activePairs, pairById, pendingByPair } from '../utils/queries/pairs';
import { sharedPairsShown } from '../utils/queries/sync-spaces';
import type { Role } from '../utils/schema/common';
import { currentPairId } from '../utils/settings';
import type { SyncStore } from '../utils/sync/engine/engine-context';
import { SyncError } from '../utils/sync/engine/failures';
import type { ShareResult } from '../utils/sync/engine/invites';
import type { JoinRequest } from '../utils/sync/engine/joining';
import type { DeviceListing } from '../utils/sync/engine/sharing';
import { SyncEngine } from '../utils/sync/engine/sync-engine';
import { decodeInvite, sidecarOriginPattern } from '../utils/sync/invite';
import { statusLine, syncStatuses } from '../utils/sync/status';
import { ErrorText } from './controls';
import { JoinPair, WaitingJoin } from './sync/join-pair';
import { InviteCard, SharePair } from './sync/share-pair';
import { DeviceList, JoinRequestCard, KeyCheckWarning, SharedPair } from './sync/shared-pairs';
import { SidecarAddress } from './sync/sidecar-address';
import { useBackgroundPort } from './sync-status';
import { useLive } from './use-live';
import { usePolling } from './use-polling';
import { useSetting } from './use-setting';

export interface SyncSettingsApis {
  store: SyncStore;
  /**
   * Asks the browser for access to a sidecar's origin (its permission prompt); true when
   * granted. Called first thing in a click handler, while the click still counts as one.
   */
  requestOrigin(pattern: string): Promise<boolean>;
}

export const DEFAULT_SIDECAR_URL = 'http://127.0.0.1:8787';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function defaultDeviceName(): string {
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ||
    navigator.platform ||
    '';
  return platform ? t('sync.deviceName', platform).slice(0, 100) : t('extension.name');
}

/** The options page's "Share a pair with your mentor or mentee" section. */
export function SyncSettings({ apis }: { apis: SyncSettingsApis }) {
  const { store } = apis;
  const engine = useMemo(() => new SyncEngine(store), [store]);
  const pairs = useLive(() => activePairs(store.db), [store]);
  // Only what the page shows of each shared pair: never the token or the key.
  const spaces = useLive(() => sharedPairsShown(store.db), [store]);
  const pending = useLive(() => pendingByPair(store.db), [store]);
  const statuses = useSetting(syncStatuses);
  // Wakes the background (it pushes what sharing queued, and listens for the other side).
  useBackgroundPort((spaces?.length ?? 0) > 0);

  const [url, setUrl] = useState<string | null>(null);
  const sidecarUrl = url ?? spaces?.[0]?.sidecarUrl ?? DEFAULT_SIDECAR_URL;
  const [deviceName, setDeviceName] = useState(defaultDeviceName);
  const [pairToShare, setPairToShare] = useState<string>('');
  const [needsToken, setNeedsToken] = useState(false);
  const [createToken, setCreateToken] = useState('');
  const [invite, setInvite] = useState<(ShareResult & { pairId: string }) | null>(null);
  const [joinText, setJoinText] = useState('');
  const [joinRole, setJoinRole] = useState<Role>('mentee');
  const [devices, setDevices] = useState<{ pairId: string; list: DeviceListing[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  /** A join that needs a yes first: the invite's pair is in this browser already. */
  const [confirmMerge, setConfirmMerge] = useState<string | null>(null);
  const [requests, setRequests] = useState<Record<string, JoinRequest[]>>({});
  const [joinRoles] = useState(() => new Map<string, Role>());
  /** Joins the sidecar no longer answers: the other member removed this browser. */
  const [refusedJoins, setRefusedJoins] = useState<Set<string>>(() => new Set());

  // While a browser waits to be let in, ask now and then whether the key came (the background
  // asks too; whichever gets it first, the waiting card goes and "Joined" is said below).
  const waitingIds = (spaces ?? []).filter((s) => s.waiting).map((s) => s.pairId);
  const waitingKey = waitingIds.join(',');
  usePolling(
    waitingKey,
    async (stopped) => {
      for (const pairId of waitingKey.split(',')) {
        try {
          await engine.collectKey(pairId);
        } catch (err) {
          if (stopped()) continue;
          // Removed before it was let in (the codes differed, say): say so on its card.
          if (err instanceof SyncError && err.kind === 'unauthorized') {
            setRefusedJoins((current) => new Set(current).add(pairId));
          } else {
            setError(message(err));
          }
        }
      }
    },
    2000,
    [engine],
  );

  // A pair that was waiting and now is not: this browser was let in.
  const [wasWaiting] = useState(() => new Set<string>());
  useEffect(() => {
    for (const space of spaces ?? []) {
      if (space.waiting) {
        wasWaiting.add(space.pairId);
        continue;
      }
      if (!wasWaiting.delete(space.pairId)) continue;
      const pairId = space.pairId;
      void (async () => {
        const pull = await engine.afterLetIn(pairId, joinRoles.get(pairId));
        await currentPairId.setValue(pairId);
        const title = (await pairById(store.db, pairId))?.title;
        setStatus(
          pull.ok
            ? title
              ? t('sync.joined', title)
              : t('sync.joinedUntitled')
            : t('sync.joinedOffline', pull.message),
        );
      })();
    }
  }, [spaces, engine, store, wasWaiting, joinRoles]);

  // While this browser has invites out, look for devices that joined with them.
  const invitingKey = (spaces ?? [])
    .filter((s) => s.inviting)
    .map((s) => s.pairId)
    .join(',');
  usePolling(
    invitingKey,
    async (stopped) => {
      const found: Record<string, JoinRequest[]> = {};
      for (const pairId of invitingKey.split(',')) {
        try {
          found[pairId] = await engine.joinRequests(pairId);
        } catch {
          found[pairId] = [];
        }
      }
      if (!stopped()) setRequests(found);
    },
    2000,
    [engine],
  );

  const mergeTitle = (() => {
    try {
      const id = confirmMerge ? decodeInvite(confirmMerge).pairId : null;
      return pairs?.find((p) => p.id === id)?.title ?? t('sync.thisPair');
    } catch {
      return t('sync.thisPair');
    }
  })();
  const mergeQuestion = t('sync.join.existing', mergeTitle);
  const sharedIds = new Set(spaces?.map((s) => s.pairId) ?? []);
  const unshared = (pairs ?? []).filter((p) => !sharedIds.has(p.id) && !p.archived);
  const chosen = unshared.find((p) => p.id === pairToShare) ?? unshared[0];
  const titleOf = (pairId: string) =>
    pairs?.find((p) => p.id === pairId)?.title ?? t('sync.thisPair');

  /** A join request let in or refused: off the list at once, not at the next look. */
  const answered = (pairId: string, deviceId: string) =>
    setRequests((current) => ({
      ...current,
      [pairId]: (current[pairId] ?? []).filter((x) => x.deviceId !== deviceId),
    }));

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      await work();
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };

  /** Permission first, synchronously in the click: the prompt needs the user's gesture. */
  const withOrigin = (sidecar: string, work: () => Promise<void>) => {
    let pattern: string;
    try {
      pattern = sidecarOriginPattern(sidecar);
    } catch (err) {
      setError(message(err));
      return;
    }
    const granted = apis.requestOrigin(pattern);
    void act(async () => {
      if (!(await granted)) {
        throw new Error(t('sync.needPermission', pattern.slice(0, -2)));
      }
      await work();
    });
  };

  const share = (event: Event) => {
    event.preventDefault();
    if (!chosen) return;
    const pairId = chosen.id;
    withOrigin(sidecarUrl, async () => {
      try {
        const result = await engine.sharePair(pairId, sidecarUrl, deviceName, createToken);
        setInvite({ ...result, pairId });
        setStatus(t('sync.shared', chosen.title));
      } catch (err) {
        if (err instanceof SyncError && err.kind === 'create_token_required') {
          setNeedsToken(true);
        }
        throw err;
      }
    });
  };

  const join = (event: Event) => {
    event.preventDefault();
    let target: string;
    try {
      target = decodeInvite(joinText).sidecarUrl;
    } catch (err) {
      setError(message(err));
      return;
    }
    const merge = confirmMerge === joinText;
    withOrigin(target, async () => {
      try {
        const { pairId } = await engine.joinPair(joinText, deviceName, {
          myRole: joinRole,
          merge,
        });
        joinRoles.set(pairId, joinRole);
        setJoinText('');
        setConfirmMerge(null);
      } catch (err) {
        if (err instanceof SyncError && err.kind === 'pair_exists') {
          setConfirmMerge(joinText);
          return;
        }
        throw err;
      }
    });
  };

  const copy = (text: string) =>
    void navigator.clipboard.writeText(text).then(
      () => setStatus(t('sync.codeCopied')),
      () => setStatus(t('sync.copyCodeByHand')),
    );

  return (
    <section class="section" aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('sync.heading')}</h2>
      <p class="muted">{t('sync.intro')}</p>
      <SidecarAddress
        sidecarUrl={sidecarUrl}
        deviceName={deviceName}
        onUrl={setUrl}
        onDeviceName={setDeviceName}
      />

      <SharePair
        anyPairs={(pairs?.length ?? 0) > 0}
        unshared={unshared}
        chosen={chosen}
        needsToken={needsToken}
        createToken={createToken}
        disabled={busy || !deviceName.trim()}
        onChoose={setPairToShare}
        onCreateToken={setCreateToken}
        onSubmit={share}
      />
      {invite && <InviteCard invite={invite} title={titleOf(invite.pairId)} onCopy={copy} />}

      <JoinPair
        joinText={joinText}
        joinRole={joinRole}
        confirming={confirmMerge === joinText && joinText !== ''}
        mergeQuestion={mergeQuestion}
        busy={busy}
        canJoin={joinText.trim() !== '' && deviceName.trim() !== ''}
        onText={setJoinText}
        onRole={setJoinRole}
        onCancelMerge={() => setConfirmMerge(null)}
        onSubmit={join}
      />
      {(spaces ?? [])
        .filter((s) => s.waiting)
        .map((s) => (
          <WaitingJoin
            key={s.pairId}
            code={s.waiting ?? ''}
            title={titleOf(s.pairId)}
            refused={refusedJoins.has(s.pairId)}
            busy={busy}
            onForget={() =>
              void act(async () => {
                await engine.stopSharing(s.pairId);
                setRefusedJoins((current) => {
                  const next = new Set(current);
                  next.delete(s.pairId);
                  return next;
                });
              })
            }
          />
        ))}

      <ErrorText message={error} />
      <p aria-live="polite" class="muted" data-testid="sync-message">
        {status}
      </p>

      {(spaces?.length ?? 0) > 0 && (
        <>
          <h3>{t('sync.sharedPairs')}</h3>
          <ul class="custom-list" data-testid="shared-pairs">
            {spaces?.map(({ pairId, sidecarUrl: at, integrity }) => {
              const line = statusLine(true, pending?.[pairId] ?? 0, statuses?.[pairId]);
              return (
                <SharedPair
                  key={pairId}
                  title={titleOf(pairId)}
                  via={t(
                    'sync.via',
                    at,
                    integrity ? t('sync.integrity.short') : (line?.text ?? ''),
                  )}
                  busy={busy}
                  onNewInvite={() =>
                    void act(async () => {
                      const result = await engine.createInvite(pairId);
                      setInvite({ ...result, pairId });
                    })
                  }
                  onDevices={() =>
                    void act(async () => {
                      setDevices({ pairId, list: await engine.listDevices(pairId) });
                    })
                  }
                  onStop={() =>
                    void act(async () => {
                      const told = await engine.stopSharing(pairId);
                      if (invite?.pairId === pairId) setInvite(null);
                      if (devices?.pairId === pairId) setDevices(null);
                      setStatus(
                        told
                          ? t('sync.stopped', titleOf(pairId))
                          : t('sync.stoppedUntold', titleOf(pairId)),
                      );
                    })
                  }
                >
                  {integrity && (
                    <KeyCheckWarning
                      integrity={integrity}
                      busy={busy}
                      onDismiss={() => void act(() => engine.dismissWarning(pairId))}
                    />
                  )}
                  {(requests[pairId] ?? []).map((r) => (
                    <JoinRequestCard
                      key={r.deviceId}
                      request={r}
                      title={titleOf(pairId)}
                      busy={busy}
                      onLetIn={() =>
                        void act(async () => {
                          await engine.letIn(pairId, r.deviceId, r.code);
                          answered(pairId, r.deviceId);
                          setStatus(t('sync.approve.done', r.name, titleOf(pairId)));
                        })
                      }
                      onRefuse={() =>
                        void act(async () => {
                          await engine.refuse(pairId, r.deviceId);
                          answered(pairId, r.deviceId);
                          setStatus(t('sync.approve.refused', r.name));
                        })
                      }
                    />
                  ))}
                  {devices?.pairId === pairId && (
                    <DeviceList
                      title={titleOf(pairId)}
                      devices={devices.list}
                      onRemove={(d) =>
                        void act(async () => {
                          await engine.revokeDevice(pairId, d.deviceId);
                          setDevices({ pairId, list: await engine.listDevices(pairId) });
                          setStatus(t('sync.device.revoked', d.name));
                        })
                      }
                    />
                  )}
                </SharedPair>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
