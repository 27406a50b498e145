import { useEffect, useState } from 'preact/hooks';
import { addJitsiServer, type CustomHostApis, removeJitsiServer } from '../utils/custom-hosts';
import { customJitsiOrigins } from '../utils/settings';
import { ErrorText } from './controls';
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
}: {
  apis: CustomHostApis;
  getGranted: () => Promise<Granted>;
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
      </section>
      {sync && <SyncSettings apis={sync} />}
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
      </section>
    </main>
  );
}
