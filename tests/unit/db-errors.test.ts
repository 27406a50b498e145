import Dexie from 'dexie';
import { describe, expect, test } from 'vitest';
import { isClosedError, isQuotaError, saveErrorMessage } from '../../utils/data/db-errors';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isQuotaError', () => {
  test('recognises a full disk reported directly', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError({ name: 'QuotaExceededError' })).toBe(true);
  });

  test('recognises a full disk inside the AbortError Dexie wraps it in', () => {
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quota()))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
  });

  test('recognises a full disk given as the cause', () => {
    expect(isQuotaError(new Error('Write failed', { cause: quota() }))).toBe(true);
  });

  test('recognises a full disk several wrappers deep', () => {
    const nested = { name: 'Error', cause: { name: 'AbortError', inner: { inner: quota() } } };
    expect(isQuotaError(nested)).toBe(true);
  });

  test('does not take other failures for a full disk', () => {
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'ConstraintError' } })).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });

  test('gives up on a chain of wrappers that loops', () => {
    const loop: { name: string; inner?: unknown } = { name: 'AbortError' };
    loop.inner = loop;
    expect(isQuotaError(loop)).toBe(false);
  });
});

describe('saveErrorMessage', () => {
  test('tells the user the disk is full and that the text is kept', () => {
    const message = saveErrorMessage({ name: 'AbortError', inner: { name: 'QuotaExceededError' } });
    expect(message).toMatch(/disk is full/);
    expect(message).toMatch(/text is still here/);
  });

  test('asks for a reload when another window updated Tandem and closed the database', () => {
    const closed = new Dexie.DatabaseClosedError();
    expect(isClosedError(closed)).toBe(true);
    expect(saveErrorMessage(closed)).toMatch(/updated in another window.*reload/);
    expect(saveErrorMessage(new DOMException('closing', 'InvalidStateError'))).toMatch(/reload/);
  });

  test('passes other failures on in words, promising another try', () => {
    const message = saveErrorMessage(new Error('Something odd happened'));
    expect(message).toBe(
      'Not saved: Something odd happened. Your text is still here; Tandem will try again.',
    );
    expect(saveErrorMessage('boom')).toMatch(/^Not saved: boom\. /);
  });

  // Bug: records.ts errors end with a full stop ("That note no longer exists."), and
  // saveErrorMessage adds another: "Not saved: That note no longer exists.. Your text…".
  test('does not double the full stop of a message that has one', () => {
    const message = saveErrorMessage(new Error('That note no longer exists.'));
    expect(message).not.toContain('..');
  });
});
