import { describe, expect, test } from 'vitest';
import { mergeRecord, type SyncedRow } from '../../../utils/sync/merge';
import { allStamps, s } from './stamps';

const suggestion = (changes: Partial<SyncedRow>, updatedAt: string): SyncedRow => ({
  id: 'item-1',
  pairId: 'pair-1',
  sessionId: 'session-1',
  text: 'Try a pre-mortem',
  addedBy: 'mentor',
  order: 3,
  done: false,
  carriedFrom: null,
  suggestion: true,
  authorId: 'm2',
  updatedAt,
  deviceId: 'x',
  deleted: false,
  ...changes,
});

describe('sync merges who owns what like any other field', () => {
  test('the mentee accepts a suggestion while the mentor rewords it: both edits survive', () => {
    const base = s(1);
    const mentee = suggestion({ suggestion: false, order: 2 }, s(3, 'a'));
    const mentor = suggestion({ text: 'Try a pre-mortem on the launch' }, s(2, 'b'));
    const result = mergeRecord(
      'agendaItems',
      {
        record: mentee,
        fields: { ...allStamps(mentee, base), suggestion: s(3, 'a'), order: s(3, 'a') },
        synced: allStamps(mentee, base),
      },
      {
        record: mentor,
        fields: { ...allStamps(mentor, base), text: s(2, 'b') },
        base: allStamps(mentor, base),
      },
    );
    expect(result.record).toMatchObject({
      text: 'Try a pre-mortem on the launch',
      suggestion: false,
      order: 2,
      authorId: 'm2',
    });
    expect(result.conflicts).toEqual([]);
  });

  test('a goal given a new owner on one device and progress on another keeps both', () => {
    const base = s(1);
    const goal = (changes: Partial<SyncedRow>, updatedAt: string): SyncedRow => ({
      id: 'goal-1',
      pairId: 'pair-1',
      title: 'Lead a retro',
      why: '',
      measure: '',
      targetDate: '',
      status: 'active',
      progress: 0,
      order: 1,
      ownerIds: ['m1'],
      updatedAt,
      deviceId: 'x',
      deleted: false,
      ...changes,
    });
    const mine = goal({ ownerIds: ['m3'] }, s(3, 'a'));
    const theirs = goal({ progress: 50 }, s(2, 'b'));
    const result = mergeRecord(
      'goals',
      {
        record: mine,
        fields: { ...allStamps(mine, base), ownerIds: s(3, 'a') },
        synced: allStamps(mine, base),
      },
      {
        record: theirs,
        fields: { ...allStamps(theirs, base), progress: s(2, 'b') },
        base: allStamps(theirs, base),
      },
    );
    expect(result.record).toMatchObject({ ownerIds: ['m3'], progress: 50 });
  });
});
