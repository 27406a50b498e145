import { mayAsk, type Sender } from '../background/sender';
import { openSharedDb } from '../data/db';
import { createHlc } from '../data/hlc';
import { SYNC_PORT, syncPortMessage } from '../messaging';
import { deviceId } from '../settings';
import type { SyncStore } from './engine/engine-context';
import { SyncEngine } from './engine/sync-engine';
import { SyncScheduler } from './scheduler';
import { type SyncStatus, syncStatuses } from './status';

/** The alarm that wakes the background to sync every shared pair. */
export const SYNC_ALARM = 'tandem-sync';

interface AlarmsApi {
  create(name: string, info: { periodInMinutes: number }): Promise<void> | void;
}

export interface PortLike {
  name: string;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  disconnect(): void;
}

/**
 * Sync as the background runs it: the shared database only (the private one is never opened
 * here), one engine and one scheduler for every shared pair, statuses to storage.session.
 */
export function startBackgroundSync(alarms: AlarmsApi) {
  const store: SyncStore = {
    db: openSharedDb(),
    deviceId: 'unset',
    clock: createHlc('unset'),
    now: Date.now,
  };
  const engine = new SyncEngine(store);
  let statusWrites: Promise<unknown> = Promise.resolve();
  const scheduler = new SyncScheduler({
    engine,
    // One write at a time, so that two pairs reporting at once do not undo each other.
    publish: (pairId: string, status: SyncStatus | null) => {
      const write = statusWrites.then(async () => {
        const all = { ...(await syncStatuses.getValue()) };
        if (status) all[pairId] = status;
        else delete all[pairId];
        await syncStatuses.setValue(all);
      });
      statusWrites = write.catch(() => undefined);
      return statusWrites as Promise<void>;
    },
    log: (message, error) => console.warn(`Tandem ${message}`, error),
  });
  const ready = (async () => {
    const id = await deviceId.getValue();
    store.deviceId = id;
    store.clock = createHlc(id);
    scheduler.start();
    await alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  })();
  ready.catch((error) => console.warn('Tandem sync did not start', error));

  return {
    onAlarm(name: string) {
      if (name === SYNC_ALARM) void ready.then(() => scheduler.syncAll());
    },
    /** `from`: who opened the port (utils/background/sender.ts); only the extension's own pages may. */
    onConnect(port: PortLike, from: Sender) {
      // The background's only port: anything else, or from anyone else, is closed unheard.
      if (port.name !== SYNC_PORT || !mayAsk(from, 'sync-port')) {
        port.disconnect();
        return;
      }
      // The messages themselves are the point (each one keeps the worker alive); a page that
      // sends anything but a ping is not one of ours as it is now, and is closed. A panel that
      // connects wants fresh data and live updates.
      port.onMessage.addListener((message) => {
        if (!syncPortMessage.safeParse(message).success) port.disconnect();
      });
      void ready.then(() => {
        scheduler.ensureEvents();
        scheduler.syncAll();
      });
    },
  };
}
