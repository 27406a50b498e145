import { useState } from 'preact/hooks';
import {
  addReflection,
  saveReflectionAnswer,
  setReflectionVisibility,
} from '../utils/data/records/reflections';
import { t } from '../utils/i18n';
import { promptBank } from '../utils/prompts/bank';
import { isSkipped, promptsFor, stateById } from '../utils/prompts/choose';
import { promptsOf } from '../utils/queries/prompts';
import { reflectionsOf } from '../utils/queries/reflections';
import type { Visibility } from '../utils/schema/common';
import type { Pair } from '../utils/schema/pair';
import type { Reflection } from '../utils/schema/reflection';
import type { Session } from '../utils/schema/session';
import { ErrorText } from './controls';
import { formatDateTime } from './format';
import { ShareControl } from './share-control';
import { useAction } from './use-action';
import { statusText, useAutosavedText } from './use-autosaved-text';
import { useLive, useStore } from './use-live';

export const REFLECTION_PROMPTS = 3;

/**
 * After a session: a few review prompts for my role (what did I learn, what will I do
 * differently, what do I need from my mentor or mentee), answered privately or for the pair.
 */
export function Reflections({ pair, session }: { pair: Pair; session: Session }) {
  const store = useStore();
  const data = useLive(async () => {
    const [reflections, prompts, enrolments] = await Promise.all([
      reflectionsOf(store, session.id),
      promptsOf(store.db, pair.id),
      store.db.programmeEnrolments.where('pairId').equals(pair.id).toArray(),
    ]);
    return { reflections, ...prompts, enrolments };
  }, [store, session.id, pair.id]);
  const [run, error] = useAction();
  // The answer just shared or made private, and where it landed: while it moves between the
  // databases the live query may show it in both, and only the copy that stays takes the focus.
  const [moved, setMoved] = useState<{ id: string; visibility: Visibility } | null>(null);
  if (!data) return null;
  const byId = stateById(data.states);
  const now = Date.now();
  const answered = new Set(data.reflections.map((r) => r.prompt));
  const prompts = promptsFor([...promptBank(), ...data.custom], {
    phase: 'review',
    myRole: pair.myRole,
    model: pair.model,
    now,
  })
    .filter((p) => !isSkipped(byId.get(p.id), now))
    .slice(0, REFLECTION_PROMPTS)
    .filter((p) => !answered.has(p.text));
  // A programme the pair is in asks its own questions after each session, beside Tandem's.
  const fromProgrammes = data.enrolments
    .filter((e) => !e.deleted && !e.leftAt)
    .flatMap((e) =>
      e.programme.feedbackQuestions.map((text) => ({
        id: `programme:${e.programmeId}:${text}`,
        text,
        from: e.programme.name,
      })),
    )
    .filter((p) => !answered.has(p.text));
  return (
    <section class="section" aria-labelledby="reflect-heading">
      <div class="section-head">
        <h2 id="reflect-heading">{t('reflections.heading')}</h2>
        {session.scheduledAt && <span class="muted">{formatDateTime(session.scheduledAt)}</span>}
      </div>
      <ul class="reflection-list" data-testid="reflections">
        {data.reflections.map((r) => (
          <ReflectionEditor
            key={`${r.id}:${r.visibility}`}
            reflection={r}
            pair={pair}
            focusShare={moved?.id === r.id && moved.visibility === r.visibility}
            onMoved={(visibility) => setMoved({ id: r.id, visibility })}
          />
        ))}
      </ul>
      {[...prompts, ...fromProgrammes].map((prompt) => (
        <div class="prompt-offer" key={prompt.id} data-testid="reflection-offer">
          <p class="prompt-text">
            {prompt.text}
            {'from' in prompt && (
              <>
                {' '}
                <span class="badge">{t('programme.templatesFrom', prompt.from)}</span>
              </>
            )}
          </p>
          <button
            type="button"
            onClick={() => run(() => addReflection(store, session, prompt.text, 'private'))}
          >
            {t('reflections.answer')}
          </button>
        </div>
      ))}
      <ErrorText message={error} />
    </section>
  );
}

function ReflectionEditor({
  reflection,
  pair,
  focusShare,
  onMoved,
}: {
  reflection: Reflection;
  pair: Pair;
  /** Just shared or made private: focus stays on its sharing button in the redrawn row. */
  focusShare: boolean;
  onMoved: (to: Visibility) => void;
}) {
  const store = useStore();
  const [run, error] = useAction();
  const { text, status, autosave, onInput } = useAutosavedText(
    reflection.id,
    reflection.visibility,
    reflection.answer,
    (answer) => saveReflectionAnswer(store, reflection.id, reflection.visibility, answer),
  );
  const statusId = `reflection-status-${reflection.id}`;
  return (
    <li class={`note ${reflection.visibility}`} data-testid="reflection">
      <label>
        {reflection.prompt}
        <textarea
          dir="auto"
          rows={3}
          value={text}
          aria-describedby={statusId}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      </label>
      <div class="note-head">
        <ShareControl
          visibility={reflection.visibility}
          text={text}
          pair={pair}
          focusOnMount={focusShare}
          kind="answer"
          onChange={async (to) => {
            const ok = await run(async () => {
              await autosave.flush();
              await setReflectionVisibility(store, reflection.id, reflection.visibility, to);
            });
            if (ok) onMoved(to);
          }}
        />
        <p id={statusId} class={`save-status ${status.kind}`} role="status">
          {statusText(status)}
        </p>
      </div>
      <ErrorText message={error} />
    </li>
  );
}
