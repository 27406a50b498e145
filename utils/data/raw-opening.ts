import {
  EARLY,
  type EarlyOpenings,
  issue,
  type Opening,
  PLAN_MAX,
  PLAN_PREFIX,
  type ReadSpec,
  sourceOf,
  specKey,
} from './raw-ops';

/*
 * Opening a database for the first reads (utils/data/raw-reader.ts), and asking for the reads of
 * its plan at once: in the panel, by its first script (entrypoints/first-reads.ts) before the
 * page's modules load; elsewhere (other pages, tests) by the first reads themselves, which load
 * this as a chunk of its own, so the panel's modules do not carry a second copy.
 */

function loadPlan(name: string): ReadSpec[] {
  try {
    const plan = JSON.parse(localStorage.getItem(PLAN_PREFIX + name) ?? '[]') as unknown;
    if (!Array.isArray(plan)) return [];
    return plan
      .filter(
        (spec): spec is ReadSpec =>
          typeof spec === 'object' &&
          spec !== null &&
          typeof spec.t === 'string' &&
          typeof spec.i === 'string' &&
          ['get', 'all', 'count', 'any'].includes(spec.o),
      )
      .slice(0, PLAN_MAX);
  } catch {
    return [];
  }
}

/** Asks for every read of the plan in one read-only transaction; answers by spec. */
function readPlan(db: IDBDatabase, plan: readonly ReadSpec[]): Map<string, Promise<unknown>> {
  const answers = new Map<string, Promise<unknown>>();
  const readable = plan.filter((spec) => db.objectStoreNames.contains(spec.t));
  if (readable.length === 0) return answers;
  try {
    const tx = db.transaction([...new Set(readable.map((spec) => spec.t))], 'readonly');
    for (const spec of readable) {
      const source = sourceOf(tx.objectStore(spec.t), spec.i);
      if (!source) continue;
      try {
        const answer = issue(source, spec);
        answer.catch(() => {}); // a read nobody asks for again may fail unseen
        answers.set(specKey(spec), answer);
      } catch {
        // An invalid key: this read goes the usual way (and fails there, in words).
      }
    }
  } catch {
    // A plan that no longer fits the database: the reads go the usual way.
  }
  return answers;
}

/** Opens `name` as it is, never creating or upgrading it; null when it cannot be read here. */
function openExisting(name: string, minVersion: number): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(name);
    } catch {
      resolve(null);
      return;
    }
    // No such database: abort, so that nothing is created (Dexie creates it properly).
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    req.onblocked = () => resolve(null);
    req.onsuccess = () => {
      const db = req.result;
      // Never stand in the way of an upgrade (Dexie's, or another page's).
      db.onversionchange = () => db.close();
      if (db.version < minVersion) {
        db.close();
        resolve(null);
      } else resolve(db);
    };
  });
}

export function beginOpening(name: string, minVersion: number): Opening {
  const connection = openExisting(name, minVersion);
  const plan = loadPlan(name);
  return {
    connection,
    planned: connection.then((db) => (db ? readPlan(db, plan) : new Map())),
  };
}

/** Begins opening the databases, and reading their plans, at once (the page's first script). */
export function openEarly(databases: Record<string, number>): void {
  const openings: EarlyOpenings = {};
  for (const [name, minVersion] of Object.entries(databases))
    openings[name] = beginOpening(name, minVersion);
  (globalThis as unknown as Record<string, EarlyOpenings>)[EARLY] = openings;
}
