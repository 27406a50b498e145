import { t } from '../../utils/i18n';
import type { Role } from '../../utils/schema/common';

/**
 * Join a pair with an invite code, in a role; when the invite's pair is in this browser
 * already, a yes is asked first.
 */
export function JoinPair({
  joinText,
  joinRole,
  confirming,
  mergeQuestion,
  busy,
  canJoin,
  onText,
  onRole,
  onCancelMerge,
  onSubmit,
}: {
  joinText: string;
  joinRole: Role;
  /** The yes to merging into the pair here is asked. */
  confirming: boolean;
  mergeQuestion: string;
  busy: boolean;
  /** An invite and a device name are filled in. */
  canJoin: boolean;
  onText: (text: string) => void;
  onRole: (role: Role) => void;
  onCancelMerge: () => void;
  onSubmit: (event: Event) => void;
}) {
  return (
    <>
      <h3>{t('sync.join.heading')}</h3>
      <form onSubmit={onSubmit} aria-label={t('sync.join.heading')}>
        <label>
          {t('sync.join.invite')}
          <textarea
            dir="auto"
            name="invite"
            rows={3}
            value={joinText}
            spellcheck={false}
            onInput={(e) => onText(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('sync.join.role')}
          <select
            name="join-role"
            value={joinRole}
            onChange={(e) => onRole(e.currentTarget.value as Role)}
          >
            <option value="mentee">{t('common.role.mentee')}</option>
            <option value="mentor">{t('common.role.mentor')}</option>
          </select>
        </label>
        {confirming ? (
          <fieldset class="confirm" data-testid="join-merge">
            <legend class="visually-hidden">{t('sync.join.existingYes')}</legend>
            <p>{mergeQuestion}</p>
            <div class="actions">
              <button type="submit" class="primary" disabled={busy}>
                {t('sync.join.existingYes')}
              </button>
              <button type="button" onClick={onCancelMerge}>
                {t('common.cancel')}
              </button>
            </div>
          </fieldset>
        ) : (
          <button type="submit" disabled={busy || !canJoin}>
            {t('sync.join.submit')}
          </button>
        )}
      </form>
    </>
  );
}

/**
 * This browser waits to be let in: the code to compare with the other member's screen, or —
 * once the sidecar no longer answers the join — that it was refused, and a way to forget it.
 */
export function WaitingJoin({
  code,
  title,
  refused,
  busy,
  onForget,
}: {
  code: string;
  title: string;
  refused: boolean;
  busy: boolean;
  onForget: () => void;
}) {
  return (
    <div class="card waiting" data-testid="waiting" aria-live="polite">
      {refused ? (
        <>
          <p role="alert" data-testid="join-refused">
            {t('sync.join.refused', title)}
          </p>
          <button type="button" disabled={busy} onClick={onForget}>
            {t('sync.join.forget')}
          </button>
        </>
      ) : (
        <>
          <p>{t('sync.waiting', code, title)}</p>
          <p class="verification-code" data-testid="waiting-code">
            {code}
          </p>
        </>
      )}
    </div>
  );
}
