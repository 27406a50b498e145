import { placeInWords } from '../../data/field-words';
import type { Store } from '../../data/records/store';
import { t } from '../../i18n';
import type { Backup } from './format';
import { short } from './json-values';
import { Problems } from './problems';

export interface Reference {
  where: string;
  kind: 'pair' | 'session';
  id: string;
  /** The pair of the record that refers (a session must belong to it). */
  pairId: string;
}

/**
 * Problems between records of the file (a record of one pair pointing at a session of
 * another, a prompt state under the wrong id), and the references to pairs and sessions that
 * the file does not hold, which importBackup looks up in the database. (`carriedFrom` is not
 * checked: the item it names may have been deleted for good, and the chain only informs.)
 */
export function fileReferences(backup: Backup): { problems: string[]; missing: Reference[] } {
  const problems: string[] = [];
  const missing: Reference[] = [];
  const pairs = new Set(backup.tables.pairs.map((p) => p.id));
  const sessions = new Map(backup.tables.sessions.map((s) => [s.id, s.pairId]));
  const sections: Array<[string, Record<string, readonly unknown[]>]> = [['tables', backup.tables]];
  if (backup.private) sections.push(['private', { ...backup.private }]);
  for (const [section, tables] of sections) {
    for (const [name, rows] of Object.entries(tables)) {
      if (name === 'pairs') continue;
      rows.forEach((row, index) => {
        const record = row as Record<string, unknown> & { id: string; pairId: string };
        const at = `${section}.${name}[${index}]`;
        const { pairId } = record;
        if (!pairs.has(pairId))
          missing.push({ where: `${at}.pairId`, kind: 'pair', id: pairId, pairId });
        for (const field of ['sessionId', 'closedInSessionId']) {
          const sessionId = record[field];
          // A learning written outside a session has sessionId '': it points at nothing.
          if (typeof sessionId !== 'string' || sessionId === '') continue;
          const owner = sessions.get(sessionId);
          if (owner === undefined) {
            missing.push({ where: `${at}.${field}`, kind: 'session', id: sessionId, pairId });
          } else if (owner !== pairId) {
            problems.push(
              t('backup.sessionOfOtherPair', placeInWords(`${at}.${field}`), short(sessionId)),
            );
          }
        }
        if (name === 'promptStates' && record.id !== `${pairId}:${String(record.promptId)}`) {
          problems.push(t('backup.promptStateId', `${at}.id`));
        }
      });
    }
  }
  return { problems, missing };
}

/** References to pairs and sessions that neither the file nor the database holds. */
export async function databaseReferenceProblems(
  store: Store,
  missing: Reference[],
): Promise<string[]> {
  const pairIds = [...new Set(missing.filter((r) => r.kind === 'pair').map((r) => r.id))];
  const sessionIds = [...new Set(missing.filter((r) => r.kind === 'session').map((r) => r.id))];
  const pairs = new Set(
    (await store.db.pairs.bulkGet(pairIds)).flatMap((pair) => (pair ? [pair.id] : [])),
  );
  const sessions = new Map(
    (await store.db.sessions.bulkGet(sessionIds)).flatMap((s) => (s ? [[s.id, s.pairId]] : [])),
  );
  const problems = new Problems();
  for (const { where, kind, id, pairId } of missing) {
    if (kind === 'pair' && !pairs.has(id)) {
      problems.add(t('backup.missingPair', placeInWords(where), short(id)));
    }
    if (kind === 'session') {
      const owner = sessions.get(id);
      if (owner === undefined) {
        problems.add(t('backup.missingSession', placeInWords(where), short(id)));
      } else if (owner !== pairId) {
        problems.add(t('backup.sessionOfOtherPair', placeInWords(where), short(id)));
      }
    }
  }
  return problems.messages();
}
