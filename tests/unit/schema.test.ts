import { describe, expect, test } from 'vitest';
import type * as z from 'zod/mini';
import { formatHlc } from '../../utils/data/hlc';
import { InvalidRecordError, parseRecord } from '../../utils/data/validate';
import { actionItem } from '../../utils/schema/action-item';
import { agendaItem } from '../../utils/schema/agenda-item';
import { goal } from '../../utils/schema/goal';
import { note } from '../../utils/schema/note';
import { pair } from '../../utils/schema/pair';
import { customPrompt, promptShape, promptState } from '../../utils/schema/prompt';
import { reflection } from '../../utils/schema/reflection';
import { session } from '../../utils/schema/session';

const synced = {
  updatedAt: formatHlc({ wall: 1_700_000_000_000, counter: 0, deviceId: 'device-a' }),
  deleted: false,
  deviceId: 'device-a',
};

const valid = {
  pair: {
    ...synced,
    id: 'pair-1',
    title: 'Ada and Grace',
    model: 'one-to-one',
    members: [
      { id: 'm1', name: 'Ada', email: 'ada@example.org', role: 'mentee' },
      { id: 'm2', name: 'Grace', email: '', role: 'mentor' },
    ],
    myRole: 'mentee',
    cadenceDays: 14,
    agreement: { rhythm: 'Fortnightly', confidentiality: 'Between us', scope: 'Career' },
    matchRules: { meetingCodes: ['abc-defg-hij'], eventIds: [], urls: [], keywords: ['mentoring'] },
    archived: false,
    createdAt: 1_700_000_000_000,
  },
  goal: {
    ...synced,
    id: 'goal-1',
    pairId: 'pair-1',
    title: 'Give a conference talk',
    why: 'Visibility',
    measure: 'Talk accepted',
    targetDate: '2025-06-30',
    status: 'active',
    progress: 40,
    order: 1,
  },
  session: {
    ...synced,
    id: 'session-1',
    pairId: 'pair-1',
    scheduledAt: '2025-01-07T10:30',
    calendarEventId: '',
    meetingUrl: 'https://meet.google.com/abc-defg-hij',
    status: 'planned',
    createdAt: 1_700_000_000_000,
  },
  agendaItem: {
    ...synced,
    id: 'agenda-1',
    pairId: 'pair-1',
    sessionId: 'session-1',
    text: 'Talk abstract',
    addedBy: 'mentee',
    order: 2.5,
    done: false,
    carriedFrom: null,
  },
  actionItem: {
    ...synced,
    id: 'action-1',
    pairId: 'pair-1',
    sessionId: 'session-1',
    text: 'Send the abstract',
    owner: 'both',
    due: '',
    status: 'open',
    closedInSessionId: null,
    createdAt: 1_700_000_000_000,
  },
  note: {
    ...synced,
    id: 'note-1',
    pairId: 'pair-1',
    sessionId: 'session-1',
    body: 'We talked about the talk.',
    visibility: 'private',
    createdAt: 1_700_000_000_000,
  },
  reflection: {
    ...synced,
    id: 'reflection-1',
    pairId: 'pair-1',
    sessionId: 'session-1',
    prompt: 'What went well?',
    answer: 'The outline.',
    visibility: 'shared',
    createdAt: 1_700_000_000_000,
  },
  customPrompt: {
    ...synced,
    id: 'custom-1',
    pairId: 'pair-1',
    text: 'What would you tell your younger self?',
    phase: 'live',
    role: 'both',
    theme: 'strengths',
    models: [],
    createdAt: 1_700_000_000_000,
  },
  promptState: {
    ...synced,
    id: 'pair-1:bank-goals-01',
    pairId: 'pair-1',
    promptId: 'bank-goals-01',
    pinned: true,
    skippedUntil: 0,
    lastShownAt: 1_700_000_000_000,
  },
  promptShape: {
    id: 'bank-x',
    text: 'What matters most to you?',
    phase: 'prep',
    role: 'mentee',
    theme: 'goals',
    models: ['peer', 'group'],
  },
};

const schemas: Record<keyof typeof valid, z.ZodMiniType> = {
  pair,
  goal,
  session,
  agendaItem,
  actionItem,
  note,
  reflection,
  customPrompt,
  promptState,
  promptShape,
};

/** The message parseRecord gives for a value it refuses; fails the test when it accepts it. */
function rejection(schema: z.ZodMiniType, value: unknown): string {
  try {
    parseRecord(schema, value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRecordError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe('record schemas', () => {
  test.each(Object.keys(valid) as Array<keyof typeof valid>)('accept a valid %s', (name) => {
    expect(parseRecord(schemas[name], valid[name])).toEqual(valid[name]);
  });

  test('leave out fields a record does not have', () => {
    const parsed = parseRecord(goal, { ...valid.goal, colour: 'red' });
    expect(parsed).not.toHaveProperty('colour');
  });

  test('refuse a pair without a title, saying so', () => {
    expect(rejection(pair, { ...valid.pair, title: '' })).toBe('Title: Give the pair a title');
    const { title: _title, ...untitled } = valid.pair;
    expect(rejection(pair, untitled)).toMatch(/^Title: /);
  });

  test('refuse goal progress of 150 percent, naming progress', () => {
    expect(rejection(goal, { ...valid.goal, progress: 150 })).toMatch(/^Progress: /);
    expect(rejection(goal, { ...valid.goal, progress: -1 })).toMatch(/^Progress: /);
    expect(rejection(goal, { ...valid.goal, progress: 12.5 })).toMatch(/^Progress: /);
  });

  test('refuse a member with a bad email address, pointing at that member', () => {
    const members = [
      valid.pair.members[0],
      { id: 'm2', name: 'Grace', email: 'grace at home', role: 'mentor' },
    ];
    expect(rejection(pair, { ...valid.pair, members })).toBe(
      'Member 2, email: Not an email address',
    );
  });

  test('refuse a member without a name', () => {
    const members = [{ id: 'm1', name: '', email: '', role: 'mentee' }];
    expect(rejection(pair, { ...valid.pair, members })).toBe(
      'Member 1, name: A member needs a name',
    );
  });

  test('refuse dates that are not YYYY-MM-DD, naming the field', () => {
    expect(rejection(goal, { ...valid.goal, targetDate: 'next Friday' })).toMatch(/^Target date: /);
    expect(rejection(goal, { ...valid.goal, targetDate: '30/06/2025' })).toMatch(/^Target date: /);
    expect(rejection(actionItem, { ...valid.actionItem, due: '2025-6-3' })).toMatch(/^Due date: /);
  });

  test('refuse a session time that a date-time input would not give', () => {
    expect(rejection(session, { ...valid.session, scheduledAt: '2025-01-07 10:30' })).toMatch(
      /^Date and time: /,
    );
    expect(rejection(session, { ...valid.session, scheduledAt: '2025-01-07' })).toMatch(
      /^Date and time: /,
    );
  });

  test('accept an empty date as "not set"', () => {
    expect(parseRecord(goal, { ...valid.goal, targetDate: '' }).targetDate).toBe('');
    expect(parseRecord(session, { ...valid.session, scheduledAt: '' }).scheduledAt).toBe('');
  });

  // Bug: isoDate (utils/schema/common.ts) checks only the digit pattern, so an import or a
  // synced record can carry a date that is on no calendar.
  test('refuse a target date that is not on the calendar', () => {
    expect(rejection(goal, { ...valid.goal, targetDate: '2025-02-30' })).toMatch(/^Target date: /);
    expect(rejection(goal, { ...valid.goal, targetDate: '2025-13-01' })).toMatch(/^Target date: /);
  });

  test('refuse values outside each choice, naming the field', () => {
    expect(rejection(goal, { ...valid.goal, status: 'done' })).toMatch(/^Status: /);
    expect(rejection(pair, { ...valid.pair, model: 'mentorship' })).toMatch(/^Mentoring model: /);
    expect(rejection(pair, { ...valid.pair, myRole: 'coach' })).toMatch(/^My role: /);
    expect(rejection(note, { ...valid.note, visibility: 'public' })).toMatch(/^Who sees it: /);
    expect(rejection(actionItem, { ...valid.actionItem, owner: 'team' })).toMatch(/^Owner: /);
    expect(rejection(actionItem, { ...valid.actionItem, status: 'closed' })).toMatch(/^Status: /);
    expect(rejection(session, { ...valid.session, status: 'cancelled' })).toMatch(/^Status: /);
    expect(rejection(promptShape, { ...valid.promptShape, phase: 'after' })).toMatch(/^“phase”: /);
    expect(rejection(promptShape, { ...valid.promptShape, theme: 'money' })).toMatch(/^“theme”: /);
    expect(rejection(promptShape, { ...valid.promptShape, models: ['solo'] })).toMatch(
      /^“models” 1: /,
    );
  });

  test('refuse an order that is not a finite number', () => {
    expect(rejection(goal, { ...valid.goal, order: Number.POSITIVE_INFINITY })).toMatch(
      /^Position: /,
    );
    expect(rejection(agendaItem, { ...valid.agendaItem, order: Number.NaN })).toMatch(
      /^Position: /,
    );
  });

  test('refuse a cadence of zero days or of part of a day', () => {
    expect(rejection(pair, { ...valid.pair, cadenceDays: 0 })).toMatch(/^Meeting cadence: /);
    expect(rejection(pair, { ...valid.pair, cadenceDays: 3.5 })).toMatch(/^Meeting cadence: /);
    expect(rejection(pair, { ...valid.pair, cadenceDays: 366 })).toMatch(/^Meeting cadence: /);
  });

  test('refuse empty texts with a message of their own', () => {
    expect(rejection(goal, { ...valid.goal, title: '' })).toBe('Title: A goal needs a title');
    expect(rejection(agendaItem, { ...valid.agendaItem, text: '' })).toBe(
      'Text: An agenda item needs text',
    );
    expect(rejection(actionItem, { ...valid.actionItem, text: '' })).toBe(
      'Text: An action item needs text',
    );
    expect(rejection(customPrompt, { ...valid.customPrompt, text: '' })).toBe(
      'Text: A prompt needs text',
    );
  });

  test('refuse a record without the fields sync needs', () => {
    expect(rejection(note, { ...valid.note, updatedAt: '' })).toMatch(/^Last change: /);
    expect(rejection(note, { ...valid.note, deviceId: '' })).toMatch(/^Device: /);
    expect(rejection(note, { ...valid.note, id: 'x'.repeat(129) })).toMatch(/^Id: /);
    const { deleted: _deleted, ...noTombstoneFlag } = valid.note;
    expect(rejection(note, noTombstoneFlag)).toMatch(/^Deleted: /);
  });

  test('name every wrong field at once', () => {
    const message = rejection(goal, { ...valid.goal, title: '', progress: 150, status: 'done' });
    expect(message.split('; ').map((part) => part.split(':')[0])).toEqual([
      'Title',
      'Status',
      'Progress',
    ]);
  });

  // Bug: zod/mini ships without an error locale and none is configured (z.config), so every
  // built-in check says only "Invalid input": the message names the field but not why,
  // although utils/data/validate.ts promises "which field and why".
  test.each([
    ['goal progress 150', goal, { ...valid.goal, progress: 150 }, /100/],
    ['an unknown goal status', goal, { ...valid.goal, status: 'done' }, /active/],
    [
      'an infinite order',
      goal,
      { ...valid.goal, order: Number.POSITIVE_INFINITY },
      /finite|Infinity/,
    ],
  ])('say why they refuse %s, not only "Invalid input"', (_what, schema, value, why) => {
    expect(rejection(schema, value)).toMatch(why);
  });
});
