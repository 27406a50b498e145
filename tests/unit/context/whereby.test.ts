// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { parseWhereby } from '../../../utils/context/whereby';
import { expectValidContext } from './expect-context';
import { loadFixture, parseHtml } from './load-fixture';

function read(doc: Document, url: string) {
  const context = parseWhereby(doc, new URL(url));
  expectValidContext(context);
  return context;
}

describe('parseWhereby', () => {
  test('reads the room from the path and nothing from the query', () => {
    const context = read(
      loadFixture('whereby/room.html'),
      'https://whereby.com/reverse-mentoring-ana?embed&lang=de',
    );
    expect(context).toEqual({
      host: 'whereby',
      kind: 'call',
      url: 'https://whereby.com/reverse-mentoring-ana',
      meeting: { attendees: [], meetingCode: 'reverse-mentoring-ana', inCall: true },
    });
  });

  test("returns null for Whereby's own pages and other hosts", () => {
    const doc = loadFixture('whereby/room.html');
    for (const url of [
      'https://whereby.com/',
      'https://whereby.com/user',
      'https://whereby.com/user/rooms',
      'https://whereby.com/org/acme',
      'https://whereby.com/information/tos',
      'https://whereby.com/favicon.ico',
      'https://whereby.example.com/reverse-mentoring-ana',
      'http://whereby.com/reverse-mentoring-ana',
    ]) {
      expect(parseWhereby(doc, new URL(url)), url).toBeNull();
    }
  });

  test('is not in the room while knocking, and is once a leave button shows', () => {
    const knocking = parseHtml(
      '<div data-testid="knock-page"><div data-testid="participant-tile">Me</div><button>Klopfen</button></div>',
    );
    expect(read(knocking, 'https://whereby.com/room-1')?.meeting?.inCall).toBe(false);
    const leave = parseHtml('<button data-testid="leaveButton">Verlassen</button>');
    expect(read(leave, 'https://whereby.com/room-1')?.meeting?.inCall).toBe(true);
    expect(read(parseHtml('<body></body>'), 'https://whereby.com/room-1')?.meeting?.inCall).toBe(
      false,
    );
  });
});
