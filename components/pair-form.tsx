import { useRef, useState } from 'preact/hooks';
import { createPair, type PairInput, updatePair } from '../utils/data/records/pairs';
import { ensurePlannedSession } from '../utils/data/records/sessions';
import { InvalidRecordError } from '../utils/data/validate';
import { plural, t } from '../utils/i18n';
import { halfwayDay } from '../utils/mentoring/arc';
import type { Role } from '../utils/schema/common';
import { type Member, type MentoringModel, mentoringModels, type Pair } from '../utils/schema/pair';
import { ChoiceSelect, ErrorText } from './controls';
import { useAction } from './use-action';
import { useStore } from './use-live';

const modelKeys = {
  'one-to-one': 'pair.model.oneToOne',
  group: 'pair.model.group',
  peer: 'pair.model.peer',
  reverse: 'pair.model.reverse',
} as const satisfies Record<MentoringModel, string>;

export const modelLabel = (model: MentoringModel): string => t(modelKeys[model]);

export const cadenceDays = [7, 14, 21, 28, 42, 91] as const;

export function cadenceLabel(days: number): string {
  switch (days) {
    case 7:
      return t('pair.cadence.weekly');
    case 14:
      return t('pair.cadence.twoWeeks');
    case 21:
      return t('pair.cadence.threeWeeks');
    case 28:
      return t('pair.cadence.fourWeeks');
    case 42:
      return t('pair.cadence.sixWeeks');
    case 91:
      return t('pair.cadence.quarterly');
    default:
      return plural('pair.cadence.days', days);
  }
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
  const [cadence, setCadence] = useState(pair?.cadenceDays ?? 14);
  // Which member this browser's user is: local like myRole (utils/mentoring/my-member.ts).
  const [myMemberId, setMyMemberId] = useState(pair?.myMemberId);
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
  const [dates, setDates] = useState(() => ({
    startDate: pair?.agreement.startDate ?? '',
    midpointDate: pair?.agreement.midpointDate ?? '',
    endDate: pair?.agreement.endDate ?? '',
  }));
  // The mid-point follows start and end (halfway) until the user picks a day of their own.
  const [midpointPicked, setMidpointPicked] = useState(!!pair?.agreement.midpointDate);
  const setDate = (field: keyof typeof dates, value: string) => {
    const next = { ...dates, [field]: value };
    if (field === 'midpointDate') setMidpointPicked(value !== '');
    else if (!midpointPicked) next.midpointDate = halfwayDay(next.startDate, next.endDate);
    setDates(next);
  };
  const [run, error] = useAction();
  // Problems of one field, shown beside it (by the field's name); the first gets the cursor.
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const showFieldErrors = (errors: Record<string, string>) => {
    setFieldErrors(errors);
    const first = Object.keys(errors)[0];
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
    }
  };
  const fieldError = (name: string) =>
    fieldErrors[name]
      ? {
          'aria-invalid': true as const,
          'aria-describedby': `error-${name}`,
        }
      : {};
  const fieldErrorText = (name: string) =>
    fieldErrors[name] ? (
      <span class="error field-error" id={`error-${name}`}>
        {fieldErrors[name]}
      </span>
    ) : null;

  const setMember = (index: number, changes: Partial<MemberDraft>) =>
    setMembers(members.map((m, i) => (i === index ? { ...m, ...changes } : m)));

  const submit = async (event: Event) => {
    event.preventDefault();
    const me = members.find((m) => m.id === myMemberId && (m.name.trim() || m.email.trim()));
    const input: PairInput = {
      title: title.trim(),
      model,
      myRole,
      myMemberId: me && (model === 'peer' || me.role === myRole) ? me.id : undefined,
      cadenceDays: cadence,
      members: members
        .map((m) => ({ ...m, name: m.name.trim(), email: m.email.trim() }))
        .filter((m) => m.name || m.email),
      agreement: {
        rhythm: rhythm.trim(),
        confidentiality: confidentiality.trim(),
        scope: scope.trim(),
        ...dates,
      },
    };
    if (!input.title) {
      showFieldErrors({ title: t('pair.form.titleMissing') });
      return;
    }
    // Which form row each kept member came from (empty rows are left out).
    const rowOf = members.flatMap((m, row) => (m.name.trim() || m.email.trim() ? [row] : []));
    let id = pair?.id;
    let refused: InvalidRecordError | null = null;
    const ok = await run(async () => {
      try {
        if (pair) {
          await updatePair(store, pair.id, input);
        } else {
          const created = await createPair(store, input);
          await ensurePlannedSession(store, created.id);
          id = created.id;
        }
      } catch (err) {
        if (!(err instanceof InvalidRecordError)) throw err;
        refused = err;
      }
    });
    const invalid = refused as InvalidRecordError | null;
    if (invalid) {
      const errors: Record<string, string> = {};
      for (const { path, message } of invalid.problems) {
        const [first, index, field] = path;
        const name =
          first === 'members' && typeof index === 'number' && typeof field === 'string'
            ? `member-${field}-${rowOf[index] ?? index}`
            : first === 'agreement' && typeof index === 'string'
              ? index
              : String(first);
        errors[name] ??= message;
      }
      showFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    if (ok && id) onDone(id);
  };

  const heading = pair ? t('pair.form.edit') : t('pair.form.new');
  return (
    <form
      class="card pair-form"
      ref={formRef}
      onSubmit={submit}
      noValidate
      aria-labelledby="pair-form-heading"
    >
      <h2 id="pair-form-heading">{heading}</h2>
      {!pair && <p class="hint">{t('pair.form.hint')}</p>}
      <label>
        {t('pair.form.title')}
        <input
          dir="auto"
          name="title"
          required
          {...fieldError('title')}
          maxLength={200}
          value={title}
          placeholder={t('pair.form.titlePlaceholder')}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        {fieldErrorText('title')}
      </label>
      <div class="row">
        <ChoiceSelect
          label={t('pair.form.model')}
          name="model"
          value={model}
          options={mentoringModels}
          labelOf={modelLabel}
          onChange={setModel}
        />
        <label>
          {t('pair.form.cadence')}
          <select
            name="cadence"
            value={String(cadence)}
            onChange={(e) => setCadence(Number(e.currentTarget.value))}
          >
            {cadenceDays.map((days) => (
              <option key={days} value={String(days)}>
                {cadenceLabel(days)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {model !== 'one-to-one' && (
        <p class="hint" data-testid="model-hint">
          {t(`ownership.modelHint.${model}`)}
        </p>
      )}
      {/* In peer mentoring everyone is mentor and mentee: no roles to choose. */}
      {model !== 'peer' && (
        <fieldset>
          <legend>{t('pair.myRole')}</legend>
          {(['mentor', 'mentee'] as const).map((r) => (
            <label class="inline" key={r}>
              <input
                type="radio"
                name="myRole"
                value={r}
                checked={myRole === r}
                onChange={() => setMyRole(r)}
              />
              {t(`common.role.${r}`)}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>{t('pair.members')}</legend>
        <ul class="members">
          {members.map((m, index) => (
            <li key={m.id} class="member-row">
              <label>
                {t('pair.form.name')}
                <input
                  dir="auto"
                  name={`member-name-${index}`}
                  value={m.name}
                  maxLength={200}
                  {...fieldError(`member-name-${index}`)}
                  onInput={(e) => setMember(index, { name: e.currentTarget.value })}
                />
                {fieldErrorText(`member-name-${index}`)}
              </label>
              <label>
                {t('pair.form.email')}
                <input
                  type="email"
                  name={`member-email-${index}`}
                  value={m.email}
                  {...fieldError(`member-email-${index}`)}
                  onInput={(e) => setMember(index, { email: e.currentTarget.value })}
                />
                {fieldErrorText(`member-email-${index}`)}
              </label>
              {model !== 'peer' && (
                <label>
                  {t('pair.form.role')}
                  <select
                    name={`member-role-${index}`}
                    value={m.role}
                    onChange={(e) => setMember(index, { role: e.currentTarget.value as Role })}
                  >
                    <option value="mentor">{t('common.role.mentor')}</option>
                    <option value="mentee">{t('common.role.mentee')}</option>
                  </select>
                </label>
              )}
              <label class="inline">
                <input
                  type="radio"
                  name="my-member"
                  aria-label={t(
                    'memberFeedback.thisIsMeNamed',
                    m.name.trim() || m.email.trim() || index + 1,
                  )}
                  checked={m.id === myMemberId}
                  onChange={() => {
                    setMyMemberId(m.id);
                    if (model !== 'peer') setMyRole(m.role);
                  }}
                />
                {t('memberFeedback.thisIsMe')}
              </label>
              <button
                type="button"
                class="icon"
                aria-label={t('pair.form.removeMember', m.name || index + 1)}
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
          {t('pair.form.addMember')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('pair.agreement')}</legend>
        <label>
          {t('pair.form.rhythm')}
          <textarea
            dir="auto"
            name="rhythm"
            rows={2}
            value={rhythm}
            onInput={(e) => setRhythm(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('pair.form.confidentiality')}
          <textarea
            dir="auto"
            name="confidentiality"
            rows={2}
            value={confidentiality}
            onInput={(e) => setConfidentiality(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('pair.form.scope')}
          <textarea
            dir="auto"
            name="scope"
            rows={2}
            value={scope}
            onInput={(e) => setScope(e.currentTarget.value)}
          />
        </label>
        <div class="arc-dates">
          {(['startDate', 'midpointDate', 'endDate'] as const).map((field) => (
            <label key={field}>
              {t(`arc.form.${field}`)}
              <input
                type="date"
                name={field}
                value={dates[field]}
                onInput={(e) => setDate(field, e.currentTarget.value)}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorText message={error} />
      <div class="actions">
        <button type="submit" class="primary">
          {pair ? t('pair.form.save') : t('pair.form.create')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
