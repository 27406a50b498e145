import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  type DbVersion,
  declaredStores,
  expectedPrivateStores,
  expectedSharedStores,
  openPrivateDb,
  openSharedDb,
  privateVersions,
  sharedVersions,
} from '../../utils/data/db';
import { uniqueName } from './helpers';

/** A Dexie store declaration as primary key plus the set of indexes ("id, a, b" = "id, b, a"). */
function normalise(stores: Record<string, string | null>) {
  return Object.fromEntries(
    Object.entries(stores).map(([name, spec]) => {
      const [primary, ...indexes] = (spec ?? '').split(',').map((part) => part.trim());
      return [name, { primary, indexes: [...indexes].filter(Boolean).sort() }];
    }),
  );
}

function newest(versions: readonly DbVersion[]): DbVersion {
  const last = versions[versions.length - 1];
  if (!last) throw new Error('no versions declared');
  return last;
}

function rawOpen(name: string, version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function within<T>(ms: number, promise: Promise<T>): Promise<T | 'timed out'> {
  return Promise.race([
    promise,
    new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms)),
  ]);
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return condition();
}

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const close of cleanup.splice(0)) close();
  vi.restoreAllMocks();
});

describe('database schema', () => {
  test('the shared versions end up with exactly the tables the record schemas call for', () => {
    expect(normalise(declaredStores(sharedVersions))).toEqual(normalise(expectedSharedStores));
  });

  test('the private versions end up with exactly the private tables', () => {
    expect(normalise(declaredStores(privateVersions))).toEqual(normalise(expectedPrivateStores));
  });

  test('versions only go up', () => {
    for (const versions of [sharedVersions, privateVersions]) {
      const numbers = versions.map((v) => v.version);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(new Set(numbers).size).toBe(numbers.length);
    }
  });

  test('the private database holds notes, reflections, role notes, learnings and their search index, and nothing that syncs', async () => {
    const db = openPrivateDb(uniqueName());
    cleanup.push(() => db.close());
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'learnings',
      'notes',
      'reflections',
      'roleNotes',
      'searchIndex',
      'searchLog',
      'searchSnapshot',
    ]);
  });
});

describe('a newer version opened in another window', () => {
  test('closes this connection so the upgrade goes ahead, and tells the page', async () => {
    const name = uniqueName();
    let told = 0;
    const a = openSharedDb(name, { onVersionChange: () => (told += 1) });
    cleanup.push(() => a.close());
    await a.pairs.count();

    const upgraded = await within(
      2_000,
      rawOpen(name, 1000).then((db) => {
        cleanup.push(() => db.close());
        return db.version;
      }),
    );

    expect(upgraded).toBe(1000);
    expect(told).toBe(1);
    // The old page cannot go on writing with the old schema.
    await expect(a.pairs.count()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
  });

  test('reports that the upgrade is blocked while an old page keeps the database open', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined); // Dexie warns of the block
    const name = uniqueName();
    const old = await rawOpen(name, 5); // an older version (0.5 to Dexie), no versionchange handler
    let blocked = 0;
    const db = openSharedDb(name, { onBlocked: () => (blocked += 1) });
    cleanup.push(() => db.close());
    const opening = db.open();

    expect(await until(() => blocked > 0, 2_000)).toBe(true);
    expect(db.isOpen()).toBe(false);

    old.close(); // the old page goes away: the upgrade completes
    await opening;
    expect(db.verno).toBe(newest(sharedVersions).version);
    expect(await db.pairs.count()).toBe(0);
  });
});
