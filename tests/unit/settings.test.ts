import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { currentPairId, deviceId } from '../../utils/settings';

describe('settings', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  test('no pair is selected until the user creates or picks one, and the choice is kept', async () => {
    expect(await currentPairId.getValue()).toBeNull();
    await currentPairId.setValue('pair-1');
    expect(await currentPairId.getValue()).toBe('pair-1');
    expect(await fakeBrowser.storage.local.get('currentPairId')).toEqual({
      currentPairId: 'pair-1',
    });
  });

  test('this browser gets one device id, the same every time it is asked', async () => {
    const first = await deviceId.getValue();
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await deviceId.getValue()).toBe(first);
    fakeBrowser.reset();
    expect(await deviceId.getValue()).not.toBe(first);
  });
});
