/**
 * Google Calendar (calendar.google.com/calendar/…): the details dialog of an event opened from a
 * day/week/month view, and the full event page (/r/eventedit/<id>).
 *
 * Google's class names are generated and change often, so the signals are, most stable first:
 * - The URL: /calendar/… is ours; /eventedit/<id> (or ?eid=) is an event page, where <id> is
 *   base64 of "<event id> <calendar id>"; an event id "<series>_<20261124T100000Z>" is one
 *   occurrence of a recurring series. /r/<view>/<y>/<m>/<d> gives the year a dialog leaves out.
 * - The dialog: id xDetDlg (else a role=dialog with data-eventid, the same base64 id; not when
 *   hidden), its aria-labelledby → the title, and its sections xDetDlgWhen / xDetDlgVideo /
 *   xDetDlgAtt (the "when" lines told apart by position and digits).
 * - Guests: data-email / data-hovercard-id / mailto on the guest list's items. The calendar id in
 *   the event id is the viewer's calendar, not necessarily a guest, so it is never added.
 * - Dates: digits and the page's own month names (Intl, in <html lang>), never English words;
 *   the event page's time buttons carry minutes since midnight in data-key.
 */
import type { MeetingInfo, PageContext } from '../schema/page-context';
import {
  attempt,
  attendeeEmails,
  clean,
  dayIn,
  firstOf,
  langOf,
  meetingUrlIn,
  pad,
  pageUrl,
  segments,
  textOf,
  timesIn,
  whenFrom,
  whenIn,
  type Ymd,
  yearIn,
} from './dom';

export function parseGoogleCalendar(doc: Document, url: URL): PageContext | null {
  try {
    if (url.protocol !== 'https:' || url.hostname !== 'calendar.google.com') return null;
    if (!/^\/calendar(\/|$)/.test(url.pathname)) return null;
    return {
      host: 'google-calendar',
      kind: 'calendar',
      url: pageUrl(url),
      meeting: attempt(() => readEvent(doc, url)) ?? null,
    };
  } catch {
    return null;
  }
}

/** The event id and, for one occurrence of a recurring event, its series id. */
export function decodeEventId(encoded: string | null | undefined): {
  calendarEventId?: string;
  seriesId?: string;
} {
  const raw = (encoded ?? '').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const decoded = attempt(() => atob(raw.padEnd(Math.ceil(raw.length / 4) * 4, '='))) ?? '';
  const [id = '', calendar] = decoded.split(' ');
  if (!calendar || !/^[\x21-\x7e]{1,1000}$/.test(id)) return {};
  return { calendarEventId: id, seriesId: /^(.+)_\d{8}(T\d{6}Z?)?$/.exec(id)?.[1] };
}

function readEvent(doc: Document, url: URL): MeetingInfo | null {
  const parts = segments(url.pathname);
  const edit = parts.indexOf('eventedit');
  if (edit >= 0 || url.searchParams.has('eid')) {
    return readEventPage(doc, url, edit >= 0 ? parts[edit + 1] : url.searchParams.get('eid'));
  }
  const dialog =
    doc.getElementById('xDetDlg') ?? doc.querySelector('[role="dialog"][data-eventid]');
  // A closed dialog may be kept in the page, hidden: it is not an open event.
  if (!dialog || dialog.closest('[hidden], [aria-hidden="true"]')) return null;
  return readDialog(doc, dialog, url);
}

/**
 * A day near the event, to complete a date written without its year: the occurrence's own day
 * in its id (in UTC, so at most a day off), else the day the view shows (/r/week/2026/11/23),
 * else a year in the view's headings.
 */
function anchorDay(doc: Document, url: URL, eventId: string | undefined): Ymd {
  const instance = /_(\d{4})(\d{2})(\d{2})/.exec(eventId ?? '');
  if (instance) return [Number(instance[1]), Number(instance[2]), Number(instance[3])];
  const day = /\/(\d{4})\/(\d{1,2})\/(\d{1,2})(\/|$)/.exec(url.pathname);
  if (day) return [Number(day[1]), Number(day[2]), Number(day[3])];
  return yearIn(
    doc.querySelector('[data-view-heading]')?.getAttribute('data-view-heading'),
    doc.querySelector('[role="grid"][aria-label]')?.getAttribute('aria-label'),
    doc.querySelector('h1')?.textContent,
    doc.title,
  );
}

function readDialog(doc: Document, dialog: Element, url: URL): MeetingInfo {
  const lang = langOf(doc);
  const ids = decodeEventId(dialog.getAttribute('data-eventid'));
  const heading =
    firstOf(() => {
      const id = dialog.getAttribute('aria-labelledby')?.split(' ')[0];
      return id ? doc.getElementById(id) : null;
    }) ?? dialog.querySelector('[role="heading"]');
  const title = firstOf(
    () => textOf(heading),
    () => textOf(dialog.querySelector('#xDetDlgWhen [role="heading"]')),
  );

  // The "when" section: the title, a line with the day and times, then a recurrence line when
  // the event repeats. Lines are told apart by position and digits, not by their words.
  const when = dialog.querySelector('#xDetDlgWhen') ?? heading?.parentElement;
  const lines = [...(when?.children ?? [])].filter(
    (line) => line !== heading && !line.contains(heading ?? null) && textOf(line),
  );
  const dateLine = lines.findIndex((line) => /\d/.test(line.textContent ?? ''));
  const times =
    attempt(() =>
      whenIn(textOf(lines[dateLine]), lang, anchorDay(doc, url, ids.calendarEventId)),
    ) ?? {};
  const recurring = ids.seriesId || (dateLine >= 0 && lines.length > dateLine + 1) || undefined;

  return {
    title,
    ...times,
    attendees: attendeeEmails(dialog.querySelector('#xDetDlgAtt') ?? dialog),
    ...ids,
    recurring: recurring ? true : undefined,
    meetingUrl: firstOf(
      () => meetingUrlIn(dialog.querySelector('#xDetDlgVideo')),
      () => meetingUrlIn(dialog),
    ),
  };
}

const fieldValue = (el: Element | null | undefined) =>
  clean((el as HTMLInputElement | null)?.value ?? el?.getAttribute('value'));

/** data-key of the event page's time buttons: minutes since midnight (600 → 10:00). */
function minutesToTime(el: Element): string | undefined {
  const key = el.getAttribute('data-key') ?? '';
  const minutes = Number(key);
  if (!/^\d{1,4}$/.test(key) || minutes >= 24 * 60) return timesIn(el.textContent ?? '')[0];
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function readEventPage(doc: Document, url: URL, encoded: string | null | undefined): MeetingInfo {
  const lang = langOf(doc);
  const ids = decodeEventId(encoded);
  const main = doc.querySelector('[role="main"]') ?? doc.body;
  // The date/time row holds the time buttons; the title is the first text field outside it.
  const timeButtons = [...(main?.querySelectorAll('[role="button"][data-key]') ?? [])];
  const row = timeButtons[0]?.parentElement;
  const title = firstOf(
    () => fieldValue(doc.getElementById('xTiIn')),
    () => {
      const fields = main?.querySelectorAll('input[type="text"], input:not([type]), textarea');
      return fieldValue([...(fields ?? [])].find((field) => !row?.contains(field)));
    },
  );
  const times = firstOf(() => {
    const anchor = anchorDay(doc, url, ids.calendarEventId);
    const dates = [...(row?.querySelectorAll('input') ?? [])];
    const start = dayIn(fieldValue(dates[0]), lang, anchor);
    return whenFrom(
      start,
      dayIn(fieldValue(dates.at(-1)), lang, start),
      timeButtons.map(minutesToTime).filter((time) => time !== undefined),
    );
  });
  return {
    title,
    ...times,
    attendees: attendeeEmails(main),
    ...ids,
    recurring: ids.seriesId ? true : undefined,
    meetingUrl: meetingUrlIn(main),
  };
}
