import { useRef, useState } from 'preact/hooks';
import { browser } from '../utils/browser';
import {
  addLearning,
  deleteLearning,
  saveClosing,
  setLearningVisibility,
  updateLearning,
} from '../utils/data/records/arc';
import { updateGoal } from '../utils/data/records/goals';
import {
  progressRecord,
  progressRecordFileName,
  progressRecordMarkdown,
} from '../utils/export/progress-record';
import { t } from '../utils/i18n';
import { closingOf, learningsOf, progressRecordDataOf } from '../utils/queries/arc';
import { goalsOf } from '../utils/queries/goals';
import type { Closing as ClosingRecord, Learning } from '../utils/schema/arc';
import type { Role } from '../utils/schema/common';
import { type Goal, type GoalStatus, goalStatuses } from '../utils/schema/goal';
import type { Pair } from '../utils/schema/pair';
import type { Session } from '../utils/schema/session';
import { ChoiceSelect, ErrorText } from './controls';
import { downloadText } from './copy';
import { useAction } from './use-action';
import { useAutoFocus } from './use-auto-focus';
import { statusText, useAutosavedText } from './use-autosaved-text';
import { useLive, useStore } from './use-live';
import { usePendingValue } from './use-pending-value';

/*
 * The closing session's form (loaded when a pair reaches the closing phase): what was achieved
 * against each goal, what each side learned, what comes next, the mentor's endorsement, and the
 * mentee's progress record made from them (utils/export/progress-record.ts).
 */

const roleWord = (role: Role) => t(`export.role.${role}`);

export function Closing({ pair, session }: { pair: Pair; session: Session | null }) {
  const store = useStore();
  const goals = useLive(() => goalsOf(store.db, pair.id), [store, pair.id]);
  const learnings = useLive(() => learningsOf(store, pair.id), [store, pair.id]);
  const closing = useLive(() => closingOf(store, pair.id), [store, pair.id]);
  const [run, error] = useAction();
  if (!goals || !learnings || closing === undefined) {
    return <p class="muted">{t('common.loading')}</p>;
  }
  // The mentee's side first; in reverse mentoring the mentor's learning is the point: first.
  const sides: Role[] = pair.model === 'reverse' ? ['mentor', 'mentee'] : ['mentee', 'mentor'];
  const download = () =>
    run(async () => {
      const data = await progressRecordDataOf(store, pair.id);
      if (!data) return;
      const record = progressRecord({ ...data, now: Date.now() });
      downloadText(
        progressRecordFileName(pair.title),
        progressRecordMarkdown(record),
        'text/markdown',
      );
    });
  const printable = () =>
    run(() =>
      browser.tabs.create({
        url: browser.runtime.getURL(`/progress-record.html?pair=${encodeURIComponent(pair.id)}`),
      }),
    );
  return (
    <section aria-labelledby="closing-heading" class="section closing" data-testid="closing">
      <h2 id="closing-heading">{t('arc.closing.heading')}</h2>
      <p class="muted">{t('arc.closing.intro')}</p>
      <h3>{t('arc.closing.goals')}</h3>
      {goals.length === 0 && <p class="empty">{t('arc.closing.noGoals')}</p>}
      {goals.map((goal) => (
        <GoalOutcome key={goal.id} goal={goal} />
      ))}
      <h3>{t('arc.closing.learned')}</h3>
      {sides.map((side) =>
        side === pair.myRole ? (
          <MyLearnings key={side} pair={pair} session={session} learnings={learnings} />
        ) : (
          <TheirLearnings key={side} role={side} learnings={learnings} />
        ),
      )}
      <ClosingText
        pairId={pair.id}
        field="whatNext"
        label={t('arc.closing.whatNext')}
        closing={closing}
      />
      <ClosingText
        pairId={pair.id}
        field="learnFrom"
        label={t('arc.closing.learnFrom')}
        closing={closing}
      />
      <h3>{t('arc.closing.endorsement')}</h3>
      {pair.myRole === 'mentor' ? (
        <ClosingText
          pairId={pair.id}
          field="endorsement"
          label={t('arc.closing.endorsement')}
          hint={t('arc.closing.endorsementHint')}
          hideLabel
          closing={closing}
        />
      ) : closing?.endorsement.trim() ? (
        <blockquote class="arc-endorsement" dir="auto">
          {closing.endorsement}
        </blockquote>
      ) : (
        <p class="empty">{t('arc.closing.noEndorsement')}</p>
      )}
      <p class="muted">{t('arc.closing.recordHint')}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={download}>
          {t('arc.closing.download')}
        </button>
        <button type="button" onClick={printable}>
          {t('arc.closing.printable')}
        </button>
      </div>
      <ErrorText message={error} />
    </section>
  );
}

function GoalOutcome({ goal }: { goal: Goal }) {
  const store = useStore();
  const [run, error] = useAction();
  const outcome = useAutosavedText(
    `goal-outcome:${goal.id}`,
    'shared',
    goal.outcome ?? '',
    (text) => updateGoal(store, goal.id, { outcome: text }),
  );
  return (
    <div class="arc-goal" data-testid="arc-goal">
      <h4 dir="auto">{goal.title}</h4>
      <ChoiceSelect
        label={t('arc.closing.status', goal.title)}
        name={`status-${goal.id}`}
        value={goal.status}
        options={goalStatuses}
        labelOf={(s: GoalStatus) => t(`goals.status.${s}`)}
        onChange={(status) => run(() => updateGoal(store, goal.id, { status }))}
      />
      <label>
        {t('arc.closing.outcome', goal.title)}
        <textarea
          dir="auto"
          rows={2}
          name={`outcome-${goal.id}`}
          value={outcome.text}
          onInput={(e) => outcome.onInput(e.currentTarget.value)}
        />
      </label>
      <p class="muted save-status" aria-live="polite">
        {statusText(outcome.status)}
      </p>
      <ErrorText message={error} />
    </div>
  );
}

function MyLearnings({
  pair,
  session,
  learnings,
}: {
  pair: Pair;
  session: Session | null;
  learnings: Learning[];
}) {
  const store = useStore();
  const [run, error] = useAction();
  const mine = learnings.filter((l) => l.authorRole === pair.myRole);
  // Keyboard: a new learning takes the focus; removing one (or Escape in an empty new one)
  // gives it back to "Add what I learned" rather than dropping it on the page's body.
  const [added, setAdded] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);
  const add = () =>
    run(async () => {
      const record = await addLearning(store, {
        pairId: pair.id,
        sessionId: session?.id ?? '',
        authorRole: pair.myRole,
        text: '',
      });
      setAdded(record.id);
    });
  const removed = () => addButton.current?.focus();
  return (
    <div
      class={`arc-learnings${pair.model === 'reverse' && pair.myRole === 'mentor' ? ' arc-callout' : ''}`}
    >
      <h4>{t('arc.closing.learningOf', roleWord(pair.myRole))}</h4>
      {pair.model === 'reverse' && pair.myRole === 'mentor' && (
        <p>{t('arc.closing.mentorLearnedHint')}</p>
      )}
      {mine.map((learning) => (
        <MyLearning
          key={learning.id}
          learning={learning}
          focus={learning.id === added}
          onRemoved={removed}
        />
      ))}
      <button type="button" ref={addButton} onClick={add}>
        {t('arc.closing.addLearning')}
      </button>
      <ErrorText message={error} />
    </div>
  );
}

function MyLearning({
  learning,
  focus,
  onRemoved,
}: {
  learning: Learning;
  focus: boolean;
  onRemoved: () => void;
}) {
  const store = useStore();
  const [run, error] = useAction();
  const textRef = useAutoFocus<HTMLTextAreaElement>(focus);
  const remove = async () => {
    if (await run(() => deleteLearning(store, learning.id, learning.visibility))) onRemoved();
  };
  const text = useAutosavedText(
    `learning:${learning.id}`,
    learning.visibility,
    learning.text,
    (value) => updateLearning(store, learning.id, learning.visibility, { text: value }),
  );
  const [shared, setShared] = usePendingValue(learning.visibility === 'shared');
  const [inRecord, setInRecord] = usePendingValue(learning.inRecord === true);
  return (
    <div class="arc-learning" data-testid="my-learning">
      <label>
        {t('arc.closing.myLearning')}
        <textarea
          dir="auto"
          rows={3}
          name="learning"
          ref={textRef}
          value={text.text}
          onInput={(e) => text.onInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Escape leaves a learning that was added and never written: as if never added.
            if (e.key === 'Escape' && e.currentTarget.value.trim() === '') {
              e.preventDefault();
              void remove();
            }
          }}
        />
      </label>
      <p class="muted save-status" aria-live="polite">
        {statusText(text.status)}
      </p>
      <label class="check">
        <input
          type="checkbox"
          name="learning-shared"
          checked={shared}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            void setShared(checked, () =>
              run(async () => {
                await text.autosave.flush();
                await setLearningVisibility(
                  store,
                  learning.id,
                  learning.visibility,
                  checked ? 'shared' : 'private',
                );
              }),
            );
          }}
        />
        {t('arc.closing.share')}
      </label>
      {!shared && (
        <>
          <label class="check">
            <input
              type="checkbox"
              name="learning-in-record"
              checked={inRecord}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                void setInRecord(checked, () =>
                  run(async () => {
                    await text.autosave.flush();
                    await updateLearning(store, learning.id, 'private', { inRecord: checked });
                  }),
                );
              }}
            />
            {t('arc.closing.inRecord')}
          </label>
          <p class="muted">{t('arc.closing.private')}</p>
        </>
      )}
      <button type="button" class="link" onClick={() => void remove()}>
        {t('arc.closing.remove')}
      </button>
      <ErrorText message={error} />
    </div>
  );
}

function TheirLearnings({ role, learnings }: { role: Role; learnings: Learning[] }) {
  // Only what the other side shared (a browser switched between roles keeps its private ones).
  const theirs = learnings.filter(
    (l) => l.authorRole === role && l.visibility === 'shared' && l.text.trim() !== '',
  );
  if (theirs.length === 0) return null;
  return (
    <div class="arc-learnings">
      <h4>{t('arc.closing.theirLearning', roleWord(role))}</h4>
      <ul>
        {theirs.map((l) => (
          <li key={l.id} dir="auto" class="long-text">
            {l.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ClosingText({
  pairId,
  field,
  label,
  hint,
  hideLabel = false,
  closing,
}: {
  pairId: string;
  field: 'whatNext' | 'learnFrom' | 'endorsement';
  label: string;
  hint?: string;
  /** The heading above already says it: the label is for screen readers only. */
  hideLabel?: boolean;
  closing: ClosingRecord | null;
}) {
  const store = useStore();
  const text = useAutosavedText(
    `closing:${pairId}:${field}`,
    'shared',
    closing?.[field] ?? '',
    (value) => saveClosing(store, pairId, { [field]: value }),
  );
  return (
    <div class="arc-closing-text">
      <label>
        {hideLabel ? <span class="visually-hidden">{label}</span> : label}
        {hint && <span class="muted arc-hint">{hint}</span>}
        <textarea
          dir="auto"
          rows={3}
          name={field}
          value={text.text}
          onInput={(e) => text.onInput(e.currentTarget.value)}
        />
      </label>
      <p class="muted save-status" aria-live="polite">
        {statusText(text.status)}
      </p>
    </div>
  );
}
