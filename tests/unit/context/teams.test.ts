// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { parseTeams } from '../../../utils/context/teams';
import { expectValidContext } from './expect-context';
import { loadFixture, parseHtml } from './load-fixture';

const JOIN =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NTg0YzFkMjQtZTQ1Ni00NDA0LTk0YzEtNjE4ZGRlNDNmY2E1%40thread.v2/0';
const THREAD = '19:meeting_NTg0YzFkMjQtZTQ1Ni00NDA0LTk0YzEtNjE4ZGRlNDNmY2E1@thread.v2';

function read(doc: Document, url: string) {
  const context = parseTeams(doc, new URL(url));
  expectValidContext(context);
  return context;
}

describe('parseTeams', () => {
  test('reads the thread id of the join link, the one the Outlook event carries', () => {
    const context = read(
      loadFixture('teams/prejoin.html'),
      `${JOIN}?context=%7b%22Tid%22%7d&anon=true`,
    );
    expect(context?.meeting?.meetingCode).toBe(THREAD);
    expect(context?.url).toBe(JOIN);
  });

  test('reads the thread id from the old router after #', () => {
    const hash = JOIN.replace('teams.microsoft.com/', 'teams.microsoft.com/_#/');
    expect(read(loadFixture('teams/prejoin.html'), hash)?.meeting?.meetingCode).toBe(THREAD);
  });

  test('finds the call in the page when the URL says nothing', () => {
    const meeting = read(
      loadFixture('teams/in-call.html'),
      'https://teams.microsoft.com/v2/',
    )?.meeting;
    expect(meeting).toEqual({
      title: 'Mentoring: Alex / Jordan',
      attendees: [],
      meetingCode: undefined,
      inCall: true,
    });
  });

  test('returns null for Teams pages without a meeting (chat, files) and other hosts', () => {
    const chat = parseHtml('<title>Chat | Microsoft Teams</title><div data-tid="chat-pane"></div>');
    expect(parseTeams(chat, new URL('https://teams.microsoft.com/v2/'))).toBeNull();
    const call = loadFixture('teams/in-call.html');
    expect(parseTeams(call, new URL('https://teams.example.com/v2/'))).toBeNull();
    expect(parseTeams(call, new URL('http://teams.microsoft.com/v2/'))).toBeNull();
  });

  test('knows the pre-join screen from the call by test ids, not by labels', () => {
    const prejoin = parseHtml('<button data-tid="prejoin-join-button">Jetzt teilnehmen</button>');
    expect(read(prejoin, JOIN)?.meeting?.inCall).toBe(false);
    const hangup = parseHtml('<button id="hangup-button">Verlassen</button>');
    expect(read(hangup, JOIN)?.meeting?.inCall).toBe(true);
    const neither = parseHtml('<div>Loading…</div>');
    expect(read(neither, JOIN)?.meeting?.inCall).toBeUndefined();
  });
});
