import { useState } from 'preact/hooks';
import { addNote, deleteNote, saveNoteBody, setNoteVisibility } from '../utils/data/records/notes';
import { t } from '../utils/i18n';
import { notesOf } from '../utils/queries/notes';
import type { Visibility } from '../utils/schema/common';
import type { Note } from '../utils/schema/note';
import type { Pair } from '../utils/schema/pair';
import type { Session } from '../utils/schema/session';
import { ErrorText } from './controls';
import { ShareControl } from './share-control';
import { useAction } from './use-action';
import { useAutoFocus } from './use-auto-focus';
import { statusText, useAutosavedText } from './use-autosaved-text';
import { useLive, useStore } from './use-live';

/**
 * Where focus goes in a note the panel has just (re)drawn: its text, or its sharing button. It
 * names the visibility the note lands in: while a note moves between the databases the live query
 * may show it in both for a moment, and only the copy that stays may take the focus.
 */
type FocusRequest = { id: string; visibility: Visibility; part: 'text' | 'visibility' };

export function Notes({ session, pair }: { session: Session; pair: Pair }) {
  const store = useStore();
  const notes = useLive(() => notesOf(store, session.id), [store, session.id]);
  const [run, error] = useAction();
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const add = (visibility: Visibility) =>
    run(async () =>
      setFocus({ id: (await addNote(store, session, visibility)).id, visibility, part: 'text' }),
    );
  return (
    <section aria-labelledby="notes-heading" class="section">
      <div class="section-head">
        <h2 id="notes-heading">{t('notes.heading')}</h2>
      </div>
      {notes?.length === 0 && <p class="empty">{t('notes.empty')}</p>}
      <ul class="note-list" data-testid="note-list">
        {notes?.map((n) => (
          <NoteEditor
            key={`${n.id}:${n.visibility}`}
            note={n}
            pair={pair}
            focus={focus?.id === n.id && focus.visibility === n.visibility ? focus.part : null}
            onMoved={(to) => setFocus({ id: n.id, visibility: to, part: 'visibility' })}
          />
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

function NoteEditor({
  note,
  pair,
  focus,
  onMoved,
}: {
  note: Note;
  pair: Pair;
  /** A note the user just added is where they type next; one just shared or made private keeps focus on that button. */
  focus: FocusRequest['part'] | null;
  onMoved: (to: Visibility) => void;
}) {
  const store = useStore();
  const [run, error] = useAction();
  const textareaRef = useAutoFocus<HTMLTextAreaElement>(focus === 'text');
  const { text, status, autosave, onInput } = useAutosavedText(
    note.id,
    note.visibility,
    note.body,
    (body) => saveNoteBody(store, note.id, note.visibility, body),
  );

  const changeVisibility = async (to: Visibility) => {
    const ok = await run(async () => {
      await autosave.flush();
      await setNoteVisibility(store, note.id, note.visibility, to);
    });
    if (ok) onMoved(to);
  };

  const label = note.visibility === 'private' ? t('notes.private') : t('notes.shared');
  const statusId = `note-status-${note.id}`;
  return (
    <li class={`note ${note.visibility}`} data-testid="note">
      <div class="note-head">
        <ShareControl
          visibility={note.visibility}
          text={text}
          pair={pair}
          focusOnMount={focus === 'visibility'}
          onChange={changeVisibility}
        />
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
          dir="auto"
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
