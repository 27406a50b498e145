import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TabContext } from '../utils/background/tab-contexts';
import { linkMeetingToPair, sessionForMeeting } from '../utils/data/records';
import { t } from '../utils/i18n';
import { matchPair, type PairMatch } from '../utils/mentoring/match-pair';
import { meetingKeys } from '../utils/mentoring/meeting-keys';
import { membersFromAttendees } from '../utils/mentoring/members-from-attendees';
import type { PanelCommandName } from '../utils/messaging';
import { onePerPress } from '../utils/panel/commands';
import { panelKeyCommand } from '../utils/panel/shortcuts';
import { meetingIsOver, sessionModesAllowed, shownPair } from '../utils/panel/shown-pair';
import { activePairs, pairById } from '../utils/queries/pairs';
import { meetingsOfSessions } from '../utils/queries/sessions';
import type { PageContext } from '../utils/schema/page-context';
import type { Pair } from '../utils/schema/pair';
import { currentPairId, onboardingDismissed } from '../utils/settings';
import { Conflicts } from './conflicts';
import { ImportBackup } from './data-section';
import { Help } from './help';
import type { HistoryTarget } from './history';
import { MeetingCard } from './meeting-card';
import { HistoryMode, LiveMode, type Mode, PrepMode, ReviewMode } from './modes';
import { Onboarding } from './onboarding';
import { PairDetails } from './pair-details';
import { PairForm } from './pair-form';
import { Search, SearchBox } from './search';
import { SyncStatus } from './sync-status';
import { type TabSpec, Tabs } from './tabs';
import { useLive, useStore } from './use-live';
import { PanelCommandContext, type PendingCommand } from './use-panel-command';
import { useSetting } from './use-setting';
import { useValue, valueStore } from './use-value';

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
  /** Keyboard commands the browser delivered through the background (utils/panel/commands.ts). */
  subscribeCommands?: (listener: (command: PanelCommandName) => void) => () => void;
}

/** Choices made by hand while one page is on screen (`key`). */
interface Manual {
  key: string;
  pairId?: string;
  tab?: TabId;
  /** The user said the meeting on screen is not a mentoring meeting. */
  notMentoring?: boolean;
}

type View = 'main' | 'new-pair' | 'new-pair-from-meeting' | 'edit-pair' | 'help';

export function App({ notice, persisted, tab, subscribeCommands }: AppProps) {
  const store = useStore();
  const pairs = useLive(() => activePairs(store.db), [store]);
  // Meetings sessions were made for: the call of an event seen in the calendar is recognised.
  const known = useLive(() => meetingsOfSessions(store.db), [store]);
  const selectedId = useSetting(currentPairId);
  const [view, setView] = useState<View>('main');
  // A search hit opened in the history: its session, scrolled to the item.
  const [historyTarget, setHistoryTarget] = useState<HistoryTarget | null>(null);
  const introDismissed = useSetting(onboardingDismissed);
  // The search text lives in a small store of its own: each keystroke re-renders the search box
  // and the results, not the whole panel; the panel only learns whether a search is on.
  const query = useMemo(() => valueStore(''), []);
  const searching = useValue(query, (text) => text.trim() !== '');
  const context = tab?.context ?? null;
  const key = contextKey(context);
  // Choices made by hand (a pair, a mode) hold while the same meeting is on screen.
  const [manual, setManual] = useState<Manual>({ key });
  const chosen: Manual = manual.key === key ? manual : { key };
  // "Not a mentoring meeting": the panel treats the page as if no meeting were on it.
  const shownContext = chosen.notMentoring ? null : context;

  const match: PairMatch | null = useMemo(
    () => (shownContext && pairs ? matchPair(shownContext, pairs, known) : null),
    [key, pairs, known, chosen.notMentoring],
  );
  const meeting = shownContext?.meeting ? shownContext : null;
  const active = pairs?.filter((p) => !p.archived) ?? [];
  const shown = shownPair({
    pairs: pairs ?? [],
    chosenPairId: chosen.pairId,
    matchedPairId: match?.pair.id,
    meetingOnScreen: meeting !== null,
    lastUsedPairId: selectedId ?? undefined,
  });
  const pair: Pair | undefined = shown.kind === 'pair' ? shown.pair : undefined;
  // Prep and Live show the meeting's session, so only for the meeting's own pair.
  const sessionModes =
    !pair ||
    sessionModesAllowed({
      meetingOnScreen: meeting !== null,
      pairId: pair.id,
      matchedPairId: match?.pair.id,
    });
  const selectedTab: TabId = chosen.tab ?? modeFor(shownContext);

  // Keyboard commands (add an action item, next prompt): from anywhere in the panel, by the
  // panel's own keys or the browser's shortcut. The mode that can carry one out is shown, and
  // the part that does it (ActionItems, Prompts) picks it up from the context.
  const [pending, setPending] = useState<PendingCommand | null>(null);
  const commandSeq = useRef(0);
  const runCommand = (command: PanelCommandName) => {
    // A pair's form being filled in is not left for a shortcut: its text would be lost. With a
    // meeting of another pair (or none) on screen there is no session to add an item to.
    if (
      !pair ||
      !sessionModes ||
      view === 'new-pair' ||
      view === 'new-pair-from-meeting' ||
      view === 'edit-pair'
    ) {
      return;
    }
    query.set('');
    setView('main');
    const canAdd = selectedTab === 'prep' || selectedTab === 'live';
    const hasPrompts = canAdd || selectedTab === 'review';
    const target: TabId =
      command === 'add-action-item'
        ? canAdd
          ? selectedTab
          : 'live'
        : hasPrompts
          ? selectedTab
          : modeFor(shownContext);
    if (target !== selectedTab) setManual({ ...chosen, tab: target });
    commandSeq.current += 1;
    setPending({ id: commandSeq.current, command, at: Date.now() });
  };
  const latestRun = useRef(runCommand);
  latestRun.current = runCommand;
  useEffect(() => {
    const once = onePerPress((command) => latestRun.current(command));
    const onKeyDown = (event: KeyboardEvent) => {
      const command = panelKeyCommand(event);
      if (!command) return;
      event.preventDefault();
      // A key held down repeats; the command is one press.
      if (!event.repeat) once(command, 'key');
    };
    document.addEventListener('keydown', onKeyDown);
    const unsubscribe = subscribeCommands?.((command) => once(command, 'browser'));
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      unsubscribe?.();
    };
  }, [subscribeCommands]);
  const commandContext = useMemo(
    () => ({
      pending,
      done: (id: number) => setPending((p) => (p?.id === id ? null : p)),
    }),
    [pending],
  );

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

  if (
    pairs === undefined ||
    selectedId === undefined ||
    tab === undefined ||
    introDismissed === undefined
  ) {
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
      notMentoring={chosen.notMentoring === true}
      onNotMentoring={(value) => setManual({ key, notMentoring: value })}
      onLink={async (target) => {
        await linkMeetingToPair(store, target, context);
        setManual({ key, pairId: target.id });
      }}
      onNewPair={() => setView('new-pair-from-meeting')}
    />
  );

  if (shown.kind === 'unlinked-meeting' && view === 'main') {
    return (
      <main class="app">
        <h1 class="visually-hidden">{t('app.unlinkedHeading')}</h1>
        {banner}
        {meetingCard}
      </main>
    );
  }

  if (view === 'new-pair' || view === 'new-pair-from-meeting' || !pair) {
    const fromMeeting = view === 'new-pair-from-meeting' && context?.meeting;
    return (
      <main class="app">
        {banner}
        {shown.kind === 'no-pairs' &&
          (introDismissed ? (
            <Welcome />
          ) : (
            <Onboarding onDismiss={() => void onboardingDismissed.setValue(true)} />
          ))}
        {shown.kind === 'no-pairs' && meetingCard}
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
            const created = await pairById(store.db, id);
            if (created && meeting && (fromMeeting || !pair)) {
              await linkMeetingToPair(store, created, meeting);
            }
            void currentPairId.setValue(id);
            // A pair exists: the introduction has done its job.
            void onboardingDismissed.setValue(true);
            // The first pair shows as soon as it is stored, before this runs: a mode chosen
            // there in the meantime stays. Otherwise a new pair opens on its next step — Prep,
            // to plan the first session and add a goal — unless a meeting decides the mode.
            setManual((m) => ({
              key,
              pairId: id,
              tab: (!pair && m.key === key ? m.tab : undefined) ?? (meeting ? undefined : 'prep'),
            }));
            setView('main');
          }}
          onCancel={shown.kind !== 'no-pairs' ? () => setView('main') : undefined}
        />
      </main>
    );
  }

  const archived = pairs.filter((p) => p.archived);
  return (
    <PanelCommandContext.Provider value={commandContext}>
      <main class="app">
        {/* The page's title in screen readers' list of headings; the switcher below shows it. */}
        <h1 class="visually-hidden">{t('app.pageHeading', pair.title)}</h1>
        {banner}
        {meetingCard}
        <header class="app-header">
          <select
            name="pair"
            class="pair-switcher grow"
            aria-label={t('app.currentPair')}
            title={pair.title}
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
          <button
            type="button"
            aria-pressed={view === 'help'}
            onClick={() => setView(view === 'help' ? 'main' : 'help')}
          >
            {t('app.help')}
          </button>
          <SyncStatus pairId={pair.id} />
        </header>
        <SearchBox query={query} />
        <Conflicts pairId={pair.id} />
        {pair.archived && (
          <p class="notice" role="status">
            {t('app.archivedNotice')}
          </p>
        )}
        {searching ? (
          <Search
            query={query}
            onOpenPair={(id) => {
              void currentPairId.setValue(id);
              setManual({ key, pairId: id, tab: 'history' });
              query.set('');
            }}
            onOpenHit={(hit) => {
              void currentPairId.setValue(hit.pairId);
              setHistoryTarget(
                hit.sessionId ? { sessionId: hit.sessionId, recordId: hit.recordId } : null,
              );
              setManual({ key, pairId: hit.pairId, tab: hit.sessionId ? 'history' : 'review' });
              query.set('');
            }}
          />
        ) : view === 'help' ? (
          <Help onClose={() => setView('main')} />
        ) : view === 'edit-pair' ? (
          <PairForm pair={pair} onDone={() => setView('main')} onCancel={() => setView('main')} />
        ) : (
          <Tabs
            tabs={tabs()}
            selected={selectedTab}
            onSelect={(id) => {
              setHistoryTarget(null);
              setManual({ ...chosen, tab: id });
            }}
            label={t('app.modes')}
          >
            {(selectedTab === 'prep' || selectedTab === 'live') && !sessionModes && (
              <p class="notice" data-testid="meeting-elsewhere">
                {t('app.meetingElsewhere', pair.title)}
              </p>
            )}
            {selectedTab === 'prep' && sessionModes && meetingIsOver(meeting) && (
              <p class="notice" role="status" data-testid="meeting-over">
                {t('app.meetingOver')}
              </p>
            )}
            {selectedTab === 'prep' && sessionModes && (
              <PrepMode pair={pair} sessionId={sessionId} />
            )}
            {selectedTab === 'live' && sessionModes && (
              <LiveMode pair={pair} sessionId={sessionId} tab={tab} />
            )}
            {selectedTab === 'review' && <ReviewMode pair={pair} sessionId={sessionId} />}
            {selectedTab === 'history' && <HistoryMode pair={pair} target={historyTarget} />}
            {selectedTab === 'pair' && (
              <PairDetails pair={pair} persisted={persisted} onEdit={() => setView('edit-pair')} />
            )}
          </Tabs>
        )}
      </main>
    </PanelCommandContext.Provider>
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
