import { useEffect, useState } from 'preact/hooks';
import { addJitsiServer, type CustomHostApis, removeJitsiServer } from '../utils/custom-hosts';
import { t } from '../utils/i18n';
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
      </section>
      {sync && <SyncSettings apis={sync} />}
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
      </section>
    </main>
  );
}
