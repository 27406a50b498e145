import { uiLocale } from '../utils/i18n';

/**
 * Dates, times and percentages in the browser's UI locale (Intl), from the strings the records
 * keep: 14 Mar 2026 in en-GB, 14.03.2026 in de, 14 mar 2026 in es.
 */

/** Formatters are costly to make (a list of 50 search results made 50): one per locale and kind. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = uiLocale();
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return dateTimeFormat({ dateStyle: 'medium' }).format(new Date(y, m - 1, d));
}

/** A local date-time ("2026-03-14T15:30") or an epoch ms. */
export function formatDateTime(localDateTime: string | number): string {
  const date = new Date(localDateTime);
  if (Number.isNaN(date.getTime())) return String(localDateTime);
  return dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatTime(dateTime: string | number): string {
  const date = new Date(dateTime);
  if (Number.isNaN(date.getTime())) return String(dateTime);
  return dateTimeFormat({ timeStyle: 'short' }).format(date);
}

/** A start and end time: "14 Mar 2026, 15:30 – 16:00", as the locale writes a range. */
export function formatTimeRange(start: string, end: string): string {
  const from = new Date(start);
  const to = new Date(end);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to < from) {
    return formatDateTime(start);
  }
  return dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short' }).formatRange(from, to);
}

/** 0–100 as a percentage: 45% in English, 45 % in German and Spanish. */
export function formatPercent(progress: number): string {
  return new Intl.NumberFormat(uiLocale(), { style: 'percent' }).format(progress / 100);
}

/**
 * How far a moment is from now, in words: "in 3 days", "vor 2 Stunden", "hace 5 minutos".
 * The unit is the largest that is at least one.
 */
export function formatRelative(ms: number, now: number = Date.now()): string {
  const seconds = Math.round((ms - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}
