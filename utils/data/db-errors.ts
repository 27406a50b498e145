import { t } from '../i18n';
import { InvalidRecordError } from './validate';

/**
 * Turning storage failures into words a person can act on. A full disk reaches us as a
 * QuotaExceededError, which Dexie usually wraps: an AbortError of the transaction whose
 * `inner` (or `cause`) is the QuotaExceededError.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { name, inner, cause } = error as { name?: unknown; inner?: unknown; cause?: unknown };
  if (name === 'QuotaExceededError') return true;
  return isQuotaError(inner, depth + 1) || isQuotaError(cause, depth + 1);
}

export function isClosedError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'DatabaseClosedError' || name === 'InvalidStateError';
}

export function saveErrorMessage(error: unknown): string {
  if (isQuotaError(error)) {
    return t('errors.diskFull');
  }
  if (isClosedError(error)) {
    return t('errors.closed');
  }
  // Refused input will not succeed by trying again: say what is wrong, and where.
  if (error instanceof InvalidRecordError) {
    return t('errors.invalid', error.message.replace(/[.\s]+$/, ''));
  }
  const message = error instanceof Error && error.message ? error.message : String(error);
  return t('errors.notSaved', message.replace(/[.\s]+$/, ''));
}
