import { useEffect, useState } from 'preact/hooks';
import { addJitsiServer, type CustomHostApis, removeJitsiServer } from '../utils/custom-hosts';
import { customJitsiOrigins } from '../utils/settings';
import { ErrorText } from './controls';
import { Backup } from './data-section';
import { ShortcutList } from './shortcuts';
import { SyncSettings, type SyncSettingsApis } from './sync-settings';
import { useSetting } from './use-setting';

interface Granted {
  permissions?: string[];
  origins?: string[];
}

export function OptionsPage({
  apis,
  getGranted,
  sync,
  access,
}: {
  apis: CustomHostApis;
  getGranted: () => Promise<Granted>;
  /** The manifest's host access: read by itself, and what it may ask for. */
  access: { hosts: readonly string[]; optionalHosts: readonly string[] };
  /** Sharing pairs through a sidecar; the section is left out without it. */
  sync?: SyncSettingsApis;
}) {
  const origins = useSetting(customJitsiOrigins) ?? [];
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [granted, setGranted] = useState<Granted | null>(null);
  const refresh = () => void getGranted().then(setGranted);
  useEffect(refresh, [origins.join(' ')]);
  // options.html#sharing (the panel's "Join a shared pair") lands on that section.
  useEffect(() => {
    const id = location.hash.slice(1);
    if (!/^[a-z-]+$/.test(id)) return;
    const target = document.getElementById(id);
    // Focus too, so the keyboard goes on from there.
    target?.focus();
    target?.scrollIntoView();
  }, []);
  // Host permissions are per site: the browser reports https://*.zoom.us/wc/* as https://*.zoom.us/*.
  const builtIn = new Set(access.hosts.map(siteOf));
  const allowedByYou = (granted?.origins ?? []).filter((o) => !builtIn.has(siteOf(o)));

  const add = async (event: Event) => {
    event.preventDefault();
    setStatus('');
    try {
      const result = await addJitsiServer(apis, input);
      if (result.ok) {
        setError(null);
        setInput('');
        setStatus(`Tandem now reads Jitsi meetings on ${result.origin}.`);
      } else {
        setError(result.message);
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <main class="app options">
      <h1>Tandem options</h1>
      <section class="section" aria-labelledby="data-heading">
        <h2 id="data-heading">Where your data lives</h2>
        <p>
          Everything Tandem keeps — pairs, goals, sessions, notes, action items — is stored in this
          browser (IndexedDB), on this device. Private notes and reflections are kept in a database
          of their own and never leave the browser.
        </p>
        <h3>Back up and restore</h3>
        <p class="muted">
          A JSON file with all your pairs; import it here or in a new browser's panel. Each pair can
          also be exported as Markdown from its Pair tab in the panel.
        </p>
        <Backup />
      </section>
      {sync && (
        <div id="sharing" tabIndex={-1} class="anchor">
          <SyncSettings apis={sync} />
        </div>
      )}
      <section class="section" aria-labelledby="jitsi-heading">
        <h2 id="jitsi-heading">Self-hosted Jitsi</h2>
        <p class="muted">
          Tandem reads meet.jit.si by itself. If your programme runs its own Jitsi server, add its
          address; the browser asks you to allow Tandem to read pages there.
        </p>
        <ul class="custom-list" data-testid="jitsi-servers">
          {origins.map((origin) => (
            <li key={origin}>
              <span class="grow">{origin}</span>
              <button
                type="button"
                aria-label={`Remove ${origin}`}
                onClick={async () => {
                  try {
                    await removeJitsiServer(apis, origin);
                    setError(null);
                    setStatus(`Removed ${origin}.`);
                  } catch (err) {
                    setError(err instanceof Error ? err.message : String(err));
                  }
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <form class="add-row" onSubmit={add}>
          <label class="grow">
            <span class="visually-hidden">Jitsi server address</span>
            <input
              name="jitsi-origin"
              placeholder="jitsi.example.org"
              value={input}
              onInput={(e) => setInput(e.currentTarget.value)}
            />
          </label>
          <button type="submit">Add server</button>
        </form>
        <ErrorText message={error} />
        <p role="status" class="muted">
          {status}
        </p>
      </section>
      <section class="section" aria-labelledby="granted-heading">
        <h2 id="granted-heading">What Tandem may access</h2>
        {granted && (
          <dl class="facts" data-testid="granted">
            <dt>Permissions</dt>
            <dd>{(granted.permissions ?? []).sort().join(', ')}</dd>
            <dt>Sites</dt>
            <dd>{(granted.origins ?? []).join('\n')}</dd>
          </dl>
        )}
        <h3>Sites Tandem can ask for</h3>
        <p class="muted">
          Only when you add one above (a self-hosted Jitsi server) or share a pair (the sidecar's
          address), and only after the browser asks you:
        </p>
        <ul class="plain" data-testid="optional-hosts">
          {access.optionalHosts.map((pattern) => (
            <li key={pattern}>
              <code>{pattern}</code> — {optionalHostMeaning(pattern)}
            </li>
          ))}
        </ul>
        {granted && (
          <p data-testid="allowed-by-you">
            {allowedByYou.length === 0
              ? 'You have not allowed any other site.'
              : `You allowed: ${allowedByYou.join(', ')}.`}
          </p>
        )}
      </section>
      <ShortcutList />
    </main>
  );
}

function optionalHostMeaning(pattern: string): string {
  if (pattern.startsWith('https://'))
    return 'one https site at a time: a Jitsi server or a sidecar';
  return 'a sidecar running on this computer';
}

function siteOf(pattern: string): string {
  return pattern.replace(/^([a-z*-]+:\/\/[^/]+)\/.*$/, '$1/*');
}
