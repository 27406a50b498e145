import { toLocalDateTime } from '../mentoring/cadence';
import type { Session } from '../schema/session';

/** One calendar event as Tandem offers it to Google Calendar, Outlook and .ics files. */
export interface CalendarEvent {
  title: string;
  /** Local date-time "YYYY-MM-DDTHH:mm", as the records and datetime-local inputs keep it. */
  start: string;
  durationMinutes: number;
  /** Plain text; empty for none. */
  description: string;
  /** The video link, an http(s) URL, or '' for none. */
  url: string;
  /** An RRULE value (recurrence.ts), or '' for a single event. */
  rrule: string;
}

export const DEFAULT_DURATION_MINUTES = 60;
export const DURATION_CHOICES = [30, 45, 60, 90, 120] as const;
/** When a session has no time of its own yet: 10:00 local, a time most working days have free. */
export const DEFAULT_HOUR = 10;

function validDate(localDateTime: string): Date | undefined {
  if (!localDateTime) return undefined;
  const date = new Date(localDateTime);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * When the next session starts, as a local date-time: the planned session's date if it has one,
 * else the last held session's date plus the cadence (same time of day), else today plus the
 * cadence at 10:00. A date already past moves on by the cadence until it is to come, so the
 * event never lands in the past.
 */
export function nextSessionStart(
  planned: Pick<Session, 'scheduledAt'> | null | undefined,
  lastHeld: Pick<Session, 'scheduledAt'> | null | undefined,
  cadenceDays: number,
  now: Date = new Date(),
): string {
  const step = Math.max(1, Math.round(cadenceDays));
  let date = validDate(planned?.scheduledAt ?? '');
  if (!date) {
    const held = validDate(lastHeld?.scheduledAt ?? '');
    if (held) {
      date = held;
      date.setDate(date.getDate() + step);
    }
  }
  if (!date) {
    date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + step, DEFAULT_HOUR, 0);
  }
  // A few thousand steps at most (365-day cadence, dates back to year 0 are not in the records).
  for (let i = 0; date.getTime() <= now.getTime() && i < 10_000; i++) {
    date.setDate(date.getDate() + step);
  }
  return toLocalDateTime(date);
}

/** The start plus the duration, as a Date (local arithmetic, so a DST change keeps the length). */
export function eventTimes(event: Pick<CalendarEvent, 'start' | 'durationMinutes'>): {
  start: Date;
  end: Date;
} {
  const start = new Date(event.start);
  if (Number.isNaN(start.getTime())) throw new RangeError(`not a date-time: ${event.start}`);
  const end = new Date(start.getTime() + Math.max(1, event.durationMinutes) * 60_000);
  return { start, end };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A moment as an RFC 5545 UTC date-time: 20261212T090000Z. */
export function utcStamp(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(
    date.getUTCHours(),
  )}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

/** Only an absolute http(s) URL is a video link; anything else (javascript:, data:, text) is ''. */
export function safeHttpUrl(text: string | undefined): string {
  if (!text) return '';
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '';
  } catch {
    return '';
  }
}

/**
 * The pair's video link: the session's own, else the latest one a session of the pair had, else
 * the last link the pair's match rules keep. Only http(s) links; '' when none.
 */
export function videoLinkOf(
  session: Pick<Session, 'meetingUrl'> | null | undefined,
  sessions: readonly { meetingUrl: string; createdAt: number; deleted?: boolean | undefined }[],
  ruleUrls: readonly string[] = [],
): string {
  const own = safeHttpUrl(session?.meetingUrl);
  if (own) return own;
  const latest = [...sessions]
    .filter((s) => !s.deleted)
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((s) => safeHttpUrl(s.meetingUrl))
    .find(Boolean);
  if (latest) return latest;
  return [...ruleUrls].reverse().map(safeHttpUrl).find(Boolean) ?? '';
}

/** The agenda as event text: a heading line and one "- item" line each; '' for no items. */
export function agendaDescription(heading: string, items: readonly { text: string }[]): string {
  const lines = items.map((i) => i.text.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return lines.length ? [heading, ...lines.map((l) => `- ${l}`)].join('\n') : '';
}

/** The .ics file's name: mentoring-session-2026-12-12.ics. */
export function icsFileName(event: Pick<CalendarEvent, 'start'>): string {
  return `mentoring-session-${event.start.slice(0, 10) || toLocalDateTime(new Date()).slice(0, 10)}.ics`;
}
