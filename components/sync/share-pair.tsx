import { t } from '../../utils/i18n';
import type { Pair } from '../../utils/schema/pair';
import type { ShareResult } from '../../utils/sync/engine/invites';
import { formatDateTime, formatRelative } from '../format';

/** Share a pair not shared yet: which one, and the sidecar's create token when it asks for one. */
export function SharePair({
  anyPairs,
  unshared,
  chosen,
  needsToken,
  createToken,
  disabled,
  onChoose,
  onCreateToken,
  onSubmit,
}: {
  /** Any pair exists (else there is nothing to share at all). */
  anyPairs: boolean;
  unshared: readonly Pair[];
  chosen: Pair | undefined;
  needsToken: boolean;
  createToken: string;
  disabled: boolean;
  onChoose: (pairId: string) => void;
  onCreateToken: (token: string) => void;
  onSubmit: (event: Event) => void;
}) {
  return (
    <>
      <h3>{t('sync.share.heading')}</h3>
      {unshared.length === 0 ? (
        <p class="muted">{anyPairs ? t('sync.share.allShared') : t('sync.share.noPairs')}</p>
      ) : (
        <form class="add-row" onSubmit={onSubmit} aria-label={t('sync.share.heading')}>
          <label class="grow">
            {t('sync.share.pair')}
            <select
              name="share-pair"
              value={chosen?.id ?? ''}
              onChange={(e) => onChoose(e.currentTarget.value)}
            >
              {unshared.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
          {needsToken && (
            <label class="grow">
              {t('sync.share.createToken')}
              <input
                name="create-token"
                type="password"
                autocomplete="off"
                spellcheck={false}
                value={createToken}
                onInput={(e) => onCreateToken(e.currentTarget.value)}
              />
            </label>
          )}
          <button type="submit" disabled={disabled}>
            {t('sync.share.submit')}
          </button>
        </form>
      )}
    </>
  );
}

/** An invite to send the other member: its code, until when it holds, a button to copy it. */
export function InviteCard({
  invite,
  title,
  onCopy,
}: {
  invite: ShareResult;
  title: string;
  onCopy: (code: string) => void;
}) {
  return (
    <div class="card" data-testid="invite">
      <p>
        {t(
          'sync.invite.send',
          title,
          formatDateTime(invite.expiresAt),
          formatRelative(Date.parse(invite.expiresAt)),
        )}
      </p>
      <label>
        {t('sync.invite.code')}
        <textarea
          dir="auto"
          name="invite-code"
          readOnly
          rows={3}
          value={invite.code}
          spellcheck={false}
        />
      </label>
      <button type="button" onClick={() => onCopy(invite.code)}>
        {t('sync.invite.copyCode')}
      </button>
    </div>
  );
}
