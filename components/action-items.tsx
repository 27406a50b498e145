import type { Ref } from 'preact';
import { useRef, useState } from 'preact/hooks';
import {
  addActionItem,
  removeActionItem,
  updateActionItem,
} from '../utils/data/records/action-items';
import { t } from '../utils/i18n';
import {
  choiceOf,
  defaultChoice,
  ownerChoices,
  ownerOfChoice,
  ownerWords,
} from '../utils/mentoring/owners';
import { isOverdue, localToday } from '../utils/mentoring/review';
import { actionItemsOf } from '../utils/queries/action-items';
import { type ActionItem, type ActionStatus, actionStatuses } from '../utils/schema/action-item';
import type { Pair } from '../utils/schema/pair';
import type { Session } from '../utils/schema/session';
import { ErrorText } from './controls';
import { formatDate } from './format';
import { useAction } from './use-action';
import { useAutoFocus } from './use-auto-focus';
import { useEditor } from './use-editor';
import { useLive, useStore } from './use-live';
import { usePanelCommand } from './use-panel-command';
import { usePendingValue } from './use-pending-value';

export const actionStatusLabel = (status: ActionStatus): string => t(`actions.status.${status}`);

/**
 * The session's action items, and — unless the view lists them already (Prep, where the review
 * of last session's items comes first) — the open ones from earlier sessions.
 */
export function ActionItems({
  pair,
  session,
  showEarlier = true,
}: {
  pair: Pair;
  session: Session;
  showEarlier?: boolean;
}) {
  const store = useStore();
  const items = useLive(() => actionItemsOf(store.db, session.pairId), [store, session.pairId]);
  // Open items from earlier sessions (last session's commitments) first, then this session's.
  const earlier = items?.filter(
    (a) =>
      showEarlier &&
      a.sessionId !== session.id &&
      (a.status === 'open' || a.closedInSessionId === session.id),
  );
  const current = items?.filter((a) => a.sessionId === session.id);
  // The "add an action item" shortcut: the cursor goes to the new item's text.
  const newText = useRef<HTMLInputElement>(null);
  usePanelCommand('add-action-item', () => {
    newText.current?.focus();
    newText.current?.scrollIntoView({ block: 'center' });
  });
  return (
    <section aria-labelledby="actions-heading" class="section">
      <div class="section-head">
        <h2 id="actions-heading">{t('actions.heading')}</h2>
      </div>
      {earlier && earlier.length > 0 && (
        <>
          <h3 class="subhead">{t('actions.earlier')}</h3>
          <ul class="action-list" data-testid="earlier-actions">
            {earlier.map((a) => (
              <ActionRow key={a.id} item={a} pair={pair} sessionId={session.id} />
            ))}
          </ul>
        </>
      )}
      <h3 class="subhead">{t('actions.current')}</h3>
      {current?.length === 0 && <p class="empty">{t('actions.empty')}</p>}
      <ul class="action-list" data-testid="action-list">
        {current?.map((a) => (
          <ActionRow key={a.id} item={a} pair={pair} sessionId={session.id} />
        ))}
      </ul>
      <ActionForm
        pair={pair}
        submitLabel={t('actions.add')}
        textRef={newText}
        onSubmit={(input) => addActionItem(store, session, input)}
      />
    </section>
  );
}

function ActionRow({ item, pair, sessionId }: { item: ActionItem; pair: Pair; sessionId: string }) {
  const store = useStore();
  const editor = useEditor(`action:${item.id}`);
  const [run, error] = useAction();
  const [status, setStatus] = usePendingValue(item.status);
  const overdue = isOverdue(item, localToday());
  if (editor.isEditing) {
    return (
      <li class="action-item editing">
        <ActionForm
          pair={pair}
          item={item}
          submitLabel={t('actions.save')}
          onSubmit={async (input) => {
            await updateActionItem(store, item.id, input, sessionId);
            editor.stop();
          }}
          onCancel={editor.stop}
        />
      </li>
    );
  }
  return (
    <li class={`action-item ${item.status}`} data-testid="action-item">
      <div class="action-main">
        <label>
          <span class="visually-hidden">{t('actions.statusOf', item.text)}</span>
          <select
            value={status}
            onChange={(e) => {
              const to = e.currentTarget.value as ActionStatus;
              void setStatus(to, () =>
                run(() => updateActionItem(store, item.id, { status: to }, sessionId)),
              );
            }}
          >
            {actionStatuses.map((s) => (
              <option key={s} value={s}>
                {actionStatusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <span class="item-text grow" dir="auto">
          {item.text}
        </span>
      </div>
      <div class="action-meta">
        <span class="badge owner">{ownerWords(item, pair)}</span>
        {item.due && (
          <span class={overdue ? 'due overdue' : 'due'}>
            {overdue
              ? t('actions.overdue', formatDate(item.due))
              : t('actions.due', formatDate(item.due))}
          </span>
        )}
        <span class="grow" />
        <button
          type="button"
          class="icon"
          aria-label={t('actions.edit', item.text)}
          ref={editor.editButton}
          onClick={editor.start}
        >
          ✎
        </button>
        <button
          type="button"
          class="icon"
          aria-label={t('actions.remove', item.text)}
          onClick={() => run(() => removeActionItem(store, item.id))}
        >
          ✕
        </button>
      </div>
      <ErrorText message={error} />
    </li>
  );
}

interface ActionFormProps {
  pair: Pair;
  item?: ActionItem;
  submitLabel: string;
  onSubmit: (input: Pick<ActionItem, 'text' | 'owner' | 'ownerIds' | 'due'>) => Promise<unknown>;
  onCancel?: () => void;
  textRef?: Ref<HTMLInputElement>;
}

function ActionForm({ pair, item, submitLabel, onSubmit, onCancel, textRef }: ActionFormProps) {
  const [text, setText] = useState(item?.text ?? '');
  // Owners are the pair's members by name (utils/mentoring/owners.ts). An item whose owners match no
  // single choice (some of a group's members) keeps them until another choice is made.
  const choices = ownerChoices(pair);
  const itemChoice = item ? choiceOf(item, pair) : undefined;
  const [owner, setOwner] = useState<string>(itemChoice ?? (item ? 'kept' : defaultChoice(pair)));
  const [due, setDue] = useState(item?.due ?? '');
  const [run, error] = useAction();
  // Editing an item: the cursor goes into its text at once.
  const editText = useAutoFocus<HTMLInputElement>(item !== undefined);
  const submit = async (event: Event) => {
    event.preventDefault();
    const owners =
      owner === 'kept' && item
        ? { owner: item.owner, ownerIds: item.ownerIds ?? [] }
        : ownerOfChoice(owner, pair);
    const input = { text: text.trim(), ...owners, due };
    if (!input.text) return;
    // A new item's fields clear at once, so the next can be typed while this one is written;
    // they come back if the write fails.
    if (!item) {
      setText('');
      setDue('');
    }
    const ok = await run(() => onSubmit(input));
    if (!ok && !item) {
      setText(input.text);
      setDue(input.due);
    }
  };
  return (
    <form
      class="action-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel) {
          e.preventDefault();
          onCancel();
        }
      }}
      aria-label={item ? t('actions.form.edit') : t('actions.form.new')}
    >
      <label>
        {item ? t('actions.form.text') : t('actions.form.new')}
        <input
          dir="auto"
          name="action-text"
          ref={textRef ?? editText}
          value={text}
          maxLength={1000}
          placeholder={t('actions.form.placeholder')}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <div class="row">
        <label>
          {t('actions.form.owner')}
          <select
            name="action-owner"
            value={owner}
            onChange={(e) => setOwner(e.currentTarget.value)}
          >
            {owner === 'kept' && item && <option value="kept">{ownerWords(item, pair)}</option>}
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('actions.form.due')}
          <input
            type="date"
            name="action-due"
            value={due}
            onInput={(e) => setDue(e.currentTarget.value)}
          />
        </label>
      </div>
      <ErrorText message={error} />
      <div class="actions">
        <button type="submit" class={item ? 'primary' : ''}>
          {submitLabel}
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
