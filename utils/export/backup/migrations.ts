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
};
