import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { linkMeetingToPair } from '../utils/data/records/pairs';
import { t } from '../utils/i18n';
import { matchPair, type PairMatch } from '../utils/mentoring/match-pair';
import type { PanelCommandName, TabContext } from '../utils/messaging';
import { commandTarget } from '../utils/panel/command-target';
import { sessionModesAllowed, shownPair } from '../utils/panel/shown-pair';
import {
  choicesFor,
  contextKey,
  type Manual,
  modeFor,
  panelScreen,
  type TabId,
  tabAfterNewPair,
  tabForSearchHit,
  type View,
} from '../utils/panel/shown-tab';
import { activePairs, pairById } from '../utils/queries/pairs';
import { meetingsOfSessions } from '../utils/queries/sessions';
import type { Pair } from '../utils/schema/pair';
import { whenIdle } from '../utils/search/warm-search';
import { currentPairId, onboardingDismissed } from '../utils/settings';
import { ConflictsNotice } from './conflicts-notice';
import { type DbNotice, DbNoticeBanner } from './db-notice-banner';
import type { HistoryTarget } from './history';
import { lazyView } from './lazy-view';
import { MeetingCard } from './meeting-card';
import { ModeTabs } from './mode-tabs';
import { PairHeader } from './pair-header';
import { SearchBox } from './search';
import { useKeyboardCommands } from './use-keyboard-commands';
import { useFirstViewHold, useLive, useStore } from './use-live';
import { useMeetingSession } from './use-meeting-session';
import { PanelCommandContext, type PendingCommand } from './use-panel-command';
import { useSetting } from './use-setting';
import { useValue, valueStore } from './use-value';

// Shown only now and then: loaded when first shown (components/lazy-view.tsx).
/** The first run's introduction and a new pair's form: not what a pair in use opens to. */
const NewPairScreen = lazyView(() => import('./new-pair-screen').then((m) => m.NewPairScreen));

const Help = lazyView(() => import('./help').then((m) => m.Help));
const PairForm = lazyView(() => import('./pair-form').then((m) => m.PairForm));
const Search = lazyView(() => import('./search-results').then((m) => m.Search), {
  needs: 'database',
});

interface AppProps {
  notice: DbNotice;
  persisted: boolean | undefined;
  /** The context of the tab this panel follows; undefined while unknown. */
  tab: TabContext | null | undefined;
  /** Keyboard commands the browser delivered through the background (utils/panel/commands.ts). */
  subscribeCommands?: (listener: (command: PanelCommandName) => void) => () => void;
}

/**
 * The side panel: which pair, tab and view are shown is decided in utils/panel/ (shown-pair.ts,
 * shown-tab.ts, command-target.ts); this holds the choices made by hand and puts the views
 * together.
 */
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
  const chosen = choicesFor(manual, key);
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

  // Keyboard commands (add an action item, next prompt): the mode that can carry one out is
  // shown, and the part that does it (ActionItems, Prompts) picks it up from the context.
  const [pending, setPending] = useState<PendingCommand | null>(null);
  const commandSeq = useRef(0);
  useKeyboardCommands((command) => {
    const target = commandTarget({
      command,
      pairShown: pair !== undefined,
      sessionModes,
      view,
      selectedTab,
      pageMode: modeFor(shownContext),
    });
    if (target === null) return;
    query.set('');
    setView('main');
    if (target !== selectedTab) setManual({ ...chosen, tab: target });
    commandSeq.current += 1;
    setPending({ id: commandSeq.current, command, at: Date.now() });
  }, subscribeCommands);
  const commandContext = useMemo(
    () => ({
      pending,
      done: (id: number) => setPending((p) => (p?.id === id ? null : p)),
    }),
    [pending],
  );

  const meetingPairId = match && pair?.id === match.pair.id ? pair.id : null;
  const sessionId = useMeetingSession(context, key, meetingPairId);

  // The results view loads while the panel is idle after its first view (the search index loads
  // then too, in its worker: entrypoints/sidepanel/main.tsx), so the first keystroke waits for
  // neither.
  useEffect(() => {
    void store.firstView.then(() => whenIdle(() => void Search.preload().catch(() => {})));
  }, []);

  useEffect(() => {
    if (pair && !match && pair.id !== selectedId && selectedId !== undefined) {
      void currentPairId.setValue(pair.id);
    }
  }, [pair?.id, selectedId, match]);

  const banner = <DbNoticeBanner notice={notice} />;
  const screen = panelScreen({
    loaded:
      pairs !== undefined &&
      selectedId !== undefined &&
      tab !== undefined &&
      introDismissed !== undefined,
    shown,
    view,
  });
  useFirstViewHold(screen === 'loading');

  if (screen === 'loading') {
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

  if (screen === 'unlinked-meeting') {
    return (
      <main class="app">
        <h1 class="visually-hidden">{t('app.unlinkedHeading')}</h1>
        {banner}
        {meetingCard}
      </main>
    );
  }

  if (screen === 'pair-form' || !pair) {
    const fromMeeting = (view === 'new-pair-from-meeting' && context?.meeting) || null;
    return (
      <main class="app">
        {banner}
        <NewPairScreen
          formKey={view}
          noPairs={shown.kind === 'no-pairs'}
          introDismissed={introDismissed === true}
          meetingCard={meetingCard}
          fromMeeting={fromMeeting}
          onDone={async (id) => {
            const created = await pairById(store.db, id);
            if (created && meeting && (fromMeeting || !pair)) {
              await linkMeetingToPair(store, created, meeting);
            }
            void currentPairId.setValue(id);
            // A pair exists: the introduction has done its job.
            void onboardingDismissed.setValue(true);
            setManual((current) => ({
              key,
              pairId: id,
              tab: tabAfterNewPair({
                hadPair: pair !== undefined,
                current,
                key,
                meetingOnScreen: meeting !== null,
              }),
            }));
            setView('main');
          }}
          onCancel={shown.kind !== 'no-pairs' ? () => setView('main') : undefined}
        />
      </main>
    );
  }

  const openPair = (id: string, tabToShow: TabId) => {
    void currentPairId.setValue(id);
    setManual({ key, pairId: id, tab: tabToShow });
    query.set('');
  };
  return (
    <PanelCommandContext.Provider value={commandContext}>
      <main class="app">
        {/* The page's title in screen readers' list of headings; the switcher below shows it. */}
        <h1 class="visually-hidden">{t('app.pageHeading', pair.title)}</h1>
        {banner}
        {meetingCard}
        <PairHeader
          pair={pair}
          pairs={pairs ?? []}
          helpOpen={view === 'help'}
          onSwitch={(id) => {
            void currentPairId.setValue(id);
            setManual({ ...chosen, pairId: id });
            setView('main');
          }}
          onNewPair={() => setView('new-pair')}
          onToggleHelp={() => setView(view === 'help' ? 'main' : 'help')}
        />
        <SearchBox query={query} />
        <ConflictsNotice pairId={pair.id} />
        {pair.archived && (
          <p class="notice" role="status">
            {t('app.archivedNotice')}
          </p>
        )}
        {searching ? (
          <Search
            query={query}
            onOpenPair={(id) => openPair(id, 'history')}
            onOpenHit={(hit) => {
              setHistoryTarget(
                hit.sessionId ? { sessionId: hit.sessionId, recordId: hit.recordId } : null,
              );
              openPair(hit.pairId, tabForSearchHit(hit));
            }}
          />
        ) : view === 'help' ? (
          <Help onClose={() => setView('main')} />
        ) : view === 'edit-pair' ? (
          <PairForm pair={pair} onDone={() => setView('main')} onCancel={() => setView('main')} />
        ) : (
          <ModeTabs
            pair={pair}
            selectedTab={selectedTab}
            sessionModes={sessionModes}
            meeting={meeting}
            sessionId={sessionId}
            tab={tab ?? null}
            historyTarget={historyTarget}
            persisted={persisted}
            onSelect={(id) => {
              setHistoryTarget(null);
              setManual({ ...chosen, tab: id });
            }}
            onEditPair={() => setView('edit-pair')}
          />
        )}
      </main>
    </PanelCommandContext.Provider>
  );
}
