import type { HostId } from '../schema/page-context';

/**
 * The pages Tandem reads, per host, as match patterns: content-script `matches` and the
 * manifest's host permissions both come from here (and nothing else: no <all_urls>).
 * One constant per host, so that a content script's bundle carries its own patterns only.
 */
export const googleCalendarMatches = ['https://calendar.google.com/*'];
export const outlookMatches = [
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
];
export const googleMeetMatches = ['https://meet.google.com/*'];
export const zoomMatches = [
  'https://app.zoom.us/wc/*',
  'https://*.zoom.us/wc/*',
  'https://*.zoom.us/j/*',
];
export const teamsMatches = ['https://teams.microsoft.com/*', 'https://teams.live.com/*'];
export const jitsiMatches = ['https://meet.jit.si/*'];
export const wherebyMatches = ['https://whereby.com/*'];

export const hostMatches: Record<HostId, readonly string[]> = {
  'google-calendar': googleCalendarMatches,
  outlook: outlookMatches,
  'google-meet': googleMeetMatches,
  zoom: zoomMatches,
  teams: teamsMatches,
  jitsi: jitsiMatches,
  whereby: wherebyMatches,
};

/** Every pattern, for the manifest's host_permissions. */
export function allHostMatches(): string[] {
  return Object.values(hostMatches).flat();
}
