import { useEffect, useRef, useState } from 'preact/hooks';
import {
  feedbackId,
  openFeedbackByChoice,
  revealDue,
  saveFeedbackDraft,
  submitFeedback,
} from '../utils/data/records/feedback';
import { updatePair } from '../utils/data/records/pairs';
import { t } from '../utils/i18n';
import { feedbackByMember } from '../utils/mentoring/feedback-members';
import { membersOfMyRole, myMember } from '../utils/mentoring/my-member';
import { roleName } from '../utils/mentoring/owners';
import {
  type FeedbackView,
  feedbackOf,
  type GroupFeedbackView,
  openedFeedbackOf,
  readFeedback,
  readGroupFeedback,
  type SideState,
} from '../utils/queries/feedback';
import type { Role } from '../utils/schema/common';
import type { FeedbackAnswers, FeedbackDraft } from '../utils/schema/feedback';
import type { Pair } from '../utils/schema/pair';
import type { Session } from '../utils/schema/session';
import { ErrorText } from './controls';
import { LongText } from './long-text';
import { useAction } from './use-action';
import { useLive, useStore } from './use-live';

/*
 * Two-way feedback on a held session (utils/schema/feedback.ts): four questions, answered
 * sealed; each side sees the other's answers once both have submitted, or once the other side
 * opened theirs by choice. Loaded only when Review shows it (components/modes.tsx).
 */

const SCALE = [1, 2, 3, 4, 5] as const;
const EMPTY: FeedbackDraft = { helped: '', change: '', word: '', usefulness: 0 };

const otherSide = (side: Role): Role => (side === 'mentor' ? 'mentee' : 'mentor');

/** Both sides' feedback as this browser can read it, kept current as records arrive. */
function useFeedbackView(sessionId: string, mySide: Role): FeedbackView | undefined {
  const store = useStore();
  const data = useLive(() => feedbackOf(store, sessionId), [store, sessionId]);
  const [view, setView] = useState<FeedbackView>();
  useEffect(() => {
    if (!data) return;
    let live = true;
    // Opening is WebCrypto, outside the live query: done here each time the records change.
    void readFeedback(data, sessionId, mySide).then((next) => live && setView(next));
    return () => {
      live = false;
    };
  }, [data, sessionId, mySide]);
  return view;
}

export function Feedback({ pair, session }: { pair: Pair; session: Session }) {
  // In a group with several members of a side each member answers (docs/feedback.md).
  return feedbackByMember(pair) ? (
    <GroupFeedback pair={pair} session={session} />
  ) : (
    <SideFeedback pair={pair} session={session} />
  );
}

function SideFeedback({ pair, session }: { pair: Pair; session: Session }) {
  const store = useStore();
  const side = pair.myRole;
  // The other side by name when one person is it ("waiting for Ana"), else by role.
  const others = pair.members.filter((m) => m.role === otherSide(side) && m.name.trim() !== '');
  const other =
    others[0] && others.length === 1
      ? others[0].name.trim()
      : roleName(pair.model, otherSide(side));
  const view = useFeedbackView(session.id, side);
  const [run, error] = useAction();
  // Keyboard: submitting removes the form and opening removes its button; the focus goes to the
  // section's heading (right above the status that says what happened), not to the page's body.
  const heading = useRef<HTMLHeadingElement>(null);
  const due =
    view?.mine.state === 'open' && !view.mine.record.revealedKey && view.theirs.state !== 'absent';
  // The reveal rule also runs in the background after each pull; here it covers a record that
  // arrived while this panel was the one writing (and costs nothing when nothing is due).
  useEffect(() => {
    if (due) void revealDue(store, pair.id).catch(() => undefined);
  }, [due, store, pair.id]);
  if (!view) return null;
  const { mine, theirs } = view;
  const submitted = mine.state !== 'absent';
  const myRecord = 'record' in mine ? mine.record : undefined;
  const revealed = !!myRecord?.revealedKey;
  const openBoth = mine.state === 'open' && theirs.state === 'open';
  const mineCard = submitted && (
    <SideAnswers key="mine" title={t('feedback.you')} state={mine} testId="mine" />
  );
  const theirsCard = theirs.state !== 'absent' && theirs.state !== 'sealed' && (
    <SideAnswers key="theirs" title={other} state={theirs} testId="theirs" />
  );
  const openByChoice = () => {
    if (!myRecord || !window.confirm(t('feedback.openConfirm', other))) return;
    void run(() => openFeedbackByChoice(store, myRecord.id)).then(
      (done) => done && heading.current?.focus(),
    );
  };
  return (
    <section class="section feedback" aria-labelledby="feedback-heading" data-testid="feedback">
      <div class="section-head">
        <h2 id="feedback-heading" ref={heading} tabIndex={-1}>
          {t('feedback.heading')}
        </h2>
      </div>
      <p
        role="status"
        class={`feedback-status${submitted ? ' sealed' : ''}`}
        data-testid="feedback-status"
      >
        {statusText(submitted, revealed, theirs, other, !!myRecord?.openedByChoice)}
      </p>
      {!submitted && (
        <FeedbackForm
          key={session.id}
          initial={view.draft ?? EMPTY}
          onDraft={(draft) => saveFeedbackDraft(store, session, side, draft)}
          onSubmit={async (answers) => {
            const done = await run(() =>
              submitFeedback(
                store,
                session,
                side,
                answers,
                myMember(pair) ?? pair.members.find((m) => m.role === side)?.id,
              ),
            );
            if (done) heading.current?.focus();
            return done;
          }}
        />
      )}
      {submitted && !openBoth && !revealed && (
        <>
          <p class="muted">{t('feedback.waitingHint')}</p>
          <div class="actions">
            <button type="button" onClick={openByChoice}>
              {t('feedback.openNow')}
            </button>
          </div>
        </>
      )}
      <ErrorText message={error} />
      {/* The mentee's side first, as everywhere in Review: the mentee owns the relationship. */}
      {(submitted || theirs.state === 'open') && (
        <div class="feedback-sides">
          {side === 'mentor' ? [theirsCard, mineCard] : [mineCard, theirsCard]}
        </div>
      )}
    </section>
  );
}

const FeedbackHead = () => (
  <div class="section-head">
    <h2 id="feedback-heading">{t('feedback.heading')}</h2>
  </div>
);

/** A group's feedback: "Which member are you?" until this browser knows, then that member's. */
function GroupFeedback({ pair, session }: { pair: Pair; session: Session }) {
  const me = myMember(pair);
  if (me) return <MemberFeedback pair={pair} session={session} memberId={me} />;
  return (
    <section class="section feedback" aria-labelledby="feedback-heading" data-testid="feedback">
      <FeedbackHead />
      <WhichMember pair={pair} />
    </section>
  );
}

/** Asks which member of my role this browser's user is, and keeps it in this browser only. */
function WhichMember({ pair }: { pair: Pair }) {
  const store = useStore();
  const [run, error] = useAction();
  const choices = membersOfMyRole(pair);
  const [chosen, setChosen] = useState(choices[0]?.id ?? '');
  if (choices.length === 0) return <p class="muted">{t('memberFeedback.noMembers')}</p>;
  const pick = (event: Event) => {
    event.preventDefault();
    if (chosen) void run(() => updatePair(store, pair.id, { myMemberId: chosen }));
  };
  return (
    <form class="feedback-member" onSubmit={pick} data-testid="feedback-which-member">
      <label>
        {t('memberFeedback.whoAreYou')}
        <select value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
          {choices.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <p class="muted">{t('memberFeedback.whoHint')}</p>
      <ErrorText message={error} />
      <div class="actions">
        <button type="submit" class="primary">
          {t('memberFeedback.thisIsMe')}
        </button>
      </div>
    </form>
  );
}

const names = (members: readonly { name: string }[]) =>
  new Intl.ListFormat(undefined, { style: 'long', type: 'conjunction' }).format(
    members.map((m) => m.name.trim()),
  );

/** One member's feedback in a group: theirs to answer, everyone's once every member has. */
function MemberFeedback({
  pair,
  session,
  memberId,
}: {
  pair: Pair;
  session: Session;
  memberId: string;
}) {
  const store = useStore();
  const side = pair.myRole;
  const data = useLive(() => feedbackOf(store, session.id), [store, session.id]);
  const [view, setView] = useState<GroupFeedbackView>();
  useEffect(() => {
    if (!data) return;
    let live = true;
    void readGroupFeedback(data, pair, session.id, memberId).then((next) => live && setView(next));
    return () => {
      live = false;
    };
  }, [data, pair, session.id, memberId]);
  const [run, error] = useAction();
  const missing = view?.others.filter((o) => o.state.state === 'absent') ?? [];
  const due = view?.mine.state === 'open' && !view.mine.record.revealedKey && missing.length === 0;
  useEffect(() => {
    if (due) void revealDue(store, pair.id).catch(() => undefined);
  }, [due, store, pair.id]);
  if (!view) return null;
  const { mine, others } = view;
  const submitted = mine.state !== 'absent';
  const myRecord = 'record' in mine ? mine.record : undefined;
  const revealed = !!myRecord?.revealedKey;
  const allOpen = others.every((o) => o.state.state === 'open');
  const me = pair.members.find((m) => m.id === memberId);
  const status = !submitted
    ? t('memberFeedback.intro')
    : allOpen && mine.state === 'open'
      ? ''
      : revealed && myRecord?.openedByChoice
        ? t('memberFeedback.openedByChoice')
        : t(
            'feedback.waiting',
            missing.length > 0 ? names(missing.map((o) => o.member)) : t('memberFeedback.theGroup'),
          );
  const openByChoice = () => {
    if (!myRecord || !window.confirm(t('memberFeedback.openConfirm'))) return;
    void run(() => openFeedbackByChoice(store, myRecord.id));
  };
  const shown = others.filter((o) => o.state.state !== 'absent' && o.state.state !== 'sealed');
  return (
    <section class="section feedback" aria-labelledby="feedback-heading" data-testid="feedback">
      <FeedbackHead />
      <p class="muted feedback-as" data-testid="feedback-as">
        {t('memberFeedback.answeringAs', me?.name ?? '')}
        {membersOfMyRole(pair).length > 1 && !submitted && (
          <>
            {' '}
            <button
              type="button"
              class="link"
              onClick={() => void run(() => updatePair(store, pair.id, { myMemberId: undefined }))}
            >
              {t('memberFeedback.change')}
            </button>
          </>
        )}
      </p>
      <p
        role="status"
        class={`feedback-status${submitted ? ' sealed' : ''}`}
        data-testid="feedback-status"
      >
        {status}
      </p>
      {!submitted && (
        <FeedbackForm
          key={`${session.id}:${memberId}`}
          initial={view.draft ?? EMPTY}
          onDraft={(draft) => saveFeedbackDraft(store, session, side, draft, memberId)}
          onSubmit={(answers) =>
            run(() => submitFeedback(store, session, side, answers, memberId, true))
          }
        />
      )}
      {submitted && !revealed && !(allOpen && mine.state === 'open') && (
        <>
          <p class="muted">{t('memberFeedback.waitingHint')}</p>
          <div class="actions">
            <button type="button" onClick={openByChoice}>
              {t('feedback.openNow')}
            </button>
          </div>
        </>
      )}
      <ErrorText message={error} />
      {(submitted || shown.length > 0) && (
        <div class="feedback-sides">
          {submitted && (
            <SideAnswers
              key="mine"
              title={t('memberFeedback.you', me?.name ?? '')}
              state={mine}
              testId="mine"
            />
          )}
          {shown.map((o) => (
            <SideAnswers
              key={o.member.id}
              title={o.member.name}
              state={o.state}
              testId={`member-${o.member.id}`}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function statusText(
  submitted: boolean,
  revealed: boolean,
  theirs: SideState,
  other: string,
  byChoice: boolean,
): string {
  const theyRead = theirs.state === 'open';
  if (!submitted) {
    if (theyRead) return t('feedback.theyOpened', other);
    return theirs.state === 'absent' ? t('feedback.intro') : t('feedback.theyWait', other);
  }
  if (theyRead) return '';
  if (revealed && byChoice) return t('feedback.openedByChoice', other);
  return t('feedback.waiting', other);
}

function FeedbackForm({
  initial,
  onDraft,
  onSubmit,
}: {
  initial: FeedbackDraft;
  onDraft: (draft: FeedbackDraft) => Promise<void>;
  onSubmit: (answers: FeedbackAnswers) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<FeedbackDraft>(initial);
  const [missing, setMissing] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(draft);
  // A draft stays in this browser; written a moment after the last change and when leaving.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      void onDraft(latest.current).catch(() => undefined);
    },
    [],
  );
  const change = (patch: Partial<FeedbackDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    latest.current = next;
    if (patch.usefulness) setMissing(false);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void onDraft(next).catch(() => undefined), 400);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    if (draft.usefulness < 1) {
      setMissing(true);
      return;
    }
    clearTimeout(timer.current);
    void onSubmit({ ...draft, word: draft.word.trim(), usefulness: draft.usefulness });
  };
  return (
    <form class="feedback-form" onSubmit={submit} data-testid="feedback-form">
      <label>
        {t('feedback.helped')}
        <textarea
          dir="auto"
          name="feedback-helped"
          rows={2}
          maxLength={5000}
          value={draft.helped}
          onInput={(e) => change({ helped: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('feedback.change')}
        <textarea
          dir="auto"
          name="feedback-change"
          rows={2}
          maxLength={5000}
          value={draft.change}
          onInput={(e) => change({ change: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('feedback.word')}
        <input
          dir="auto"
          name="feedback-word"
          maxLength={60}
          value={draft.word}
          onInput={(e) => change({ word: e.currentTarget.value })}
        />
      </label>
      <fieldset class="feedback-scale" aria-describedby={missing ? 'feedback-missing' : undefined}>
        <legend>{t('feedback.usefulness')}</legend>
        {SCALE.map((value) => (
          <label key={value} class={draft.usefulness === value ? 'selected' : ''}>
            <input
              type="radio"
              name="feedback-usefulness"
              value={value}
              checked={draft.usefulness === value}
              onChange={() => change({ usefulness: value })}
            />
            {t(`feedback.scale.u${value}`)}
          </label>
        ))}
      </fieldset>
      {missing && (
        <p class="error" role="alert" id="feedback-missing">
          {t('feedback.needUsefulness')}
        </p>
      )}
      <p class="muted">{t('feedback.draftKept')}</p>
      <div class="actions">
        <button type="submit" class="primary">
          {t('feedback.submit')}
        </button>
      </div>
    </form>
  );
}

/** One side's answers, or why they cannot be shown (never the text of a broken sealing). */
function SideAnswers({
  title,
  state,
  testId,
}: {
  title: string;
  state: SideState;
  testId: string;
}) {
  return (
    <div class="card feedback-side" data-testid={`feedback-${testId}`}>
      <h3>{title}</h3>
      {state.state === 'open' ? (
        <AnswerList answers={state.answers} />
      ) : (
        <p class={state.state === 'sealed' ? 'muted' : 'error'}>
          {state.state === 'broken'
            ? t('feedback.broken')
            : state.state === 'changed'
              ? t('feedback.changed')
              : state.state === 'elsewhere'
                ? t('feedback.notHere')
                : t('feedback.waiting', title)}
        </p>
      )}
    </div>
  );
}

function AnswerList({ answers }: { answers: FeedbackAnswers }) {
  const none = t('feedback.none');
  return (
    <dl class="feedback-answers">
      <dt>{t('feedback.word')}</dt>
      <dd dir="auto" class="feedback-word">
        {answers.word || none}
      </dd>
      <dt>{t('feedback.usefulness')}</dt>
      <dd>{t('feedback.usefulnessOf', String(answers.usefulness))}</dd>
      <dt>{t('feedback.helped')}</dt>
      <dd>{answers.helped ? <LongText text={answers.helped} /> : none}</dd>
      <dt>{t('feedback.change')}</dt>
      <dd>{answers.change ? <LongText text={answers.change} /> : none}</dd>
    </dl>
  );
}

/** History: a session's feedback once opened (sealed answers are never shown). */
export function OpenedFeedback({
  pair,
  sessionId,
  target = null,
}: {
  pair: Pair;
  sessionId: string;
  /** The feedback record a search hit opened: scrolled to and focused once its answers show. */
  target?: string | null;
}) {
  const store = useStore();
  const data = useLive(() => feedbackOf(store, sessionId), [store, sessionId]);
  const [opened, setOpened] = useState<Awaited<ReturnType<typeof openedFeedbackOf>>>([]);
  useEffect(() => {
    if (!data || data.records.length === 0) return;
    let live = true;
    void openedFeedbackOf(store, sessionId).then((next) => live && setOpened(next));
    return () => {
      live = false;
    };
  }, [data, store, sessionId]);
  const sides = useRef<HTMLDivElement>(null);
  const shown = opened.length > 0;
  useEffect(() => {
    const el = target && sides.current?.querySelector<HTMLElement>(`[data-record-id="${target}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }, [shown, target]);
  if (opened.length === 0) return null;
  return (
    <>
      <h3>{t('feedback.history')}</h3>
      <div class="feedback-sides" data-testid="history-feedback" ref={sides}>
        {opened.map((o) => {
          const member = o.memberId && pair.members.find((m) => m.id === o.memberId);
          // A member's answers show under that member only (never another's name, nor a stranger's).
          if (o.memberId && !member) return null;
          const mine = member && member.id === myMember(pair);
          const recordId = feedbackId(sessionId, o.side, o.memberId);
          return (
            <div
              class={`card feedback-side${recordId === target ? ' search-target' : ''}`}
              key={o.memberId ?? o.side}
              data-record-id={recordId}
              tabIndex={recordId === target ? -1 : undefined}
            >
              <h4>
                {member
                  ? mine
                    ? t('memberFeedback.you', member.name)
                    : member.name
                  : o.side === pair.myRole && !feedbackByMember(pair)
                    ? t('feedback.you')
                    : roleName(pair.model, o.side)}
              </h4>
              <AnswerList answers={o.answers} />
            </div>
          );
        })}
      </div>
    </>
  );
}
