import type { MeetingInfo, PageContext } from '../schema/page-context';

/**
 * The keys by which one meeting is recognised wherever it shows up: in the calendar (event id,
 * series id, the meeting link in the event) and in the call (its code, its URL). The calendar
 * event "Mentoring: Priya / Sam" with link https://meet.google.com/abc-defg-hij and the Meet
 * call at that address share the code `meet:abc-defg-hij`, so both land on the same session.
 */
export interface MeetingKeys {
  /** Call codes, namespaced by service: `meet:abc-defg-hij`, `zoom:83412345678`, … */
  codes: string[];
  /** Calendar event and series ids. */
  events: string[];
}

/** The call code a meeting link points to, namespaced by service; undefined if unknown. */
export function codeFromMeetingUrl(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  const path = url.pathname;
  if (host === 'meet.google.com') {
    const code = /^\/([a-z]{3}-[a-z]{4}-[a-z]{3})(?:\/|$)/i.exec(path)?.[1];
    return code ? `meet:${code.toLowerCase()}` : undefined;
  }
  if (host === 'zoom.us' || host.endsWith('.zoom.us')) {
    const id = /^\/(?:j|wc|s)\/(\d{9,12})(?:\/|$)/.exec(path)?.[1];
    return id ? `zoom:${id}` : undefined;
  }
  if (host === 'teams.microsoft.com' || host === 'teams.live.com') {
    const thread = /\/meetup-join\/([^/]+)/.exec(path)?.[1];
    if (!thread) return undefined;
    try {
      return `teams:${decodeURIComponent(thread)}`;
    } catch {
      return undefined;
    }
  }
  if (host === 'whereby.com') {
    const room = /^\/([\w-]+)/.exec(path)?.[1];
    return room ? `whereby:${room.toLowerCase()}` : undefined;
  }
  // Jitsi, on meet.jit.si or self-hosted: the room is the first path segment.
  if (host === 'meet.jit.si' || host.includes('jitsi')) {
    const room = /^\/([^/]+)/.exec(path)?.[1];
    return room ? `jitsi:${host}/${room}` : undefined;
  }
  return undefined;
}

/** The code of the call a page shows, namespaced like codeFromMeetingUrl's. */
export function codeOfCall(context: PageContext): string | undefined {
  const code = context.meeting?.meetingCode;
  if (!code) return undefined;
  switch (context.host) {
    case 'google-meet':
      return `meet:${code.toLowerCase()}`;
    case 'zoom':
      return `zoom:${code}`;
    case 'teams':
      return `teams:${code}`;
    case 'whereby':
      return `whereby:${code.toLowerCase()}`;
    case 'jitsi':
      return `jitsi:${new URL(context.url).hostname}/${code}`;
    default:
      return undefined;
  }
}

export function meetingKeys(context: PageContext): MeetingKeys {
  const meeting: MeetingInfo | null = context.meeting;
  const codes = new Set<string>();
  const events = new Set<string>();
  if (meeting) {
    const call = codeOfCall(context);
    if (call) codes.add(call);
    if (meeting.meetingUrl) {
      const linked = codeFromMeetingUrl(meeting.meetingUrl);
      if (linked) codes.add(linked);
    }
    if (meeting.calendarEventId) events.add(meeting.calendarEventId);
    if (meeting.seriesId) events.add(meeting.seriesId);
  }
  return { codes: [...codes], events: [...events] };
}

/** Whether a page shows an actual meeting (an open event or a call), not just the host. */
export function hasMeeting(context: PageContext | null | undefined): context is PageContext & {
  meeting: MeetingInfo;
} {
  return !!context?.meeting;
}

/** What to call the meeting when the page shows no title: the code or room name. */
export function meetingLabel(context: PageContext): string {
  const m = context.meeting;
  return m?.title ?? m?.meetingCode ?? new URL(context.url).pathname.replace(/^\//, '');
}
