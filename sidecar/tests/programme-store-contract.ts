import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ReportCounts } from '../src/store/programmes';
import type { Store } from '../src/store/types';
import { newServerId } from '../src/tokens';

/** Counts of one report; `n` varies them so sums are checkable. */
export function counts(n: number, overrides: Partial<ReportCounts> = {}): ReportCounts {
  return {
    sessionsHeld: n,
    rhythmKept: n % 2 === 0,
    milestones: { agreement: true, midpoint: n > 2 },
    goals: { active: n, achieved: 1, paused: 0, dropped: 0 },
    actionItems: { done: n, open: 1 },
    usefulness: [0, 0, 1, n, 0],
    rolesUsed: { advisor: n, challenger: 1, connector: 0, supporter: 0 },
    ...overrides,
  };
}

/**
 * What both store adapters must do for programmes (SQLite and PostgreSQL run the same tests):
 * enrolments, one report per pair and month, and figures that never come from fewer pairs
 * than the minimum.
 */
export function describeProgrammeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store: programmes`, () => {
    let store: Store;
    const at = new Date('2026-12-01T00:00:00Z');

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    async function programme() {
      const id = newServerId();
      await store.createProgramme({ id, definition: '{"x":1}', secretHash: 'ab'.repeat(32) }, at);
      return id;
    }
    async function enrolled(programmeId: string, n: number) {
      const ids: string[] = [];
      for (let i = 0; i < n; i += 1) {
        const id = `${newServerId()}${'e'.repeat(21)}`;
        expect(await store.enrol(programmeId, id, `key-${id}`, at)).toBe('enrolled');
        ids.push(id);
      }
      return ids;
    }

    test('keeps a programme and its enrolments; an enrolment is once, and leaving is kept', async () => {
      const id = await programme();
      expect((await store.programmeById(id))?.definition).toBe('{"x":1}');
      expect((await store.listProgrammes()).map((p) => p.id)).toContain(id);
      expect(await store.programmeById(newServerId())).toBeUndefined();
      const pair = (await enrolled(id, 1))[0] as string;
      expect(await store.enrol(id, pair, 'key', at)).toBe('exists');
      expect((await store.enrolmentOf(id, pair))?.withdrawnAt).toBeNull();
      await store.withdraw(id, pair, at);
      await store.withdraw(id, pair, new Date(at.getTime() + 1000));
      expect((await store.enrolmentOf(id, pair))?.withdrawnAt?.getTime()).toBe(at.getTime());
      expect(await store.enrol(id, pair, 'key', at)).toBe('withdrawn');
    });

    test('takes one report per pair and month: a second one is refused, the first kept', async () => {
      const id = await programme();
      const pairs = await enrolled(id, 5);
      expect(await store.addReport(id, pairs[0] as string, '2026-11', counts(2), at)).toBe(
        'stored',
      );
      expect(await store.addReport(id, pairs[0] as string, '2026-11', counts(9), at)).toBe(
        'duplicate',
      );
      for (const pair of pairs.slice(1)) await store.addReport(id, pair, '2026-11', counts(2), at);
      const figures = await store.programmeFigures(id, '2026-11', '2026-11', 5);
      expect(figures.months).toEqual([{ period: '2026-11', sessions: 10, rhythmKept: 1 }]);
    });

    test('shows figures from the minimum of pairs up, and none below it', async () => {
      const id = await programme();
      const pairs = await enrolled(id, 5);
      for (const [i, pair] of pairs.slice(0, 4).entries())
        await store.addReport(id, pair, '2026-10', counts(i + 1), at);
      const under = await store.programmeFigures(id, '2026-10', '2026-10', 5);
      expect(under).toEqual({
        enrolled: 5,
        active: null,
        months: [{ period: '2026-10', sessions: null, rhythmKept: null }],
        milestones: {},
        goals: { active: null, achieved: null, paused: null, dropped: null },
        actionItems: { done: null, open: null },
        usefulness: [null, null, null, null, null],
        rolesUsed: { advisor: null, challenger: null, connector: null, supporter: null },
      });
      await store.addReport(id, pairs[4] as string, '2026-10', counts(5), at);
      const at5 = await store.programmeFigures(id, '2026-10', '2026-10', 5);
      expect(at5.active).toBe(5);
      expect(at5.months).toEqual([{ period: '2026-10', sessions: 15, rhythmKept: 0.4 }]);
      expect(at5.goals).toEqual({ active: 15, achieved: 5, paused: 0, dropped: 0 });
      expect(at5.actionItems).toEqual({ done: 15, open: 5 });
      expect(at5.usefulness).toEqual([0, 0, 5, 15, 0]);
      expect(at5.rolesUsed).toEqual({ advisor: 15, challenger: 5, connector: 0, supporter: 0 });
      expect(at5.milestones).toEqual({ agreement: 1, midpoint: 0.6 });
      // Six enrolled, one left: five still count; four would not.
      expect((await store.programmeFigures(id, '2026-10', '2026-10', 6)).enrolled).toBeNull();
    });

    test('a month with one pair cannot be singled out by narrowing or differencing ranges', async () => {
      const id = await programme();
      const pairs = await enrolled(id, 6);
      // Six pairs report in October; only the sixth reports in November, with numbers all its own.
      for (const pair of pairs) await store.addReport(id, pair, '2026-10', counts(1), at);
      const lonely = counts(7, { goals: { active: 9, achieved: 9, paused: 9, dropped: 9 } });
      await store.addReport(id, pairs[5] as string, '2026-11', lonely, at);

      const november = await store.programmeFigures(id, '2026-11', '2026-11', 5);
      expect(november.active).toBeNull();
      expect(november.months).toEqual([{ period: '2026-11', sessions: null, rhythmKept: null }]);
      expect(november.goals.active).toBeNull();
      expect(november.usefulness).toEqual([null, null, null, null, null]);
      expect(november.milestones).toEqual({});

      // Every range that holds November shows exactly what the same range without it shows.
      const october = await store.programmeFigures(id, '2026-10', '2026-10', 5);
      const both = await store.programmeFigures(id, '2026-10', '2026-11', 5);
      const wide = await store.programmeFigures(id, '2026-01', '2026-12', 5);
      for (const figures of [both, wide]) {
        expect(figures.active).toBe(october.active);
        expect(figures.goals).toEqual(october.goals);
        expect(figures.actionItems).toEqual(october.actionItems);
        expect(figures.usefulness).toEqual(october.usefulness);
        expect(figures.rolesUsed).toEqual(october.rolesUsed);
        expect(figures.milestones).toEqual(october.milestones);
        expect(figures.months.find((m) => m.period === '2026-11')).toEqual({
          period: '2026-11',
          sessions: null,
          rhythmKept: null,
        });
      }
      // The lonely pair's own numbers appear nowhere.
      expect(JSON.stringify([november, both, wide])).not.toMatch(/"(sessions|active)":7\b|:9\b/);
    });
  });
}
