import { describe, expect, test } from 'vitest';
import { BACKUP_FORMAT, type Backup } from '../../../utils/export/backup/format';
import { parseBackup } from '../../../utils/export/backup/parse';
import { fixture, goodFile, SHARED_TABLES } from './setup';

describe('parseBackup', () => {
  test('reads a good file and fills in tables it does not list', () => {
    const parsed = parseBackup(
      JSON.stringify({ format: BACKUP_FORMAT, version: 1, tables: { pairs: [] } }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup.tables.goals).toEqual([]);
    expect(parsed.backup.private).toBeUndefined();
  });

  test('accepts a file saved with a byte order mark', () => {
    expect(parseBackup(`\uFEFF${fixture('version-1.json')}`).ok).toBe(true);
  });

  test('gives back the records as the schemas read them', () => {
    const parsed = parseBackup(fixture('version-1.json'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const backup: Backup = parsed.backup;
    // Tables added after the file was written (feedback, the arc's learnings…) come back empty.
    const empty = Object.fromEntries(SHARED_TABLES.map((name) => [name, []]));
    expect(backup.tables).toEqual({ ...empty, ...goodFile().tables });
    expect(backup.private).toEqual(goodFile().private);
  });
});
