import { updatePair } from '../utils/records';
import type { Pair } from '../utils/schema/pair';
import { ErrorText } from './controls';
import { DataSection } from './data-section';
import { cadenceLabel, modelLabels } from './pair-form';
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
          Edit pair
        </button>
      </div>
      <dl class="facts">
        <dt>Model</dt>
        <dd>{modelLabels[pair.model]}</dd>
        <dt>My role</dt>
        <dd>{pair.myRole === 'mentor' ? 'Mentor' : 'Mentee'}</dd>
        <dt>Cadence</dt>
        <dd>{cadenceLabel(pair.cadenceDays)}</dd>
      </dl>
      <h3>Members</h3>
      {pair.members.length === 0 ? (
        <p class="empty">No members listed.</p>
      ) : (
        <ul class="member-list">
          {pair.members.map((m) => (
            <li key={m.id}>
              <span>{m.name}</span>{' '}
              <span class="badge">{m.role === 'mentor' ? 'Mentor' : 'Mentee'}</span>
              {m.email && <span class="muted"> {m.email}</span>}
            </li>
          ))}
        </ul>
      )}
      <h3>Our agreement</h3>
      {rhythm || confidentiality || scope ? (
        <dl class="facts agreement">
          {rhythm && (
            <>
              <dt>Rhythm</dt>
              <dd>{rhythm}</dd>
            </>
          )}
          {confidentiality && (
            <>
              <dt>Confidentiality</dt>
              <dd>{confidentiality}</dd>
            </>
          )}
          {scope && (
            <>
              <dt>Scope</dt>
              <dd>{scope}</dd>
            </>
          )}
        </dl>
      ) : (
        <p class="empty">
          No agreement written down yet. Rhythm, confidentiality and scope are worth agreeing on in
          the first session.
        </p>
      )}
      <h3>This pair</h3>
      <p class="muted">
        {pair.archived
          ? 'Archived: hidden from the pair list, kept with everything in it.'
          : 'Archive a pair when the mentoring ends; nothing is deleted.'}
      </p>
      <button
        type="button"
        onClick={() => run(() => updatePair(store, pair.id, { archived: !pair.archived }))}
      >
        {pair.archived ? 'Restore pair' : 'Archive pair'}
      </button>
      <ErrorText message={error} />
      <DataSection pair={pair} />
      <h3>Where your data lives</h3>
      <p class="muted" data-testid="storage-state">
        In this browser's storage (IndexedDB).{' '}
        {persisted === true
          ? 'The browser keeps it persistently: it is not cleared when space runs low.'
          : persisted === false
            ? 'The browser has not granted persistent storage; it may clear data when space runs very low.'
            : ''}
      </p>
    </section>
  );
}
