import { type ConflictChoice, textAt } from '../utils/data/conflicts';
import { resolveConflict } from '../utils/data/records/conflicts';
import { plural, t } from '../utils/i18n';
import { type ConflictShown, conflictsOf } from '../utils/queries/conflicts';
import type { ConflictEntry } from '../utils/schema/local';
import type { Session } from '../utils/schema/session';
import { formatDateTime } from './format';
import { useAction } from './use-action';
import { useLive, useStore } from './use-live';

/**
 * Edits both members made to the same text at the same time (utils/sync/merge.ts rule 3): the
 * record kept one version, the other waits here. Each shows what it belongs to, both versions
 * side by side as text, and the three choices; choosing writes the record like any edit, which
 * syncs, and the other browser's copy is settled with it.
 */

export function Conflicts({ pairId }: { pairId: string }) {
  const store = useStore();
  const shown = useLive(() => conflictsOf(store.db, pairId), [store, pairId]);
  if (!shown || shown.length === 0) return null;
  const count = shown.length;
  return (
    <section class="conflicts notice" aria-labelledby="conflicts-heading" data-testid="conflicts">
      <h2 id="conflicts-heading" class="conflicts-heading" aria-live="polite">
        {plural('conflicts.heading', count)}
      </h2>
      <p class="hint">{t('conflicts.hint')}</p>
      <ul class="conflict-list">
        {shown.map((item) => (
          <ConflictItem key={item.copy.id} {...item} />
        ))}
      </ul>
    </section>
  );
}

function ConflictItem({ copy, record, session }: ConflictShown) {
  const store = useStore();
  const [run, error] = useAction();
  const what = describe(copy, record, session);
  const deleted = record?.deleted === true;
  const current = record && !deleted ? textAt(record, copy.field) : '';
  const otherFrom =
    copy.fromDeviceId === store.deviceId
      ? t('conflicts.fromThisDevice')
      : t('conflicts.fromOtherDevice');
  const choose = (choice: ConflictChoice) => run(() => resolveConflict(store, copy.id, choice));
  return (
    <li class="conflict card" data-testid="conflict" aria-label={what}>
      <p class="conflict-what">{what}</p>
      <div class="conflict-versions">
        <figure class="conflict-version" data-testid="conflict-current">
          <figcaption>{deleted ? t('conflicts.deletedSince') : t('conflicts.current')}</figcaption>
          {deleted ? (
            <p class="empty">{t('conflicts.deleted')}</p>
          ) : (
            <p class="conflict-text">{current}</p>
          )}
        </figure>
        <figure class="conflict-version" data-testid="conflict-other">
          <figcaption>{t('conflicts.other', otherFrom)}</figcaption>
          <p class="conflict-text">{copy.text}</p>
        </figure>
      </div>
      <div class="actions">
        <button type="button" onClick={() => void choose('keep')}>
          {deleted ? t('conflicts.leaveDeleted') : t('conflicts.keep')}
        </button>
        <button type="button" onClick={() => void choose('other')}>
          {deleted ? t('conflicts.bringBack') : t('conflicts.useOther')}
        </button>
        {!deleted && (
          <button type="button" onClick={() => void choose('both')}>
            {t('conflicts.keepBoth')}
          </button>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function agreementPart(part: string): string {
  switch (part) {
    case 'rhythm':
      return t('conflicts.what.rhythm');
    case 'confidentiality':
      return t('conflicts.what.confidentiality');
    case 'scope':
      return t('conflicts.what.scope');
    default:
      return part;
  }
}

/** Which record and which of its texts a copy belongs to, in words. */
function describe(
  copy: ConflictEntry,
  record: Record<string, unknown> | undefined,
  session: Session | undefined,
): string {
  const text = (key: string) => (typeof record?.[key] === 'string' ? (record[key] as string) : '');
  // "Shared note of the session on 14 Mar 2026, 15:30", or without the session when it has no date.
  const inSession = (what: string) =>
    session?.scheduledAt
      ? t('conflicts.what.inSession', what, formatDateTime(session.scheduledAt))
      : what;
  const goal = text('title');
  switch (`${copy.table}.${copy.field}`) {
    case 'notes.body':
      return inSession(t('conflicts.what.note'));
    case 'agendaItems.text':
      return inSession(t('conflicts.what.agendaItem'));
    case 'actionItems.text':
      return inSession(t('conflicts.what.actionItem'));
    case 'reflections.answer':
      return inSession(t('conflicts.what.answer', text('prompt')));
    case 'goals.title':
      return t('conflicts.what.goalTitle');
    case 'goals.why':
      return t('conflicts.what.goalWhy', goal);
    case 'goals.measure':
      return t('conflicts.what.goalMeasure', goal);
    case 'pairs.title':
      return t('conflicts.what.pairTitle');
    case 'customPrompts.text':
      return t('conflicts.what.customPrompt');
    default: {
      const part = copy.field.startsWith('agreement.') ? copy.field.slice('agreement.'.length) : '';
      if (copy.table === 'pairs' && part) {
        return t('conflicts.what.agreement', agreementPart(part));
      }
      return `${copy.table} ${copy.field}`;
    }
  }
}
