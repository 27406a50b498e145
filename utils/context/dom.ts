/**
 * Small helpers the page parsers share. They run inside content scripts, so: no dependencies, and
 * plain exported functions, which lets each content script's bundle keep only what its parser
 * calls. Nothing here reads English words: text is cleaned, numbers and the page's own month
 * names (from Intl, in the page's language) are read, and attributes are read as data.
 */

/** fn's result, or undefined when it throws: a page we cannot read gives less, never an error. */
export function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The first source that yields a value (a fallback chain); a source that throws is skipped. */
export function firstOf<T>(...sources: Array<() => T | null | undefined>): T | undefined {
  for (const source of sources) {
    const value = attempt(source);
    if (value != null) return value;
  }
  return undefined;
}

/** Whitespace collapsed and trimmed, cut to `max` characters; undefined when nothing is left. */
export function clean(value: string | null | undefined, max = 500): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim().slice(0, max).trim();
  return text || undefined;
}

/** An element's text, cleaned. */
export function textOf(el: Element | null | undefined): string | undefined {
  return clean(el?.textContent);
}

/** An element's `title` attribute (the full text when the UI truncates it), else its text. */
export function labelOf(el: Element | null | undefined): string | undefined {
  return clean(el?.getAttribute('title')) ?? textOf(el);
}

/** The page's address without query and fragment: those can carry passwords (Zoom's pwd=). */
export function pageUrl(url: URL): string {
  return (url.origin + url.pathname).slice(0, 2000);
}

/** The path's segments, each URL-decoded (a segment that does not decode is kept as it is). */
export function segments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((part) => attempt(() => decodeURIComponent(part)) ?? part);
}

/**
 * The part of the document title before the last, or after the first, separator (" - ", " – ",
 * " | "): hosts put their own name on one side. Undefined when the title has no separator.
 */
export function titlePart(doc: Document, side: 'before' | 'after'): string | undefined {
  const title = doc.title ?? '';
  const separators = [...title.matchAll(/\s[-–|]\s/g)];
  const at = (side === 'after' ? separators[0] : separators.at(-1))?.index;
  if (at === undefined) return undefined;
  return clean(side === 'after' ? title.slice(at + 3) : title.slice(0, at));
}

/** Whether a Material icon with this ligature (e.g. `call_end`) is on the page. */
export function hasIcon(root: ParentNode, ligature: string): boolean {
  for (const el of root.querySelectorAll('i, [class*="icon"], [class*="symbol"]')) {
    if (el.textContent?.trim() === ligature) return true;
  }
  return false;
}

// The same shape zod's z.email() accepts, so what we report passes the background's check.
const EMAIL = /^(?:[\w'+-]+\.)*[\w'+-]*[\w+-]@(?:[a-z\d][a-z\d-]*\.)+[a-z]{2,}$/;

/** A lower-cased email from an attribute value (`mailto:` and query stripped), if it is one. */
export function emailFrom(value: string | null | undefined): string | undefined {
  const email = attempt(() => decodeURIComponent((value ?? '').replace(/^mailto:/i, '')))
    ?.split('?')[0]
    ?.trim()
    .toLowerCase();
  return email && email.length <= 254 && EMAIL.test(email) ? email : undefined;
}

const EMAIL_ATTRIBUTES = ['data-email', 'data-hovercard-id', 'title', 'href'];

/** Emails carried by attributes of these elements and their descendants: unique, lower-cased. */
export function emailsIn(roots: Iterable<Element>): string[] {
  const found = new Set<string>();
  for (const root of roots) {
    const els = [root, ...root.querySelectorAll('[data-email],[data-hovercard-id],[title],[href]')];
    for (const el of els) {
      for (const name of EMAIL_ATTRIBUTES) {
        const value = el.getAttribute(name);
        if (name === 'href' && !/^mailto:/i.test(value ?? '')) continue;
        const email = emailFrom(value);
        if (email) found.add(email);
      }
    }
  }
  return [...found].slice(0, 500);
}

/**
 * Attendee emails in an event's details: those on the guest list's items (role listitem or
 * treeitem). Only attributes count, never text, and nothing outside the list, so a "Created by"
 * line or a mailto link in the description is not taken for a guest.
 */
export function attendeeEmails(scope: Element | null | undefined): string[] {
  return scope ? emailsIn(scope.querySelectorAll('[role="listitem"],[role="treeitem"]')) : [];
}

const MEETING_LINK =
  /^https:\/\/(?:meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}(?:[/?#]|$)|(?:[\w-]+\.)*zoom\.us\/(?:j|my|w|wc)\/|teams\.microsoft\.com\/l\/meetup-join\/|teams\.live\.com\/meet\/|meet\.jit\.si\/[^/?#]|whereby\.com\/[^/?#])/i;

/**
 * A video-call link (Meet, Zoom, Teams, Jitsi, Whereby) as origin + path: the query is dropped,
 * it carries passwords and tracking. Google's and Outlook's redirect wrappers are unwrapped.
 */
export function meetingUrl(href: string | null | undefined): string | undefined {
  return attempt(() => {
    const url = new URL(href ?? '');
    const inner = url.searchParams.get('q') ?? url.searchParams.get('url');
    if (inner && /(^|\.)google\.com$|safelinks/.test(url.hostname)) return meetingUrl(inner);
    if (!MEETING_LINK.test(url.href)) return undefined;
    const clean = url.origin + url.pathname;
    return clean.length <= 2000 ? clean : undefined;
  });
}

const MEETING_TEXT =
  /(?:https:\/\/)?(?:meet\.google\.com|(?:[\w-]+\.)*zoom\.us|teams\.microsoft\.com|teams\.live\.com|meet\.jit\.si|whereby\.com)\/[^\s<>"']+/gi;

/** The first video-call link in this part of the page: a link's href, else a URL written out. */
export function meetingUrlIn(root: ParentNode | null | undefined): string | undefined {
  if (!root) return undefined;
  for (const a of root.querySelectorAll('a[href]')) {
    const found = meetingUrl(a.getAttribute('href'));
    if (found) return found;
  }
  for (const [written] of (root.textContent ?? '').matchAll(MEETING_TEXT)) {
    const link = written.replace(/[.,;:!?)\]]+$/, '');
    const found = meetingUrl(link.startsWith('https://') ? link : `https://${link}`);
    if (found) return found;
  }
  return undefined;
}

// ---- Dates and times, for calendar pages ----------------------------------------------------

/** A day as [year, month 1-12, day]; parts may be missing when the page does not show them. */
export type Ymd = [y?: number, m?: number, d?: number];

/** Two digits: 9 → "09". */
export const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` when the numbers name a real day. */
export function isoDay(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  const real = y >= 1000 && y <= 9999 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  return real ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

/** The page's language (`<html lang>`), when Intl knows it; else English. */
export function langOf(doc: Document): string {
  const lang = doc.documentElement?.getAttribute('lang') || 'en';
  return attempt(() => Intl.DateTimeFormat.supportedLocalesOf(lang)[0]) ?? 'en';
}

const monthCache = new Map<string, Map<string, number>>();

/** Month names (long, short, as written beside a day) in `lang` and English → month 1-12. */
function monthNames(lang: string): Map<string, number> {
  const cached = monthCache.get(lang);
  if (cached) return cached;
  const names = new Map<string, number>();
  const styles = ['long', 'short'] as const;
  for (const locale of [lang, 'en']) {
    for (const month of styles) {
      for (const day of [undefined, 'numeric'] as const) {
        const format = new Intl.DateTimeFormat(locale, { month, day, timeZone: 'UTC' });
        for (let m = 1; m <= 12; m++) {
          const parts = format.formatToParts(Date.UTC(2000, m - 1, 1));
          const name = parts
            .find((p) => p.type === 'month')
            ?.value.toLowerCase()
            .replace(/\.$/, '');
          if (name && !names.has(name)) names.set(name, m);
        }
      }
    }
  }
  monthCache.set(lang, names);
  return names;
}

/** Whether `lang` writes numeric dates month first (en-US: 11/25/2026). */
function monthFirst(lang: string): boolean {
  const parts = new Intl.DateTimeFormat(lang).formatToParts(0).map((p) => p.type);
  return parts.indexOf('month') < parts.indexOf('day');
}

const TIME = /(?<![\d:.])(\d{1,2})(?:\s?[:.h]\s?(\d{2}))?(?![.:/]?\d)(?:\s?([ap])\.?\s?m\b\.?)?/gi;

/** Times of day in text ("10:00 – 10:45", "10.00", "10 h 00", "3pm"), as `HH:mm`. */
export function timesIn(text: string): string[] {
  const found: Array<{ h: number; m: number; meridiem?: string }> = [];
  for (const [, h, m, meridiem] of text.replace(/(GMT|UTC)[+−-]\d[\d:]*/gi, '').matchAll(TIME)) {
    if (m === undefined && meridiem === undefined) continue; // a bare number is not a time
    found.push({ h: Number(h), m: Number(m ?? 0), meridiem: meridiem?.toLowerCase() });
  }
  // "10:00 – 10:45am": a start without a meridiem shares the end's.
  for (let i = found.length - 2; i >= 0; i--) {
    const time = found[i];
    if (time && !time.meridiem) time.meridiem = found[i + 1]?.meridiem;
  }
  const times: string[] = [];
  for (const { h, m, meridiem } of found) {
    if (meridiem && (h < 1 || h > 12)) continue;
    const hour = meridiem === 'p' && h < 12 ? h + 12 : meridiem === 'a' && h === 12 ? 0 : h;
    if (hour < 24 && m < 60) times.push(`${pad(hour)}:${pad(m)}`);
  }
  return times;
}

/** The year (and month, when the text has none) that put day `d` closest to the anchor day. */
function nearAnchor(anchor: Ymd, m: number | undefined, d: number): Ymd {
  const [ay, am, ad] = anchor;
  if (ay === undefined) return [undefined, m, d];
  if (am === undefined || ad === undefined) return [ay, m, d];
  let best: Ymd = [undefined, m, d];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let shift = -12; shift <= 12; shift++) {
    const t = new Date(Date.UTC(ay, am - 1 + shift, 1));
    const [y, month] = [t.getUTCFullYear(), t.getUTCMonth() + 1];
    if (m !== undefined ? month !== m : Math.abs(shift) > 1) continue;
    const distance = Math.abs(Date.UTC(y, month - 1, d) - Date.UTC(ay, am - 1, ad));
    if (distance < bestDistance && isoDay(y, month, d))
      [best, bestDistance] = [[y, month, d], distance];
  }
  return best;
}

/**
 * The day written in `text`: "Tuesday, 24 November", "Dienstag, 24. November", "Wed 25/11/2026",
 * "2026-11-24". A missing year (or month) comes from `anchor`, a day the page shows elsewhere.
 */
export function dayIn(text: string | null | undefined, lang: string, anchor: Ymd = []): Ymd {
  if (!text) return [];
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const numeric = /\b(\d{1,4})([./-])(\d{1,2})\2(\d{4}|\d{2})\b/.exec(text);
  if (numeric) {
    const [a, b, c] = [Number(numeric[1]), Number(numeric[3]), Number(numeric[4])];
    if (a > 999) return [a, b, c];
    const year = c < 100 ? 2000 + c : c;
    const swap = a > 12 ? false : b > 12 ? true : monthFirst(lang);
    return swap ? [year, a, b] : [year, b, a];
  }
  // Named months: the month word and the day number that stand closest together.
  const bare = text.replace(TIME, (match, _h, m, meridiem) => (m || meridiem ? ' ' : match));
  const names = monthNames(lang);
  const months = [...bare.toLowerCase().matchAll(/\p{L}+/gu)].filter((w) => names.has(w[0]));
  const days = [...bare.matchAll(/(?<!\d)\d{1,2}(?!\d)/g)].filter((n) => Number(n[0]) <= 31);
  const year = /(?<!\d)(19|20)\d{2}(?!\d)/.exec(bare)?.[0];
  let best: [number | undefined, number] | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const day of days) {
    if (months.length === 0 && !best) best = [undefined, Number(day[0])];
    for (const month of months) {
      const distance = Math.abs((month.index ?? 0) - (day.index ?? 0));
      if (distance < bestDistance) {
        [best, bestDistance] = [[names.get(month[0]), Number(day[0])], distance];
      }
    }
  }
  if (!best) return [];
  const [m, d] = best;
  return year ? [Number(year), m, d] : nearAnchor(anchor, m, d);
}

/** The first 4-digit year in these texts (headings, labels), as an anchor for dayIn. */
export function yearIn(...texts: Array<string | null | undefined>): Ymd {
  for (const text of texts) {
    const year = /(?<!\d)(19|20)\d{2}(?!\d)/.exec(text ?? '')?.[0];
    if (year) return [Number(year)];
  }
  return [];
}

const isoOf = ([y, m, d]: Ymd) => (y && m && d ? isoDay(y, m, d) : undefined);

/** Start and end (`YYYY-MM-DDTHH:mm`) from days and times; without a time, the date alone. */
export function whenFrom(
  startDay: Ymd,
  endDay: Ymd,
  times: string[],
): { start?: string; end?: string; date?: string } {
  const day = isoOf(startDay);
  if (!day) return {};
  const [startTime, endTime] = times;
  if (!startTime) return { date: day };
  let last = isoOf(endDay) ?? day;
  if (endTime && last === day && endTime < startTime) {
    // Past midnight: the end is on the next day.
    last = new Date(Date.parse(`${day}T00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  return { start: `${day}T${startTime}`, end: endTime ? `${last}T${endTime}` : undefined };
}

/**
 * Start and end from one line like "Tuesday, 24 November ⋅ 10:00 – 10:45" or
 * "24 Nov 2026, 22:00 – 25 Nov 2026, 01:00": the days on each side of the range dash.
 */
export function whenIn(
  text: string | null | undefined,
  lang: string,
  anchor: Ymd = [],
): { start?: string; end?: string; date?: string } {
  if (!text) return {};
  const [from = '', to = ''] = text.split(/\s[-–—]\s|[–—]/);
  const start = dayIn(from, lang, anchor);
  const end = dayIn(to, lang, start[0] ? start : anchor);
  return whenFrom(start[2] ? start : dayIn(text, lang, anchor), end, timesIn(text));
}
