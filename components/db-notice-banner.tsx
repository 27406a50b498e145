import { t } from '../utils/i18n';

/** Why the panel cannot go on (set by the database's versionchange/blocked events). */
export type DbNotice = 'versionchange' | 'blocked' | null;

/** The panel's database was upgraded or blocked by another window: reload to go on. */
export function DbNoticeBanner({ notice }: { notice: DbNotice }) {
  if (!notice) return null;
  return (
    <div class="banner" role="alert">
      {notice === 'versionchange' ? t('app.notice.versionchange') : t('app.notice.blocked')}{' '}
      <button type="button" onClick={() => location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  );
}
