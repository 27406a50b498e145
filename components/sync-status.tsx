import { useEffect } from 'preact/hooks';
import { browser } from '../utils/browser';
import { SYNC_PORT, SYNC_PORT_PING_MS, type SyncPortMessage } from '../utils/messaging';
import { isShared, pendingOf } from '../utils/queries/pairs';
import { statusLine, syncStatuses } from '../utils/sync/status';
import { useLive, useStore } from './use-live';
import { useSetting } from './use-setting';

/**
 * One line in the panel header for a shared pair: "Synced", "Pending 3", "Offline — …" or
 * "Error: <what to do>"; nothing for a pair that is not shared. While it shows, it holds a
 * port to the background so that sync keeps listening to the sidecar.
 */
export function SyncStatus({ pairId }: { pairId: string }) {
  const store = useStore();
  const shared = useLive(() => isShared(store.db, pairId), [store, pairId]);
  const pending = useLive(() => pendingOf(store.db, pairId), [store, pairId]);
  const statuses = useSetting(syncStatuses);
  useBackgroundPort(shared === true);
  const line = statusLine(shared === true, pending ?? 0, statuses?.[pairId]);
  if (!line) return null;
  return (
    <p
      class={`sync-status save-status ${line.tone === 'ok' ? 'saved' : line.tone === 'error' ? 'error' : ''}`}
      role="status"
      data-testid="sync-status"
    >
      {line.text}
    </p>
  );
}

/** Connects to the background (waking it) and pings it while `active`; reconnects if it restarts. */
export function useBackgroundPort(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let closed = false;
    let port: ReturnType<typeof browser.runtime.connect> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      try {
        port = browser.runtime.connect({ name: SYNC_PORT });
      } catch {
        return;
      }
      port.onDisconnect.addListener(() => {
        port = undefined;
        if (!closed) retry = setTimeout(connect, 1_000);
      });
    };
    connect();
    const ping = setInterval(() => {
      try {
        port?.postMessage({ type: 'ping' } satisfies SyncPortMessage);
      } catch {
        port = undefined;
      }
    }, SYNC_PORT_PING_MS);
    return () => {
      closed = true;
      clearInterval(ping);
      clearTimeout(retry);
      port?.disconnect();
    };
  }, [active]);
}
