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
import {
  defaultGoalOwnerIds,
  goalOwnerCandidates,
  goalOwnerIds,
  goalOwnerNames,
  goalsByMentee,
} from '../utils/mentoring/goal-owners';
import { localToday } from '../utils/mentoring/review';
import { goalsOf } from '../utils/queries/goals';
import { type Goal, type GoalStatus, goalStatuses } from '../utils/schema/goal';
import type { Pair } from '../utils/schema/pair';
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

export function Goals({ pair }: { pair: Pair }) {
  const { id: pairId, model } = pair;
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
          pair={pair}
          onSubmit={async (input) => {
            await addGoal(store, pairId, input);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {goals.length === 0 && !adding && <p class="empty">{t(`goals.empty.${modelKey[model]}`)}</p>}
      {/* A group's goals are per mentee: one list under each mentee's name. */}
      {model === 'group' && goals.length > 0 ? (
        goalsByMentee(goals, pair).map((group) => (
          <div class="goal-group" key={group.menteeId ?? 'group'} data-testid="goal-group">
            <h3 class="subhead">{group.name || t('ownership.wholeGroup')}</h3>
            {group.goals.length === 0 && <p class="empty">{t('ownership.noGoalsYet')}</p>}
            <GoalList goals={group.goals} pair={pair} />
          </div>
        ))
      ) : (
        <GoalList goals={goals} pair={pair} />
      )}
    </section>
  );
}

/** Performance mark for `npm run bench`: the pair's goals are on screen. */
function markGoalsShown() {
  if (performance.getEntriesByName('tandem:goals-shown').length === 0) {
    queueMicrotask(() => performance.mark('tandem:goals-shown'));
  }
}

function GoalList({ goals, pair }: { goals: Goal[]; pair: Pair }) {
  const ids = goals.map((g) => g.id);
  return (
    <ol class="goal-list" data-testid="goal-list">
      {goals.map((g, index) => (
        <GoalItem
          key={g.id}
          goal={g}
          pair={pair}
          list={ids}
          first={index === 0}
          last={index === goals.length - 1}
        />
      ))}
    </ol>
  );
}

function GoalItem({
  goal,
  pair,
  list,
  first,
  last,
}: {
  goal: Goal;
  pair: Pair;
  /** The ids of the goals shown in the same list: moving keeps within it. */
  list: string[];
  first: boolean;
  last: boolean;
}) {
  const store = useStore();
  const [editing, setEditing] = useState(false);
  const [run, error] = useAction();
  const owners = goalOwnerNames(goal, pair);
  if (editing) {
    return (
      <li class="goal editing">
        <GoalForm
          goal={goal}
          pair={pair}
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
      {owners && (
        <p class="detail" data-testid="goal-owner">
          <span class="label">{t('ownership.ownerLabel')} </span>
          {owners}
        </p>
      )}
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
          onClick={() => run(() => moveGoal(store, goal.id, -1, list))}
          aria-label={t('goals.moveUp', goal.title)}
        >
          ↑
        </button>
        <button
          type="button"
          class="icon"
          disabled={last}
          onClick={() => run(() => moveGoal(store, goal.id, 1, list))}
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
  pair: Pair;
  onSubmit: (input: GoalInput) => Promise<void>;
  onCancel: () => void;
  onDelete?: () => Promise<void>;
}

function GoalForm({ goal, pair, onSubmit, onCancel, onDelete }: GoalFormProps) {
  const [title, setTitle] = useState(goal?.title ?? '');
  const [why, setWhy] = useState(goal?.why ?? '');
  const [measure, setMeasure] = useState(goal?.measure ?? '');
  const [targetDate, setTargetDate] = useState(goal?.targetDate ?? '');
  const [status, setStatus] = useState<GoalStatus>(goal?.status ?? 'active');
  const [progress, setProgress] = useState(goal?.progress ?? 0);
  // Whose goal: a member, or (several) all of them — 'all'.
  const candidates = goalOwnerCandidates(pair);
  const ids = goal ? goalOwnerIds(goal, pair) : defaultGoalOwnerIds(pair);
  const [owner, setOwner] = useState(ids.length === 1 ? (ids[0] ?? '') : 'all');
  const ownerIds = owner === 'all' ? candidates.map((m) => m.id) : [owner];
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
        ...(candidates.length > 0 ? { ownerIds } : {}),
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
      {candidates.length > 0 && (
        <ChoiceSelect
          label={t(pair.model === 'group' ? 'ownership.whichMentee' : 'ownership.owner')}
          name="goal-owner"
          value={owner}
          options={[...candidates.map((m) => m.id), ...(candidates.length > 1 ? ['all'] : [])]}
          labelOf={(id) =>
            candidates.find((m) => m.id === id)?.name ??
            t(
              pair.model === 'group'
                ? 'ownership.wholeGroup'
                : candidates.length === 2
                  ? 'common.role.both'
                  : 'owners.everyone',
            )
          }
          onChange={setOwner}
        />
      )}
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
