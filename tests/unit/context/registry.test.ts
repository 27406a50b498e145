// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  hostForOrigin,
  hostForUrl,
  hosts,
  matchesPattern,
  parsePage,
} from '../../../utils/context';
import { hostIds } from '../../../utils/schema/page-context';
import { loadFixture } from './load-fixture';

const contextDir = join(dirname(fileURLToPath(import.meta.url)), '../../../utils/context/');

/** One URL per host that its parser reads as a meeting or an open calendar. */
const sampleUrls: Record<string, string> = {
  'google-calendar': 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23',
  outlook: 'https://outlook.office.com/calendar/item/AAMk',
  'google-meet': 'https://meet.google.com/abc-defg-hij',
  zoom: 'https://app.zoom.us/wc/83412345678/join',
  teams: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0',
  jitsi: 'https://meet.jit.si/PeerCircleNovember',
  whereby: 'https://whereby.com/reverse-mentoring-ana',
};

describe('the host registry', () => {
  test('lists every host once, with its kind and exactly its match patterns', () => {
    expect(hosts.map((host) => host.id)).toEqual([...hostIds]);
    expect(
      Object.fromEntries(hosts.map((host) => [host.id, [host.kind, ...host.matches]])),
    ).toEqual({
      'google-calendar': ['calendar', 'https://calendar.google.com/*'],
      outlook: [
        'calendar',
        'https://outlook.office.com/*',
        'https://outlook.office365.com/*',
        'https://outlook.live.com/*',
      ],
      'google-meet': ['call', 'https://meet.google.com/*'],
      zoom: ['call', 'https://app.zoom.us/wc/*', 'https://*.zoom.us/wc/*', 'https://*.zoom.us/j/*'],
      teams: ['call', 'https://teams.microsoft.com/*', 'https://teams.live.com/*'],
      jitsi: ['call', 'https://meet.jit.si/*'],
      whereby: ['call', 'https://whereby.com/*'],
    });
  });

  test('finds the host of each page it reads', () => {
    const more: Array<[string, string]> = [
      ['https://outlook.office365.com/calendar/view/week', 'outlook'],
      ['https://outlook.live.com/calendar/0/view/week', 'outlook'],
      ['https://example.zoom.us/j/83412345678?pwd=x', 'zoom'],
      ['https://zoom.us/j/83412345678', 'zoom'],
      ['https://us02web.zoom.us/wc/83412345678/join', 'zoom'],
      ['https://teams.live.com/meet/9384756102938', 'teams'],
    ];
    for (const [url, id] of [
      ...Object.entries(sampleUrls).map(([id, url]) => [url, id]),
      ...more,
    ]) {
      expect(hostForUrl(new URL(url as string))?.id, url).toBe(id);
    }
  });

  test('claims no look-alike host, other path or plain http', () => {
    for (const url of [
      'http://meet.google.com/abc-defg-hij',
      'https://meet.google.com.evil.example/abc-defg-hij',
      'https://evil.example/https://meet.google.com/abc-defg-hij',
      'https://evil.example/?u=https://meet.google.com/',
      'https://evilzoom.us/j/83412345678',
      'https://zoom.us/pricing',
      'https://example.zoom.us/profile',
      'https://jitsi.example.org/PeerCircleNovember',
      'https://teams.microsoft.com.evil.example/v2/',
      'https://sub.whereby.com/room',
      'https://mail.google.com/mail/u/0/',
    ]) {
      expect(hostForUrl(new URL(url)), url).toBeUndefined();
    }
  });

  test('reads match patterns as browsers do', () => {
    const at = (url: string) => new URL(url);
    expect(matchesPattern('https://*.zoom.us/j/*', at('https://zoom.us/j/1'))).toBe(true);
    expect(matchesPattern('https://*.zoom.us/j/*', at('https://a.b.zoom.us/j/1?pwd=2'))).toBe(true);
    expect(matchesPattern('https://*.zoom.us/j/*', at('https://a.zoom.us/jx/1'))).toBe(false);
    expect(matchesPattern('https://meet.jit.si/*', at('https://MEET.JIT.SI:8443/room'))).toBe(true);
    expect(matchesPattern('*://meet.jit.si/*', at('http://meet.jit.si/room'))).toBe(true);
    expect(matchesPattern('*://meet.jit.si/*', at('ftp://meet.jit.si/room'))).toBe(false);
    expect(matchesPattern('https://*/*', at('https://any.example/'))).toBe(true);
    expect(matchesPattern('https://a.example/x.y', at('https://a.example/xzy'))).toBe(false);
    expect(matchesPattern('https://a.example/x?y=*', at('https://a.example/x?y=1'))).toBe(true);
    expect(matchesPattern('not a pattern', at('https://a.example/'))).toBe(false);
    expect(matchesPattern('https://MEET.jit.si/*', at('https://meet.jit.si/room'))).toBe(true);
    expect(matchesPattern('https://a.example:8443/*', at('https://a.example:8443/'))).toBe(false);
    expect(matchesPattern('https://a.*.example/*', at('https://a.b.example/'))).toBe(false);
    expect(matchesPattern('ftp://meet.jit.si/*', at('ftp://meet.jit.si/room'))).toBe(false);
  });

  test('knows the host of an origin, whichever path its patterns name', () => {
    expect(hostForOrigin('https://app.zoom.us')?.id).toBe('zoom');
    expect(hostForOrigin('https://us02web.zoom.us')?.id).toBe('zoom');
    expect(hostForOrigin('https://zoom.us')?.id).toBe('zoom');
    expect(hostForOrigin('https://meet.google.com')?.id).toBe('google-meet');
    expect(hostForOrigin('https://meet.google.com:8443')?.id).toBe('google-meet');
    for (const origin of [
      'http://meet.google.com',
      'https://meet.google.com/',
      'https://meet.google.com/abc',
      'https://evilzoom.us',
      'https://meet.google.com.evil.example',
      'null',
      '',
    ]) {
      expect(hostForOrigin(origin), origin).toBeUndefined();
    }
  });

  test("parses a page with its host's parser, and nothing for other sites", () => {
    const doc = loadFixture('google-meet/in-call.html');
    const url = new URL('https://meet.google.com/abc-defg-hij');
    expect(parsePage(doc, url)).toEqual(hosts.find((h) => h.id === 'google-meet')?.parse(doc, url));
    expect(parsePage(doc, new URL('https://example.com/abc-defg-hij'))).toBeNull();
  });

  test("each parser reads only its own host's pages", () => {
    const doc = loadFixture('google-meet/in-call.html');
    for (const host of hosts) {
      for (const [other, url] of Object.entries(sampleUrls)) {
        if (other === host.id) continue;
        expect(host.parse(doc, new URL(url)), `${host.id} on ${url}`).toBeNull();
      }
    }
  });

  test('parsers import nothing heavy: only types and the shared DOM helpers', () => {
    // They run in content scripts, which must stay a few KB: no zod, Dexie, Preact or browser APIs.
    for (const file of readdirSync(contextDir)) {
      if (!hosts.some((host) => file === `${host.id}.ts`) && file !== 'dom.ts') continue;
      const source = readFileSync(join(contextDir, file), 'utf8');
      for (const [statement] of source.matchAll(/^import[^;]*;/gms)) {
        expect(statement, file).toMatch(
          /^import type [^;]* from '\.\.\/schema\/page-context';$|from '\.\/dom';$/s,
        );
      }
    }
  });
});
