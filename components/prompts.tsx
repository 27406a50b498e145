import { useState } from 'preact/hooks';
import { addCustomPrompt, removeCustomPrompt, setPromptState } from '../utils/data/records/prompts';
import { formatNumber, plural, t } from '../utils/i18n';
import { currentPhase } from '../utils/mentoring/arc-phase';
import { promptBank } from '../utils/prompts/bank';
import {
  choosePrompt,
  pinnedPrompts,
  promptsFor,
  SKIP_DAYS,
  skipUntil,
} from '../utils/prompts/choose';
import { promptMentorRoles, promptsServing } from '../utils/prompts/roles';
import { promptsOf } from '../utils/queries/prompts';
import { sessionsOf } from '../utils/queries/sessions';
import { type MentorRole, mentorRoles } from '../utils/schema/mentor-role';
import type { MentoringModel, Pair } from '../utils/schema/pair';
import {
  type Prompt,
  type PromptPhase,
  type PromptRole,
  type PromptTheme,
  promptPhases,
  promptRoles,
  promptThemes,
} from '../utils/schema/prompt';
import { ChoiceSelect, ErrorText } from './controls';
import { mentorRoleName, RoleChips } from './role-chips';
import { useAction } from './use-action';
import { useLive, useStore } from './use-live';
import { usePanelCommand } from './use-panel-command';

export const phaseLabel = (phase: PromptPhase): string => t(`prompts.phase.${phase}`);

export const themeLabel = (theme: PromptTheme): string => t(`prompts.theme.${theme}`);

const roleLabel = (role: PromptRole): string => t(`common.role.${role}`);

/** Who a prompt is for, as the end of its caption: "for mentor". */
/** Who a prompt is for; in peer mentoring, everyone is both: which side of the exchange it is for. */
const forRole = (role: PromptRole, model: MentoringModel): string =>
  model === 'peer' ? t(`prompts.forRolePeer.${role}`) : t(`prompts.forRole.${role}`);

export function Prompts({ pair, phase: initialPhase }: { pair: Pair; phase: PromptPhase }) {
  const store = useStore();
  const [phase, setPhase] = useState<PromptPhase>(initialPhase);
  const [serving, setServing] = useState<MentorRole | ''>('');
  const data = useLive(() => promptsOf(store.db, pair.id), [store, pair.id]);
  const sessions = useLive(() => sessionsOf(store.db, pair.id), [store, pair.id]);
  const [run, error] = useAction();
  const [now] = useState(() => Date.now());
  // The relationship's arc: this phase's own prompts come first.
  const arcPhase = currentPhase(pair, sessions ?? [], now);
  // The "next prompt" shortcut does what the Next prompt button does, once the prompts are here.
  usePanelCommand(
    'next-prompt',
    () => {
      if (!data) return;
      const all = promptsServing([...promptBank(), ...data.custom], serving || null);
      const shown = choosePrompt(all, data.states, {
        phase,
        myRole: pair.myRole,
        model: pair.model,
        now,
        arcPhase,
      });
      if (shown)
        void run(() => setPromptState(store, pair.id, shown.id, { lastShownAt: Date.now() }));
    },
    data !== undefined,
  );
  if (!data) return <p class="muted">{t('prompts.loading')}</p>;
  const all: Prompt[] = promptsServing([...promptBank(), ...data.custom], serving || null);
  const context = { phase, myRole: pair.myRole, model: pair.model, now, arcPhase };
  const current = choosePrompt(all, data.states, context);
  const pinned = pinnedPrompts(all, data.states);
  const available = promptsFor(all, context).length;
  const act = (promptId: string, changes: Parameters<typeof setPromptState>[3]) =>
    run(() => setPromptState(store, pair.id, promptId, changes));
  return (
    <section aria-labelledby="prompts-heading" class="section prompts">
      <div class="section-head">
        <h2 id="prompts-heading">{t('prompts.heading')}</h2>
      </div>
      <fieldset class="segmented">
        <legend class="visually-hidden">{t('prompts.phaseLabel')}</legend>
        {promptPhases.map((p) => (
          <label key={p} class={p === phase ? 'selected' : ''}>
            <input
              type="radio"
              name="prompt-phase"
              value={p}
              checked={p === phase}
              onChange={() => setPhase(p)}
            />
            {phaseLabel(p)}
          </label>
        ))}
      </fieldset>
      <ChoiceSelect
        label={t('mentorRoles.promptFilter')}
        name="prompt-mentor-role"
        value={serving}
        options={['', ...mentorRoles] as const}
        labelOf={(r) => (r ? mentorRoleName(r) : t('mentorRoles.anyRole'))}
        onChange={setServing}
      />
      {current ? (
        <figure class="card prompt-card" data-testid="current-prompt">
          {/* Announced when it changes: "next prompt" by button or by shortcut. */}
          <blockquote class="prompt-text" aria-live="polite">
            {current.text}
          </blockquote>
          <figcaption class="muted">
            {current.id.startsWith('custom-')
              ? t(
                  'prompts.captionYours',
                  themeLabel(current.theme),
                  forRole(current.role, pair.model),
                )
              : t('prompts.caption', themeLabel(current.theme), forRole(current.role, pair.model))}
            {promptMentorRoles(current).length > 0 && (
              <span class="role-tags" data-testid="prompt-roles">
                {' · '}
                {t(
                  'mentorRoles.promptServes',
                  promptMentorRoles(current).map(mentorRoleName).join(', '),
                )}
              </span>
            )}
          </figcaption>
          <div class="actions">
            <button type="button" onClick={() => act(current.id, { pinned: true })}>
              {t('prompts.pin')}
            </button>
            <button
              type="button"
              onClick={() => act(current.id, { skippedUntil: skipUntil(Date.now()) })}
              title={plural('prompts.skipTitle', SKIP_DAYS)}
            >
              {plural('prompts.skip', SKIP_DAYS)}
            </button>
            <button type="button" onClick={() => act(current.id, { lastShownAt: Date.now() })}>
              {t('prompts.next')}
            </button>
          </div>
        </figure>
      ) : (
        <p class="empty">
          {available === 0 ? t('prompts.noneForPhase') : t('prompts.allPinnedOrSkipped')}
        </p>
      )}
      <ErrorText message={error} />
      {pinned.length > 0 && (
        <>
          <h3>{t('prompts.pinned')}</h3>
          <ul class="pinned-list" data-testid="pinned-prompts">
            {pinned.map((p) => (
              <li key={p.id} class="pinned">
                <span class="grow">{p.text}</span>
                <button
                  type="button"
                  class="small"
                  aria-label={t('prompts.unpinLabel', p.text)}
                  onClick={() => act(p.id, { pinned: false })}
                >
                  {t('prompts.unpin')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <CustomPrompts pairId={pair.id} custom={data.custom} defaultPhase={phase} />
    </section>
  );
}

function CustomPrompts({
  pairId,
  custom,
  defaultPhase,
}: {
  pairId: string;
  custom: readonly Prompt[];
  defaultPhase: PromptPhase;
}) {
  const store = useStore();
  const [text, setText] = useState('');
  const [phase, setPhase] = useState<PromptPhase>(defaultPhase);
  const [role, setRole] = useState<PromptRole>('both');
  const [theme, setTheme] = useState<PromptTheme>('goals');
  const [roles, setRoles] = useState<MentorRole[]>([]);
  const [run, error] = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const value = text;
    if (!value.trim()) return;
    setText('');
    const input = { text: value, phase, role, theme, mentorRoles: roles };
    if (!(await run(() => addCustomPrompt(store, pairId, input)))) setText(value);
    else setRoles([]);
  };
  return (
    <details class="custom-prompts">
      <summary>{t('prompts.custom.summary', formatNumber(custom.length))}</summary>
      <ul class="custom-list">
        {custom.map((p) => (
          <li key={p.id}>
            <span class="grow">{p.text}</span>
            <span class="muted">
              {[phaseLabel(p.phase), ...promptMentorRoles(p).map(mentorRoleName)].join(' · ')}
            </span>
            <button
              type="button"
              class="icon"
              aria-label={t('prompts.custom.remove', p.text)}
              onClick={() => run(() => removeCustomPrompt(store, p.id))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <form class="card" onSubmit={submit} aria-label={t('prompts.custom.form')}>
        <label>
          {t('prompts.custom.question')}
          <input
            dir="auto"
            name="prompt-text"
            maxLength={500}
            value={text}
            placeholder={t('prompts.custom.placeholder')}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <div class="row">
          <ChoiceSelect
            label={t('prompts.phaseLabel')}
            name="prompt-phase-new"
            value={phase}
            options={promptPhases}
            labelOf={phaseLabel}
            onChange={setPhase}
          />
          <ChoiceSelect
            label={t('prompts.custom.for')}
            name="prompt-role"
            value={role}
            options={promptRoles}
            labelOf={roleLabel}
            onChange={setRole}
          />
          <ChoiceSelect
            label={t('prompts.custom.theme')}
            name="prompt-theme"
            value={theme}
            options={promptThemes}
            labelOf={themeLabel}
            onChange={setTheme}
          />
        </div>
        <RoleChips label={t('mentorRoles.customRoles')} value={roles} onChange={setRoles} />
        <ErrorText message={error} />
        <button type="submit">{t('prompts.custom.add')}</button>
      </form>
    </details>
  );
}
