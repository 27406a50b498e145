import { createHash } from 'node:crypto';
import { hasForbiddenCharacters } from '../text';
import {
  InvalidTextError,
  MutationConflictError,
  type NewMutation,
  QuotaExceededError,
  type SpaceQuota,
  type SpaceUsage,
} from './types';

/**
 * Checks both store adapters make the same way, so SQLite and PostgreSQL refuse the same things
 * with the same errors.
 */

/** Device names: control characters refused before either database sees them. */
export function assertPlainText(field: string, text: string): void {
  if (hasForbiddenCharacters(text)) throw new InvalidTextError(field);
}

/**
 * What a compacted entry leaves behind to recognise a retry of it: SHA-256 over the record id and
 * the envelope. PostgreSQL computes the same in SQL (postgres.ts, COMPACT_DIGEST_SQL).
 */
export function mutationDigest(recordId: string, v: number, iv: string, ct: string): string {
  return createHash('sha256').update(`${recordId}\n${v}\n${iv}\n${ct}`, 'utf8').digest('hex');
}

/** A stored version of a mutation id: the entry itself, or the digest of a compacted one. */
export type StoredVersion =
  | { seq: number; recordId: string; v: number; iv: string; ct: string }
  | { seq: number; digest: string };

/** A retry must carry what was stored; the same id with other content is a conflict. */
export function assertSameVersion(stored: StoredVersion, mutation: NewMutation): void {
  const { recordId, envelope } = mutation;
  const same =
    'digest' in stored
      ? stored.digest === mutationDigest(recordId, envelope.v, envelope.iv, envelope.ct)
      : stored.recordId === recordId &&
        stored.v === envelope.v &&
        stored.iv === envelope.iv &&
        stored.ct === envelope.ct;
  if (!same) throw new MutationConflictError(mutation.mutationId);
}

export function assertWithinQuota(
  usage: SpaceUsage,
  added: SpaceUsage,
  quota: SpaceQuota | undefined,
  of: 'log' | 'epoch keys' = 'log',
): void {
  if (!quota || (added.bytes === 0 && added.records === 0)) return;
  if (usage.records + added.records > quota.maxRecords) {
    throw new QuotaExceededError('records', quota.maxRecords, of);
  }
  if (usage.bytes + added.bytes > quota.maxBytes) {
    throw new QuotaExceededError('bytes', quota.maxBytes, of);
  }
}
