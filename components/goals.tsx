import { useState } from 'preact/hooks';
import { byOrder } from '../utils/order';
import {
  addGoal,
  completeGoal,
  deleteGoal,
  type GoalInput,
  moveGoal,
  updateGoal,
} from '../utils/records';
import { type Goal, type GoalStatus, goalStatuses } from '../utils/schema/goal';
import { ChoiceSelect, ErrorText } from './controls';
import { formatDate } from './format';
import { useAction } from './use-action';
import { useLive, useStore } from './use-live';

export const goalStatusLabels: Record<GoalStatus, string> = {
  active: 'Active',
  achieved: 'Achieved',
  paused: 'Paused',
  dropped: 'Dropped',
};

export function Goals({ pairId }: { pairId: string }) {
  const store = useStore();
  const goals = useLive(
    async () =>
      (await store.db.goals.where('pairId').equals(pairId).toArray())
        .filter((g) => !g.deleted)
        .sort(byOrder),
    [store, pairId],
  );
  const [adding, setAdding] = useState(false);
  if (!goals) return <p class="muted">Loading goals…</p>;
  markGoalsShown();
  return (
    <section aria-labelledby="goals-heading" class="section">
      <div class="section-head">
        <h2 id="goals-heading">Goals</h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            Add goal
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
      {goals.length === 0 && !adding && (
        <p class="empty">No goals yet. What does the mentee want to work towards?</p>
      )}
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
        <span class={`badge ${goal.status}`}>{goalStatusLabels[goal.status]}</span>
      </div>
      <div class="progress-row">
        {/* Not <progress>: Preact drops its value attribute at 0, which makes the bar
            indeterminate (an animated "loading" bar) instead of empty. */}
        <div
          class="bar"
          role="progressbar"
          aria-label={`Progress of ${goal.title}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={goal.progress}
        >
          <span class="bar-fill" style={{ width: `${goal.progress}%` }} />
        </div>
        <span class="muted">{goal.progress}%</span>
      </div>
      {goal.why && (
        <p class="detail">
          <span class="label">Why: </span>
          {goal.why}
        </p>
      )}
      {goal.measure && (
        <p class="detail">
          <span class="label">Success: </span>
          {goal.measure}
        </p>
      )}
      {goal.targetDate && (
        <p class="detail">
          <span class="label">Target: </span>
          {formatDate(goal.targetDate)}
        </p>
      )}
      <div class="item-actions">
        <button
          type="button"
          onClick={() => setEditing(true)}
          aria-label={`Edit goal ${goal.title}`}
        >
          Edit
        </button>
        {goal.status !== 'achieved' && (
          <button
            type="button"
            onClick={() => run(() => completeGoal(store, goal.id))}
            aria-label={`Mark goal ${goal.title} achieved`}
          >
            Achieved
          </button>
        )}
        <button
          type="button"
          class="icon"
          disabled={first}
          onClick={() => run(() => moveGoal(store, goal.id, -1))}
          aria-label={`Move goal ${goal.title} up`}
        >
          ↑
        </button>
        <button
          type="button"
          class="icon"
          disabled={last}
          onClick={() => run(() => moveGoal(store, goal.id, 1))}
          aria-label={`Move goal ${goal.title} down`}
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
      }),
    );
  };
  return (
    <form class="card goal-form" onSubmit={submit} aria-label={goal ? 'Edit goal' : 'New goal'}>
      <label>
        Goal
        <input
          name="goal-title"
          required
          maxLength={300}
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <label>
        Why it matters
        <textarea
          name="goal-why"
          rows={2}
          value={why}
          onInput={(e) => setWhy(e.currentTarget.value)}
        />
      </label>
      <label>
        How success is measured
        <textarea
          name="goal-measure"
          rows={2}
          value={measure}
          onInput={(e) => setMeasure(e.currentTarget.value)}
        />
      </label>
      <div class="row">
        <label>
          Target date
          <input
            type="date"
            name="goal-target"
            value={targetDate}
            onInput={(e) => setTargetDate(e.currentTarget.value)}
          />
        </label>
        <ChoiceSelect
          label="Status"
          name="goal-status"
          value={status}
          options={goalStatuses}
          labels={goalStatusLabels}
          onChange={setStatus}
        />
      </div>
      <label>
        Progress: {progress}%
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
      <ErrorText message={error} />
      <div class="actions">
        <button type="submit" class="primary">
          {goal ? 'Save goal' : 'Add goal'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {onDelete && (
          <button type="button" class="danger" onClick={() => run(onDelete)}>
            Delete goal
          </button>
        )}
      </div>
    </form>
  );
}
