import type { ConflictEntry } from '../schema/local';
import type { SharedTableName } from '../schema/tables';

/**
 * Resolving a conflict copy (utils/sync/merge.ts rule 3): when both members rewrote the same
 * text at once, the record kept one version and the other waits in `conflicts` for a person to
 * choose. The choices, as a person sees them side by side:
 * - keep: the text now in the record stays;
 * - other: the other version replaces it;
 * - both: the other version is appended to the text now in the record.
 * Pure functions; utils/data/records/conflicts.ts resolveConflict writes the choice.
 */

export type ConflictChoice = 'keep' | 'other' | 'both';

/**
 * Where a copy's text lives in its record: a field (`body`), or one part of an object field —
 * the pair's agreement is `{rhythm, confidentiality, scope}` and merges part by part
 * (`agreement.rhythm`).
 */
export interface FieldPath {
  field: string;
  part: string | null;
}

export function fieldPath(path: string): FieldPath {
  const dot = path.indexOf('.');
  return dot === -1
    ? { field: path, part: null }
    : { field: path.slice(0, dot), part: path.slice(dot + 1) };
}

/** The text a record holds at a copy's path ('' when it holds none there). */
export function textAt(record: Record<string, unknown>, path: string): string {
  const { field, part } = fieldPath(path);
  const value = record[field];
  if (part === null) return typeof value === 'string' ? value : '';
  if (typeof value !== 'object' || value === null) return '';
  const inner = (value as Record<string, unknown>)[part];
  return typeof inner === 'string' ? inner : '';
}

/** The changes that put `text` at a copy's path, leaving the rest of an object field as it is. */
export function changesFor(
  record: Record<string, unknown>,
  path: string,
  text: string,
): Record<string, unknown> {
  const { field, part } = fieldPath(path);
  if (part === null) return { [field]: text };
  const current = record[field];
  const base =
    typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : {};
  return { [field]: { ...base, [part]: text } };
}

/**
 * Fields written as paragraphs (a note, an answer, why a goal matters): "keep both" puts the
 * other version in a paragraph of its own. Everything else is one line (titles, agenda and
 * action item text), where the versions are joined with " / ".
 */
const PARAGRAPH_FIELDS: Readonly<Partial<Record<SharedTableName, readonly string[]>>> = {
  notes: ['body'],
  reflections: ['answer'],
  goals: ['why', 'measure'],
  pairs: ['agreement'],
};

export function isParagraphField(table: string, path: string): boolean {
  const { field } = fieldPath(path);
  return PARAGRAPH_FIELDS[table as SharedTableName]?.includes(field) ?? false;
}

/** The text a choice leaves in the record. */
export function resolvedText(
  table: string,
  path: string,
  current: string,
  other: string,
  choice: ConflictChoice,
): string {
  if (choice === 'keep') return current;
  if (choice === 'other') return other;
  // Keep both: nothing is doubled, nothing is dropped.
  if (current.trim() === '') return other;
  if (other.trim() === '' || current.includes(other)) return current;
  const separator = isParagraphField(table, path) ? '\n\n' : ' / ';
  return `${current.trimEnd()}${separator}${other.trim()}`;
}

/** The copies still waiting for a choice, oldest first: the order the panel lists them. */
export function unresolved(copies: readonly ConflictEntry[]): ConflictEntry[] {
  return copies
    .filter((copy) => !copy.resolved)
    .sort(
      (a, b) =>
        a.createdAt - b.createdAt ||
        a.table.localeCompare(b.table) ||
        a.recordId.localeCompare(b.recordId) ||
        a.id.localeCompare(b.id),
    );
}
