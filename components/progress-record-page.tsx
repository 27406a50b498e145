import { useState } from 'preact/hooks';
import { progressRecord } from '../utils/export/progress-record';
import { t } from '../utils/i18n';
import { progressRecordDataOf } from '../utils/queries/arc';
import { useLive, useStore } from './use-live';

/**
 * The mentee's progress record as a page to print or keep (entrypoints/progress-record/): the
 * same content as the Markdown download, every piece of user text a text node. Printing is the
 * reader's choice (the Print button), never automatic.
 */
export function ProgressRecordPage({ pairId }: { pairId: string }) {
  const store = useStore();
  const data = useLive(() => progressRecordDataOf(store, pairId), [store, pairId]);
  const [now] = useState(() => Date.now());
  if (data === undefined) {
    return (
      <main class="progress-record">
        <p class="muted" role="status">
          {t('arc.record.loading')}
        </p>
      </main>
    );
  }
  if (!data) {
    return (
      <main class="progress-record">
        <p class="error" role="alert">
          {t('arc.record.notFound')}
        </p>
      </main>
    );
  }
  const record = progressRecord({ ...data, now });
  const list = (heading: string, texts: readonly string[]) =>
    texts.length > 0 && (
      <section>
        <h2>{heading}</h2>
        <ul>
          {texts.map((text, i) => (
            <li key={i} dir="auto" class="long-text">
              {text}
            </li>
          ))}
        </ul>
      </section>
    );
  const paragraph = (heading: string, text: string) =>
    text && (
      <section>
        <h2>{heading}</h2>
        <p dir="auto" class="long-text">
          {text}
        </p>
      </section>
    );
  return (
    <main class="progress-record" data-testid="progress-record">
      <div class="actions no-print">
        <button type="button" class="primary" onClick={() => window.print()}>
          {t('arc.record.print')}
        </button>
      </div>
      <h1 dir="auto">{t('arc.record.title', record.title)}</h1>
      {record.period && <p>{record.period}</p>}
      {record.goals.length > 0 && (
        <section>
          <h2>{t('arc.record.goals')}</h2>
          <ul>
            {record.goals.map((goal, i) => (
              <li key={i}>
                <strong dir="auto">{goal.title}</strong> — {goal.status}
                {goal.outcome && (
                  <p dir="auto" class="long-text record-outcome">
                    {t('arc.record.outcome', goal.outcome)}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {list(t('arc.record.menteeLearned'), record.menteeLearned)}
      {list(t('arc.record.mentorLearned'), record.mentorLearned)}
      {paragraph(t('arc.record.whatNext'), record.whatNext)}
      {paragraph(t('arc.record.learnFrom'), record.learnFrom)}
      {record.endorsement && (
        <section>
          <h2>{t('arc.record.endorsement')}</h2>
          <blockquote dir="auto" class="long-text arc-endorsement">
            {record.endorsement}
          </blockquote>
          {record.endorsedBy && <p>{t('arc.record.endorsedBy', record.endorsedBy)}</p>}
        </section>
      )}
      <p class="muted">{record.made}</p>
    </main>
  );
}
