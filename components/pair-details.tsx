import { Fragment } from 'preact';
import { updatePair } from '../utils/data/records/pairs';
import { t } from '../utils/i18n';
import { roleName } from '../utils/mentoring/owners';
import type { Pair } from '../utils/schema/pair';
import { ErrorText } from './controls';
import { DataSection } from './data-section';
import { formatDate } from './format';
import { ReminderSettings } from './nudges';
import { cadenceLabel, modelLabel } from './pair-form';
import { useAction } from './use-action';
import { useStore } from './use-live';

export function PairDetails({
  pair,
  persisted,
  onEdit,
}: {
  pair: Pair;
  persisted: boolean | undefined;
  onEdit: () => void;
}) {
  const store = useStore();
  const [run, error] = useAction();
  const { rhythm, confidentiality, scope } = pair.agreement;
  return (
    <section aria-labelledby="pair-heading" class="section pair-details">
      <div class="section-head">
        <h2 id="pair-heading">{pair.title}</h2>
        <button type="button" onClick={onEdit}>
          {t('pair.form.edit')}
        </button>
      </div>
      <dl class="facts">
        <dt>{t('pair.model.label')}</dt>
        <dd>{modelLabel(pair.model)}</dd>
        {pair.model !== 'peer' && (
          <>
            <dt>{t('pair.myRole')}</dt>
            <dd>{t(`common.role.${pair.myRole}`)}</dd>
          </>
        )}
        <dt>{t('pair.cadence.label')}</dt>
        <dd>{cadenceLabel(pair.cadenceDays)}</dd>
      </dl>
      <h3>{t('pair.members')}</h3>
      {pair.members.length === 0 ? (
        <p class="empty">{t('pair.noMembers')}</p>
      ) : (
        <ul class="member-list">
          {pair.members.map((m) => (
            <li key={m.id}>
              <span>{m.name}</span> <span class="badge">{roleName(pair.model, m.role)}</span>
              {m.email && <span class="muted"> {m.email}</span>}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('pair.agreement')}</h3>
      {rhythm || confidentiality || scope ? (
        <dl class="facts agreement">
          {rhythm && (
            <>
              <dt>{t('pair.rhythm')}</dt>
              <dd>{rhythm}</dd>
            </>
          )}
          {confidentiality && (
            <>
              <dt>{t('pair.confidentiality')}</dt>
              <dd>{confidentiality}</dd>
            </>
          )}
          {scope && (
            <>
              <dt>{t('pair.scope')}</dt>
              <dd>{scope}</dd>
            </>
          )}
        </dl>
      ) : (
        <p class="empty">{t('pair.noAgreement')}</p>
      )}
      {(pair.agreement.startDate || pair.agreement.midpointDate || pair.agreement.endDate) && (
        <dl class="facts agreement-dates">
          {(['startDate', 'midpointDate', 'endDate'] as const).map(
            (field) =>
              pair.agreement[field] && (
                <Fragment key={field}>
                  <dt>{t(`arc.form.${field}`)}</dt>
                  <dd>{formatDate(pair.agreement[field] ?? '')}</dd>
                </Fragment>
              ),
          )}
        </dl>
      )}
      <h3>{t('pair.thisPair')}</h3>
      <p class="muted">{pair.archived ? t('pair.archivedHint') : t('pair.archiveHint')}</p>
      <button
        type="button"
        onClick={() => run(() => updatePair(store, pair.id, { archived: !pair.archived }))}
      >
        {pair.archived ? t('pair.restore') : t('pair.archive')}
      </button>
      <ErrorText message={error} />
      <ReminderSettings />
      <DataSection pair={pair} />
      <h3>{t('pair.dataHeading')}</h3>
      <p class="muted" data-testid="storage-state">
        {t('pair.storage')}{' '}
        {persisted === true
          ? t('pair.persisted')
          : persisted === false
            ? t('pair.notPersisted')
            : ''}
      </p>
    </section>
  );
}
