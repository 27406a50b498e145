import type { liveQuery } from 'dexie';
import type { DbEvents, PrivateDb, SharedDb } from '../data/db';
import {
  PRIVATE_DB_NAME,
  PRIVATE_NATIVE_VERSION,
  SHARED_DB_NAME,
  SHARED_NATIVE_VERSION,
} from '../data/db-names';
import { createHlc } from '../data/hlc';
import { openRawReader } from '../data/raw-reader';
import type { Store } from '../data/records/store';
import { readDrafts } from './draft-journal';

/** A store whose database layer may still be loading (components/use-live.ts reads through it). */
export interface PanelStore extends Store {
  /** Dexie's liveQuery, once the database layer is there. */
  liveQuery?: typeof liveQuery;
  /** Resolves when the database layer is there (writes are made, queries are live). */
  live: Promise<typeof liveQuery>;
  /**
   * Resolves when the first view has read what it shows, or something needed more, or the user
   * acted (`acted`): the views beyond it (components/lazy-view.tsx) and the database layer load
   * from then on.
   */
  firstView: Promise<void>;
  /** The user clicked or typed: the views asked for load at once, not after the first view. */
  acted: () => void;
  /**
   * Work the page is waiting for before it reads (a view's code loading): the database layer
   * loads once it is done and its reads are answered, so that it never competes with what the
   * user just asked for.
   */
  hold: <T>(work: Promise<T>) => Promise<T>;
}

/** How long the first view may read on its own before the database layer loads regardless. */
const FIRST_VIEW_MS = 1000;
/** No raw read for this long: the first view has read what it shows. */
const QUIET_MS = 40;

/**
 * The store an extension page works with. Until its database layer (Dexie, the schemas and the
 * writes: utils/panel/live-layer.ts, a chunk of its own) is there, it reads straight from
 * IndexedDB (utils/data/raw-reader.ts), so the first view paints without it. The layer loads
 * `now` (pages that need it at once), or once the first view's reads have all been answered
 * (`afterFirstView`, the panel: then it does not compete with them), or as soon as anything needs
 * it — a read the raw reads cannot answer, or a write.
 *
 * `ready` resolves when the layer is there and the drafts a closed panel left unsaved are
 * written back into their notes; `firstPaint` when the page may render: at once, unless there
 * are drafts to recover (then with `ready`, so no note shows its older text first).
 */
export function openPanelStore(
  events: DbEvents,
  {
    recoverDrafts: recover = true,
    load = 'now',
  }: { recoverDrafts?: boolean; load?: 'now' | 'afterFirstView' } = {},
): { store: PanelStore; ready: Promise<void>; firstPaint: Promise<void> } {
  let resolveLive: (value: typeof liveQuery) => void = () => {};
  let rejectLive: (error: unknown) => void = () => {};
  const live = new Promise<typeof liveQuery>((resolve, reject) => {
    resolveLive = resolve;
    rejectLive = reject;
  });
  let resolveFirstView = () => {};
  const firstView = new Promise<void>((resolve) => {
    resolveFirstView = resolve;
  });
  let started: Promise<void> | undefined;
  const start = (): Promise<void> => {
    started ??= import('./live-layer')
      .then(({ openLiveLayer }) => openLiveLayer(store, events, { recover }))
      .then(
        (query) => {
          shared.close();
          privately.close();
          store.liveQuery = query;
          resolveLive(query);
        },
        (error: unknown) => {
          rejectLive(error);
          throw error;
        },
      );
    return started;
  };
  // The first view has what it reads: no read in flight, and none begun for QUIET_MS (its
  // reads come in waves a few milliseconds apart, as each part renders and asks for its own).
  let quietSince = 0;
  let held = 0;
  const onSettled = () => {
    const at = performance.now();
    quietSince = at;
    setTimeout(() => {
      if (quietSince === at && held === 0 && shared.pending() === 0 && privately.pending() === 0)
        openFirstView();
    }, QUIET_MS);
  };
  const hooks = (pick: (s: Store) => unknown) => ({
    live: () => {
      openFirstView();
      return live.then(() => pick(store));
    },
    onSettled,
    onUnreadable: () => openFirstView(),
  });
  const shared = openRawReader(
    SHARED_DB_NAME,
    SHARED_NATIVE_VERSION,
    hooks((s) => s.db),
  );
  const privately = openRawReader(
    PRIVATE_DB_NAME,
    PRIVATE_NATIVE_VERSION,
    hooks((s) => s.privateDb),
  );
  const store: PanelStore = {
    db: shared.db as SharedDb,
    privateDb: privately.db as PrivateDb,
    deviceId: 'unset',
    clock: createHlc('unset'),
    now: Date.now,
    newId: () => crypto.randomUUID(),
    live,
    firstView,
    // The views asked for load at once; the database layer still waits for their reads (a
    // write asks for it when one is made).
    acted: () => resolveFirstView(),
    hold: (work) => {
      held += 1;
      const release = () => {
        held -= 1;
        onSettled();
      };
      work.then(release, release);
      return work;
    },
  };
  const openFirstView = () => {
    resolveFirstView();
    void start().catch(() => {});
  };
  const hasDrafts = recover && readDrafts(localStorage).length > 0;
  if (load === 'now' || hasDrafts) openFirstView();
  else setTimeout(openFirstView, FIRST_VIEW_MS);
  const ready = live.then(() => {});
  return { store, ready, firstPaint: hasDrafts ? ready : Promise.resolve() };
}
