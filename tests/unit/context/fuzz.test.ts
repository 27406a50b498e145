// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { hosts } from '../../../utils/context';
import type { PageContext } from '../../../utils/schema/page-context';
import { expectValidContext } from './expect-context';
import { fixtureCases, fixtureHtml, parseHtml } from './load-fixture';

// Pages change under the parsers all the time: half-rendered dialogs, A/B layouts, hostile
// event text. Every parser, on 200 random mutations of every fixture, must never throw, and
// whatever it returns must pass the schema the background checks reports with.

const RUNS = 200;

/** A URL each parser reads as one of its pages, for fixtures of other hosts. */
const ownUrls: Record<string, string> = {
  'google-calendar': 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23',
  outlook: 'https://outlook.office.com/calendar/item/AAMkADk2Yj%2FdQ1hAAA%3D',
  'google-meet': 'https://meet.google.com/abc-defg-hij',
  zoom: 'https://app.zoom.us/wc/83412345678/join',
  teams: 'https://teams.microsoft.com/v2/',
  jitsi: 'https://meet.jit.si/PeerCircleNovember',
  whereby: 'https://whereby.com/reverse-mentoring-ana',
};

/** mulberry32: a seeded generator, so a failure can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nasty = [
  '',
  ' ',
  '⋅',
  '\u0000\u200b\u202e',
  '10:00 – 9:00pm',
  '31/02/2026 25:61',
  'Dienstag, 31. Februar ⋅ 24:00 – 99:99',
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  'x'.repeat(5000),
  'a@b.co',
  'mailto:Sam@Example.org',
  'MAILTO:%E0%A4%A',
  'https://meet.google.com/abc-defg-hij?pwd=1',
  'javascript:alert(1)',
  'https://www.google.com/url?q=https%3A%2F%2Fzoom.us%2Fj%2F1',
  'call_end',
  'xx-!!invalid',
  '0',
  '-1',
  '99999',
  'NXYxcThrcTNtMmgwcjZ0N3U5YTRiMmMxZDA',
  btoa('evt_20261124T100000Z a@b.co'),
  btoa(`${'e'.repeat(2000)} a@b.co`),
  '🎉 Mentoring 🎉',
  'Meet - ',
];
const attributes = [
  'data-eventid',
  'data-email',
  'data-hovercard-id',
  'title',
  'href',
  'data-key',
  'aria-labelledby',
  'data-meeting-title',
  'lang',
  'role',
  'id',
  'class',
  'value',
  'data-tid',
  'data-testid',
  'data-icon-name',
  'jsname',
  'aria-level',
];

function mutate(doc: Document, random: () => number): Document {
  const pick = <T>(list: ArrayLike<T>): T | undefined => list[Math.floor(random() * list.length)];
  const elements = () => [...doc.querySelectorAll('body *, html')];
  const steps = 1 + Math.floor(random() * 4);
  for (let i = 0; i < steps; i++) {
    const el = pick(elements());
    if (!el) break;
    switch (Math.floor(random() * 16)) {
      case 0: // delete an element
        if (el !== doc.documentElement) el.remove();
        break;
      case 1: {
        // shuffle its attributes (and drop some)
        const attrs = [...el.attributes].map((a) => [a.name, a.value] as const);
        for (const [name] of attrs) el.removeAttribute(name);
        for (const [name, value] of attrs.sort(() => random() - 0.5)) {
          if (random() > 0.2) el.setAttribute(name, value);
        }
        break;
      }
      case 2: // random text
        el.textContent = pick(nasty) ?? '';
        break;
      case 3: // a random value in an attribute the parsers read
        el.setAttribute(pick(attributes) ?? 'title', pick(nasty) ?? '');
        break;
      case 4: {
        // move it somewhere else
        const target = pick(elements());
        if (target && !el.contains(target) && el !== doc.documentElement) target.appendChild(el);
        break;
      }
      case 5: // duplicate it
        if (el !== doc.documentElement) el.after(el.cloneNode(true));
        break;
      case 6: // swap a value between two elements
        el.setAttribute(
          'data-eventid',
          pick(elements())?.getAttribute('href') ?? pick(nasty) ?? '',
        );
        break;
      case 7: {
        // cut the page short and parse it again
        const html = doc.documentElement.outerHTML;
        return parseHtml(html.slice(0, Math.floor(random() * html.length)));
      }
      default: // mostly text and attributes, which is what changes most on real pages
        if (random() < 0.5) el.textContent = pick(nasty) ?? '';
        else el.setAttribute(pick(attributes) ?? 'title', pick(nasty) ?? '');
    }
  }
  return doc;
}

describe.each(fixtureCases())('$file, mutated', (fixture) => {
  const html = fixtureHtml(fixture.file);
  const ownHost = fixture.file.split('/')[0];

  test(`every parser survives ${RUNS} mutations and reports only valid contexts`, () => {
    const seed = [...fixture.file].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) >>> 0, 7);
    const random = generator(seed);
    let reports = 0;
    let doc = parseHtml(html);
    for (let run = 0; run < RUNS; run++) {
      // Mutations pile up for ten runs, then start again from the saved page (parsing a page
      // in happy-dom costs milliseconds; 200 fresh parses per fixture would be slow).
      if (run % 10 === 0) doc = parseHtml(html);
      doc = mutate(doc, random);
      for (const host of hosts) {
        const url = new URL(host.id === ownHost ? fixture.url : (ownUrls[host.id] ?? ''));
        let context: PageContext | null = null;
        expect(() => {
          context = host.parse(doc, url);
        }, `${host.id}, run ${run}, seed ${seed}`).not.toThrow();
        expectValidContext(context);
        if (context) reports++;
      }
    }
    expect(reports, 'the parsers still read something').toBeGreaterThan(0);
  }, 60_000);
});
