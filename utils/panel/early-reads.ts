/*
 * What the panel's first script (entrypoints/first-reads.ts, a classic script in its <head>)
 * asks the browser for while the page's modules load: the tab the panel follows and that tab's
 * context, and the settings the first view waits for. Each is one or more round trips to the
 * browser, which would otherwise begin only once the modules have run and the page has
 * rendered. What they answer is a first guess: the page's own reads and watches
 * (utils/panel/tab.ts, components/use-setting.ts) follow at once and correct it, and the tab's
 * context is parsed like any other (messaging.ts parseTabContext). Nothing here is imported by
 * anything else the first script bundles: it stays small.
 */

/** The settings (`local:` items of utils/settings.ts) the first view waits for. */
export const EARLY_SETTINGS = ['local:currentPairId', 'local:onboardingDismissed'] as const;

/** Where the background keeps a tab's context (messaging.ts tabContextKey, without the area). */
export const tabContextStorageKey = (tabId: number): string => `tab-context:${tabId}`;

/**
 * Which tab a panel shows the context of: the `?tab=<id>` it was opened with (a tab's own side
 * panel, or a test), else the active tab of its window, followed as the user switches tabs.
 */
export function tabFromQuery(search: string): number | null {
  const value = new URLSearchParams(search).get('tab');
  if (value === null || !/^\d{1,10}$/.test(value)) return null;
  return Number(value);
}

interface StorageArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
}

/** As much of the browser's own extension API (not the polyfill: no module has run) as is read. */
export interface EarlyApi {
  windows: { getCurrent(): Promise<{ id?: number }> };
  tabs: { query(info: { active: true; windowId: number }): Promise<{ id?: number }[]> };
  storage: { local: StorageArea; session: StorageArea };
}

/** The tab found early: its id (null: none) and its stored context, not parsed yet. */
export interface EarlyTab {
  tabId: number | null;
  context: unknown;
}

interface EarlyReads {
  tab?: EarlyTab;
  settings?: Record<string, unknown>;
}

const EARLY = '__tandemEarlyReads';

function early(): EarlyReads | undefined {
  return (globalThis as unknown as Record<string, EarlyReads | undefined>)[EARLY];
}

/** Begins the reads (the first script); whatever fails is left to the page's own reads. */
export function beginEarlyReads(api: EarlyApi | undefined, search: string): void {
  const reads: EarlyReads = {};
  (globalThis as unknown as Record<string, EarlyReads>)[EARLY] = reads;
  if (!api?.storage?.local || !api.storage.session) return;
  const ignore = () => {};
  try {
    const keys = EARLY_SETTINGS.map((key) => key.slice('local:'.length));
    api.storage.local.get(keys).then((values) => {
      reads.settings = values;
    }, ignore);
    const fixed = tabFromQuery(search);
    const tabId: Promise<number | null> =
      fixed !== null
        ? Promise.resolve(fixed)
        : api.windows
            .getCurrent()
            .then((window) =>
              window.id === undefined
                ? null
                : api.tabs
                    .query({ active: true, windowId: window.id })
                    .then(([tab]) => tab?.id ?? null),
            );
    tabId
      .then(async (id) => {
        if (id === null) return { tabId: null, context: null };
        const key = tabContextStorageKey(id);
        return { tabId: id, context: (await api.storage.session.get([key]))[key] ?? null };
      })
      .then((tab) => {
        reads.tab = tab;
      }, ignore);
  } catch {
    // An API missing or refusing: the page reads the usual way.
  }
}

/** The tab found early, if it has been answered by now. */
export function earlyTab(): EarlyTab | undefined {
  return early()?.tab;
}

/**
 * A setting read early, if answered by now: `{ value }` with the stored value (undefined when
 * none is stored: the item's fallback applies), or undefined when not read early.
 */
export function earlySetting(key: string): { value: unknown } | undefined {
  const settings = early()?.settings;
  if (!settings || !(EARLY_SETTINGS as readonly string[]).includes(key)) return undefined;
  return { value: settings[key.slice('local:'.length)] };
}
