/**
 * The hosts Tandem reads, one line each: which pages (match patterns, from host-matches.ts — the
 * content scripts' `matches` and the host permissions, exactly), what kind of page, the parser.
 * Adding a host is one parser file, one fixture folder and one line here.
 *
 * The background uses hostForUrl to check that a content script reports only for its own host.
 * Self-hosted Jitsi runs parseJitsi on origins the user grants; its line here matches only
 * meet.jit.si.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
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

/**
 * A match pattern in two halves. Scheme and host go to WXT's MatchPattern, as a pattern for the
 * whole site (it also refuses malformed patterns); the path stays a glob here, because
 * MatchPattern matches it against the URL's path alone where browsers take path and query
 * (`/x?y=*`). MatchPattern is handed strings, never URL objects: for those it asks
 * `instanceof Location`, and Location is not defined in a service worker or in Node.
 */
interface SplitPattern {
  site: MatchPattern;
  path: RegExp;
}

const split = new Map<string, SplitPattern | null>();

function splitPattern(pattern: string): SplitPattern | null {
  let parts = split.get(pattern);
  if (parts === undefined) {
    parts = null;
    const hostAt = pattern.indexOf('://');
    const pathAt = hostAt > 0 ? pattern.indexOf('/', hostAt + 3) : -1;
    try {
      if (pathAt > 0) {
        const glob = pattern
          .slice(pathAt)
          .split('*')
          .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
        parts = {
          // Browsers compare hosts case-insensitively; MatchPattern only lowercases the URL's.
          site: new MatchPattern(`${pattern.slice(0, pathAt).toLowerCase()}/*`),
          path: new RegExp(`^${glob.join('.*')}$`),
        };
      }
    } catch {
      parts = null;
    }
    split.set(pattern, parts);
  }
  return parts;
}

/** Whether the pattern's scheme and host cover this URL (string, see above). */
function siteIncludes(parts: SplitPattern, href: string): boolean {
  try {
    return parts.site.includes(href);
  } catch {
    // MatchPattern throws for the schemes it does not implement (ftp, urn); none is a host page.
    return false;
  }
}

/**
 * Whether a URL fits a match pattern as browsers read them: scheme (`*` = http or https), host
 * (`*.example.com` also matches example.com itself; the port is ignored), then the path and
 * query against a glob where `*` is anything. A malformed pattern matches nothing.
 */
export function matchesPattern(pattern: string, url: URL): boolean {
  const parts = splitPattern(pattern);
  return (
    parts !== null && siteIncludes(parts, url.href) && parts.path.test(url.pathname + url.search)
  );
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
      const parts = splitPattern(pattern);
      return parts !== null && siteIncludes(parts, `${origin}/`);
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
