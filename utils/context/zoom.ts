/**
 * Zoom web client (app.zoom.us/wc/<id>/…, <vanity>.zoom.us/wc/… and the /j/<id> launch page).
 *
 * Signals:
 * - The URL: the meeting id is the number after /wc/ (or /wc/join/) or /j/. Anything else (the
 *   web app's home, settings) is not a call: null. The query carries the password and is never
 *   reported.
 * - The topic: the meeting-info popover's BEM class (meeting-info-container__meeting-topic) —
 *   Zoom's class names are hand-written and stable, unlike its labels.
 * - In the call: the footer's leave button (footer__leave-btn) or the call footer (#wc-footer);
 *   the launch page and the preview have neither.
 */
import type { PageContext } from '../schema/page-context';
import { firstOf, labelOf, pageUrl, segments } from './dom';

export function parseZoom(doc: Document, url: URL): PageContext | null {
  try {
    const host = url.hostname;
    if (url.protocol !== 'https:' || (host !== 'zoom.us' && !host.endsWith('.zoom.us')))
      return null;
    const [area, first, second] = segments(url.pathname);
    const id = area === 'j' ? first : area === 'wc' ? (first === 'join' ? second : first) : '';
    const meetingCode = /^\d{9,12}$/.test(id ?? '') ? id : undefined;
    if (!meetingCode) return null;
    const title = firstOf(
      () => labelOf(doc.querySelector('.meeting-info-container__meeting-topic')),
      () => labelOf(doc.querySelector('[class*="meeting-topic"]')),
    );
    const inCall = !!doc.querySelector('.footer__leave-btn, [class*="leave-btn"], #wc-footer');
    return {
      host: 'zoom',
      kind: 'call',
      url: pageUrl(url),
      meeting: { title, attendees: [], meetingCode, inCall },
    };
  } catch {
    return null;
  }
}
