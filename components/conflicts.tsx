import { type ConflictChoice, textAt, unresolved } from '../utils/conflicts';
import { resolveConflict } from '../utils/records';
import type { ConflictEntry } from '../utils/schema/local';
import type { Session } from '../utils/schema/session';
import { sharedTables } from '../utils/schema/tables';
import { formatDateTime } from './format';
import { useAction } from './use-action';
import { useLive, useStore } from './use-live';

/**
 * Edits both members made to the same text at the same time (utils/sync/merge.ts rule 3): the
 * record kept one version, the other waits here. Each shows what it belongs to, both versions
 * side by side as text, and the three choices; choosing writes the record like any edit, which
 * syncs, and the other browser's copy is settled with it.
 */

interface Shown {
  copy: ConflictEntry;
  record: Record<string, unknown> | undefined;
  session: Session | undefined;
}

export function Conflicts({ pairId }: { pairId: string }) {
  const store = useStore();
  const shown = useLive(async (): Promise<Shown[]> => {
    const copies = unresolved(await store.db.conflicts.where('pairId').equals(pairId).toArray());
    return Promise.all(
      copies.map(async (copy) => {
        const record =
          copy.table in sharedTables
            ? ((await store.db.table(copy.table).get(copy.recordId)) as
                | Record<string, unknown>
                | undefined)
            : undefined;
        const sessionId = typeof record?.sessionId === 'string' ? record.sessionId : undefined;
        const session = sessionId ? await store.db.sessions.get(sessionId) : undefined;
        return { copy, record, session };
      }),
    );
  }, [store, pairId]);
  if (!shown || shown.length === 0) return null;
  const count = shown.length;
  return (
    <section class="conflicts notice" aria-labelledby="conflicts-heading" data-testid="conflicts">
      <h2 id="conflicts-heading" class="conflicts-heading" aria-live="polite">
        {count === 1
          ? '1 edit made at the same time needs a choice'
          : `${count} edits made at the same time need a choice`}
      </h2>
      <p class="hint">
        You and the other member changed the same text before either saw the other's change. Both
        versions are kept until you choose; your choice syncs to the other browser.
      </p>
      <ul class="conflict-list">
        {shown.map((item) => (
          <ConflictItem key={item.copy.id} {...item} />
        ))}
      </ul>
    </section>
  );
}

function ConflictItem({ copy, record, session }: Shown) {
  const store = useStore();
  const [run, error] = useAction();
  const what = describe(copy, record, session);
  const deleted = record?.deleted === true;
  const current = record && !deleted ? textAt(record, copy.field) : '';
  const otherFrom =
    copy.fromDeviceId === store.deviceId ? 'Made on this device' : 'Made on the other device';
  const choose = (choice: ConflictChoice) => run(() => resolveConflict(store, copy.id, choice));
  return (
    <li class="conflict card" data-testid="conflict" aria-label={what}>
      <p class="conflict-what">{what}</p>
      <div class="conflict-versions">
        <figure class="conflict-version" data-testid="conflict-current">
          <figcaption>{deleted ? 'Deleted since' : 'This version, in place now'}</figcaption>
          {deleted ? (
            <p class="empty">It was deleted after these edits.</p>
          ) : (
            <p class="conflict-text">{current}</p>
          )}
        </figure>
        <figure class="conflict-version" data-testid="conflict-other">
          <figcaption>The other version · {otherFrom}</figcaption>
          <p class="conflict-text">{copy.text}</p>
        </figure>
      </div>
      <div class="actions">
        <button type="button" onClick={() => void choose('keep')}>
          {deleted ? 'Leave it deleted' : 'Keep this version'}
        </button>
        <button type="button" onClick={() => void choose('other')}>
          {deleted ? 'Bring it back with the other' : 'Use the other'}
        </button>
        {!deleted && (
          <button type="button" onClick={() => void choose('both')}>
            Keep both
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

const agreementParts: Record<string, string> = {
  rhythm: 'meeting rhythm',
  confidentiality: 'confidentiality',
  scope: 'scope',
};

/** Which record and which of its texts a copy belongs to, in words. */
function describe(
  copy: ConflictEntry,
  record: Record<string, unknown> | undefined,
  session: Session | undefined,
): string {
  const text = (key: string) => (typeof record?.[key] === 'string' ? (record[key] as string) : '');
  const when = session?.scheduledAt
    ? ` of the session on ${formatDateTime(session.scheduledAt)}`
    : '';
  const goal = text('title');
  switch (`${copy.table}.${copy.field}`) {
    case 'notes.body':
      return `Shared note${when}`;
    case 'agendaItems.text':
      return `Agenda item${when}`;
    case 'actionItems.text':
      return `Action item${when}`;
    case 'reflections.answer':
      return `Answer to "${text('prompt')}"${when}`;
    case 'goals.title':
      return 'Goal title';
    case 'goals.why':
      return `Why the goal "${goal}" matters`;
    case 'goals.measure':
      return `How success of the goal "${goal}" is measured`;
    case 'pairs.title':
      return 'Title of the pair';
    case 'customPrompts.text':
      return 'Your own prompt';
    default: {
      const part = copy.field.startsWith('agreement.') ? copy.field.slice('agreement.'.length) : '';
      if (copy.table === 'pairs' && part) {
        return `The pair's agreement: ${agreementParts[part] ?? part}`;
      }
      return `${copy.table} ${copy.field}`;
    }
  }
}
