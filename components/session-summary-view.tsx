/**
 * The session summary and a session's Markdown (utils/export/markdown.ts): loaded when the
 * summary is opened (components/session-summary.tsx) or the history shows (components/history.tsx),
 * so the Markdown export stays out of the panel's first view.
 */
import { useState } from 'preact/hooks';
import { loadSessionForExport, sessionMarkdown, sessionSummary } from '../utils/export/markdown';
import { t } from '../utils/i18n';
import type { Session } from '../utils/schema/session';
import { ErrorText } from './controls';
import { copyText } from './copy';
import { useAction } from './use-action';
import { useLive, useStore } from './use-live';

/**
 * The summary to send after the call — agenda covered, decisions, action items with owners and
 * dates — as Markdown or plain text, ready to copy into an email or chat.
 */
export function SessionSummaryView({
  session,
  onClose,
}: {
  session: Session;
  onClose: () => void;
}) {
  const store = useStore();
  const [format, setFormat] = useState<'markdown' | 'text'>('text');
  const [copied, setCopied] = useState('');
  const [run, error] = useAction();
  const data = useLive(
    () => loadSessionForExport(store, session.id, { includePrivate: false }),
    [store, session.id],
  );
  const text = data ? sessionSummary(data, format) : '';
  return (
    <section class="section summary" aria-labelledby="summary-heading">
      <div class="section-head">
        <h2 id="summary-heading">{t('summary.heading')}</h2>
        <button type="button" class="small" onClick={onClose}>
          {t('summary.close')}
        </button>
      </div>
      <p class="hint" data-testid="summary-rule">
        {t('summary.rule')}
      </p>
      <fieldset class="segmented">
        <legend class="visually-hidden">{t('summary.format')}</legend>
        {(['text', 'markdown'] as const).map((f) => (
          <label key={f} class={f === format ? 'selected' : ''}>
            <input
              type="radio"
              name="summary-format"
              checked={f === format}
              onChange={() => setFormat(f)}
            />
            {f === 'text' ? t('summary.plainText') : t('summary.markdown')}
          </label>
        ))}
      </fieldset>
      <label>
        <span class="visually-hidden">{t('summary.text')}</span>
        <textarea dir="auto" readOnly rows={10} value={text} data-testid="summary-text" />
      </label>
      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={() =>
            run(async () => {
              setCopied((await copyText(text)) ? t('summary.copied') : t('summary.copyByHand'));
            })
          }
        >
          {t('summary.copy')}
        </button>
        <span role="status" class="muted">
          {copied}
        </span>
      </div>
      <ErrorText message={error} />
    </section>
  );
}

/** One session as Markdown, for the history (shared notes only, unless asked). */
export function SessionExport({ session }: { session: Session }) {
  const store = useStore();
  const [status, setStatus] = useState('');
  const [run, error] = useAction();
  return (
    <div class="actions">
      <button
        type="button"
        class="small"
        onClick={() =>
          run(async () => {
            const data = await loadSessionForExport(store, session.id, { includePrivate: false });
            if (!data) throw new Error(t('summary.sessionGone'));
            setStatus(
              (await copyText(sessionMarkdown(data)))
                ? t('summary.copiedMarkdown')
                : t('common.copyFailed'),
            );
          })
        }
      >
        {t('summary.copyMarkdown')}
      </button>
      <span role="status" class="muted">
        {status}
      </span>
      <ErrorText message={error} />
    </div>
  );
}
