import { t } from '../utils/i18n';
import type { Pair } from '../utils/schema/pair';
import { SyncStatus } from './sync-status';

/** The pair shown, a switcher to another (archived ones apart), a new pair, the help. */
export function PairHeader({
  pair,
  pairs,
  helpOpen,
  onSwitch,
  onNewPair,
  onToggleHelp,
}: {
  pair: Pair;
  /** Every pair not deleted, archived ones included. */
  pairs: readonly Pair[];
  helpOpen: boolean;
  onSwitch: (pairId: string) => void;
  onNewPair: () => void;
  onToggleHelp: () => void;
}) {
  const active = pairs.filter((p) => !p.archived);
  const archived = pairs.filter((p) => p.archived);
  return (
    <header class="app-header">
      <select
        name="pair"
        class="pair-switcher grow"
        aria-label={t('app.currentPair')}
        title={pair.title}
        value={pair.id}
        onChange={(e) => onSwitch(e.currentTarget.value)}
      >
        {active.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
        {archived.length > 0 && (
          <optgroup label={t('app.archivedGroup')}>
            {archived.map((p) => (
              <option key={p.id} value={p.id}>
                {t('app.archivedPair', p.title)}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <button type="button" onClick={onNewPair}>
        {t('app.newPair')}
      </button>
      <button type="button" aria-pressed={helpOpen} onClick={onToggleHelp}>
        {t('app.help')}
      </button>
      <SyncStatus pairId={pair.id} />
    </header>
  );
}
