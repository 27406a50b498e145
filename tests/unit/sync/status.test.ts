import { describe, expect, test } from 'vitest';
import { statusLine } from '../../../utils/sync/status';

describe('the sync line in the panel header', () => {
  test('says nothing for a pair that is not shared', () => {
    expect(statusLine(false, 3, { state: 'error', message: 'x', at: 0 })).toBeNull();
  });

  test('shows synced, pending changes, offline, or the error with what to do', () => {
    expect(statusLine(true, 0, undefined)?.text).toBe('Synced');
    expect(statusLine(true, 0, { state: 'synced', at: 1 })?.text).toBe('Synced');
    expect(statusLine(true, 3, { state: 'synced', at: 1 })?.text).toBe('Pending 3');
    expect(statusLine(true, 3, { state: 'offline', at: 1 })?.text).toBe(
      "Offline — changes will go out when you're back online",
    );
    expect(
      statusLine(true, 0, {
        state: 'error',
        message: 'The sidecar refused this device: share again.',
        at: 1,
      }),
    ).toEqual({ text: 'Error: The sidecar refused this device: share again.', tone: 'error' });
  });
});
