import { storage } from 'wxt/utils/storage';
import { formatNumber, t } from '../i18n';

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
    return { text: t('syncStatus.error', status.message ?? t('syncStatus.failed')), tone: 'error' };
  }
  if (status?.state === 'offline') return { text: t('syncStatus.offline'), tone: 'offline' };
  if (pending > 0) return { text: t('syncStatus.pending', formatNumber(pending)), tone: 'pending' };
  return { text: t('syncStatus.synced'), tone: 'ok' };
}
