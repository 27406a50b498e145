import { parseHlc } from '../data/hlc';
import type { SharedTableName } from '../schema/tables';

/**
 * Merging one record version from the other device into this browser's copy: pure, field by
 * field, by hybrid logical clock. The sidecar never merges; each client does, and every client
 * that has seen the same versions ends with the same record, whatever order they came in.
 *
 * Each version carries, per field, its stamp (when that field was last written, utils/data/hlc.ts:
 * stamps compare as strings, the device id breaking ties) and its base (the stamp of the
 * version of that field the writer last pushed or took from the sidecar: what the local edit
 * was made on top of). Locally, syncMeta keeps the same two maps: `fields` and `synced`.
 *
 * Rules:
 * 1. Each field takes the value with the later stamp (equal stamps with different values, which
 *    one write never makes, are settled by comparing the values, so both sides still agree).
 * 2. Deletes are tombstones, and `deleted` is a field like any other, so a delete wins over
 *    every edit older than it. An edit newer than the tombstone was made by someone who had not
 *    seen the delete (the panel never edits a deleted record): that record comes back, with the
 *    edit — typed text is never made to vanish. Both sides derive this the same way, stamping
 *    the revived `deleted: false` with the edit's stamp.
 * 3. Text (a note's body, an agenda or action item's text, a goal's title, why and measure, a
 *    reflection's answer, the pair's title and each part of its agreement) edited on both
 *    sides concurrently — neither version was written on top of the other (the winner's base is
 *    not the loser's stamp and vice versa) and the texts differ — keeps the winner in the record
 *    and the loser as a conflict copy that the user resolves: never silently dropped. The copy's
 *    id is derived from the loser's stamp, so merging the same version again adds nothing, and
 *    both browsers make the same copy.
 * 4. A later version written on top of a version that is a conflict copy here (its base is the
 *    copy's stamp) supersedes that copy: whoever wrote it saw that text and moved on.
 * 5. A few fields say how this browser sees the record (LOCAL_FIELDS: a pair's "my role") and
 *    keep their local value.
 * 6. Some fields are written once (WRITE_ONCE_FIELDS: feedback's sealed answers and their
 *    commitment): a value is never replaced by a different one, whatever its stamp says — of
 *    two different values the one with the earlier stamp stays (equal stamps: the smaller
 *    value), and a value always beats an empty one, so every browser keeps the same one.
 */

export type Stamps = Record<string, string>;
export type SyncedRow = Record<string, unknown> & {
  id: string;
  updatedAt: string;
  deviceId: string;
  deleted: boolean;
};

/** One version of a record as it travels inside an envelope. */
export interface RecordVersion {
  record: SyncedRow;
  fields: Stamps;
  base: Stamps;
}

/** This browser's copy of a record and its stamps (syncMeta.fields and syncMeta.synced). */
export interface LocalVersion {
  record: SyncedRow;
  fields: Stamps;
  synced: Stamps;
}

export interface ConflictCopy {
  id: string;
  table: string;
  recordId: string;
  pairId: string;
  field: string;
  text: string;
  stamp: string;
  fromDeviceId: string;
}

export interface MergeResult {
  record: SyncedRow;
  fields: Stamps;
  synced: Stamps;
  /** Conflict copies to keep (add each unless a copy of that id exists already). */
  conflicts: ConflictCopy[];
  /** Ids of conflict copies that a newer version was written on top of. */
  superseded: string[];
  /** False when the merge left the local record, its stamps and bases exactly as they were. */
  changed: boolean;
}

/** Fields that are about the record rather than in it: never merged on their own. */
const NOT_DATA = new Set(['id', 'updatedAt', 'deviceId']);

/**
 * Fields that describe this browser's side of a record, not the pair's: they travel (the
 * record is sealed whole) but never replace the local value. A pair's `myRole` is "mentor" in
 * the mentor's browser and "mentee" in the mentee's; `myMemberId` is which member of a group
 * this browser's user is.
 */
export const LOCAL_FIELDS: Readonly<Partial<Record<SharedTableName, readonly string[]>>> = {
  pairs: ['myRole', 'myMemberId'],
};

/** Text a person typed: concurrent edits keep the losing version as a conflict copy. */
export const TEXT_FIELDS: Readonly<Partial<Record<SharedTableName, readonly string[]>>> = {
  pairs: ['title', 'agreement'],
  goals: ['title', 'why', 'measure', 'outcome'],
  agendaItems: ['text'],
  actionItems: ['text'],
  notes: ['body'],
  reflections: ['answer'],
  customPrompts: ['text'],
  introductions: ['who', 'org', 'why'],
  roleNotes: ['note'],
  learnings: ['text'],
  closings: ['whatNext', 'learnFrom', 'endorsement'],
};

/**
 * Fields that once set never change (rule 6): a side's sealed feedback is its commitment, and a
 * later version that seals different answers is refused, so no one can change their answers
 * after reading the other side's.
 */
export const WRITE_ONCE_FIELDS: Readonly<Partial<Record<SharedTableName, readonly string[]>>> = {
  feedback: ['sealed', 'commitment', 'submittedAt', 'revealedKey', 'revealedAgainst'],
  // A programme enrolment's key pair and secret are the pair's one identity to the programme;
  // leaving is final: once either member left, no later version brings the pair back.
  programmeEnrolments: [
    'programmeId',
    'sidecar',
    'secret',
    'keys',
    'proposedBy',
    'proposedAt',
    'enrolmentId',
    'leftAt',
    'leftBy',
    'withdrawnAt',
  ],
  // A member's consent is theirs: once given or withdrawn it is not rewritten.
  programmeConsents: ['memberId', 'agreedAt', 'withdrawnAt'],
  // A receipt is what was sent: written once, whole.
  programmeReceipts: ['period', 'report', 'sentAt', 'receivedAt', 'alreadySent'],
};

const isEmpty = (value: unknown) => value === undefined || value === null;

/** Rule 6: whether the other version's value of a write-once field replaces this one's. */
function writeOnceWins(mine: unknown, theirs: unknown, myStamp: string, theirStamp: string) {
  if (isEmpty(theirs)) return false;
  if (isEmpty(mine)) return true;
  if (sameValue(mine, theirs)) return false;
  return theirStamp < myStamp || (theirStamp === myStamp && canonical(theirs) < canonical(mine));
}

/** Every data field of a record with its stamp; a field without one has the record's. */
export function completeStamps(record: SyncedRow, fields: Stamps): Stamps {
  const out: Stamps = {};
  for (const field of Object.keys(record)) {
    if (NOT_DATA.has(field)) continue;
    out[field] = fields[field] ?? record.updatedAt;
  }
  return out;
}

export function mergeRecord(
  table: string,
  local: LocalVersion | undefined,
  remote: RecordVersion,
): MergeResult {
  const remoteFields = completeStamps(remote.record, remote.fields);
  if (!local) {
    const taken = revive({
      record: { ...remote.record },
      fields: remoteFields,
      synced: { ...remoteFields },
    });
    return { ...taken, conflicts: [], superseded: [], changed: true };
  }

  const localFields = completeStamps(local.record, local.fields);
  const record: SyncedRow = { ...local.record };
  const fields: Stamps = { ...localFields };
  const synced: Stamps = { ...local.synced };
  const conflicts: ConflictCopy[] = [];
  const superseded: string[] = [];
  const textFields = new Set(TEXT_FIELDS[table as SharedTableName] ?? []);
  const pairId = pairIdOf(table, local.record);

  const names = new Set([...Object.keys(localFields), ...Object.keys(remoteFields)]);
  const localOnly = new Set(LOCAL_FIELDS[table as SharedTableName] ?? []);
  const writeOnce = new Set(WRITE_ONCE_FIELDS[table as SharedTableName] ?? []);
  for (const field of names) {
    // Kept as this browser has it, set or not (an unset `myMemberId` is not theirs to fill).
    if (localOnly.has(field)) continue;
    const mine = local.record[field];
    const theirs = remote.record[field];
    const myStamp = localFields[field] ?? '';
    const theirStamp = remoteFields[field] ?? '';
    const same = sameValue(mine, theirs);
    const remoteWins = writeOnce.has(field)
      ? writeOnceWins(mine, theirs, myStamp, theirStamp)
      : theirStamp > myStamp ||
        (theirStamp === myStamp && !same && canonical(theirs) > canonical(mine));

    const theirBase = remote.base[field] ?? '';
    // A field the other side did not change since its base carries no news: that version
    // reached this browser before (through the log, in order) and was settled then.
    const news = theirStamp !== theirBase;
    if (textFields.has(field) && news) {
      const myBase = local.synced[field] ?? '';
      const concurrent = theirBase !== myStamp && myBase !== theirStamp;
      if (concurrent && !same && theirStamp !== myStamp) {
        const loser = remoteWins
          ? { value: mine, stamp: myStamp }
          : { value: theirs, stamp: theirStamp };
        for (const [path, text] of textParts(field, loser.value, remoteWins ? theirs : mine)) {
          conflicts.push(conflictCopy(table, record.id, pairId, path, text, loser.stamp));
        }
      }
      // Rule 4: a version written on top of a copy's version supersedes the copy.
      if (theirBase !== '') {
        for (const path of partPaths(field, theirs, mine)) {
          superseded.push(conflictId(table, record.id, path, theirBase));
        }
      }
    }

    if (remoteWins) {
      record[field] = theirs;
      fields[field] = theirStamp;
      synced[field] = theirStamp;
    } else if (theirStamp === myStamp && myStamp !== '') {
      // The sidecar has exactly this version: it is now the base of later local edits.
      synced[field] = myStamp;
    }
  }

  if (remote.record.updatedAt > record.updatedAt) {
    record.updatedAt = remote.record.updatedAt;
    record.deviceId = remote.record.deviceId;
  }
  const merged = revive({ record, fields, synced });
  const changed =
    !sameValue(merged.record, local.record) ||
    !sameValue(merged.fields, local.fields) ||
    !sameValue(merged.synced, local.synced);
  const kept = new Set(conflicts.map((c) => c.id));
  return {
    ...merged,
    conflicts,
    superseded: [...new Set(superseded)].filter((id) => !kept.has(id)),
    changed,
  };
}

/**
 * Rule 2: a tombstone older than some other field's latest write is undone. The revived
 * `deleted: false` is stamped just after the tombstone (its stamp and a "+", which sorts after
 * it and before any later real stamp), so every browser derives the same stamp whatever order
 * the versions came in, and a later delete still wins over it.
 */
export const REVIVED = '+';

function revive(version: { record: SyncedRow; fields: Stamps; synced: Stamps }) {
  const { record, fields, synced } = version;
  if (record.deleted !== true) return version;
  const deletedAt = fields.deleted ?? '';
  const newer = Object.entries(fields).some(
    ([field, stamp]) => field !== 'deleted' && stamp > deletedAt,
  );
  if (!newer) return version;
  record.deleted = false;
  fields.deleted = `${deletedAt}${REVIVED}`;
  synced.deleted = fields.deleted;
  return version;
}

function pairIdOf(table: string, record: SyncedRow): string {
  return table === 'pairs' ? record.id : String(record.pairId ?? '');
}

/** The text parts of a field value: the string itself, or each string of an object (agreement). */
function textParts(field: string, loser: unknown, winner: unknown): [string, string][] {
  if (typeof loser === 'string') return loser.trim() === '' ? [] : [[field, loser]];
  if (!isPlainObject(loser)) return [];
  const other = isPlainObject(winner) ? winner : {};
  return Object.entries(loser).flatMap(([key, text]): [string, string][] =>
    typeof text === 'string' && text.trim() !== '' && text !== other[key]
      ? [[`${field}.${key}`, text]]
      : [],
  );
}

function partPaths(field: string, ...values: unknown[]): string[] {
  const keys = new Set<string>();
  for (const value of values) {
    if (typeof value === 'string') keys.add(field);
    else if (isPlainObject(value))
      for (const key of Object.keys(value)) keys.add(`${field}.${key}`);
  }
  return [...keys];
}

function conflictCopy(
  table: string,
  recordId: string,
  pairId: string,
  field: string,
  text: string,
  stamp: string,
): ConflictCopy {
  return {
    id: conflictId(table, recordId, field, stamp),
    table,
    recordId,
    pairId,
    field,
    text,
    stamp,
    fromDeviceId: (parseHlc(stamp)?.deviceId ?? '').slice(0, 64),
  };
}

/** Derived from what the copy is, so that every browser and every re-merge names it the same. */
export function conflictId(table: string, recordId: string, field: string, stamp: string): string {
  const id = `${table}:${recordId}:${field}:${stamp}`;
  return id.length <= 128 ? id : `conflict-${fnv1a(id)}`;
}

/** 2 × 32-bit FNV-1a, hex: a short stable name for an over-long id (not a security measure). */
function fnv1a(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with sorted keys: equal values, equal text, whatever order their keys were built in. */
export function canonical(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || canonical(a) === canonical(b);
}
