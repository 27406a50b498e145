import type { MessageKey } from '../i18n';
import type { PanelCommandName } from '../messaging';

/**
 * Tandem's keyboard shortcuts, declared once: the manifest's `commands` (wxt.config.ts), the
 * keys the panel answers itself, and what the help view lists. Plain data, no browser APIs:
 * the build config imports it.
 */

/**
 * The manifest's `commands`, also what the help view lists, in this order. `description` is a
 * message (locales/<lang>.yml): the browser shows it in its shortcut settings in its language.
 */
export const shortcutCommands = {
  _execute_action: { description: 'shortcuts.command.open', suggested: 'Alt+Shift+U' },
  'add-action-item': { description: 'shortcuts.command.addActionItem', suggested: 'Alt+Shift+J' },
  'next-prompt': { description: 'shortcuts.command.nextPrompt', suggested: 'Alt+Shift+K' },
} as const satisfies Record<string, { description: MessageKey; suggested: string }>;

export type ShortcutCommand = keyof typeof shortcutCommands;

/**
 * Firefox shows the panel in its sidebar, opened by its own command (the toolbar button keeps
 * `_execute_action`); the help view lists it in the "Open Tandem" row.
 */
export const FIREFOX_OPEN_COMMAND = '_execute_sidebar_action';

/** The manifest `commands` key built from the table above, for Chromium or Firefox. */
export function manifestCommands(
  browser = 'chrome',
): Record<string, { description: string; suggested_key: { default: string } }> {
  return Object.fromEntries(
    Object.entries(shortcutCommands).map(([name, c]) => [
      browser === 'firefox' && name === '_execute_action' ? FIREFOX_OPEN_COMMAND : name,
      {
        description: `__MSG_${c.description.replaceAll('.', '_')}__`,
        suggested_key: { default: c.suggested },
      },
    ]),
  );
}

/** Keys the panel itself answers while it has focus: the suggested keys, by physical key. */
export const panelKeyCodes: Record<string, PanelCommandName> = {
  KeyJ: 'add-action-item',
  KeyK: 'next-prompt',
};

/** The command an in-panel key press asks for (Alt+Shift+J, Alt+Shift+K), or null. */
export function panelKeyCommand(event: {
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  code: string;
}): PanelCommandName | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  return panelKeyCodes[event.code] ?? null;
}
