import { t } from '../utils/i18n';
import type { TabContext } from '../utils/messaging';
import { meetingIsOver } from '../utils/panel/shown-pair';
import { type TabId, tabIds } from '../utils/panel/shown-tab';
import type { PageContext } from '../utils/schema/page-context';
import type { Pair } from '../utils/schema/pair';
import type { HistoryTarget } from './history';
import { lazyView } from './lazy-view';
import { LiveMode, PrepMode, ReviewMode } from './modes';
import { type TabSpec, Tabs } from './tabs';

const HistoryMode = lazyView(() => import('./history').then((m) => m.History));
const PairDetails = lazyView(() => import('./pair-details').then((m) => m.PairDetails));

const tabs = (): TabSpec<TabId>[] => tabIds.map((id) => ({ id, label: t(`app.tab.${id}`) }));

/** The pair's tabs (Prep, Live, Review, History, Pair) and the one selected. */
export function ModeTabs({
  pair,
  selectedTab,
  sessionModes,
  meeting,
  sessionId,
  tab,
  historyTarget,
  persisted,
  onSelect,
  onEditPair,
}: {
  pair: Pair;
  selectedTab: TabId;
  /** Prep and Live may show the pair's session (utils/panel/shown-pair.ts). */
  sessionModes: boolean;
  /** The meeting on screen, if any. */
  meeting: PageContext | null;
  /** The meeting's session, once found or made. */
  sessionId: string | null;
  tab: TabContext | null;
  historyTarget: HistoryTarget | null;
  persisted: boolean | undefined;
  onSelect: (id: TabId) => void;
  onEditPair: () => void;
}) {
  return (
    <Tabs
      tabs={tabs()}
      selected={selectedTab}
      onSelect={onSelect}
      label={t('app.modes')}
      // A tab's view starts loading when the pointer is over it or it has focus, so that on
      // opening only its data is read.
      onIntent={(id) => {
        if (id === 'history') void HistoryMode.preload().catch(() => {});
        if (id === 'pair') void PairDetails.preload().catch(() => {});
      }}
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
      {selectedTab === 'prep' && sessionModes && <PrepMode pair={pair} sessionId={sessionId} />}
      {selectedTab === 'live' && sessionModes && (
        <LiveMode pair={pair} sessionId={sessionId} tab={tab} />
      )}
      {selectedTab === 'review' && <ReviewMode pair={pair} sessionId={sessionId} />}
      {selectedTab === 'history' && <HistoryMode pair={pair} target={historyTarget} />}
      {selectedTab === 'pair' && (
        <PairDetails pair={pair} persisted={persisted} onEdit={onEditPair} />
      )}
    </Tabs>
  );
}
