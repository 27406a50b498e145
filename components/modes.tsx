import { t } from '../utils/i18n';
import type { TabContext } from '../utils/messaging';
import type { Pair } from '../utils/schema/pair';
import { ActionItems } from './action-items';
import { Agenda } from './agenda';
import { ArcView } from './arc-view';
import { Goals } from './goals';
import { lazyView } from './lazy-view';
import { MeetingTimer } from './meeting-timer';
import { Notes } from './notes';
import { Nudges } from './nudges';
import { Prompts } from './prompts';
import { ReviewActions } from './review-actions';
import { ScheduleButton } from './schedule-button';
import { HoldSession, NoSession, SessionDate, useSession } from './session';
import { SessionSummary } from './session-summary';

/** Two-way feedback on the last held session: loaded when Review shows it. */
/** After a session, below the review of action items: loaded when Review shows it. */
const Reflections = lazyView(() => import('./reflections').then((m) => m.Reflections));
const Feedback = lazyView(() => import('./feedback').then((m) => m.Feedback));
// The mentor's roles (docs/mentor-roles.md), each loaded when first shown.
const RoleNeeds = lazyView(() => import('./mentor-roles/role-needs').then((m) => m.RoleNeeds));
const Introductions = lazyView(() =>
  import('./mentor-roles/introductions').then((m) => m.Introductions),
);
const RoleNotes = lazyView(() => import('./mentor-roles/role-notes').then((m) => m.RoleNotes));
const RoleBalance = lazyView(() =>
  import('./mentor-roles/role-balance').then((m) => m.RoleBalance),
);

/** A pair's programme (docs/programmes.md): its own chunk, shown only to pairs in one. */
const ProgrammeHome = lazyView(() =>
  import('./programme/programme-home').then((m) => m.ProgrammeHome),
);

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
          <ScheduleButton pair={pair} session={session} lastHeld={lastHeld} />
          <ArcView place="prep" pair={pair} session={session} />
          <Agenda session={session} pair={pair} />
          <ActionItems pair={pair} session={session} showEarlier={false} />
          <Introductions pair={pair} session={session} lastHeldId={lastHeld?.id} />
        </>
      ) : (
        <NoSession pairId={pair.id} />
      )}
      <RoleNeeds pair={pair} />
      <Goals pair={pair} />
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
      <Agenda session={session} pair={pair} />
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
  // New introductions belong to the next session, or to the last one when none is planned.
  const introSession = session ?? lastHeld;
  return (
    <>
      <Nudges pair={pair} />
      <ArcView place="home" pair={pair} session={lastHeld ?? session} />
      <ProgrammeHome pair={pair} />
      {session ? (
        <>
          <ReviewActions pair={pair} nextSession={session} />
          <ScheduleButton pair={pair} session={session} lastHeld={lastHeld} />
        </>
      ) : (
        <NoSession pairId={pair.id} />
      )}
      {introSession && (
        <Introductions pair={pair} session={introSession} lastHeldId={lastHeld?.id} />
      )}
      {lastHeld && <RoleNotes pair={pair} session={lastHeld} />}
      {lastHeld && <Reflections pair={pair} session={lastHeld} />}
      {lastHeld && <Feedback pair={pair} session={lastHeld} />}
      {lastHeld && <SessionSummary session={lastHeld} />}
      {lastHeld && <RoleBalance pair={pair} />}
      <Goals pair={pair} />
      <Prompts key="review" pair={pair} phase="review" />
      {session && session.status === 'planned' && <HoldSession session={session} pair={pair} />}
    </>
  );
}
