import { useState } from 'preact/hooks';
import {
  acceptSuggestion,
  addAgendaItem,
  moveAgendaItem,
  removeAgendaItem,
  updateAgendaItem,
} from '../utils/data/records/agenda-items';
import { plural, t } from '../utils/i18n';
import {
  answersSuggestions,
  draftedBy,
  menteeDrafts,
  newAgendaFields,
} from '../utils/mentoring/agenda-draft';
import { carryCount } from '../utils/mentoring/review';
import { actionHistoryOf } from '../utils/queries/action-items';
import { agendaOf } from '../utils/queries/agenda-items';
import type { AgendaItem } from '../utils/schema/agenda-item';
import type { Pair } from '../utils/schema/pair';
import type { Session } from '../utils/schema/session';
import { ArcView } from './arc-view';
import { ErrorText } from './controls';
import { formatDateTime } from './format';
import { useAction } from './use-action';
import { useAutoFocus } from './use-auto-focus';
import { useEditor } from './use-editor';
import { useLive, useStore } from './use-live';
import { usePendingValue } from './use-pending-value';

export function Agenda({ session, pair }: { session: Session; pair: Pair }) {
  const store = useStore();
  const myRole = pair.myRole;
  const items = useLive(() => agendaOf(store.db, session.id), [store, session.id]);
  // Where carried-over items come from: "from <date>", and how often they were carried.
  const carry = useLive(() => actionHistoryOf(store.db, session.pairId), [store, session.pairId]);
  const carriedLabel = (item: AgendaItem): string | null => {
    if (!item.carriedFrom || !carry) return null;
    const action = carry.actions.find((a) => a.id === item.carriedFrom);
    if (!action) return null;
    const origin = carry.sessions.find((s) => s.id === action.sessionId);
    const from = origin?.scheduledAt
      ? formatDateTime(origin.scheduledAt)
      : t('agenda.earlierSession');
    const times = carryCount(action, carry.agenda);
    return times > 1
      ? t('agenda.carriedFromTimes', from, plural('agenda.carriedTimes', times))
      : t('agenda.carriedFrom', from);
  };
  const [text, setText] = useState('');
  const [picking, setPicking] = useState(false);
  const [run, error] = useAction();
  const add = async (event: Event) => {
    event.preventDefault();
    const value = text;
    if (!value.trim()) return;
    // Clear at once so the next item can be typed while this one is written; put the text
    // back if the write fails.
    setText('');
    const draft = newAgendaFields(pair);
    if (!(await run(() => addAgendaItem(store, session, value, myRole, draft)))) setText(value);
  };
  const done = items?.filter((i) => i.done).length ?? 0;
  // The mentee drafts the agenda (utils/mentoring/agenda-draft.ts): the mentor sees by whom,
  // and what the mentor adds is a suggestion the mentee takes in or declines.
  const drafts = menteeDrafts(pair);
  const suggesting = drafts && myRole === 'mentor';
  const answering = answersSuggestions(pair);
  const by = suggesting && items ? draftedBy(items, pair) : '';
  // Move buttons work within the mentee's items and within the suggestions (agendaOrder).
  const part = (i?: AgendaItem) => i?.suggestion === true;
  return (
    <section aria-labelledby="agenda-heading" class="section">
      <div class="section-head">
        <h2 id="agenda-heading">{by ? t('ownership.agendaDraftedBy', by) : t('agenda.heading')}</h2>
        {items && items.length > 0 && (
          <span class="muted">{plural('agenda.covered', items.length, done)}</span>
        )}
      </div>
      {drafts && (
        <p class="hint" data-testid="agenda-draft-hint">
          {t(suggesting ? 'ownership.mentorSuggests' : 'ownership.youDraft')}
        </p>
      )}
      {items?.length === 0 && <p class="empty">{t('agenda.empty')}</p>}
      <ol class="agenda-list" data-testid="agenda-list">
        {items?.map((item, index) => (
          <AgendaRow
            key={item.id}
            item={item}
            carried={carriedLabel(item)}
            answering={answering}
            first={index === 0 || part(items[index - 1]) !== part(item)}
            last={index === items.length - 1 || part(items[index + 1]) !== part(item)}
          />
        ))}
      </ol>
      <form class="add-row" onSubmit={add}>
        <label class="grow">
          <span class="visually-hidden">{t('agenda.new')}</span>
          <input
            dir="auto"
            name="agenda-text"
            placeholder={t('agenda.placeholder')}
            maxLength={1000}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{t('common.add')}</button>
      </form>
      {picking ? (
        <ArcView place="agenda" session={session} onClose={() => setPicking(false)} />
      ) : (
        <button type="button" class="link" onClick={() => setPicking(true)}>
          {t('arc.template.open')}
        </button>
      )}
      <ErrorText message={error} />
    </section>
  );
}

function AgendaRow({
  item,
  carried,
  answering,
  first,
  last,
}: {
  item: AgendaItem;
  /** "from <date> · carried n times" for an action item carried over; null otherwise. */
  carried: string | null;
  /** This browser's user is the mentee who takes suggestions in or declines them. */
  answering: boolean;
  first: boolean;
  last: boolean;
}) {
  const store = useStore();
  const editor = useEditor(`agenda:${item.id}`);
  const editing = editor.isEditing;
  const [draft, setDraft] = useState(item.text);
  const [run, error] = useAction();
  const [done, setDone] = usePendingValue(item.done);
  const save = async (event: Event) => {
    event.preventDefault();
    if (!draft.trim()) return;
    if (await run(() => updateAgendaItem(store, item.id, { text: draft.trim() }))) editor.stop();
  };
  return (
    <li
      class={`agenda-item${done ? ' done' : ''}${item.suggestion ? ' suggestion' : ''}`}
      data-testid="agenda-item"
    >
      {editing ? (
        <AgendaEditForm text={draft} onInput={setDraft} onSubmit={save} onCancel={editor.stop} />
      ) : (
        <label class="check grow">
          <input
            type="checkbox"
            checked={done}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              void setDone(checked, () =>
                run(() => updateAgendaItem(store, item.id, { done: checked })),
              );
            }}
          />
          <span class="item-text" dir="auto">
            {item.text}
          </span>
          {/* A space, so that the checkbox's name reads "text Suggestion", not "textSuggestion". */}
          {item.suggestion && ' '}
          {item.suggestion && (
            <span class="badge suggestion" data-testid="suggestion-badge">
              {t('ownership.suggestion')}
            </span>
          )}
          {carried && (
            <span class="carried-from muted" data-testid="carried-from">
              {carried}
            </span>
          )}
        </label>
      )}
      {!editing && item.suggestion && answering && (
        <div class="item-actions suggestion-actions">
          <button
            type="button"
            aria-label={t('ownership.acceptLabel', item.text)}
            onClick={() => run(() => acceptSuggestion(store, item.id))}
          >
            {t('ownership.accept')}
          </button>
          <button
            type="button"
            aria-label={t('ownership.declineLabel', item.text)}
            onClick={() => run(() => removeAgendaItem(store, item.id))}
          >
            {t('ownership.decline')}
          </button>
        </div>
      )}
      {!editing && (
        <div class="item-actions">
          <button
            type="button"
            class="icon"
            aria-label={t('agenda.edit', item.text)}
            ref={editor.editButton}
            onClick={() => {
              setDraft(item.text);
              editor.start();
            }}
          >
            ✎
          </button>
          <button
            type="button"
            class="icon"
            disabled={first}
            aria-label={t('agenda.moveUp', item.text)}
            onClick={() => run(() => moveAgendaItem(store, item.id, -1))}
          >
            ↑
          </button>
          <button
            type="button"
            class="icon"
            disabled={last}
            aria-label={t('agenda.moveDown', item.text)}
            onClick={() => run(() => moveAgendaItem(store, item.id, 1))}
          >
            ↓
          </button>
          <button
            type="button"
            class="icon"
            aria-label={t('agenda.remove', item.text)}
            onClick={() => run(() => removeAgendaItem(store, item.id))}
          >
            ✕
          </button>
        </div>
      )}
      <ErrorText message={error} />
    </li>
  );
}

function AgendaEditForm({
  text,
  onInput,
  onSubmit,
  onCancel,
}: {
  text: string;
  onInput: (text: string) => void;
  onSubmit: (event: Event) => void;
  onCancel: () => void;
}) {
  // The user just asked to edit this item: the cursor goes there.
  const editRef = useAutoFocus<HTMLInputElement>(true);
  return (
    <form class="add-row" onSubmit={onSubmit}>
      <label class="grow">
        <span class="visually-hidden">{t('agenda.text')}</span>
        <input
          dir="auto"
          name="agenda-edit"
          value={text}
          maxLength={1000}
          ref={editRef}
          onInput={(e) => onInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onCancel();
          }}
        />
      </label>
      <button type="submit">{t('common.save')}</button>
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
