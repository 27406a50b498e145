import { useEffect, useState } from 'preact/hooks';
import type { Pair } from '../utils/schema/pair';
import { currentPairId } from '../utils/settings';
import { Goals } from './goals';
import { PairDetails } from './pair-details';
import { PairForm } from './pair-form';
import { Prompts } from './prompts';
import { SessionView } from './session';
import { type TabSpec, Tabs } from './tabs';
import { useLive, useStore } from './use-live';
import { useSetting } from './use-setting';

type TabId = 'goals' | 'session' | 'prompts' | 'pair';
const tabs: readonly TabSpec<TabId>[] = [
  { id: 'goals', label: 'Goals' },
  { id: 'session', label: 'Session' },
  { id: 'prompts', label: 'Prompts' },
  { id: 'pair', label: 'Pair' },
];

/** Why the panel cannot go on (set by the database's versionchange/blocked events). */
export type DbNotice = 'versionchange' | 'blocked' | null;

export function App({ notice, persisted }: { notice: DbNotice; persisted: boolean | undefined }) {
  const store = useStore();
  const pairs = useLive(
    async () =>
      (await store.db.pairs.toArray())
        .filter((p) => !p.deleted)
        .sort((a, b) => a.title.localeCompare(b.title) || a.createdAt - b.createdAt),
    [store],
  );
  const selectedId = useSetting(currentPairId);
  const [view, setView] = useState<'main' | 'new-pair' | 'edit-pair'>('main');
  const [tab, setTab] = useState<TabId>('goals');

  const active = pairs?.filter((p) => !p.archived) ?? [];
  const pair: Pair | undefined = pairs?.find((p) => p.id === selectedId) ?? active[0];

  useEffect(() => {
    if (pair && pair.id !== selectedId && selectedId !== undefined)
      void currentPairId.setValue(pair.id);
  }, [pair?.id, selectedId]);

  const banner = notice && (
    <div class="banner" role="alert">
      {notice === 'versionchange'
        ? 'Tandem was updated in another window. Reload this panel to go on; unsaved text is kept.'
        : 'Tandem is updating its storage. Close other Tandem panels or tabs to finish.'}{' '}
      <button type="button" onClick={() => location.reload()}>
        Reload
      </button>
    </div>
  );

  if (pairs === undefined || selectedId === undefined) {
    return (
      <main class="app" aria-busy="true">
        {banner}
        <p class="muted">Loading…</p>
      </main>
    );
  }

  if (view === 'new-pair' || !pair) {
    return (
      <main class="app">
        {banner}
        {!pair && <Welcome />}
        <PairForm
          onDone={(id) => {
            void currentPairId.setValue(id);
            setView('main');
            setTab('goals');
          }}
          onCancel={pair ? () => setView('main') : undefined}
        />
      </main>
    );
  }

  const archived = pairs.filter((p) => p.archived);
  return (
    <main class="app">
      {banner}
      <header class="app-header">
        <select
          name="pair"
          class="pair-switcher grow"
          aria-label="Current pair"
          value={pair.id}
          onChange={(e) => {
            void currentPairId.setValue(e.currentTarget.value);
            setView('main');
          }}
        >
          {active.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
          {archived.length > 0 && (
            <optgroup label="Archived">
              {archived.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title} (archived)
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <button type="button" onClick={() => setView('new-pair')}>
          New pair
        </button>
      </header>
      {pair.archived && (
        <p class="notice" role="status">
          This pair is archived. Restore it from the Pair tab to keep working with it.
        </p>
      )}
      {view === 'edit-pair' ? (
        <PairForm pair={pair} onDone={() => setView('main')} onCancel={() => setView('main')} />
      ) : (
        <Tabs tabs={tabs} selected={tab} onSelect={setTab} label="Pair sections">
          {tab === 'goals' && <Goals pairId={pair.id} />}
          {tab === 'session' && <SessionView pair={pair} />}
          {tab === 'prompts' && <Prompts pair={pair} />}
          {tab === 'pair' && (
            <PairDetails pair={pair} persisted={persisted} onEdit={() => setView('edit-pair')} />
          )}
        </Tabs>
      )}
    </main>
  );
}

function Welcome() {
  return (
    <section class="welcome">
      <h1>Tandem</h1>
      <p>
        Keep your mentoring pair's goals, agenda, action items and reflective questions beside the
        meeting. Start by describing the pair.
      </p>
    </section>
  );
}
