import { useState } from 'preact/hooks';
import { createPair, ensurePlannedSession, type PairInput, updatePair } from '../utils/records';
import type { Role } from '../utils/schema/common';
import { type Member, type MentoringModel, mentoringModels, type Pair } from '../utils/schema/pair';
import { ChoiceSelect, ErrorText } from './controls';
import { useAction } from './use-action';
import { useStore } from './use-live';

export const modelLabels: Record<MentoringModel, string> = {
  'one-to-one': 'One-to-one',
  group: 'Group / circle',
  peer: 'Peer',
  reverse: 'Reverse',
};

export const cadenceOptions: readonly { days: number; label: string }[] = [
  { days: 7, label: 'Weekly' },
  { days: 14, label: 'Every two weeks' },
  { days: 21, label: 'Every three weeks' },
  { days: 28, label: 'Every four weeks' },
  { days: 42, label: 'Every six weeks' },
  { days: 91, label: 'Quarterly' },
];

export function cadenceLabel(days: number): string {
  return cadenceOptions.find((o) => o.days === days)?.label ?? `Every ${days} days`;
}

interface PairFormProps {
  /** Editing an existing pair; creating a new one when absent. */
  pair?: Pair;
  onDone: (pairId: string) => void;
  onCancel?: () => void;
  /** A new pair's first values (from a meeting: its title and invitees). */
  initial?: { title: string; members: Member[] };
}

type MemberDraft = Member;

export function PairForm({ pair, onDone, onCancel, initial }: PairFormProps) {
  const store = useStore();
  const [title, setTitle] = useState(pair?.title ?? initial?.title ?? '');
  const [model, setModel] = useState<MentoringModel>(pair?.model ?? 'one-to-one');
  const [myRole, setMyRole] = useState<Role>(pair?.myRole ?? 'mentor');
  const [cadenceDays, setCadenceDays] = useState(pair?.cadenceDays ?? 14);
  const [members, setMembers] = useState<MemberDraft[]>(
    pair?.members ??
      initial?.members ?? [
        { id: store.newId(), name: '', email: '', role: 'mentor' },
        { id: store.newId(), name: '', email: '', role: 'mentee' },
      ],
  );
  const [rhythm, setRhythm] = useState(pair?.agreement.rhythm ?? '');
  const [confidentiality, setConfidentiality] = useState(pair?.agreement.confidentiality ?? '');
  const [scope, setScope] = useState(pair?.agreement.scope ?? '');
  const [run, error] = useAction();

  const setMember = (index: number, changes: Partial<MemberDraft>) =>
    setMembers(members.map((m, i) => (i === index ? { ...m, ...changes } : m)));

  const submit = async (event: Event) => {
    event.preventDefault();
    const input: PairInput = {
      title: title.trim(),
      model,
      myRole,
      cadenceDays,
      members: members
        .map((m) => ({ ...m, name: m.name.trim(), email: m.email.trim() }))
        .filter((m) => m.name || m.email),
      agreement: {
        rhythm: rhythm.trim(),
        confidentiality: confidentiality.trim(),
        scope: scope.trim(),
      },
    };
    let id = pair?.id;
    const ok = await run(async () => {
      if (pair) {
        await updatePair(store, pair.id, input);
      } else {
        const created = await createPair(store, input);
        await ensurePlannedSession(store, created.id);
        id = created.id;
      }
    });
    if (ok && id) onDone(id);
  };

  const heading = pair ? 'Edit pair' : 'New mentoring pair';
  return (
    <form class="card pair-form" onSubmit={submit} aria-labelledby="pair-form-heading">
      <h2 id="pair-form-heading">{heading}</h2>
      {!pair && (
        <p class="hint">
          A pair is one mentoring relationship. Everything stays in this browser unless you share it
          with your pair later.
        </p>
      )}
      <label>
        Title
        <input
          name="title"
          required
          maxLength={200}
          value={title}
          placeholder="e.g. Sam ↔ Alex, product leadership"
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <div class="row">
        <ChoiceSelect
          label="Mentoring model"
          name="model"
          value={model}
          options={mentoringModels}
          labels={modelLabels}
          onChange={setModel}
        />
        <label>
          Meeting cadence
          <select
            name="cadence"
            value={String(cadenceDays)}
            onChange={(e) => setCadenceDays(Number(e.currentTarget.value))}
          >
            {cadenceOptions.map((o) => (
              <option key={o.days} value={String(o.days)}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset>
        <legend>My role</legend>
        {(['mentor', 'mentee'] as const).map((r) => (
          <label class="inline" key={r}>
            <input
              type="radio"
              name="myRole"
              value={r}
              checked={myRole === r}
              onChange={() => setMyRole(r)}
            />
            {r === 'mentor' ? 'Mentor' : 'Mentee'}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Members</legend>
        <ul class="members">
          {members.map((m, index) => (
            <li key={m.id} class="member-row">
              <label>
                Name
                <input
                  name={`member-name-${index}`}
                  value={m.name}
                  maxLength={200}
                  onInput={(e) => setMember(index, { name: e.currentTarget.value })}
                />
              </label>
              <label>
                Email
                <input
                  type="email"
                  name={`member-email-${index}`}
                  value={m.email}
                  onInput={(e) => setMember(index, { email: e.currentTarget.value })}
                />
              </label>
              <label>
                Role
                <select
                  name={`member-role-${index}`}
                  value={m.role}
                  onChange={(e) => setMember(index, { role: e.currentTarget.value as Role })}
                >
                  <option value="mentor">Mentor</option>
                  <option value="mentee">Mentee</option>
                </select>
              </label>
              <button
                type="button"
                class="icon"
                aria-label={`Remove member ${m.name || index + 1}`}
                onClick={() => setMembers(members.filter((_, i) => i !== index))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() =>
            setMembers([...members, { id: store.newId(), name: '', email: '', role: 'mentee' }])
          }
        >
          Add member
        </button>
      </fieldset>
      <fieldset>
        <legend>Our agreement</legend>
        <label>
          Rhythm — how and how often we meet
          <textarea
            name="rhythm"
            rows={2}
            value={rhythm}
            onInput={(e) => setRhythm(e.currentTarget.value)}
          />
        </label>
        <label>
          Confidentiality — what stays between us
          <textarea
            name="confidentiality"
            rows={2}
            value={confidentiality}
            onInput={(e) => setConfidentiality(e.currentTarget.value)}
          />
        </label>
        <label>
          Scope — what we work on, and what not
          <textarea
            name="scope"
            rows={2}
            value={scope}
            onInput={(e) => setScope(e.currentTarget.value)}
          />
        </label>
      </fieldset>
      <ErrorText message={error} />
      <div class="actions">
        <button type="submit" class="primary">
          {pair ? 'Save pair' : 'Create pair'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
