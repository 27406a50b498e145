import { afterEach, describe, expect, test, vi } from 'vitest';
import { tabContextKey } from '../../utils/messaging';
import {
  beginEarlyReads,
  EARLY_SETTINGS,
  type EarlyApi,
  earlySetting,
  earlyTab,
  tabContextStorageKey,
  tabFromQuery,
} from '../../utils/panel/early-reads';
import { currentPairId, onboardingDismissed } from '../../utils/settings';

/*
 * The panel's first script asks the browser for the tab, its context and two settings while the
 * modules load (utils/panel/early-reads.ts): a first guess the page's own reads then confirm.
 */

const context = { context: { kind: 'call', host: 'meet' } };

function fakeApi(over: Partial<Record<'windows' | 'tabs' | 'local' | 'session', unknown>> = {}) {
  const calls: string[] = [];
  const area = (name: string, values: Record<string, unknown>) => ({
    get: vi.fn(async (keys: string[]) => {
      calls.push(`${name}:${keys.join(',')}`);
      return Object.fromEntries(keys.filter((k) => k in values).map((k) => [k, values[k]]));
    }),
  });
  const api = {
    windows: over.windows ?? { getCurrent: async () => ({ id: 3 }) },
    tabs: over.tabs ?? {
      query: async (info: { windowId: number }) => (info.windowId === 3 ? [{ id: 42 }] : []),
    },
    storage: {
      local: over.local ?? area('local', { currentPairId: 'pair-1' }),
      session: over.session ?? area('session', { [tabContextStorageKey(42)]: context }),
    },
  } as unknown as EarlyApi;
  return { api, calls };
}

/** Lets the fake API's promises settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  delete (globalThis as Record<string, unknown>).__tandemEarlyReads;
});

describe('the panel’s early reads', () => {
  test('the keys are the ones the page reads: the settings’ items and the tab context’s', () => {
    expect([...EARLY_SETTINGS]).toEqual([currentPairId.key, onboardingDismissed.key]);
    expect(`session:${tabContextStorageKey(7)}`).toBe(tabContextKey(7));
  });

  test('the active tab of the window, its context and the settings, read while modules load', async () => {
    const { api, calls } = fakeApi();
    beginEarlyReads(api, '');
    expect(earlyTab()).toBeUndefined(); // not answered yet: the page reads the usual way
    await settle();
    expect(earlyTab()).toEqual({ tabId: 42, context });
    expect(earlySetting(currentPairId.key)).toEqual({ value: 'pair-1' });
    // Not stored: the item's fallback applies (undefined here, not "not read").
    expect(earlySetting(onboardingDismissed.key)).toEqual({ value: undefined });
    // Only the settings asked for early.
    expect(earlySetting('local:deviceId')).toBeUndefined();
    expect(calls).toContain('session:tab-context:42');
  });

  test('a panel opened for a tab (?tab=) reads that tab’s context, without asking for the window', async () => {
    const getCurrent = vi.fn(async () => ({ id: 3 }));
    const { api } = fakeApi({ windows: { getCurrent } });
    beginEarlyReads(api, '?tab=42');
    await settle();
    expect(earlyTab()).toEqual({ tabId: 42, context });
    expect(getCurrent).not.toHaveBeenCalled();
    expect(tabFromQuery('?tab=42')).toBe(42);
    expect(tabFromQuery('?tab=4x2')).toBeNull();
  });

  test('no active tab: no context', async () => {
    const { api } = fakeApi({ tabs: { query: async () => [] } });
    beginEarlyReads(api, '');
    await settle();
    expect(earlyTab()).toEqual({ tabId: null, context: null });
  });

  test('an API that fails or is missing leaves it all to the page’s own reads', async () => {
    const failing = fakeApi({
      windows: { getCurrent: async () => Promise.reject(new Error('no window')) },
      local: { get: async () => Promise.reject(new Error('no storage')) },
    });
    beginEarlyReads(failing.api, '');
    await settle();
    expect(earlyTab()).toBeUndefined();
    expect(earlySetting(currentPairId.key)).toBeUndefined();
    beginEarlyReads(undefined, '');
    await settle();
    expect(earlyTab()).toBeUndefined();
    // Nothing began early (another page, a test): nothing is guessed.
    delete (globalThis as Record<string, unknown>).__tandemEarlyReads;
    expect(earlyTab()).toBeUndefined();
    expect(earlySetting(currentPairId.key)).toBeUndefined();
  });
});
