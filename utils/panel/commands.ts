import { storage } from 'wxt/utils/storage';
import { chromiumSidePanel } from '../browser';
import {
  PANEL_COMMAND_KEY,
  type PanelCommandMessage,
  type PanelCommandName,
  panelCommandMessage,
  panelCommandNames,
} from '../messaging';

/**
 * Keyboard shortcuts. Three are the browser's (wxt.config.ts `commands`, changeable at
 * chrome://extensions/shortcuts): open the panel (`_execute_action`, which opens the side panel
 * because the background sets openPanelOnActionClick), add an action item, next prompt. The
 * last two reach the panel from the background through storage.session; inside the panel the
 * same keys work by themselves (a tab, Firefox's sidebar, or a user who moved the browser's
 * shortcut elsewhere).
 */

/** A command older than this when a panel opens was meant for a panel that was already there. */
export const PENDING_COMMAND_MS = 5_000;

/**
 * The same command from both paths (the panel saw the key press, and the browser's shortcut
 * went round through the background) within this time is one key press.
 */
export const SAME_PRESS_MS = 500;

export function isPanelCommand(name: string): name is PanelCommandName {
  return (panelCommandNames as readonly string[]).includes(name);
}

export interface CommandTab {
  id?: number;
  windowId?: number;
}

/** What the background makes of a browser command: a message for the panels, or null. */
export function commandMessage(
  command: string,
  tab: CommandTab | undefined,
  now: number,
  id: string,
): PanelCommandMessage | null {
  if (!isPanelCommand(command)) return null;
  return {
    type: 'panel-command',
    id,
    command,
    ...(tab?.windowId !== undefined ? { windowId: tab.windowId } : {}),
    ...(tab?.id !== undefined ? { tabId: tab.id } : {}),
    at: now,
  };
}

export interface CommandApis {
  /** chrome.sidePanel.open; absent where the browser has none (Firefox's sidebar). */
  openPanel?: (target: { tabId: number } | { windowId: number }) => Promise<unknown>;
  /** storage.session, where open panels watch for commands. */
  setItem: (key: typeof PANEL_COMMAND_KEY, value: PanelCommandMessage) => Promise<unknown>;
}

/**
 * commands.onCommand in the background: make sure the panel is open in that window, then tell
 * it. The panel is opened first, before anything is awaited: sidePanel.open() is only allowed
 * while the key press still counts as the user's gesture.
 */
export async function relayCommand(
  command: string,
  tab: CommandTab | undefined,
  apis: CommandApis,
  now: number = Date.now(),
  id: string = crypto.randomUUID(),
): Promise<PanelCommandMessage | null> {
  const message = commandMessage(command, tab, now, id);
  if (!message) return null;
  const target =
    tab?.id !== undefined
      ? { tabId: tab.id }
      : tab?.windowId !== undefined
        ? { windowId: tab.windowId }
        : null;
  const opening = target && apis.openPanel ? apis.openPanel(target).catch(() => undefined) : null;
  await apis.setItem(PANEL_COMMAND_KEY, message);
  await opening;
  return message;
}

/** Which panel this is: the tab it belongs to (`?tab=`), else the window it shows in. */
export interface PanelPlace {
  tabId: number | null;
  windowId: number | null;
}

/** Whether a command is for this panel: its own tab's, or its window's. */
export function isForPanel(message: PanelCommandMessage, place: PanelPlace): boolean {
  if (place.tabId !== null) return message.tabId === place.tabId;
  if (message.windowId === undefined || place.windowId === null) return true;
  return message.windowId === place.windowId;
}

/**
 * The panel's side: parses what the background left (anything else is dropped), acts on each
 * command once, and on start picks up a command that has just opened it.
 */
export function acceptPanelCommands(options: {
  place: () => PanelPlace;
  /** A panel out of sight (the side panel of another tab, a background tab) leaves it. */
  visible: () => boolean;
  openedAt: number;
  onCommand: (command: PanelCommandName) => void;
}): { receive: (value: unknown, initial?: boolean) => void } {
  const seen = new Set<string>();
  return {
    receive(value, initial = false) {
      const parsed = panelCommandMessage.safeParse(value);
      if (!parsed.success) return;
      const message = parsed.data;
      if (seen.has(message.id)) return;
      seen.add(message.id);
      if (initial && options.openedAt - message.at > PENDING_COMMAND_MS) return;
      if (!options.visible() || !isForPanel(message, options.place())) return;
      options.onCommand(message.command);
    },
  };
}

/** How a command reached the panel: its own key press, or the browser's shortcut via the background. */
export type CommandPath = 'key' | 'browser';

/**
 * Drops the second arrival of one key press: the panel saw the keys and the browser's shortcut
 * went round through the background, within SAME_PRESS_MS of each other. Only an arrival by the
 * other path pairs with one before it, and once: two presses that came the same way, however
 * quick, are two commands.
 */
export function onePerPress(
  run: (command: PanelCommandName) => void,
  now: () => number = Date.now,
): (command: PanelCommandName, path: CommandPath) => void {
  const unpaired = new Map<PanelCommandName, { path: CommandPath; time: number }>();
  return (command, path) => {
    const time = now();
    const before = unpaired.get(command);
    if (before && before.path !== path && time - before.time < SAME_PRESS_MS) {
      unpaired.delete(command);
      return;
    }
    unpaired.set(command, { path, time });
    run(command);
  };
}

const sidePanel = chromiumSidePanel;

/** The real browser behind CommandApis (the background's side). */
export const browserCommandApis: CommandApis = {
  openPanel: sidePanel?.open ? (target) => sidePanel.open(target) : undefined,
  setItem: (key, value) => storage.setItem(key, value),
};

/** The panel's side: hears every command the background leaves, and the one left just before. */
export function watchPanelCommands(
  receive: (value: unknown, initial?: boolean) => void,
): () => void {
  void storage.getItem(PANEL_COMMAND_KEY).then((value) => receive(value, true));
  return storage.watch(PANEL_COMMAND_KEY, (value) => receive(value));
}

/**
 * Hands commands from the wiring (main.tsx) to the UI once it has mounted: a command that came
 * before anyone listened (the one that opened the panel) is kept and given to the first listener.
 */
export function createCommandHub(): {
  emit: (command: PanelCommandName) => void;
  subscribe: (listener: (command: PanelCommandName) => void) => () => void;
} {
  const listeners = new Set<(command: PanelCommandName) => void>();
  let waiting: PanelCommandName | null = null;
  return {
    emit(command) {
      if (listeners.size === 0) waiting = command;
      for (const listener of listeners) listener(command);
    },
    subscribe(listener) {
      listeners.add(listener);
      if (waiting) {
        const command = waiting;
        waiting = null;
        listener(command);
      }
      return () => listeners.delete(listener);
    },
  };
}
