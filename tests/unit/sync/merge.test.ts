import { describe, expect, test } from 'vitest';
import { createHlc, type HlcClock } from '../../../utils/data/hlc';
import {
  type ConflictCopy,
  canonical,
  type LocalVersion,
  mergeRecord,
  type RecordVersion,
  type SyncedRow,
} from '../../../utils/sync/merge';
import { type Random, seededRandom } from './random';
import { allStamps, s } from './stamps';

/* ---------- examples ---------- */

function note(body: string, updatedAt: string, extra: Partial<SyncedRow> = {}): SyncedRow {
  return {
    id: 'note-1',
    pairId: 'pair-1',
    sessionId: 'session-1',
    body,
    visibility: 'shared',
    createdAt: 1,
    updatedAt,
    deviceId: updatedAt.split('-')[2] ?? 'a',
    deleted: false,
    ...extra,
  };
}

describe('merging one record field by field', () => {
  test('each field keeps the later edit: a status changed here and a text changed there both survive', () => {
    const base = s(1);
    const goal = (changes: Partial<SyncedRow>, updatedAt: string): SyncedRow => ({
      id: 'goal-1',
      pairId: 'pair-1',
      title: 'Lead a launch',
      why: '',
      measure: '',
      targetDate: '',
      status: 'active',
      progress: 0,
      order: 1,
      updatedAt,
      deviceId: 'x',
      deleted: false,
      ...changes,
    });
    const mine = goal({ progress: 40 }, s(3, 'a'));
    const theirs = goal({ title: 'Lead the launch' }, s(2, 'b'));
    const result = mergeRecord(
      'goals',
      {
        record: mine,
        fields: { ...allStamps(mine, base), progress: s(3, 'a') },
        synced: allStamps(mine, base),
      },
      {
        record: theirs,
        fields: { ...allStamps(theirs, base), title: s(2, 'b') },
        base: allStamps(theirs, base),
      },
    );
    expect(result.record.title).toBe('Lead the launch');
    expect(result.record.progress).toBe(40);
    expect(result.conflicts).toEqual([]);
  });

  test('a note both sides rewrote from the same text keeps the later one and a conflict copy of the other', () => {
    const base = s(1);
    const original = note('Draft the brief', base);
    const mine = note('Draft the brief by Friday', s(3, 'a'));
    const theirs = note('Draft the launch brief', s(2, 'b'));
    const result = mergeRecord(
      'notes',
      {
        record: mine,
        fields: { ...allStamps(original, base), body: s(3, 'a') },
        synced: allStamps(original, base),
      },
      {
        record: theirs,
        fields: { ...allStamps(original, base), body: s(2, 'b') },
        base: allStamps(original, base),
      },
    );
    expect(result.record.body).toBe('Draft the brief by Friday');
    expect(result.conflicts.map((c) => [c.field, c.text, c.fromDeviceId])).toEqual([
      ['body', 'Draft the launch brief', 'b'],
    ]);
  });

  test('an edit made on top of the version here replaces it without a conflict copy', () => {
    const mine = note('First words', s(2, 'a'));
    const theirs = note('First words, and more', s(3, 'b'));
    const result = mergeRecord(
      'notes',
      { record: mine, fields: allStamps(mine, s(2, 'a')), synced: allStamps(mine, s(2, 'a')) },
      {
        record: theirs,
        fields: { ...allStamps(mine, s(2, 'a')), body: s(3, 'b') },
        base: allStamps(mine, s(2, 'a')),
      },
    );
    expect(result.record.body).toBe('First words, and more');
    expect(result.conflicts).toEqual([]);
  });

  test('a delete wins over an edit older than it, and an edit newer than the delete brings the record back', () => {
    const base = s(1);
    const original = note('Agenda', base);
    const deleted = note('', s(5, 'a'), { deleted: true });
    const deletedFields = { ...allStamps(original, base), body: s(5, 'a'), deleted: s(5, 'a') };
    const older = note('Agenda, edited', s(4, 'b'));
    const newer = note('Agenda, edited later', s(6, 'b'));
    const local: LocalVersion = { record: deleted, fields: deletedFields, synced: deletedFields };
    const withOlder = mergeRecord('notes', local, {
      record: older,
      fields: { ...allStamps(original, base), body: s(4, 'b') },
      base: allStamps(original, base),
    });
    expect(withOlder.record.deleted).toBe(true);
    // The older text is not lost: the delete emptied the body concurrently, so it is a copy.
    expect(withOlder.conflicts.map((c) => c.text)).toEqual(['Agenda, edited']);
    const withNewer = mergeRecord('notes', local, {
      record: newer,
      fields: { ...allStamps(original, base), body: s(6, 'b') },
      base: allStamps(original, base),
    });
    expect(withNewer.record.deleted).toBe(false);
    expect(withNewer.record.body).toBe('Agenda, edited later');
    // Revived just after the tombstone, so a later delete still wins.
    expect(withNewer.fields.deleted).toBe(`${s(5, 'a')}+`);
    expect(String(withNewer.fields.deleted) < s(5, 'a', 1)).toBe(true);
  });

  // The agreement's parts share one stamp: every part in which the losing version differs is
  // kept (here the loser's untouched "Weekly" too), since the merge cannot tell which one it changed.
  test('concurrent edits of the agreement keep each differing part of the losing version as a copy', () => {
    const base = s(1);
    const pair = (agreement: Record<string, string>, updatedAt: string): SyncedRow => ({
      id: 'pair-1',
      title: 'Ada and Grace',
      agreement,
      updatedAt,
      deviceId: 'x',
      deleted: false,
    });
    const original = pair({ rhythm: 'Weekly', confidentiality: 'Private', scope: 'Career' }, base);
    const mine = pair(
      { rhythm: 'Every two weeks', confidentiality: 'Private', scope: 'Career' },
      s(3, 'a'),
    );
    const theirs = pair(
      { rhythm: 'Weekly', confidentiality: 'Private', scope: 'Career and health' },
      s(2, 'b'),
    );
    const result = mergeRecord(
      'pairs',
      {
        record: mine,
        fields: { ...allStamps(original, base), agreement: s(3, 'a') },
        synced: allStamps(original, base),
      },
      {
        record: theirs,
        fields: { ...allStamps(original, base), agreement: s(2, 'b') },
        base: allStamps(original, base),
      },
    );
    expect((result.record.agreement as Record<string, string>).rhythm).toBe('Every two weeks');
    expect(result.conflicts.map((c) => [c.field, c.text])).toEqual([
      ['agreement.rhythm', 'Weekly'],
      ['agreement.scope', 'Career and health'],
    ]);
  });

  test('a record this browser does not have yet is taken as it is', () => {
    const theirs = note('Hello', s(2, 'b'));
    const result = mergeRecord('notes', undefined, {
      record: theirs,
      fields: allStamps(theirs, s(2, 'b')),
      base: {},
    });
    expect(result.record).toEqual(theirs);
    expect(result.synced.body).toBe(s(2, 'b'));
    expect(result.changed).toBe(true);
  });
});

/* ---------- properties: two (or three) devices, a server log, random schedules ---------- */

interface Device {
  name: string;
  clock: HlcClock;
  setTime(ms: number): void;
  local?: LocalVersion;
  dirty: boolean;
  cursor: number;
  conflicts: Map<string, ConflictCopy>;
}

interface Logged {
  from: string;
  version: RecordVersion;
}

/** Every text version ever written: its stamp, the field, the text, and what it was written on. */
interface Written {
  by: string;
  field: string;
  stamp: string;
  text: string;
  parent: string;
}

const TABLES = {
  notes: { text: ['body'], scalar: [] as string[] },
  goals: { text: ['title', 'why'], scalar: ['progress', 'status'] },
};
type Table = keyof typeof TABLES;

function freshRecord(table: Table, stamp: string, device: string): SyncedRow {
  const common = { updatedAt: stamp, deviceId: device, deleted: false };
  if (table === 'notes') {
    return {
      id: 'r1',
      pairId: 'p1',
      sessionId: 's1',
      body: 'start',
      visibility: 'shared',
      ...common,
    };
  }
  return {
    id: 'r1',
    pairId: 'p1',
    title: 'start',
    why: 'start',
    progress: 0,
    status: 'active',
    ...common,
  };
}

function simulate(
  random: Random,
  table: Table,
  deviceCount: number,
  steps: number,
  lostAcks = true,
) {
  let time = 1_700_000_000_000;
  const devices: Device[] = Array.from({ length: deviceCount }, (_, i) => {
    const name = String.fromCharCode(97 + i);
    let skew = random.int(3) * 1000 - 1000;
    const device: Device = {
      name,
      clock: createHlc(name, () => time + skew),
      setTime: (ms) => {
        skew = ms;
      },
      dirty: false,
      cursor: 0,
      conflicts: new Map(),
    };
    return device;
  });
  const log: Logged[] = [];
  const written: Written[] = [];

  // The first device creates the record and pushes it.
  const first = devices[0] as Device;
  const created = first.clock.now();
  const record = freshRecord(table, created, first.name);
  const fields = Object.fromEntries(
    Object.keys(record)
      .filter((k) => !['id', 'updatedAt', 'deviceId'].includes(k))
      .map((k) => [k, created]),
  );
  first.local = { record, fields, synced: {} };
  first.dirty = true;
  for (const field of TABLES[table].text) {
    written.push({
      by: first.name,
      field,
      stamp: created,
      text: String(record[field]),
      parent: '',
    });
  }

  const push = (device: Device, ackLost = false) => {
    if (!device.dirty || !device.local) return;
    const sent = structuredClone(device.local);
    log.push({
      from: device.name,
      version: { record: sent.record, fields: sent.fields, base: sent.synced },
    });
    if (ackLost) return; // stored by the server, but the device never heard: it sends again
    device.local.synced = { ...device.local.synced, ...sent.fields };
    device.dirty = false;
  };

  const pull = (device: Device) => {
    for (; device.cursor < log.length; device.cursor++) {
      const entry = log[device.cursor] as Logged;
      if (entry.from === device.name) continue;
      merge(table, device, entry.version);
    }
  };

  const edit = (device: Device) => {
    const local = device.local;
    if (!local || local.record.deleted) return;
    const stamp = device.clock.now();
    const spec = TABLES[table];
    if (spec.scalar.length > 0 && random.chance(0.3)) {
      const field = random.pick(spec.scalar);
      local.record[field] =
        field === 'progress' ? random.int(101) : random.pick(['active', 'paused', 'achieved']);
      local.fields[field] = stamp;
    } else {
      const field = random.pick(spec.text);
      const text = `${device.name}@${stamp.slice(6, 16)}`;
      written.push({ by: device.name, field, stamp, text, parent: local.fields[field] ?? '' });
      local.record[field] = text;
      local.fields[field] = stamp;
    }
    local.record.updatedAt = stamp;
    local.record.deviceId = device.name;
    device.dirty = true;
  };

  const remove = (device: Device) => {
    const local = device.local;
    if (!local || local.record.deleted) return;
    const stamp = device.clock.now();
    local.record.deleted = true;
    local.fields.deleted = stamp;
    if (table === 'notes') {
      written.push({
        by: device.name,
        field: 'body',
        stamp,
        text: '',
        parent: local.fields.body ?? '',
      });
      local.record.body = '';
      local.fields.body = stamp;
    }
    local.record.updatedAt = stamp;
    local.record.deviceId = device.name;
    device.dirty = true;
  };

  const trace = process.env.MERGE_TRACE === String(random.seed);
  const show = (what: string, device: Device) => {
    if (trace)
      console.log(
        what,
        device.name,
        JSON.stringify(device.local),
        JSON.stringify([...device.conflicts.keys()]),
      );
  };
  push(first);
  for (let step = 0; step < steps; step++) {
    time += random.int(1500);
    const device = random.pick(devices);
    const roll = random.next();
    if (roll < 0.45) {
      edit(device);
      show('edit', device);
    } else if (roll < 0.5) {
      remove(device);
      show('delete', device);
    } else if (roll < 0.72) {
      const lost = random.chance(0.1) && lostAcks;
      push(device, lost);
      show(lost ? 'push (ack lost)' : 'push', device);
    } else {
      pull(device);
      show('pull', device);
    }
  }
  // Everyone comes online: push and pull until nothing moves.
  for (let round = 0; round < 3; round++) {
    for (const device of devices) {
      push(device);
      pull(device);
    }
  }
  return { devices, log, written };
}

function merge(table: Table, device: Device, version: RecordVersion) {
  const result = mergeRecord(table, device.local, structuredClone(version));
  device.local = { record: result.record, fields: result.fields, synced: result.synced };
  for (const copy of result.conflicts) {
    if (!device.conflicts.has(copy.id)) device.conflicts.set(copy.id, copy);
  }
  for (const id of result.superseded) device.conflicts.delete(id);
  for (const stamp of Object.values(result.fields)) device.clock.receive(stamp);
}

/** Versions nobody wrote on top of (the text someone last meant for that field). */
function leaves(written: Written[]): Written[] {
  const parents = new Set(written.map((w) => `${w.field}|${w.parent}`));
  return written.filter((w) => w.text !== '' && !parents.has(`${w.field}|${w.stamp}`));
}

/** Texts that reached the sidecar (a version still in one browser only cannot be elsewhere). */
function loggedTexts(log: Logged[]): Set<string> {
  const texts = new Set<string>();
  for (const { version } of log) {
    for (const [field, value] of Object.entries(version.record))
      texts.add(`${field}:${String(value)}`);
  }
  return texts;
}

function conflictSet(device: Device, only?: Set<string>): string[] {
  return [...device.conflicts.values()]
    .map((c) => `${c.field}:${c.text}`)
    .filter((text) => !only || only.has(text))
    .sort();
}

/** What a device still shows or keeps as a copy. */
function keptBy(device: Device): Set<string> {
  return new Set([
    ...Object.entries(device.local?.record ?? {}).map(([f, v]) => `${f}:${String(v)}`),
    ...conflictSet(device),
  ]);
}

function expectNothingLost(seed: number, devices: Device[], written: Written[], log: Logged[]) {
  const logged = loggedTexts(log);
  for (const device of devices) {
    const kept = keptBy(device);
    for (const leaf of leaves(written)) {
      const text = `${leaf.field}:${leaf.text}`;
      // Its writer always keeps it; everyone keeps it once it reached the sidecar.
      if (leaf.by !== device.name && !logged.has(text)) continue;
      expect(kept.has(text), `seed ${seed}: ${device.name} lost ${text}`).toBe(true);
    }
  }
}

describe('merge properties (seeded random schedules)', () => {
  const seeds = Array.from({ length: Number(process.env.MERGE_SEEDS ?? 500) }, (_, i) => i + 1);
  const run = (seed: number, deviceCount = 2, steps = 40, lostAcks = true) => {
    const random = seededRandom(seed * 7919 + deviceCount);
    if (process.env.MERGE_TRACE === String(seed)) process.env.MERGE_TRACE = String(random.seed);
    const table = random.pick(['notes', 'goals'] as const);
    return { table, ...simulate(random, table, deviceCount, steps, lostAcks) };
  };

  test('whatever order the edits of two devices arrive in, both end with the same record', () => {
    for (const seed of seeds) {
      const { devices } = run(seed);
      const [a, b] = devices as [Device, Device];
      expect(canonical(a.local?.record), `seed ${seed}`).toBe(canonical(b.local?.record));
      expect(canonical(a.local?.fields), `seed ${seed}`).toBe(canonical(b.local?.fields));
    }
  });

  test('no text is lost: every version nobody wrote over is in the record or a conflict copy', () => {
    for (const seed of seeds) {
      const { devices, written, log } = run(seed);
      expectNothingLost(seed, devices, written, log);
    }
  });

  // A push whose answer was lost leaves the next push with an older base, which can make an
  // extra copy (never one too few); with every answer received there are none.
  test('no needless copies: never a copy of a version the record was later written on top of', () => {
    for (const seed of seeds) {
      const { devices, written } = run(seed, 2, 40, false);
      const parentOf = new Map(written.map((w) => [`${w.field}|${w.stamp}`, w.parent]));
      for (const device of devices) {
        for (const copy of device.conflicts.values()) {
          const ancestors = new Set<string>();
          let at = parentOf.get(`${copy.field}|${device.local?.fields[copy.field] ?? ''}`);
          while (at) {
            ancestors.add(at);
            at = parentOf.get(`${copy.field}|${at}`);
          }
          expect(
            ancestors.has(copy.stamp),
            `seed ${seed}: ${device.name} copied ${copy.text}`,
          ).toBe(false);
        }
      }
    }
  });

  test('three devices converge too, and lose no text', () => {
    for (const seed of seeds.slice(0, 300)) {
      const { devices, written, log } = run(seed, 3, 60);
      const [a, ...others] = devices as [Device, ...Device[]];
      for (const other of others) {
        expect(canonical(other.local?.record), `seed ${seed}`).toBe(canonical(a.local?.record));
      }
      expectNothingLost(seed, devices, written, log);
    }
  });

  test('merging the same version twice changes nothing the second time', () => {
    for (const seed of seeds) {
      const { devices, log, table } = run(seed);
      for (const device of devices) {
        if (!device.local) continue;
        for (const entry of log) {
          const once = mergeRecord(table, device.local, structuredClone(entry.version));
          const twice = mergeRecord(
            table,
            { record: once.record, fields: once.fields, synced: once.synced },
            structuredClone(entry.version),
          );
          expect(twice.changed, `seed ${seed}`).toBe(false);
          const known = new Set([...once.conflicts.map((c) => c.id), ...device.conflicts.keys()]);
          expect(
            twice.conflicts.every((c) => known.has(c.id)),
            `seed ${seed}`,
          ).toBe(true);
        }
      }
    }
  });
});
