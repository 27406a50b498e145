import { t } from '../../i18n';
import type { Failure } from '../client';

/**
 * How the sync engine fails in words a person can act on: the error its operations throw, the
 * outcomes push and pull return instead of throwing, and the advice for each failure of the
 * sidecar. Separate because every part of the engine (and the scheduler) reports through it.
 */

/** A failure the person can act on; the message says what to do. */
export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    message: string,
    readonly kind: Failure['kind'] | 'not_shared' | 'invalid' | 'pair_exists' = 'invalid',
  ) {
    super(message);
  }
}

/** The pair is not shared from this browser (never was, or sharing stopped). */
export interface NotShared {
  ok: false;
  kind: 'not_shared';
  message: string;
}

export function notShared(): NotShared {
  return { ok: false, kind: 'not_shared', message: t('syncErrors.notShared') };
}

export function awaitingKey(): Failure {
  return { ok: false, kind: 'awaiting_key', message: t('syncErrors.awaitingKey') };
}

/** A failed call as a SyncError whose message says what to do. */
export function unwrap<T>(result: { ok: true; value: T } | Failure): T {
  if (result.ok) return result.value;
  throw new SyncError(failureAdvice(result), result.kind);
}

/** What a person should do about a failure. */
export function failureAdvice(failure: { kind: string; message: string }): string {
  switch (failure.kind) {
    case 'offline':
      return t('syncErrors.advice.offline');
    case 'unauthorized':
    case 'forbidden':
      return t('syncErrors.advice.refused');
    case 'not_found':
      return t('syncErrors.advice.notFound');
    case 'invite_invalid':
      return t('syncErrors.advice.inviteInvalid');
    case 'awaiting_key':
      return t('syncErrors.advice.awaitingKey');
    case 'payload_too_large':
      return t('syncErrors.advice.tooLarge');
    case 'rate_limited':
      return t('syncErrors.advice.busy');
    case 'quota_exceeded':
      return t('syncErrors.advice.full');
    case 'limit_reached':
      return t('syncErrors.advice.limit');
    case 'create_token_required':
      return t('syncErrors.advice.createToken');
    case 'origin_not_allowed':
      return t('syncErrors.advice.origin', globalThis.location?.origin ?? 'chrome-extension://…');
    case 'server':
      return t('syncErrors.advice.server');
    case 'bad_response':
      return failure.message;
    default:
      return failure.message;
  }
}
