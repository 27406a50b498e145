import type { GeneratedI18nStructure } from '#i18n';
import { nativeBrowser } from './native-browser';

/**
 * Tandem's words in the browser's language. Every message lives in `locales/<lang>.yml`;
 * `@wxt-dev/i18n` builds them into `_locales/<lang>/messages.json` and types the keys (the
 * `#i18n` structure below), and the browser picks the language (`browser.i18n.getMessage`, with
 * English as `default_locale` for languages Tandem does not have).
 *
 * Plurals follow the CLDR categories of the message's language (`Intl.PluralRules`): a plural
 * message is a group of keys `<key>.one`, `<key>.other` (and `.few`, `.many`… where the language
 * has them), and `plural()` picks one. @wxt-dev/i18n's own plural form ("1" / "n") is not used:
 * it hard-codes "1 is singular", which is wrong for French (0 is singular too) or Polish.
 *
 * Dates, times and numbers follow the browser's UI locale through Intl.
 */

type Messages = GeneratedI18nStructure;
/** A message's key, as written in the YAML files (nested keys joined with dots). */
export type MessageKey = Exclude<keyof Messages, `@@${string}`>;
export type Substitution = string | number;

type Tuple<N extends number, E, T extends E[] = []> = number extends N
  ? E[]
  : T['length'] extends N
    ? T
    : Tuple<N, E, [...T, E]>;
/** Exactly as many substitutions as the message has `$1`…`$9`. */
type SubstitutionsOf<K extends MessageKey, E = Substitution> = Tuple<
  Messages[K]['substitutions'],
  E
>;
type Rest<T> = T extends [Substitution, ...infer R] ? R : Substitution[];

/** The base of every plural message: `history.notes` for `history.notes.one`/`.other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.other` ? Base : never;
}[MessageKey];

/** The browser's extension API for messages; absent when utils run in plain Node (tools). */
function api(): { getMessage(name: string, subs?: string[]): string; getUILanguage(): string } {
  return (nativeBrowser as typeof nativeBrowser | undefined)?.i18n as ReturnType<typeof api>;
}

function lookup(key: string, subs: readonly Substitution[]): string {
  return api()?.getMessage(key.replaceAll('.', '_'), subs.map(String)) ?? '';
}

/**
 * The message `key` in the user's language, `$1`… replaced by `subs`. A key missing from the
 * files (a unit test fails for that) or a run outside the browser shows the key, never nothing.
 */
export function t<K extends MessageKey>(key: K, ...subs: SubstitutionsOf<K>): string {
  return lookup(key, subs) || [key, ...subs].join(' ');
}

/**
 * The message `key` cut where its `$1`… stand, with `parts` put there: for text around an
 * element (`For $1, recognised by $2.` with a <strong> as $1). Strings stay strings.
 */
export function tParts<K extends MessageKey, P>(
  key: K,
  ...parts: SubstitutionsOf<K, P | Substitution>
): (P | string)[] {
  const list = parts as (P | Substitution)[];
  const isText = (part: P | Substitution) => typeof part === 'string' || typeof part === 'number';
  const subs = list.map((part, i) => (isText(part) ? String(part) : `\uE000${i}\uE001`));
  const text = lookup(key, subs) || [key, ...subs].join(' ');
  return text
    .split(/\uE000(\d+)\uE001/)
    .map((piece, i) => (i % 2 === 0 ? piece : (list[Number(piece)] as P)))
    .filter((piece) => piece !== '');
}

/**
 * The language the messages are actually in (the `locale` message of the file the browser
 * chose): plural rules must follow the words on screen, not a UI language Tandem lacks.
 */
export function messageLocale(): string {
  return lookup('locale', []) || 'en';
}

/** The browser's UI language (BCP 47), for dates, times and numbers. */
export function uiLocale(): string {
  let locale = '';
  try {
    locale = api()?.getUILanguage() ?? '';
  } catch {
    // Not an extension context.
  }
  return locale || globalThis.navigator?.language || 'en';
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The CLDR plural category of `count` in the messages' language: 'one', 'other', 'many'… */
export function pluralCategory(count: number, locale = messageLocale()): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

/**
 * A counted message: `plural('history.notes', 3)` → "3 notes" / "3 Notizen" / "3 notas". `$1`
 * is the count, written in the user's number format; `subs` fill `$2`… A category the language
 * has but the browser's rules name differently (ICU versions differ) falls back to `.other`.
 */
export function plural<K extends PluralKey>(
  key: K,
  count: number,
  ...subs: Rest<SubstitutionsOf<`${K}.other` & MessageKey>>
): string {
  const all = [formatNumber(count), ...(subs as Substitution[])];
  return (
    lookup(`${key}.${pluralCategory(count)}`, all) ||
    t(`${key}.other` as MessageKey, ...(all as []))
  );
}

/** A number in the user's format (1,234 / 1.234). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(uiLocale()).format(value);
}

/** Alternatives in the messages' language, as part of a sentence: "a, b or c" / "a, b oder c". */
export function formatOrList(items: readonly string[]): string {
  return new Intl.ListFormat(messageLocale(), { style: 'long', type: 'disjunction' }).format(items);
}

/**
 * An extension page in the messages' language: `lang` (screen readers pronounce it right),
 * the text direction the browser gives the locale, and the title. Page HTML cannot hold
 * `__MSG_…__` placeholders, so the page does this before it renders.
 */
export function localiseDocument(doc: Document, title: string): void {
  doc.documentElement.lang = messageLocale();
  doc.documentElement.dir = lookup('@@bidi_dir', []) || 'ltr';
  doc.title = title;
}
