/**
 * Outlook on the web (outlook.office.com, outlook.office365.com, outlook.live.com), calendar:
 * the event open in the reading pane (or the peek card over the grid).
 *
 * Class names are generated; the signals are:
 * - The URL: /calendar/… is ours (mail is not); …/item/<id> (or deeplink/read/<id>) carries the
 *   event's item id, URL-encoded in the path.
 * - The event's pane: role=complementary or role=dialog holding a role=heading → the title (its
 *   title attribute holds the untruncated text), and a time row, attendees or a meeting link.
 * - Fluent icons by name, not by label: data-icon-name=Clock marks the time row, Repeat* a series.
 * - Attendees: persona list items whose title attribute (or mailto link) is the email.
 * - Dates: digits and the page's own month names, in <html lang>; never English words.
 */
import type { MeetingInfo, PageContext } from '../schema/page-context';
import {
  attempt,
  attendeeEmails,
  clean,
  firstOf,
  labelOf,
  langOf,
  meetingUrlIn,
  pageUrl,
  segments,
  textOf,
  whenIn,
  yearIn,
} from './dom';

const HOSTS = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'];

export function parseOutlook(doc: Document, url: URL): PageContext | null {
  try {
    if (url.protocol !== 'https:' || !HOSTS.includes(url.hostname)) return null;
    const parts = segments(
      url.pathname.toLowerCase().startsWith('/owa/') ? url.pathname.slice(4) : url.pathname,
    );
    if (parts[0]?.toLowerCase() !== 'calendar') return null;
    return {
      host: 'outlook',
      kind: 'calendar',
      url: pageUrl(url),
      meeting: attempt(() => readEvent(doc, parts)) ?? null,
    };
  } catch {
    return null;
  }
}

function readEvent(doc: Document, parts: string[]): MeetingInfo | null {
  const itemAt = Math.max(parts.indexOf('item'), parts.indexOf('read'));
  const calendarEventId = itemAt > 0 ? clean(parts[itemAt + 1], 1000) : undefined;
  // Settings and other panes are dialogs with headings too: an event's pane shows its time, its
  // attendees or its meeting link (or is the one open at an item's URL).
  const panes = [...doc.querySelectorAll('[role="complementary"], [role="dialog"]')].filter((el) =>
    el.querySelector('[role="heading"]'),
  );
  const pane =
    panes.find(
      (el) =>
        el.querySelector('[data-icon-name="Clock"], [role="listitem"][title*="@"]') ||
        meetingUrlIn(el),
    ) ?? (calendarEventId ? panes[0] : undefined);
  if (!pane) return calendarEventId ? { attendees: [], calendarEventId } : null;

  const timeRow = pane.querySelector('[data-icon-name="Clock"]')?.parentElement;
  const times = attempt(() =>
    whenIn(
      textOf(timeRow),
      langOf(doc),
      yearIn(doc.querySelector('[role="grid"][aria-label]')?.getAttribute('aria-label'), doc.title),
    ),
  );
  return {
    title: firstOf(() => labelOf(pane.querySelector('[role="heading"]'))),
    ...times,
    attendees: attendeeEmails(pane),
    calendarEventId,
    recurring: pane.querySelector('[data-icon-name^="Repeat"]') ? true : undefined,
    meetingUrl: meetingUrlIn(pane),
  };
}
