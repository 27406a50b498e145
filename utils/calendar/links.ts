import { type CalendarEvent, eventTimes, utcStamp } from './event';

/**
 * Links that open a new, prefilled event in a web calendar. Values are percent-encoded with
 * encodeURIComponent (spaces as %20): Outlook's compose page does not read '+' as a space.
 */
function query(params: [string, string][]): string {
  return params
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
}

/** The event text the web calendars show: the description, then the video link. */
function details(event: CalendarEvent): string {
  return [event.description, event.url].filter(Boolean).join('\n\n');
}

/** Google Calendar's event template (calendar/render?action=TEMPLATE), recurrence included. */
export function googleCalendarUrl(event: CalendarEvent): string {
  const { start, end } = eventTimes(event);
  return `https://calendar.google.com/calendar/render?${query([
    ['action', 'TEMPLATE'],
    ['text', event.title],
    ['dates', `${utcStamp(start)}/${utcStamp(end)}`],
    ['details', details(event)],
    ['location', event.url],
    ['recur', event.rrule ? `RRULE:${event.rrule}` : ''],
  ])}`;
}

/**
 * Outlook on the web's compose deeplink. It has no parameter for a recurrence: the panel says
 * so when one is chosen, and the user sets it in Outlook.
 */
export function outlookCalendarUrl(event: CalendarEvent): string {
  const { start, end } = eventTimes(event);
  const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  return `https://outlook.office.com/calendar/deeplink/compose?${query([
    ['path', '/calendar/action/compose'],
    ['rru', 'addevent'],
    ['subject', event.title],
    ['startdt', iso(start)],
    ['enddt', iso(end)],
    ['body', details(event)],
    ['location', event.url],
  ])}`;
}
