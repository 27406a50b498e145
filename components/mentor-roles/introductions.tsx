import { useState } from 'preact/hooks';
import {
  addIntroduction,
  removeIntroduction,
  updateIntroduction,
} from '../../utils/data/records/introductions';
import { t } from '../../utils/i18n';
import { introductionsFor, isFollowUpDue } from '../../utils/mentoring/mentor-roles';
import { localToday } from '../../utils/mentoring/review';
import { introductionsOf } from '../../utils/queries/introductions';
import {
  type Introduction,
  type IntroductionStatus,
  introductionStatuses,
} from '../../utils/schema/introduction';
import type { Pair } from '../../utils/schema/pair';
import type { Session } from '../../utils/schema/session';
import { ErrorText } from '../controls';
import { formatDate, formatDateTime } from '../format';
import { useAction } from '../use-action';
import { useAutoFocus } from '../use-auto-focus';
import { useLive, useStore } from '../use-live';

const statusLabel = (status: IntroductionStatus): string => t(`mentorRoles.intro.status.${status}`);

/**
 * The Connector's record, in Prep and in Review: introductions agreed in this session and the
 * last, and every one still open from earlier sessions — carried like action items until met
 * or not pursued; a follow-up date that has passed is flagged.
 */
export function Introductions({
  pair,
  session,
  lastHeldId,
}: {
  pair: Pair;
  /** The session new introductions are agreed in (the next one, or the one just held). */
  session: Session;
  lastHeldId?: string;
}) {
  const store = useStore();
  const data = useLive(() => introductionsOf(store.db, pair.id), [store, pair.id]);
  const [adding, setAdding] = useState(false);
  // Keyboard: closing the form (Add, Cancel, Escape) gives the focus back to "Add introduction".
  const [closed, setClosed] = useState(false);
  const addButton = useAutoFocus<HTMLButtonElement>(closed && !adding);
  const open = (next: boolean) => {
    setClosed(!next);
    setAdding(next);
  };
  if (!data) return null;
  const list = introductionsFor(data.introductions, session.id, lastHeldId);
  const today = localToday();
  const sessionDate = (id: string) => {
    const s = data.sessions.find((x) => x.id === id);
    return s?.scheduledAt ? formatDateTime(s.scheduledAt) : t('agenda.earlierSession');
  };
  return (
    <section class="section introductions" aria-labelledby="introductions-heading">
      <div class="section-head">
        <h2 id="introductions-heading">{t('mentorRoles.intro.heading')}</h2>
        {!adding && (
          <button type="button" ref={addButton} onClick={() => open(true)}>
            {t('mentorRoles.intro.add')}
          </button>
        )}
      </div>
      {adding && <IntroductionForm session={session} onDone={() => open(false)} />}
      {list.length === 0 && !adding && <p class="empty">{t('mentorRoles.intro.empty')}</p>}
      <ul class="intro-list" data-testid="introductions">
        {list.map((intro) => (
          <IntroductionItem
            key={intro.id}
            intro={intro}
            session={session}
            due={isFollowUpDue(intro, today)}
            from={intro.sessionId !== session.id ? sessionDate(intro.sessionId) : null}
          />
        ))}
      </ul>
    </section>
  );
}

function IntroductionItem({
  intro,
  session,
  due,
  from,
}: {
  intro: Introduction;
  session: Session;
  due: boolean;
  from: string | null;
}) {
  const store = useStore();
  const [run, error] = useAction();
  const update = (changes: Parameters<typeof updateIntroduction>[2]) =>
    run(() => updateIntroduction(store, intro.id, changes, session.id));
  return (
    <li class={`intro status-${intro.status}`} data-testid="introduction">
      <div class="action-main">
        <span class="item-text grow" dir="auto">
          <strong>{intro.who}</strong>
          {intro.org && <span class="muted"> · {intro.org}</span>}
        </span>
        <button
          type="button"
          class="icon"
          aria-label={t('mentorRoles.intro.remove', intro.who)}
          onClick={() => run(() => removeIntroduction(store, intro.id))}
        >
          ✕
        </button>
      </div>
      {intro.why && (
        <p class="detail" dir="auto">
          {intro.why}
        </p>
      )}
      <div class="action-meta">
        {from && <span class="muted">{t('mentorRoles.intro.fromEarlier', from)}</span>}
        {due && (
          <span class="due overdue" data-testid="follow-up-due">
            {t('mentorRoles.intro.followUpDue', formatDate(intro.followUp))}
          </span>
        )}
      </div>
      <div class="row intro-controls">
        <label>
          {t('mentorRoles.intro.statusLabel')}
          <select
            name="intro-status"
            aria-label={t('mentorRoles.intro.statusOf', intro.who)}
            value={intro.status}
            onChange={(e) => void update({ status: e.currentTarget.value as IntroductionStatus })}
          >
            {introductionStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('mentorRoles.intro.followUp')}
          <input
            type="date"
            name="intro-follow-up"
            value={intro.followUp}
            onChange={(e) => void update({ followUp: e.currentTarget.value })}
          />
        </label>
      </div>
      <ErrorText message={error} />
    </li>
  );
}

function IntroductionForm({ session, onDone }: { session: Session; onDone: () => void }) {
  const store = useStore();
  const [who, setWho] = useState('');
  const [org, setOrg] = useState('');
  const [why, setWhy] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [run, error] = useAction();
  const first = useAutoFocus<HTMLInputElement>(true);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!who.trim()) return;
    if (await run(() => addIntroduction(store, session, { who, org, why, followUp }))) onDone();
  };
  return (
    <form
      class="card intro-form"
      onSubmit={submit}
      aria-label={t('mentorRoles.intro.form')}
      onKeyDown={(e) => {
        // Escape closes the form unsaved, as the panel's other forms do.
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <label>
        {t('mentorRoles.intro.who')}
        <input
          dir="auto"
          name="intro-who"
          required
          maxLength={200}
          value={who}
          onInput={(e) => setWho(e.currentTarget.value)}
          ref={first}
        />
      </label>
      <label>
        {t('mentorRoles.intro.org')}
        <input
          dir="auto"
          name="intro-org"
          maxLength={500}
          value={org}
          onInput={(e) => setOrg(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('mentorRoles.intro.why')}
        <textarea
          dir="auto"
          name="intro-why"
          rows={2}
          maxLength={2000}
          value={why}
          onInput={(e) => setWhy(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('mentorRoles.intro.followUp')}
        <input
          type="date"
          name="intro-follow-up-new"
          value={followUp}
          onInput={(e) => setFollowUp(e.currentTarget.value)}
        />
      </label>
      <ErrorText message={error} />
      <div class="actions">
        <button type="submit" class="primary">
          {t('mentorRoles.intro.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
