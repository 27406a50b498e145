import { useEffect, useState } from 'preact/hooks';
import { browser } from '../utils/browser';
import { t, tParts } from '../utils/i18n';
import {
  FIREFOX_OPEN_COMMAND,
  type ShortcutCommand,
  shortcutCommands,
} from '../utils/panel/shortcuts';

/** The panel's own keys for a command, where it has them (utils/panel/shortcuts.ts). */
const inPanel: Partial<Record<ShortcutCommand, string>> = {
  'add-action-item': shortcutCommands['add-action-item'].suggested,
  'next-prompt': shortcutCommands['next-prompt'].suggested,
};

/** Where the browser lets people change extension shortcuts. */
function shortcutSettingsAddress(): string {
  const agent = navigator.userAgent;
  if (/\bFirefox\//.test(agent)) return 'about:addons';
  if (/\bEdg\//.test(agent)) return 'edge://extensions/shortcuts';
  return 'chrome://extensions/shortcuts';
}

async function openShortcutSettings(): Promise<void> {
  // Firefox opens its own page for it; elsewhere the extensions page's shortcuts section.
  const commands = browser.commands as typeof browser.commands & {
    openShortcutSettings?: () => Promise<void>;
  };
  if (commands.openShortcutSettings) {
    await commands.openShortcutSettings();
    return;
  }
  await browser.tabs.create({ url: shortcutSettingsAddress() });
}

/**
 * The keyboard shortcuts as the browser has them now (a shortcut the user changed shows as
 * changed; one they removed, or one another extension took first, shows as not set), and how
 * to change them.
 */
export function ShortcutList() {
  const [assigned, setAssigned] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void browser.commands.getAll().then(
      (commands) =>
        setAssigned(Object.fromEntries(commands.map((c) => [c.name ?? '', c.shortcut ?? '']))),
      () => setAssigned({}),
    );
  }, []);
  const address = shortcutSettingsAddress();
  return (
    <section class="section" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{t('shortcuts.heading')}</h2>
      <table class="shortcuts" data-testid="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.action')}</th>
            <th scope="col">{t('shortcuts.inBrowser')}</th>
            <th scope="col">{t('shortcuts.inPanel')}</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(shortcutCommands) as ShortcutCommand[]).map((name) => {
            const key =
              assigned?.[name] ||
              (name === '_execute_action' ? assigned?.[FIREFOX_OPEN_COMMAND] : undefined);
            return (
              <tr key={name} data-command={name}>
                <th scope="row">{t(shortcutCommands[name].description)}</th>
                <td>
                  {assigned === null ? (
                    '…'
                  ) : key ? (
                    <kbd>{key}</kbd>
                  ) : (
                    <span class="muted">{t('shortcuts.notSet')}</span>
                  )}
                </td>
                <td>{inPanel[name] ? <kbd>{inPanel[name]}</kbd> : <span class="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        {tParts('shortcuts.change', <code key="address">{address}</code>)}{' '}
        <button
          type="button"
          class="link"
          onClick={() => {
            setError(null);
            openShortcutSettings().catch(() => setError(t('shortcuts.openByHand', address)));
          }}
        >
          {t('shortcuts.open')}
        </button>
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <h3>{t('shortcuts.otherKeys')}</h3>
      <ul class="plain keys">
        <li>
          {tParts(
            'shortcuts.tabs',
            <kbd key="left">←</kbd>,
            <kbd key="right">→</kbd>,
            <kbd key="home">{t('shortcuts.key.home')}</kbd>,
            <kbd key="end">{t('shortcuts.key.end')}</kbd>,
          )}
        </li>
        <li>
          {tParts(
            'shortcuts.review',
            <kbd key="d">d</kbd>,
            <kbd key="c">c</kbd>,
            <kbd key="x">x</kbd>,
            <kbd key="o">o</kbd>,
            <kbd key="up">↑</kbd>,
            <kbd key="down">↓</kbd>,
          )}
        </li>
        <li>{tParts('shortcuts.escape', <kbd key="esc">{t('shortcuts.key.escape')}</kbd>)}</li>
      </ul>
    </section>
  );
}
