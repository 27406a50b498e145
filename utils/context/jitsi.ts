/**
 * Jitsi Meet (meet.jit.si/<room>, and self-hosted Jitsi on any origin the user grants).
 *
 * Signals:
 * - The URL: the room is the first path segment, URL-decoded. Reserved paths (the landing page,
 *   static files) are not rooms: null. On an origin other than meet.jit.si the page must also
 *   look like Jitsi (its root ids), so a granted origin's other pages report nothing.
 * - The subject: .subject-text (its title attribute holds the untruncated text).
 * - In the call: the toolbar's hang-up button (.hangup-button); not yet while the pre-join or
 *   lobby screen shows; else the conference page itself (#videoconference_page).
 */
import type { PageContext } from '../schema/page-context';
import { clean, firstOf, labelOf, pageUrl, segments, titlePart } from './dom';

const RESERVED =
  /^(static|libs|css|images|sounds|fonts|lang|connection_optimization|.*\.(js|html?|css|json|png|svg|ico|wasm|txt))$/i;

export function parseJitsi(doc: Document, url: URL): PageContext | null {
  try {
    if (url.protocol !== 'https:') return null;
    const room = clean(segments(url.pathname)[0]);
    if (!room || RESERVED.test(room)) return null;
    const has = (selector: string) => doc.querySelector(selector) !== null;
    const prejoin = '.premeeting-screen, #lobby-screen, [class*="prejoin"]';
    if (url.hostname !== 'meet.jit.si' && !has(`#react, #videoconference_page, ${prejoin}`)) {
      return null;
    }
    const title = firstOf(
      () => labelOf(doc.querySelector('.subject-text')),
      () => titlePart(doc, 'after'),
    );
    const inCall =
      has('.hangup-button, [class*="hangup"]') || (!has(prejoin) && has('#videoconference_page'));
    return {
      host: 'jitsi',
      kind: 'call',
      url: pageUrl(url),
      meeting: {
        title: title?.toLowerCase() === room.toLowerCase() ? undefined : title,
        attendees: [],
        meetingCode: room,
        inCall,
      },
    };
  } catch {
    return null;
  }
}
