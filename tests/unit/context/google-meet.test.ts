// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { parseGoogleMeet } from '../../../utils/context/google-meet';
import { expectValidContext } from './expect-context';
import { loadFixture, parseHtml } from './load-fixture';

function read(doc: Document, url = 'https://meet.google.com/abc-defg-hij') {
  const context = parseGoogleMeet(doc, new URL(url));
  expectValidContext(context);
  return context;
}

describe('parseGoogleMeet', () => {
  test('reads a French call exactly as the English one', () => {
    const english = read(loadFixture('google-meet/in-call.html'));
    const french = read(
      loadFixture('google-meet/in-call-fr.html'),
      'https://meet.google.com/abc-defg-hij?hl=fr',
    );
    expect(french).toEqual(english);
    expect(french?.meeting?.inCall).toBe(true);
  });

  test('takes the code from the path, lower-cased, and never reports the query', () => {
    const context = read(
      loadFixture('google-meet/lobby.html'),
      'https://meet.google.com/ABC-DEFG-HIJ?authuser=1#x',
    );
    expect(context?.url).toBe('https://meet.google.com/ABC-DEFG-HIJ');
    expect(context?.meeting).toEqual({
      title: undefined,
      attendees: [],
      meetingCode: 'abc-defg-hij',
      inCall: false,
    });
  });

  // Decision: a Meet page without a meeting code (home, /landing, /new) is not a call page, so
  // the parser returns null and Tandem reports nothing for the tab (not a call with meeting: null).
  test('returns null on pages that are not a meeting', () => {
    const doc = loadFixture('google-meet/landing.html');
    for (const path of [
      '/',
      '/landing',
      '/new',
      '/lookup/mentoring',
      '/abc-defg-hi',
      '/abc-defg-hij-x',
    ]) {
      expect(parseGoogleMeet(doc, new URL(`https://meet.google.com${path}`)), path).toBeNull();
    }
    expect(parseGoogleMeet(doc, new URL('https://meet.example.com/abc-defg-hij'))).toBeNull();
  });

  test('knows the call by the leave button, by icon or by jsname, whatever its label', () => {
    const icon = parseHtml(
      '<button aria-label="Anruf verlassen"><i class="google-material-icons">call_end</i></button>',
    );
    expect(read(icon)?.meeting?.inCall).toBe(true);
    const symbol = parseHtml(
      '<button><span class="material-symbols-outlined">call_end</span></button>',
    );
    expect(read(symbol)?.meeting?.inCall).toBe(true);
    const jsname = parseHtml('<button aria-label="離開通話" jsname="CQylAd"></button>');
    expect(read(jsname)?.meeting?.inCall).toBe(true);
    const label = parseHtml('<button aria-label="Leave call">Leave call</button>');
    expect(read(label)?.meeting?.inCall).toBe(false);
  });

  test('falls back to the document title, but not when it is only the code', () => {
    const titled = parseHtml('<title>Meet – Weekly 1:1 - Sam</title><body></body>');
    expect(read(titled)?.meeting?.title).toBe('Weekly 1:1 - Sam');
    const code = parseHtml('<title>Meet - abc-defg-hij</title><body></body>');
    expect(read(code)?.meeting?.title).toBeUndefined();
    const bare = parseHtml('<title>Google Meet</title><body></body>');
    expect(read(bare)?.meeting?.title).toBeUndefined();
  });
});
