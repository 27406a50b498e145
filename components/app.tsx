import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import { knownMeetings, matchPair, type PairMatch } from '../utils/match-pair';
import { meetingKeys } from '../utils/meeting-keys';
import { membersFromAttendees } from '../utils/members-from-attendees';
import { linkMeetingToPair, sessionForMeeting } from '../utils/records';
import type { PageContext } from '../utils/schema/page-context';
import type { Pair } from '../utils/schema/pair';
import { currentPairId } from '../utils/settings';
import type { TabContext } from '../utils/tab-contexts';
import { Conflicts } from './conflicts';
import { ImportBackup } from './data-section';
import { MeetingCard } from './meeting-card';
import { HistoryMode, LiveMode, type Mode, PrepMode, ReviewMode } from './modes';
import { PairDetails } from './pair-details';
import { PairForm } from './pair-form';
import { Search } from './search';
import { SyncStatus } from './sync-status';
import { type TabSpec, Tabs } from './tabs';
import { useLive, useStore } from './use-live';
import { useSetting } from './use-setting';

type TabId = Mode | 'history' | 'pair';
const tabIds: readonly TabId[] = ['prep', 'live', 'review', 'history', 'pair'];
const tabs = (): TabSpec<TabId>[] => tabIds.map((id) => ({ id, label: t(`app.tab.${id}`) }));

/** Why the panel cannot go on (set by the database's versionchange/blocked events). */
export type DbNotice = 'versionchange' | 'blocked' | null;

/** Mode follows the page: an event in the calendar → Prep, a call → Live, else Review. */
export function modeFor(context: PageContext | null): Mode {
  if (!context?.meeting) return 'review';
  return context.kind === 'calendar' ? 'prep' : 'live';
}

/** Identifies "the same meeting on screen", so that choices made by hand last while it does. */
function contextKey(context: PageContext | null): string {
  if (!context) return '';
  return JSON.stringify([context.host, context.url, meetingKeys(context), context.meeting?.title]);
}

interface AppProps {
  notice: DbNotice;
  persisted: boolean | undefined;
  /** The context of the tab this panel follows; undefined while unknown. */
  tab: TabContext | null | undefined;
}

export function App({ notice, persisted, tab }: AppProps) {
  const store = useStore();
  const pairs = useLive(
    async () =>
      (await store.db.pairs.toArray())
        .filter((p) => !p.deleted)
        .sort((a, b) => a.title.localeCompare(b.title) || a.createdAt - b.createdAt),
    [store],
  );
  // Meetings sessions were made for: the call of an event seen in the calendar is recognised.
  const known = useLive(async () => knownMeetings(await store.db.sessions.toArray()), [store]);
  const selectedId = useSetting(currentPairId);
  const [view, setView] = useState<'main' | 'new-pair' | 'new-pair-from-meeting' | 'edit-pair'>(
    'main',
  );
  const [query, setQuery] = useState('');
  const context = tab?.context ?? null;
  const key = contextKey(context);
  // Choices made by hand (a pair, a mode) hold while the same meeting is on screen.
  const [manual, setManual] = useState<{ key: string; pairId?: string; tab?: TabId }>({ key });
  const chosen = manual.key === key ? manual : { key };

  const match: PairMatch | null = useMemo(
    () => (context && pairs ? matchPair(context, pairs, known) : null),
    [key, pairs, known],
  );
  const active = pairs?.filter((p) => !p.archived) ?? [];
  const pair: Pair | undefined =
    pairs?.find((p) => p.id === chosen.pairId) ??
    match?.pair ??
    pairs?.find((p) => p.id === selectedId) ??
    active[0];
  const selectedTab: TabId = chosen.tab ?? modeFor(context);

  // The meeting's session: found or created once the meeting is recognised for this pair.
  const [meetingSession, setMeetingSession] = useState<{ key: string; id: string } | null>(null);
  const meetingPairId = match && pair?.id === match.pair.id ? pair.id : null;
  useEffect(() => {
    if (!context?.meeting || !meetingPairId) return;
    let alive = true;
    void sessionForMeeting(store, meetingPairId, context).then(
      (s) => alive && setMeetingSession({ key: `${key}|${meetingPairId}`, id: s.id }),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [key, meetingPairId]);
  const sessionId =
    meetingSession && meetingSession.key === `${key}|${meetingPairId}` ? meetingSession.id : null;

  useEffect(() => {
    if (pair && !match && pair.id !== selectedId && selectedId !== undefined) {
      void currentPairId.setValue(pair.id);
    }
  }, [pair?.id, selectedId, match]);

  const banner = notice && (
    <div class="banner" role="alert">
      {notice === 'versionchange' ? t('app.notice.versionchange') : t('app.notice.blocked')}{' '}
      <button type="button" onClick={() => location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  );

  if (pairs === undefined || selectedId === undefined || tab === undefined) {
    return (
      <main class="app" aria-busy="true">
        {banner}
        <p class="muted">{t('common.loading')}</p>
      </main>
    );
  }

  const meetingCard = context && (
    <MeetingCard
      context={context}
      match={match}
      shownPair={pair}
      activePairs={active}
      onLink={(target) => linkMeetingToPair(store, target, context)}
      onNewPair={() => setView('new-pair-from-meeting')}
    />
  );

  if (view === 'new-pair' || view === 'new-pair-from-meeting' || !pair) {
    const fromMeeting = view === 'new-pair-from-meeting' && context?.meeting;
    return (
      <main class="app">
        {banner}
        {!pair && <Welcome />}
        {!pair && meetingCard}
        <PairForm
          key={view}
          initial={
            fromMeeting
              ? {
                  title: fromMeeting.title ?? '',
                  members: membersFromAttendees(fromMeeting.attendees, store.newId),
                }
              : undefined
          }
          onDone={async (id) => {
            const created = await store.db.pairs.get(id);
            if (created && context?.meeting && (fromMeeting || !pair)) {
              await linkMeetingToPair(store, created, context);
            }
            void currentPairId.setValue(id);
            setManual({ key, pairId: id });
            setView('main');
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
      {meetingCard}
      <header class="app-header">
        <select
          name="pair"
          class="pair-switcher grow"
          aria-label={t('app.currentPair')}
          value={pair.id}
          onChange={(e) => {
            const id = e.currentTarget.value;
            void currentPairId.setValue(id);
            setManual({ ...chosen, pairId: id });
            setView('main');
          }}
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
        <button type="button" onClick={() => setView('new-pair')}>
          {t('app.newPair')}
        </button>
        <SyncStatus pairId={pair.id} />
      </header>
      <div class="search-box">
        <input
          type="search"
          name="search"
          aria-label={t('app.search.label')}
          placeholder={t('app.search.placeholder')}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQuery('');
          }}
        />
      </div>
      <Conflicts pairId={pair.id} />
      {pair.archived && (
        <p class="notice" role="status">
          {t('app.archivedNotice')}
        </p>
      )}
      {query.trim() ? (
        <Search
          query={query}
          onOpenPair={(id) => {
            void currentPairId.setValue(id);
            setManual({ key, pairId: id, tab: 'history' });
            setQuery('');
          }}
        />
      ) : view === 'edit-pair' ? (
        <PairForm pair={pair} onDone={() => setView('main')} onCancel={() => setView('main')} />
      ) : (
        <Tabs
          tabs={tabs()}
          selected={selectedTab}
          onSelect={(id) => setManual({ ...chosen, tab: id })}
          label={t('app.modes')}
        >
          {selectedTab === 'prep' && <PrepMode pair={pair} sessionId={sessionId} />}
          {selectedTab === 'live' && <LiveMode pair={pair} sessionId={sessionId} tab={tab} />}
          {selectedTab === 'review' && <ReviewMode pair={pair} sessionId={sessionId} />}
          {selectedTab === 'history' && <HistoryMode pair={pair} />}
          {selectedTab === 'pair' && (
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
      <h1>{t('extension.name')}</h1>
      <p>{t('welcome.intro')}</p>
      <details>
        <summary>{t('welcome.importBackup')}</summary>
        <ImportBackup />
      </details>
    </section>
  );
}
