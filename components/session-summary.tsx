import { useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import type { Session } from '../utils/schema/session';
import { lazyView } from './lazy-view';

const SessionSummaryView = lazyView(() =>
  import('./session-summary-view').then((m) => m.SessionSummaryView),
);

/**
 * The summary to send after the call (components/session-summary-view.tsx): a button until it is
 * opened, then the summary, whose code (the Markdown export) loads then.
 */
export function SessionSummary({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
  if (open) return <SessionSummaryView session={session} onClose={() => setOpen(false)} />;
  return (
    <section class="section">
      <button
        type="button"
        onClick={() => setOpen(true)}
        onPointerEnter={() => void SessionSummaryView.preload().catch(() => undefined)}
        onFocus={() => void SessionSummaryView.preload().catch(() => undefined)}
      >
        {t('summary.open')}
      </button>
    </section>
  );
}
