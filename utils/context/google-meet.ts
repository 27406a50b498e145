/**
 * Google Meet (meet.google.com/<code>): the green room before joining and the call itself.
 *
 * Signals:
 * - The URL: the meeting code is the path (/abc-defg-hij). Any other path (the landing page,
 *   /new, …) is not a call: null.
 * - The title: data-meeting-title (calendar meetings only), else the document title after the
 *   first separator ("Meet - <title>") unless that is just the code again.
 * - In the call: the leave button, found by its Material icon ligature `call_end` (the same in
 *   every UI language) or its jsname, never by its label.
 */
import type { PageContext } from '../schema/page-context';
import { clean, firstOf, hasIcon, pageUrl, textOf, titlePart } from './dom';

const CODE = /^\/([a-z]{3}-[a-z]{4}-[a-z]{3})\/?$/i;

export function parseGoogleMeet(doc: Document, url: URL): PageContext | null {
  try {
    if (url.protocol !== 'https:' || url.hostname !== 'meet.google.com') return null;
    const meetingCode = CODE.exec(url.pathname)?.[1]?.toLowerCase();
    if (!meetingCode) return null;
    const title = firstOf(
      () => clean(doc.querySelector('[data-meeting-title]')?.getAttribute('data-meeting-title')),
      () => textOf(doc.querySelector('[data-meeting-title]')),
      () => titlePart(doc, 'after'),
    );
    const inCall = firstOf(
      () => hasIcon(doc, 'call_end') || null,
      () => (doc.querySelector('[jsname="CQylAd"]') ? true : null),
    );
    return {
      host: 'google-meet',
      kind: 'call',
      url: pageUrl(url),
      meeting: {
        title: title?.toLowerCase() === meetingCode ? undefined : title,
        attendees: [],
        meetingCode,
        inCall: inCall ?? false,
      },
    };
  } catch {
    return null;
  }
}
