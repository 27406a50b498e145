import { useState } from 'preact/hooks';
import {
  addGoal,
  completeGoal,
  deleteGoal,
  type GoalInput,
  moveGoal,
  updateGoal,
} from '../utils/data/records/goals';
import { t } from '../utils/i18n';
import { localToday } from '../utils/mentoring/review';
import { goalsOf } from '../utils/queries/goals';
import { type Goal, type GoalStatus, goalStatuses } from '../utils/schema/goal';
import type { MentoringModel } from '../utils/schema/pair';
import { ChoiceSelect, ErrorText } from './controls';
import { formatDate, formatPercent } from './format';
import { mentorRoleName, RoleChips } from './role-chips';
import { useAction } from './use-action';
import { useLive, useStore } from './use-live';

/** Who the goals belong to differs by model: the mentee, each mentee in a group, each peer. */
const modelKey = {
  'one-to-one': 'oneToOne',
  group: 'group',
  peer: 'peer',
  reverse: 'reverse',
} as const;

export const goalStatusLabel = (status: GoalStatus): string => t(`goals.status.${status}`);

export function Goals({ pairId, model }: { pairId: string; model: MentoringModel }) {
  const store = useStore();
  const goals = useLive(() => goalsOf(store.db, pairId), [store, pairId]);
  const [adding, setAdding] = useState(false);
  if (!goals) return <p class="muted">{t('goals.loading')}</p>;
  markGoalsShown();
  return (
    <section aria-labelledby="goals-heading" class="section">
      <div class="section-head">
        <h2 id="goals-heading">{t('goals.heading')}</h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            {t('goals.add')}
          </button>
        )}
      </div>
      {adding && (
        <GoalForm
          onSubmit={async (input) => {
            await addGoal(store, pairId, input);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {goals.length === 0 && !adding && <p class="empty">{t(`goals.empty.${modelKey[model]}`)}</p>}
      <ol class="goal-list" data-testid="goal-list">
        {goals.map((g, index) => (
          <GoalItem key={g.id} goal={g} first={index === 0} last={index === goals.length - 1} />
        ))}
      </ol>
    </section>
  );
}

/** Performance mark for `npm run bench`: the pair's goals are on screen. */
function markGoalsShown() {
  if (performance.getEntriesByName('tandem:goals-shown').length === 0) {
    queueMicrotask(() => performance.mark('tandem:goals-shown'));
  }
}

function GoalItem({ goal, first, last }: { goal: Goal; first: boolean; last: boolean }) {
  const store = useStore();
  const [editing, setEditing] = useState(false);
  const [run, error] = useAction();
  if (editing) {
    return (
      <li class="goal editing">
        <GoalForm
          goal={goal}
          onSubmit={async (input) => {
            await updateGoal(store, goal.id, input);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
          onDelete={async () => {
            await deleteGoal(store, goal.id);
          }}
        />
      </li>
    );
  }
  return (
    <li class={`goal status-${goal.status}`} data-testid="goal">
      <div class="goal-head">
        <span class="goal-title">{goal.title}</span>
        <span class={`badge ${goal.status}`}>{goalStatusLabel(goal.status)}</span>
      </div>
      <div class="progress-row">
        {/* Not <progress>: Preact drops its value attribute at 0, which makes the bar
            indeterminate (an animated "loading" bar) instead of empty. */}
        <div
          class="bar"
          role="progressbar"
          aria-label={t('goals.progressOf', goal.title)}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={goal.progress}
        >
          <span class="bar-fill" style={{ width: `${goal.progress}%` }} />
        </div>
        <span class="muted">{formatPercent(goal.progress)}</span>
      </div>
      {goal.why && (
        <p class="detail">
          <span class="label">{t('goals.why')} </span>
          {goal.why}
        </p>
      )}
      {goal.measure && (
        <p class="detail">
          <span class="label">{t('goals.success')} </span>
          {goal.measure}
        </p>
      )}
      {!!goal.roleNeeds?.length && (
        <p class="detail role-tags" data-testid="goal-roles">
          <span class="label">{t('mentorRoles.goalTags')} </span>
          {goal.roleNeeds.map(mentorRoleName).join(', ')}
        </p>
      )}
      {goal.targetDate && (
        <p class="detail">
          <span class="label">{t('goals.target')} </span>
          {formatDate(goal.targetDate)}
          {goal.status === 'active' && goal.targetDate < localToday() && (
            <span class="due overdue" data-testid="target-passed">
              {' '}
              {t('goals.targetPassed')}
            </span>
          )}
        </p>
      )}
      <div class="item-actions">
        <button
          type="button"
          onClick={() => setEditing(true)}
          aria-label={t('goals.edit', goal.title)}
        >
          {t('goals.editShort')}
        </button>
        {goal.status !== 'achieved' && (
          <button
            type="button"
            onClick={() => run(() => completeGoal(store, goal.id))}
            aria-label={t('goals.markAchieved', goal.title)}
          >
            {t('goals.achieved')}
          </button>
        )}
        <button
          type="button"
          class="icon"
          disabled={first}
          onClick={() => run(() => moveGoal(store, goal.id, -1))}
          aria-label={t('goals.moveUp', goal.title)}
        >
          ↑
        </button>
        <button
          type="button"
          class="icon"
          disabled={last}
          onClick={() => run(() => moveGoal(store, goal.id, 1))}
          aria-label={t('goals.moveDown', goal.title)}
        >
          ↓
        </button>
      </div>
      <ErrorText message={error} />
    </li>
  );
}

interface GoalFormProps {
  goal?: Goal;
  onSubmit: (input: GoalInput) => Promise<void>;
  onCancel: () => void;
  onDelete?: () => Promise<void>;
}

function GoalForm({ goal, onSubmit, onCancel, onDelete }: GoalFormProps) {
  const [title, setTitle] = useState(goal?.title ?? '');
  const [why, setWhy] = useState(goal?.why ?? '');
  const [measure, setMeasure] = useState(goal?.measure ?? '');
  const [targetDate, setTargetDate] = useState(goal?.targetDate ?? '');
  const [status, setStatus] = useState<GoalStatus>(goal?.status ?? 'active');
  const [progress, setProgress] = useState(goal?.progress ?? 0);
  const [roleNeeds, setRoleNeeds] = useState(goal?.roleNeeds ?? []);
  const [run, error] = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void run(() =>
      onSubmit({
        title: title.trim(),
        why: why.trim(),
        measure: measure.trim(),
        targetDate,
        status,
        progress,
        roleNeeds,
      }),
    );
  };
  return (
    <form
      class="card goal-form"
      onSubmit={submit}
      aria-label={goal ? t('goals.form.edit') : t('goals.form.new')}
    >
      <label>
        {t('goals.form.title')}
        <input
          dir="auto"
          name="goal-title"
          required
          maxLength={300}
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('goals.form.why')}
        <textarea
          dir="auto"
          name="goal-why"
          rows={2}
          value={why}
          onInput={(e) => setWhy(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('goals.form.measure')}
        <textarea
          dir="auto"
          name="goal-measure"
          rows={2}
          value={measure}
          onInput={(e) => setMeasure(e.currentTarget.value)}
        />
      </label>
      <div class="row">
        <label>
          {t('goals.form.targetDate')}
          <input
            type="date"
            name="goal-target"
            value={targetDate}
            onInput={(e) => setTargetDate(e.currentTarget.value)}
          />
        </label>
        <ChoiceSelect
          label={t('goals.form.status')}
          name="goal-status"
          value={status}
          options={goalStatuses}
          labelOf={goalStatusLabel}
          onChange={setStatus}
        />
      </div>
      <label>
        {t('goals.form.progress', formatPercent(progress))}
        <input
          type="range"
          name="goal-progress"
          min={0}
          max={100}
          step={5}
          value={progress}
          onInput={(e) => setProgress(Number(e.currentTarget.value))}
        />
      </label>
      <RoleChips label={t('mentorRoles.goalNeeds')} value={roleNeeds} onChange={setRoleNeeds} />
      <ErrorText message={error} />
      <div class="actions">
        <button type="submit" class="primary">
          {goal ? t('goals.form.save') : t('goals.add')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        {onDelete && (
          <button type="button" class="danger" onClick={() => run(onDelete)}>
            {t('goals.form.delete')}
          </button>
        )}
      </div>
    </form>
  );
}
