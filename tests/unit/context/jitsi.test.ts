// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { parsePage } from '../../../utils/context';
import { parseJitsi } from '../../../utils/context/jitsi';
import { expectValidContext } from './expect-context';
import { loadFixture, parseHtml } from './load-fixture';

function read(doc: Document, url: string) {
  const context = parseJitsi(doc, new URL(url));
  expectValidContext(context);
  return context;
}

describe('parseJitsi', () => {
  test('reads a self-hosted Jitsi exactly as meet.jit.si, the room from the first path segment', () => {
    const doc = loadFixture('jitsi/room.html');
    const hosted = read(doc, 'https://meet.jit.si/PeerCircleNovember');
    const own = read(doc, 'https://jitsi.example.org/PeerCircleNovember?jwt=secret');
    expect(own).toEqual({ ...hosted, url: 'https://jitsi.example.org/PeerCircleNovember' });
    // The registry's line matches only meet.jit.si: other origins are run by granted scripts.
    expect(parsePage(doc, new URL('https://jitsi.example.org/PeerCircleNovember'))).toBeNull();
  });

  test('decodes the room name', () => {
    const context = read(
      loadFixture('jitsi/room.html'),
      'https://meet.jit.si/Peer%20Circle%20%C3%9C',
    );
    expect(context?.meeting?.meetingCode).toBe('Peer Circle Ü');
  });

  test('returns null for the landing page and static files', () => {
    const doc = loadFixture('jitsi/room.html');
    for (const path of [
      '/',
      '/static/close.html',
      '/libs/app.bundle.min.js',
      '/config.js',
      '/sounds/ring.mp3',
      '/favicon.ico',
    ]) {
      expect(parseJitsi(doc, new URL(`https://meet.jit.si${path}`)), path).toBeNull();
    }
    expect(parseJitsi(doc, new URL('http://jitsi.example.org/PeerCircleNovember'))).toBeNull();
  });

  test('on a granted origin, reports nothing for pages that are not Jitsi', () => {
    const other = parseHtml('<div id="root"><h1>Company intranet</h1></div>');
    expect(parseJitsi(other, new URL('https://jitsi.example.org/about'))).toBeNull();
  });

  test('knows the conference from the pre-join screen by structure, not labels', () => {
    const prejoin = loadFixture('jitsi/prejoin.html');
    expect(read(prejoin, 'https://meet.jit.si/PeerCircleNovember')?.meeting?.inCall).toBe(false);
    const page = parseHtml('<div id="react"><div id="videoconference_page"></div></div>');
    expect(read(page, 'https://meet.jit.si/PeerCircleNovember')?.meeting?.inCall).toBe(true);
  });
});
