import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type RoleNoteInput,
  saveRoleNote,
  setRoleNoteVisibility,
} from '../../utils/data/records/role-notes';
import { t } from '../../utils/i18n';
import { myRoleNote } from '../../utils/mentoring/mentor-roles';
import { roleNotesOf } from '../../utils/queries/role-notes';
import { type MentorRole, mentorRoles } from '../../utils/schema/mentor-role';
import type { Pair } from '../../utils/schema/pair';
import type { RoleNote } from '../../utils/schema/role-note';
import type { Session } from '../../utils/schema/session';
import { ErrorText } from '../controls';
import { mentorRoleName, RoleChips } from '../role-chips';
import { useAction } from '../use-action';
import { useLive, useStore } from '../use-live';

const names = (roles: readonly MentorRole[]) =>
  roles.map(mentorRoleName).join(', ') || t('mentorRoles.notes.none');

/**
 * After a held session, a few taps: which of the mentor's roles were used and which were
 * needed, and a short note. Private (this browser) until "Share with my pair" is ticked; the
 * other side's shared note is shown beside it.
 */
export function RoleNotes({ pair, session }: { pair: Pair; session: Session }) {
  const store = useStore();
  const notes = useLive(() => roleNotesOf(store, session.id), [store, session.id]);
  const [run, error] = useAction();
  // Taps come faster than the database answers: what the user chose is kept here, and every
  // write waits for the one before, so a second tap never creates a second note.
  const [draft, setDraft] = useState<Partial<RoleNoteInput>>({});
  // The switch shows the choice at once, not only once the note has moved.
  const [sharing, setSharing] = useState<boolean | null>(null);
  const latest = useRef<RoleNote | undefined>(undefined);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const stored = notes && myRoleNote(notes, pair.myRole);
  useEffect(() => {
    latest.current = stored;
    setDraft({});
    setSharing(null);
  }, [stored?.id, stored?.updatedAt, stored?.visibility]);
  if (!notes) return null;
  const mine = { used: [], needed: [], note: '', ...stored, ...draft } as RoleNoteInput;
  const others = notes.filter((n) => n !== stored && n.visibility === 'shared');
  const write = (work: () => Promise<RoleNote>): Promise<boolean> => {
    const done = queue.current.then(() =>
      run(async () => {
        latest.current = await work();
      }),
    );
    queue.current = done;
    return done;
  };
  const change = (changes: Partial<RoleNoteInput>) => {
    setDraft((d) => ({ ...d, ...changes }));
    void write(() => saveRoleNote(store, session, pair.myRole, latest.current, changes));
  };
  const share = async (shared: boolean) => {
    setSharing(shared);
    const ok = await write(async () => {
      const note =
        latest.current ?? (await saveRoleNote(store, session, pair.myRole, undefined, {}));
      return setRoleNoteVisibility(store, note.id, note.visibility, shared ? 'shared' : 'private');
    });
    if (!ok) setSharing(null);
  };
  const isShared = sharing ?? stored?.visibility === 'shared';
  return (
    <section
      class="section role-notes"
      aria-labelledby="role-notes-heading"
      data-testid="role-notes"
    >
      <div class="section-head">
        <h2 id="role-notes-heading">{t('mentorRoles.notes.heading')}</h2>
      </div>
      <p class="hint">{t('mentorRoles.notes.hint')}</p>
      <details class="role-meanings">
        <summary>{t('mentorRoles.meanings')}</summary>
        <dl>
          {mentorRoles.map((role) => (
            <div key={role}>
              <dt>{mentorRoleName(role)}</dt>
              <dd>{t(`mentorRoles.about.${role}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
      <RoleChips
        label={t('mentorRoles.notes.used')}
        value={mine.used}
        onChange={(used) => change({ used })}
        testId="roles-used"
      />
      <RoleChips
        label={t('mentorRoles.notes.needed')}
        value={mine.needed}
        onChange={(needed) => change({ needed })}
        testId="roles-needed"
      />
      <label>
        {t('mentorRoles.notes.note')}
        <input
          dir="auto"
          name="role-note"
          maxLength={500}
          value={mine.note}
          onChange={(e) => change({ note: e.currentTarget.value })}
        />
      </label>
      <label class="switch-row">
        <input
          type="checkbox"
          name="role-note-shared"
          checked={isShared}
          onChange={(e) => void share(e.currentTarget.checked)}
        />
        {t('mentorRoles.notes.share')}
      </label>
      <p class="muted" role="status">
        {/* What is true, not what was asked: the words change once the note has moved. */}
        {stored?.visibility === 'shared'
          ? t('mentorRoles.notes.shared')
          : t('mentorRoles.notes.private')}
      </p>
      <ErrorText message={error} />
      {others.length > 0 && (
        <ul class="role-notes-others" data-testid="role-notes-others">
          {others.map((n) => (
            <li key={n.id}>
              <span class="label">
                {t('mentorRoles.notes.theirs', t(`common.role.${n.author}`))}:{' '}
              </span>
              {t('mentorRoles.notes.usedList', names(n.used))};{' '}
              {t('mentorRoles.notes.neededList', names(n.needed))}
              {n.note && (
                <span class="role-note-text" dir="auto">
                  {' — '}
                  {n.note}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
