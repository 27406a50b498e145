/**
 * The hosts Tandem reads, one line each: which pages (match patterns, from host-matches.ts — the
 * content scripts' `matches` and the host permissions, exactly), what kind of page, the parser.
 * Adding a host is one parser file, one fixture folder and one line here.
 *
 * The background uses hostForUrl to check that a content script reports only for its own host.
 * Self-hosted Jitsi runs parseJitsi on origins the user grants; its line here matches only
 * meet.jit.si.
 */
import type { HostId, PageContext, PageKind } from '../schema/page-context';
import { parseGoogleCalendar } from './google-calendar';
import { parseGoogleMeet } from './google-meet';
import { hostMatches } from './host-matches';
import { parseJitsi } from './jitsi';
import { parseOutlook } from './outlook';
import { parseTeams } from './teams';
import { parseWhereby } from './whereby';
import { parseZoom } from './zoom';

export {
  parseGoogleCalendar,
  parseGoogleMeet,
  parseJitsi,
  parseOutlook,
  parseTeams,
  parseWhereby,
  parseZoom,
};

export interface HostSpec {
  readonly id: HostId;
  readonly kind: PageKind;
  readonly matches: readonly string[];
  readonly parse: (doc: Document, url: URL) => PageContext | null;
}

export const hosts: readonly HostSpec[] = [
  {
    id: 'google-calendar',
    kind: 'calendar',
    matches: hostMatches['google-calendar'],
    parse: parseGoogleCalendar,
  },
  { id: 'outlook', kind: 'calendar', matches: hostMatches.outlook, parse: parseOutlook },
  { id: 'google-meet', kind: 'call', matches: hostMatches['google-meet'], parse: parseGoogleMeet },
  { id: 'zoom', kind: 'call', matches: hostMatches.zoom, parse: parseZoom },
  { id: 'teams', kind: 'call', matches: hostMatches.teams, parse: parseTeams },
  { id: 'jitsi', kind: 'call', matches: hostMatches.jitsi, parse: parseJitsi },
  { id: 'whereby', kind: 'call', matches: hostMatches.whereby, parse: parseWhereby },
];

const PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/;

/**
 * Whether a URL fits a match pattern as browsers read them: scheme (`*` = http or https), host
 * (`*.example.com` also matches example.com itself; the port is ignored), then the path and
 * query against a glob where `*` is anything.
 */
export function matchesPattern(pattern: string, url: URL): boolean {
  const parts = PATTERN.exec(pattern);
  if (!parts) return false;
  const [, scheme = '', host = '', path = ''] = parts;
  if (!schemeAndHostMatch(scheme, host, url)) return false;
  const glob = path.split('*').map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${glob.join('.*')}$`).test(url.pathname + url.search);
}

function schemeAndHostMatch(scheme: string, host: string, url: URL): boolean {
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme)
    return false;
  const hostname = url.hostname.toLowerCase();
  if (host.startsWith('*.')) {
    const domain = host.slice(2).toLowerCase();
    return hostname === domain || hostname.endsWith(`.${domain}`);
  }
  return host === '*' || hostname === host.toLowerCase();
}

/**
 * The host whose match patterns cover some page of this origin (`https://app.zoom.us`): what
 * the background can check of a content script, whose sender.origin carries no path.
 * Only a canonical origin counts — no path, no trailing slash, not the opaque "null".
 */
export function hostForOrigin(origin: string): HostSpec | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  if (url.origin !== origin) return undefined;
  return hosts.find((host) =>
    host.matches.some((pattern) => {
      const parts = PATTERN.exec(pattern);
      return parts !== null && schemeAndHostMatch(parts[1] ?? '', parts[2] ?? '', url);
    }),
  );
}

/** The host whose match patterns cover this URL. */
export function hostForUrl(url: URL): HostSpec | undefined {
  return hosts.find((host) => host.matches.some((pattern) => matchesPattern(pattern, url)));
}

/** The page's context, read by the parser of the host its URL belongs to; null for other pages. */
export function parsePage(doc: Document, url: URL): PageContext | null {
  try {
    return hostForUrl(url)?.parse(doc, url) ?? null;
  } catch {
    return null;
  }
}
