/**
 * Whereby (whereby.com/<room>). A room has a name, no title or meeting id of its own.
 *
 * Signals:
 * - The URL: the room is the first path segment; Whereby's own pages (user, org, information,
 *   sign-in, …) are not rooms: null.
 * - In the call: a leave button marked by data-testid, else the participants' video tiles
 *   (data-testid="participant-tile"); not while the knock / join screen shows. Labels are never
 *   read.
 */
import type { PageContext } from '../schema/page-context';
import { clean, pageUrl, segments } from './dom';

const RESERVED =
  /^(user|org|information|login|signup|sign-in|sign-up|pricing|blog|static|api|embed|settings|dashboard|legal|terms|privacy|about|careers|contact|download|support|help|assets|_next|.*\..*)$/i;

export function parseWhereby(doc: Document, url: URL): PageContext | null {
  try {
    if (url.protocol !== 'https:' || url.hostname !== 'whereby.com') return null;
    const room = clean(segments(url.pathname)[0]);
    if (!room || RESERVED.test(room)) return null;
    const has = (selector: string) => doc.querySelector(selector) !== null;
    const inCall =
      has('[data-testid="leaveButton"], [data-testid="leave-button"]') ||
      (!has('[data-testid*="knock"], [data-testid*="prejoin"]') &&
        has('[data-testid="participant-tile"]'));
    return {
      host: 'whereby',
      kind: 'call',
      url: pageUrl(url),
      meeting: { attendees: [], meetingCode: room, inCall },
    };
  } catch {
    return null;
  }
}
