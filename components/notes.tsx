import { useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import { addNote, deleteNote, saveNoteBody, setNoteVisibility } from '../utils/records';
import type { Visibility } from '../utils/schema/common';
import type { Note } from '../utils/schema/note';
import type { Session } from '../utils/schema/session';
import { ErrorText } from './controls';
import { useAction } from './use-action';
import { useAutoFocus } from './use-auto-focus';
import { statusText, useAutosavedText } from './use-autosaved-text';
import { useLive, useStore } from './use-live';
import { usePendingValue } from './use-pending-value';

export function Notes({ session }: { session: Session }) {
  const store = useStore();
  const notes = useLive(async () => {
    const [shared, personal] = await Promise.all([
      store.db.notes.where('sessionId').equals(session.id).toArray(),
      store.privateDb.notes.where('sessionId').equals(session.id).toArray(),
    ]);
    return [...shared, ...personal]
      .filter((n) => !n.deleted)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }, [store, session.id]);
  const [run, error] = useAction();
  const [focusId, setFocusId] = useState<string | null>(null);
  const add = (visibility: Visibility) =>
    run(async () => setFocusId((await addNote(store, session, visibility)).id));
  return (
    <section aria-labelledby="notes-heading" class="section">
      <div class="section-head">
        <h2 id="notes-heading">{t('notes.heading')}</h2>
      </div>
      {notes?.length === 0 && <p class="empty">{t('notes.empty')}</p>}
      <ul class="note-list" data-testid="note-list">
        {notes?.map((n) => (
          <NoteEditor key={`${n.id}:${n.visibility}`} note={n} autoFocus={n.id === focusId} />
        ))}
      </ul>
      <div class="actions">
        <button type="button" onClick={() => add('private')}>
          {t('notes.addPrivate')}
        </button>
        <button type="button" onClick={() => add('shared')}>
          {t('notes.addShared')}
        </button>
      </div>
      <ErrorText message={error} />
    </section>
  );
}

function NoteEditor({ note, autoFocus }: { note: Note; autoFocus: boolean }) {
  const store = useStore();
  const [run, error] = useAction();
  // A note the user just added is where they type next.
  const textareaRef = useAutoFocus<HTMLTextAreaElement>(autoFocus);
  const { text, status, autosave, onInput } = useAutosavedText(
    note.id,
    note.visibility,
    note.body,
    (body) => saveNoteBody(store, note.id, note.visibility, body),
  );

  const [visibility, setVisibility] = usePendingValue(note.visibility);
  const changeVisibility = (to: Visibility) =>
    setVisibility(to, () =>
      run(async () => {
        await autosave.flush();
        await setNoteVisibility(store, note.id, note.visibility, to);
      }),
    );

  const label = note.visibility === 'private' ? t('notes.private') : t('notes.shared');
  const statusId = `note-status-${note.id}`;
  return (
    <li class={`note ${note.visibility}`} data-testid="note">
      <div class="note-head">
        <label>
          <span class="visually-hidden">{t('notes.whoSees')}</span>
          <select
            value={visibility}
            onChange={(e) => changeVisibility(e.currentTarget.value as Visibility)}
          >
            <option value="private">{t('common.visibility.private')}</option>
            <option value="shared">{t('common.visibility.shared')}</option>
          </select>
        </label>
        <button
          type="button"
          class="icon"
          aria-label={
            note.visibility === 'private' ? t('notes.deletePrivate') : t('notes.deleteShared')
          }
          onClick={() => {
            if (!text.trim() || confirm(t('notes.confirmDelete'))) {
              void run(async () => {
                autosave.dispose();
                await deleteNote(store, note.id, note.visibility);
              });
            }
          }}
        >
          ✕
        </button>
      </div>
      <label>
        <span class="visually-hidden">{label}</span>
        <textarea
          rows={4}
          value={text}
          aria-describedby={statusId}
          ref={textareaRef}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      </label>
      <p
        id={statusId}
        class={`save-status ${status.kind}`}
        role={status.kind === 'error' ? 'alert' : 'status'}
        data-testid="save-status"
      >
        {statusText(status)}
      </p>
      <ErrorText message={error} />
    </li>
  );
}
