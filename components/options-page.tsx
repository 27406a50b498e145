import { useEffect, useState } from 'preact/hooks';
import {
  addJitsiServer,
  type CustomHostApis,
  removeJitsiServer,
} from '../utils/context/custom-hosts';
import { t } from '../utils/i18n';
import { customJitsiOrigins } from '../utils/settings';
import { ErrorText } from './controls';
import { Backup } from './data-section';
import { ReminderSettings } from './nudges';
import { ProgrammesSection } from './programme/programme-options';
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
        setStatus(t('options.jitsi.added', result.origin));
      } else {
        setError(result.message);
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <main class="app options">
      <h1>{t('options.title')}</h1>
      <section class="section" aria-labelledby="data-heading">
        <h2 id="data-heading">{t('pair.dataHeading')}</h2>
        <p>{t('options.data')}</p>
        <h3>{t('options.backup.heading')}</h3>
        <p class="muted">{t('options.backup.intro')}</p>
        <Backup />
      </section>
      {sync && (
        <div id="sharing" tabIndex={-1} class="anchor">
          <SyncSettings apis={sync} />
        </div>
      )}
      {sync && (
        <div id="programmes" tabIndex={-1} class="anchor">
          <ProgrammesSection requestOrigin={sync.requestOrigin} />
        </div>
      )}
      <section class="section">
        <ReminderSettings headingLevel={2} />
      </section>
      <section class="section" aria-labelledby="jitsi-heading">
        <h2 id="jitsi-heading">{t('options.jitsi.heading')}</h2>
        <p class="muted">{t('options.jitsi.intro')}</p>
        <ul class="custom-list" data-testid="jitsi-servers">
          {origins.map((origin) => (
            <li key={origin}>
              <span class="grow">{origin}</span>
              <button
                type="button"
                aria-label={t('options.jitsi.removeLabel', origin)}
                onClick={async () => {
                  try {
                    await removeJitsiServer(apis, origin);
                    setError(null);
                    setStatus(t('options.jitsi.removed', origin));
                  } catch (err) {
                    setError(err instanceof Error ? err.message : String(err));
                  }
                }}
              >
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
        <form class="add-row" onSubmit={add}>
          <label class="grow">
            <span class="visually-hidden">{t('options.jitsi.address')}</span>
            <input
              dir="auto"
              name="jitsi-origin"
              placeholder="jitsi.example.org"
              value={input}
              onInput={(e) => setInput(e.currentTarget.value)}
            />
          </label>
          <button type="submit">{t('options.jitsi.add')}</button>
        </form>
        <ErrorText message={error} />
        <p role="status" class="muted">
          {status}
        </p>
      </section>
      <section class="section" aria-labelledby="granted-heading">
        <h2 id="granted-heading">{t('options.granted.heading')}</h2>
        {granted && (
          <dl class="facts" data-testid="granted">
            <dt>{t('options.granted.permissions')}</dt>
            <dd>{(granted.permissions ?? []).sort().join(', ')}</dd>
            <dt>{t('options.granted.sites')}</dt>
            <dd>{(granted.origins ?? []).join('\n')}</dd>
          </dl>
        )}
        <h3>{t('options.optional.heading')}</h3>
        <p class="muted">{t('options.optional.intro')}</p>
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
              ? t('options.optional.noneAllowed')
              : t('options.optional.allowed', allowedByYou.join(', '))}
          </p>
        )}
      </section>
      <ShortcutList />
    </main>
  );
}

function optionalHostMeaning(pattern: string): string {
  if (pattern.startsWith('https://')) return t('options.optional.https');
  return t('options.optional.local');
}

function siteOf(pattern: string): string {
  return pattern.replace(/^([a-z*-]+:\/\/[^/]+)\/.*$/, '$1/*');
}
