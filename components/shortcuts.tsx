import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { FIREFOX_OPEN_COMMAND, type ShortcutCommand, shortcutCommands } from '../utils/shortcuts';

/** The panel's own keys for a command, where it has them (utils/shortcuts.ts). */
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
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <table class="shortcuts" data-testid="shortcuts">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">In the browser</th>
            <th scope="col">In the panel</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(shortcutCommands) as ShortcutCommand[]).map((name) => {
            const key =
              assigned?.[name] ||
              (name === '_execute_action' ? assigned?.[FIREFOX_OPEN_COMMAND] : undefined);
            return (
              <tr key={name} data-command={name}>
                <th scope="row">{shortcutCommands[name].description}</th>
                <td>
                  {assigned === null ? (
                    '…'
                  ) : key ? (
                    <kbd>{key}</kbd>
                  ) : (
                    <span class="muted">Not set</span>
                  )}
                </td>
                <td>{inPanel[name] ? <kbd>{inPanel[name]}</kbd> : <span class="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        Change the browser's shortcuts at <code>{address}</code>.{' '}
        <button
          type="button"
          class="link"
          onClick={() => {
            setError(null);
            openShortcutSettings().catch(() =>
              setError(`Open ${address} from the address bar to change them.`),
            );
          }}
        >
          Open shortcut settings
        </button>
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <h3>Other keys</h3>
      <ul class="plain keys">
        <li>
          <kbd>←</kbd> <kbd>→</kbd> <kbd>Home</kbd> <kbd>End</kbd> move between the Prep, Live,
          Review, History and Pair tabs.
        </li>
        <li>
          Reviewing last session's action items, on a row's button: <kbd>d</kbd> done, <kbd>c</kbd>{' '}
          carry over, <kbd>x</kbd> drop, <kbd>o</kbd> reopen.
        </li>
        <li>
          <kbd>Esc</kbd> clears the search and cancels editing an agenda item.
        </li>
      </ul>
    </section>
  );
}
