import * as z from 'zod/mini';
import { isoDate, localDateTime } from './common';

/**
 * What a content script read from a calendar or call page. Parsers (utils/context/<host>.ts)
 * build it without zod, to keep content scripts tiny; the background parses every message
 * with this schema before it believes a word of it.
 */
export const hostIds = [
  'google-calendar',
  'outlook',
  'google-meet',
  'zoom',
  'teams',
  'jitsi',
  'whereby',
] as const;
export const hostId = z.enum(hostIds);
export type HostId = z.infer<typeof hostId>;

export const pageKind = z.enum(['calendar', 'call']);
export type PageKind = z.infer<typeof pageKind>;

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const meetingInfo = z.object({
  /** The event title or meeting topic, as the page shows it (plain text). */
  title: z.optional(text(500)),
  /** Local wall-clock start and end (`YYYY-MM-DDTHH:mm`), when the page shows them. */
  start: z.optional(localDateTime),
  end: z.optional(localDateTime),
  /** Only a date, when the page shows no time. */
  date: z.optional(isoDate),
  /** Attendee emails, lower-cased, no duplicates. */
  attendees: z.array(z.email()).check(z.maxLength(500)),
  /** The calendar's id for this occurrence, and for its recurring series when it has one. */
  calendarEventId: z.optional(text(1000)),
  seriesId: z.optional(text(1000)),
  recurring: z.optional(z.boolean()),
  /** The online meeting link in a calendar event. */
  meetingUrl: z.optional(z.url({ protocol: /^https$/ }).check(z.maxLength(2000))),
  /** The call's own id: Meet code, Zoom meeting id, Teams thread id, Jitsi/Whereby room. */
  meetingCode: z.optional(text(500)),
  /** In the call (true) or still in the lobby / pre-join screen (false). */
  inCall: z.optional(z.boolean()),
});
export type MeetingInfo = z.infer<typeof meetingInfo>;

export const pageContext = z.object({
  host: hostId,
  kind: pageKind,
  /** The page's origin and path (no query, no fragment: those can carry passwords). */
  url: z.url({ protocol: /^https$/ }).check(z.maxLength(2000)),
  /** The open event or the call; null when the page shows none (a calendar week view). */
  meeting: z.nullable(meetingInfo),
});
export type PageContext = z.infer<typeof pageContext>;
