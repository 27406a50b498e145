import { useEffect, useState } from 'preact/hooks';
import { t } from '../utils/i18n';

export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Time since the call started, ticking each second. */
export function MeetingTimer({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <p class="timer" data-testid="meeting-timer">
      <span class="muted">{t('timer.inCallFor')} </span>
      {/* role=timer is not live by default, so screen readers are not told every second. */}
      <span role="timer" aria-label={t('timer.label')}>
        {formatElapsed(now - startedAt)}
      </span>
    </p>
  );
}
