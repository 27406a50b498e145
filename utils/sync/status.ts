import { storage } from 'wxt/utils/storage';

/**
 * How sync of each shared pair is doing, as the background last saw it, for the panel to show.
 * Kept in storage.session: gone when the browser closes, readable by extension pages and the
 * background only (never by content scripts), and holding no secrets — a state and a sentence.
 */
export interface SyncStatus {
  state: 'synced' | 'offline' | 'error';
  /** For errors: what the person should do. */
  message?: string;
  /** Epoch ms of the last attempt. */
  at: number;
}

export const syncStatuses = storage.defineItem<Record<string, SyncStatus>>('session:syncStatus', {
  fallback: {},
});

/**
 * The port an open panel holds to the background, pinging it: each message keeps the service
 * worker — and with it the sidecar's event stream — alive while someone is looking.
 */
export const SYNC_PORT = 'tandem-sync';
export const SYNC_PORT_PING_MS = 20_000;

export const OFFLINE_TEXT = "Offline — changes will go out when you're back online";

/**
 * The line the panel shows for a pair, or null for a pair that is not shared. Pending changes
 * come from the outbox itself (live), so "Pending 3" shows the moment an edit is saved.
 */
export function statusLine(
  shared: boolean,
  pending: number,
  status: SyncStatus | undefined,
): { text: string; tone: 'ok' | 'pending' | 'offline' | 'error' } | null {
  if (!shared) return null;
  if (status?.state === 'error') {
    return { text: `Error: ${status.message ?? 'sync failed.'}`, tone: 'error' };
  }
  if (status?.state === 'offline') return { text: OFFLINE_TEXT, tone: 'offline' };
  if (pending > 0) return { text: `Pending ${pending}`, tone: 'pending' };
  return { text: 'Synced', tone: 'ok' };
}
