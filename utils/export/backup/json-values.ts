import { t } from '../../i18n';

/*
 * Values of an untrusted file, told apart and named in a problem without being echoed whole:
 * a value may be huge or hostile.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What kind of JSON value this is, in words (never the value: it may be huge or hostile). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return t('backup.value.list');
  if (typeof value === 'object') return t('backup.value.object');
  if (typeof value === 'string') return t('backup.value.text');
  if (typeof value === 'number') return t('backup.value.number');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return t('backup.value.nothing');
}

/** A scalar quoted and cut to a readable length; containers only described. */
export function short(value: unknown): string {
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
    return quoted;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  return describe(value);
}

/** A key as written when it is a plain name (`foo`, `__proto__`), else quoted and cut short. */
export function keyText(key: string): string {
  return /^[A-Za-z_$][\w$]{0,59}$/.test(key) ? key : short(key);
}

/** A zod issue path as `.field[2].name` (odd keys quoted: `["a b"]`). */
export function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key) => {
      if (typeof key === 'number') return `[${key}]`;
      if (typeof key === 'symbol') return `[${String(key)}]`;
      return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    })
    .join('');
}
