/**
 * Microsoft Teams on the web (teams.microsoft.com, teams.live.com): the pre-join screen and the
 * meeting. Teams keeps one URL (/v2/) for the whole app, so the call is found in the page.
 *
 * Signals:
 * - The URL: /l/meetup-join/<thread id>/… (also after #, the old router) → the meeting code, the
 *   decoded thread id (19:meeting_…@thread.v2) that the Outlook event's Teams link carries;
 *   teams.live.com/meet/<id> for personal accounts.
 * - data-tid attributes (Teams' own test ids): call-title / prejoin-display-name → the title;
 *   hangup-main-btn (or #hangup-button) → in the call; prejoin-join-button → not yet.
 * - The document title before its last separator ("<title> | Microsoft Teams"), last.
 * A Teams page with neither a meeting code nor call screen (chat, files) is not a call: null.
 */
import type { PageContext } from '../schema/page-context';
import { clean, firstOf, labelOf, pageUrl, titlePart } from './dom';

export function parseTeams(doc: Document, url: URL): PageContext | null {
  try {
    const host = url.hostname;
    if (url.protocol !== 'https:') return null;
    if (host !== 'teams.microsoft.com' && host !== 'teams.live.com') return null;
    const route = `${url.pathname}/${url.hash}`;
    const thread =
      /\/l\/meetup-join\/([^/?#]+)/.exec(route)?.[1] ?? /\/meet\/([^/?#]+)/.exec(route)?.[1];
    const meetingCode = clean(thread && (firstOf(() => decodeURIComponent(thread)) ?? thread));

    const has = (selector: string) => doc.querySelector(selector) !== null;
    const inCall = has('[data-tid="hangup-main-btn"], #hangup-button, [data-tid*="hangup"]')
      ? true
      : has('[data-tid="prejoin-join-button"], #prejoin-join-button, [data-tid^="prejoin"]')
        ? false
        : has('[data-tid="calling-screen"]')
          ? true
          : undefined;
    if (!meetingCode && inCall === undefined) return null;

    const title = firstOf(
      () => labelOf(doc.querySelector('[data-tid="call-title"]')),
      () => labelOf(doc.querySelector('[data-tid="prejoin-display-name"]')),
      () => labelOf(doc.querySelector('[data-tid="calling-screen"] [role="heading"]')),
      () => titlePart(doc, 'before'),
    );
    return {
      host: 'teams',
      kind: 'call',
      url: pageUrl(url),
      meeting: { title, attendees: [], meetingCode, inCall },
    };
  } catch {
    return null;
  }
}
