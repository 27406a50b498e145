import type { HostId } from '../schema/page-context';

/**
 * The pages Tandem reads, per host, as match patterns: content-script `matches` and the
 * manifest's host permissions both come from here (and nothing else: no <all_urls>).
 * Kept apart from the parsers so a content script imports its own patterns only.
 */
export const hostMatches = {
  'google-calendar': ['https://calendar.google.com/*'],
  outlook: [
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
    'https://outlook.live.com/*',
  ],
  'google-meet': ['https://meet.google.com/*'],
  zoom: ['https://app.zoom.us/wc/*', 'https://*.zoom.us/wc/*', 'https://*.zoom.us/j/*'],
  teams: ['https://teams.microsoft.com/*', 'https://teams.live.com/*'],
  jitsi: ['https://meet.jit.si/*'],
  whereby: ['https://whereby.com/*'],
} as const satisfies Record<HostId, readonly string[]>;

export const allHostMatches: string[] = Object.values(hostMatches).flat();
