import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { t } from '../../utils/i18n';
import { PANEL_COMMAND_KEY, type PanelCommandMessage } from '../../utils/messaging';
import {
  acceptPanelCommands,
  commandMessage,
  createCommandHub,
  isForPanel,
  onePerPress,
  PENDING_COMMAND_MS,
  relayCommand,
  SAME_PRESS_MS,
  watchPanelCommands,
} from '../../utils/panel/commands';
import { manifestCommands, panelKeyCommand, shortcutCommands } from '../../utils/panel/shortcuts';

/** onePerPress on a clock the test moves: what ran, and `wait(ms)` to let time pass. */
function pressClock() {
  let now = 0;
  const ran: string[] = [];
  const once = onePerPress(
    (c) => ran.push(c),
    () => now,
  );
  return {
    once,
    ran,
    wait: (ms: number) => {
      now += ms;
    },
  };
}

const key = (code: string, mods: Partial<Record<'alt' | 'shift' | 'ctrl' | 'meta', boolean>>) => ({
  code,
  altKey: mods.alt ?? false,
  shiftKey: mods.shift ?? false,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
});

describe('shortcuts', () => {
  test('the manifest offers open, add an action item and next prompt with their keys', () => {
    expect(manifestCommands()).toEqual({
      _execute_action: {
        description: '__MSG_shortcuts_command_open__',
        suggested_key: { default: 'Alt+Shift+U' },
      },
      'add-action-item': {
        description: '__MSG_shortcuts_command_addActionItem__',
        suggested_key: { default: 'Alt+Shift+J' },
      },
      'next-prompt': {
        description: '__MSG_shortcuts_command_nextPrompt__',
        suggested_key: { default: 'Alt+Shift+K' },
      },
    });
    // The browser's shortcut settings show them in its language.
    expect(Object.values(shortcutCommands).map((c) => t(c.description))).toEqual([
      'Open Tandem',
      'Add an action item',
      'Show the next prompt',
    ]);
  });

  test('in Firefox the open shortcut opens the sidebar', () => {
    expect(Object.keys(manifestCommands('firefox'))).toEqual([
      '_execute_sidebar_action',
      'add-action-item',
      'next-prompt',
    ]);
  });

  test('the panel answers Alt+Shift+J and Alt+Shift+K by physical key, and nothing else', () => {
    expect(panelKeyCommand(key('KeyJ', { alt: true, shift: true }))).toBe('add-action-item');
    expect(panelKeyCommand(key('KeyK', { alt: true, shift: true }))).toBe('next-prompt');
    expect(panelKeyCommand(key('KeyJ', { alt: true }))).toBeNull();
    expect(panelKeyCommand(key('KeyJ', { shift: true }))).toBeNull();
    expect(panelKeyCommand(key('KeyJ', { alt: true, shift: true, ctrl: true }))).toBeNull();
    expect(panelKeyCommand(key('KeyJ', { alt: true, shift: true, meta: true }))).toBeNull();
    expect(panelKeyCommand(key('KeyA', { alt: true, shift: true }))).toBeNull();
  });
});

describe('commands from the background to the panel', () => {
  beforeEach(() => fakeBrowser.reset());

  test('a panel command becomes a message for that tab and window; the browser’s own is left alone', () => {
    expect(commandMessage('next-prompt', { id: 7, windowId: 2 }, 1000, 'a')).toEqual({
      type: 'panel-command',
      id: 'a',
      command: 'next-prompt',
      tabId: 7,
      windowId: 2,
      at: 1000,
    });
    expect(commandMessage('_execute_action', { id: 7, windowId: 2 }, 1000, 'a')).toBeNull();
    expect(commandMessage('something-else', undefined, 1000, 'a')).toBeNull();
  });

  test('relaying opens the panel of that tab first, then leaves the message where panels watch', async () => {
    const calls: string[] = [];
    const message = await relayCommand(
      'add-action-item',
      { id: 7, windowId: 2 },
      {
        openPanel: async (target) => {
          calls.push(`open ${JSON.stringify(target)}`);
        },
        setItem: async (k, value) => {
          calls.push(`set ${k} ${value.command}`);
        },
      },
      1000,
      'x',
    );
    expect(calls).toEqual(['open {"tabId":7}', 'set session:panel-command add-action-item']);
    expect(message?.id).toBe('x');
  });

  test('a panel that cannot be opened (no side panel API, or it refused) still gets the message', async () => {
    const set: unknown[] = [];
    await relayCommand(
      'next-prompt',
      { windowId: 2 },
      { setItem: async (_k, v) => void set.push(v) },
    );
    await relayCommand(
      'next-prompt',
      { windowId: 2 },
      {
        openPanel: () => Promise.reject(new Error('no user gesture')),
        setItem: async (_k, v) => void set.push(v),
      },
    );
    expect(set).toHaveLength(2);
  });

  test('a panel acts only on its own tab’s or window’s commands', () => {
    const m = (extra: Partial<PanelCommandMessage>): PanelCommandMessage => ({
      type: 'panel-command',
      id: 'i',
      command: 'next-prompt',
      at: 0,
      ...extra,
    });
    expect(isForPanel(m({ tabId: 7, windowId: 2 }), { tabId: 7, windowId: 2 })).toBe(true);
    expect(isForPanel(m({ tabId: 8, windowId: 2 }), { tabId: 7, windowId: 2 })).toBe(false);
    expect(isForPanel(m({ tabId: 8, windowId: 2 }), { tabId: null, windowId: 2 })).toBe(true);
    expect(isForPanel(m({ tabId: 8, windowId: 3 }), { tabId: null, windowId: 2 })).toBe(false);
    expect(isForPanel(m({}), { tabId: null, windowId: 2 })).toBe(true);
  });

  test('each command is acted on once, malformed ones never, and on opening only a fresh one', () => {
    const got: string[] = [];
    let visible = true;
    const { receive } = acceptPanelCommands({
      place: () => ({ tabId: null, windowId: 1 }),
      visible: () => visible,
      openedAt: 100_000,
      onCommand: (c) => got.push(c),
    });
    const message = { type: 'panel-command', id: 'a', command: 'next-prompt', at: 99_000 };
    receive(message, true);
    receive(message);
    receive({ ...message, id: 'b', command: 'format-disk' });
    receive({ ...message, id: 'c', at: '99000' });
    receive({ ...message, id: 'd', type: 'page-context' });
    receive('next-prompt');
    receive({ ...message, id: 'e', at: 100_000 - PENDING_COMMAND_MS - 1 }, true);
    visible = false;
    receive({ ...message, id: 'f' });
    visible = true;
    receive({ ...message, id: 'g', command: 'add-action-item' });
    expect(got).toEqual(['next-prompt', 'add-action-item']);
  });

  test('the panel hears what the background leaves in storage.session, and what it left just before', async () => {
    const first = commandMessage('next-prompt', { windowId: 1 }, Date.now(), 'one');
    await fakeBrowser.storage.session.set({ 'panel-command': first });
    const got: [unknown, boolean | undefined][] = [];
    const stop = watchPanelCommands((value, initial) => got.push([value, initial]));
    await new Promise((r) => setTimeout(r, 10));
    const second = commandMessage('add-action-item', { windowId: 1 }, Date.now(), 'two');
    await fakeBrowser.storage.session.set({ 'panel-command': second });
    await new Promise((r) => setTimeout(r, 10));
    stop();
    expect(PANEL_COMMAND_KEY).toBe('session:panel-command');
    expect(got).toEqual([
      [first, true],
      [second, undefined],
    ]);
  });

  test('one key press arriving by both paths is carried out once; two presses twice', () => {
    const { once, ran, wait } = pressClock();
    once('next-prompt', 'key');
    wait(SAME_PRESS_MS - 1);
    once('next-prompt', 'browser');
    once('add-action-item', 'browser');
    wait(SAME_PRESS_MS);
    once('next-prompt', 'browser');
    expect(ran).toEqual(['next-prompt', 'add-action-item', 'next-prompt']);
  });

  test('two commands that came the same way are two presses, however quick (the race behind a lost command)', () => {
    // The background relayed two presses 391 ms apart: both count (they were dropped as one).
    const { once, ran, wait } = pressClock();
    once('add-action-item', 'browser');
    wait(391);
    once('add-action-item', 'browser');
    wait(100);
    once('add-action-item', 'key');
    wait(100);
    once('add-action-item', 'key');
    // The third pairs with the second (other path, within the window); the fourth is a press.
    expect(ran).toEqual(['add-action-item', 'add-action-item', 'add-action-item']);
  });

  test('an arrival pairs with one before it only once', () => {
    const { once, ran, wait } = pressClock();
    once('next-prompt', 'key');
    once('next-prompt', 'browser');
    wait(10);
    once('next-prompt', 'browser');
    expect(ran).toEqual(['next-prompt', 'next-prompt']);
  });

  test('a command that comes before the panel has drawn itself waits for it', () => {
    const hub = createCommandHub();
    hub.emit('add-action-item');
    const got: string[] = [];
    const stop = hub.subscribe((c) => got.push(c));
    hub.emit('next-prompt');
    stop();
    hub.emit('next-prompt');
    expect(got).toEqual(['add-action-item', 'next-prompt']);
  });
});
