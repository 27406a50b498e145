import { type CalendarEvent, eventTimes, utcStamp } from './event';

/**
 * An iCalendar file (RFC 5545) holding one event: what calendar apps import from a download.
 *
 * - Lines end in CRLF (3.1) and are folded at 75 octets, never inside a UTF-8 character; a
 *   continuation line starts with one space, which counts toward its 75.
 * - TEXT values escape backslash, semicolon, comma and line breaks (3.3.11); other control
 *   characters, which TEXT may not hold, are dropped.
 * - Times are UTC ("Z"), converted from the local time the user picked, so no VTIMEZONE is
 *   needed and every client shows the same moment.
 */

const encoder = new TextEncoder();

/** A TEXT value, escaped. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping the control characters TEXT may not hold
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\n/g, '\\n')
  );
}

/** One content line folded into lines of at most 75 octets (without the CRLF). */
export function foldLine(line: string): string[] {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > 75) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines;
}

export interface IcsOptions {
  /** The event's UID: random, "@tandem". */
  uid: string;
  /** When the file is made (DTSTAMP). */
  now: Date;
  /** The file's PRODID. */
  productId?: string;
}

/** A random UID: a fresh UUID at tandem. */
export function newUid(): string {
  return `${crypto.randomUUID()}@tandem`;
}

export function icsText(event: CalendarEvent, options: IcsOptions): string {
  const { start, end } = eventTimes(event);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${options.productId ?? '-//Tandem//Mentoring side panel//EN'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(options.uid)}`,
    `DTSTAMP:${utcStamp(options.now)}`,
    `DTSTART:${utcStamp(start)}`,
    `DTEND:${utcStamp(end)}`,
    `SUMMARY:${escapeText(event.title)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) {
    lines.push(`LOCATION:${escapeText(event.url)}`);
    // URL is a URI value: no TEXT escaping; the link is a parsed http(s) href.
    lines.push(`URL:${event.url}`);
  }
  if (event.rrule) lines.push(`RRULE:${event.rrule}`);
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return `${lines.flatMap(foldLine).join('\r\n')}\r\n`;
}
