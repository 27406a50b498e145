// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { parseZoom } from '../../../utils/context/zoom';
import { expectValidContext } from './expect-context';
import { loadFixture, parseHtml } from './load-fixture';

function read(doc: Document, url: string) {
  const context = parseZoom(doc, new URL(url));
  expectValidContext(context);
  return context;
}

describe('parseZoom', () => {
  test('reads the meeting id from every web-client and launch URL shape, never the password', () => {
    const doc = loadFixture('zoom/web-client.html');
    for (const [url, reported] of [
      [
        'https://app.zoom.us/wc/83412345678/join?fromPWA=1&pwd=Zm9vYmFy',
        'https://app.zoom.us/wc/83412345678/join',
      ],
      [
        'https://app.zoom.us/wc/join/83412345678?pwd=Zm9vYmFy',
        'https://app.zoom.us/wc/join/83412345678',
      ],
      [
        'https://example.zoom.us/wc/83412345678/start',
        'https://example.zoom.us/wc/83412345678/start',
      ],
      [
        'https://us02web.zoom.us/j/83412345678?pwd=Zm9vYmFy#success',
        'https://us02web.zoom.us/j/83412345678',
      ],
      ['https://zoom.us/j/834123456', 'https://zoom.us/j/834123456'],
    ]) {
      const context = read(doc, url as string);
      expect(context?.url, url).toBe(reported);
      expect(context?.url).not.toContain('pwd');
      expect(context?.meeting?.meetingCode, url).toMatch(/^834123456(78)?$/);
    }
  });

  test('returns null for Zoom pages that are not a meeting, and for look-alike hosts', () => {
    const doc = loadFixture('zoom/web-client.html');
    for (const url of [
      'https://app.zoom.us/wc/home',
      'https://app.zoom.us/wc/',
      'https://zoom.us/pricing',
      'https://zoom.us/j/not-a-number',
      'https://zoom.us.evil.example/j/83412345678',
      'https://evilzoom.us/j/83412345678',
      'http://zoom.us/j/83412345678',
    ]) {
      expect(parseZoom(doc, new URL(url)), url).toBeNull();
    }
  });

  test('prefers the untruncated topic and keeps markup in it as text', () => {
    const doc = parseHtml(`<div id="wc-footer"><span class="meeting-info-container__meeting-topic"
      title="Career mentoring: Lena &amp; Tom &lt;b&gt;2026&lt;/b&gt;">Career mentoring: Lena…</span></div>`);
    const meeting = read(doc, 'https://app.zoom.us/wc/83412345678/join')?.meeting;
    expect(meeting?.title).toBe('Career mentoring: Lena & Tom <b>2026</b>');
    expect(meeting?.inCall).toBe(true);
  });

  test('is not in the call before the meeting footer shows', () => {
    const meeting = read(
      parseHtml('<div id="root"><button id="preview-join-button">Beitreten</button></div>'),
      'https://app.zoom.us/wc/83412345678/join',
    )?.meeting;
    expect(meeting?.inCall).toBe(false);
  });
});
