import { openPrivateDb, openSharedDb, type PrivateDb, type SharedDb } from '../../utils/data/db';
import { createHlc } from '../../utils/data/hlc';
import type { GoalInput } from '../../utils/data/records/goals';
import type { PairInput } from '../../utils/data/records/pairs';
import type { Store } from '../../utils/data/records/store';
import type { KeyValue } from '../../utils/panel/draft-journal';

/** A store on two fresh databases, with a clock the test moves by hand. */
export interface TestStore extends Store {
  /** Move the wall clock (used by both `now` and the HLC) by `ms`; negative goes back. */
  advance(ms: number): void;
  /** Set the wall clock to an epoch ms. */
  setTime(ms: number): void;
}

/** 2023-11-14T22:13:20Z: any fixed moment will do. */
export const START = 1_700_000_000_000;

const open: Array<SharedDb | PrivateDb> = [];

export function uniqueName(prefix = 't'): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/**
 * Ids as long as the crypto.randomUUID() ids the panel uses, but predictable:
 * 00000000-0000-4000-8000-000000000001, …002, …
 */
export function uuidCounter(): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  };
}

export function makeStore(
  options: { deviceId?: string; time?: number; newId?: () => string } = {},
): TestStore {
  let time = options.time ?? START;
  const deviceId = options.deviceId ?? 'device-a';
  const db = openSharedDb(uniqueName('shared'));
  const privateDb = openPrivateDb(uniqueName('private'));
  open.push(db, privateDb);
  return {
    db,
    privateDb,
    deviceId,
    clock: createHlc(deviceId, () => time),
    now: () => time,
    newId: options.newId ?? uuidCounter(),
    advance(ms) {
      time += ms;
    },
    setTime(ms) {
      time = ms;
    },
  };
}

/** Close every database makeStore opened (call from afterEach). */
export function closeStores(): void {
  for (const db of open.splice(0)) db.close();
}

/** A goal as the goal form gives it. */
export function goalInput(overrides: Partial<GoalInput> = {}): GoalInput {
  return {
    title: 'Lead the launch',
    why: 'Next step',
    measure: 'Shipped',
    targetDate: '',
    status: 'active',
    progress: 0,
    ...overrides,
  };
}

export function pairInput(overrides: Partial<PairInput> = {}): PairInput {
  return {
    title: 'Ada and Grace',
    model: 'one-to-one',
    members: [
      { id: 'm1', name: 'Ada', email: 'ada@example.org', role: 'mentee' },
      { id: 'm2', name: 'Grace', email: '', role: 'mentor' },
    ],
    myRole: 'mentee',
    cadenceDays: 14,
    agreement: {
      rhythm: 'Every other Tuesday',
      confidentiality: 'Stays between us',
      scope: 'Career',
    },
    ...overrides,
  };
}

/** localStorage stand-in: a Map with the Storage methods draft-journal.ts uses. */
export function memoryStorage(initial: Record<string, string> = {}): KeyValue & {
  entries(): Record<string, string>;
} {
  const map = new Map(Object.entries(initial));
  return {
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => {
      map.set(key, String(value));
    },
    removeItem: (key) => {
      map.delete(key);
    },
    entries: () => Object.fromEntries(map),
  };
}
