import { t } from '../utils/i18n';
import type { TabContext } from '../utils/messaging';
import type { Pair } from '../utils/schema/pair';
import { ActionItems } from './action-items';
import { Agenda } from './agenda';
import { ArcView } from './arc-view';
import { Goals } from './goals';
import { MeetingTimer } from './meeting-timer';
import { Notes } from './notes';
import { Nudges } from './nudges';
import { Prompts } from './prompts';
import { Reflections } from './reflections';
import { ReviewActions } from './review-actions';
import { HoldSession, NoSession, SessionDate, useSession } from './session';
import { SessionSummary } from './session-summary';

interface ModeProps {
  pair: Pair;
  /** The session the page's meeting resolved to; null: the pair's next planned session. */
  sessionId: string | null;
}

/** Before the meeting: last session's commitments, the date, a draft agenda, goals, prompts. */
export function PrepMode({ pair, sessionId }: ModeProps) {
  const { session, lastHeld } = useSession(pair.id, sessionId);
  if (session === undefined) return <p class="muted">{t('common.loading')}</p>;
  return (
    <>
      {session ? (
        <>
          <ReviewActions pair={pair} nextSession={session} />
          <SessionDate session={session} lastHeld={lastHeld} heading={t('session.next')} />
          <ArcView place="prep" pair={pair} session={session} />
          <Agenda session={session} myRole={pair.myRole} />
          <ActionItems pair={pair} session={session} showEarlier={false} />
        </>
      ) : (
        <NoSession pairId={pair.id} />
      )}
      <Goals pairId={pair.id} model={pair.model} />
      <Prompts key="prep" pair={pair} phase="prep" />
    </>
  );
}

/** In the call: the timer, the agenda checklist, notes, action capture and a prompt. */
export function LiveMode({ pair, sessionId, tab }: ModeProps & { tab: TabContext | null }) {
  const { session } = useSession(pair.id, sessionId);
  if (session === undefined) return <p class="muted">{t('common.loading')}</p>;
  if (!session) return <NoSession pairId={pair.id} />;
  return (
    <>
      {tab?.callStartedAt && <MeetingTimer startedAt={tab.callStartedAt} />}
      <Agenda session={session} myRole={pair.myRole} />
      <Notes session={session} pair={pair} />
      <ActionItems pair={pair} session={session} />
      <Prompts key="live" pair={pair} phase="live" />
      <SessionSummary session={session} />
      <HoldSession session={session} pair={pair} />
    </>
  );
}

/**
 * No meeting on screen: the pair's home — reminders, last session's action items to review,
 * reflection on that session, goals, review prompts.
 */
export function ReviewMode({ pair, sessionId }: ModeProps) {
  const { session, lastHeld } = useSession(pair.id, sessionId);
  if (session === undefined) return <p class="muted">{t('common.loading')}</p>;
  return (
    <>
      <Nudges pair={pair} />
      <ArcView place="home" pair={pair} session={lastHeld ?? session} />
      {session ? (
        <ReviewActions pair={pair} nextSession={session} />
      ) : (
        <NoSession pairId={pair.id} />
      )}
      {lastHeld && <Reflections pair={pair} session={lastHeld} />}
      {lastHeld && <SessionSummary session={lastHeld} />}
      <Goals pairId={pair.id} model={pair.model} />
      <Prompts key="review" pair={pair} phase="review" />
      {session && session.status === 'planned' && <HoldSession session={session} pair={pair} />}
    </>
  );
}
