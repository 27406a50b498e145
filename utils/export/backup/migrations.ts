import { placeInWords } from '../../data/field-words';
import { t } from '../../i18n';
import { isObject, type JsonObject, short } from './json-values';

/**
 * Upgrades of older backup formats, applied in turn on import: `migrations[n]` turns a version
 * n document into a version n + 1 one. They run before validation, on untrusted JSON, so they
 * check shapes themselves and leave anything odd for validation to name. Never edit a released
 * migration; add the next one and raise BACKUP_VERSION.
 */
type Migration = (document: JsonObject, report: (message: string) => void) => JsonObject;

/** Version 0 (before matchRules existed): pairs had `cadence` words instead of `cadenceDays`. */
const cadenceWords: Record<string, number> = { weekly: 7, biweekly: 14, monthly: 28 };

export const migrations: Record<number, Migration> = {
  0: (document, report) => {
    const tables = document.tables;
    if (!isObject(tables) || !Array.isArray(tables.pairs)) return document;
    const pairs = tables.pairs.map((pair: unknown, index) => {
      if (!isObject(pair)) return pair;
      const { cadence, ...rest } = pair;
      const upgraded: JsonObject = {
        matchRules: { meetingCodes: [], eventIds: [], urls: [], keywords: [] },
        ...rest,
      };
      if (cadence === undefined) return upgraded;
      if (typeof cadence === 'string' && Object.hasOwn(cadenceWords, cadence)) {
        upgraded.cadenceDays = cadenceWords[cadence];
      } else {
        report(
          t('backup.oldCadence', placeInWords(`tables.pairs[${index}].cadence`), short(cadence)),
        );
      }
      return upgraded;
    });
    // Spread, not Object.assign: a "__proto__" key must stay a plain key, never a prototype.
    return { ...document, version: 1, tables: { ...tables, pairs } };
  },
  /**
   * Version 1 → 2 (issue 15) only stamps the version: everything version 2 added is new tables
   * (feedback, introductions, roleNotes, learnings, closings, shared and private) that a version
   * 1 file reads as empty, and optional fields whose absence keeps its meaning — a goal without
   * `ownerIds` is owned by the model's default (utils/mentoring/goal-owners.ts), an agenda item
   * without `suggestion` is no suggestion, a pair without `phase` or agreement dates has none
   * set. Nothing is invented for the old records.
   */
  1: (document) => ({ ...document, version: 2 }),
  /**
   * Version 2 → 3 (issue 16) only stamps the version: version 3 added new tables only (a pair's
   * programme enrolments, consents and receipts), which a version 2 file reads as empty.
   */
  2: (document) => ({ ...document, version: 3 }),
};
