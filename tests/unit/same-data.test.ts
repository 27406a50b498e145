import { describe, expect, test } from 'vitest';
import { sameData } from '../../utils/same-data';

/* components/use-live.ts keeps the rows on screen when Dexie's first answer is the same data. */

describe('sameData', () => {
  test('the same rows read twice are the same data', () => {
    const rows = () => [
      { id: 'a', title: 'Lead the launch', progress: 40, done: false, tags: ['x'], due: null },
      { id: 'b', title: 'Speak', progress: Number.NaN, nested: { at: 1, list: [1, 2] } },
    ];
    expect(sameData(rows(), rows())).toBe(true);
    expect(sameData({ total: 3, page: rows() }, { total: 3, page: rows() })).toBe(true);
    expect(sameData(undefined, undefined)).toBe(true);
  });

  test('any difference, however small, is a difference', () => {
    const row = { id: 'a', title: 'Lead', progress: 40, tags: ['x'] };
    expect(sameData([row], [{ ...row, title: 'Lead ' }])).toBe(false);
    expect(sameData([row], [{ ...row, progress: 41 }])).toBe(false);
    expect(sameData([row], [{ ...row, tags: ['x', 'y'] }])).toBe(false);
    expect(sameData([row], [row, row])).toBe(false);
    expect(sameData([row], [{ ...row, extra: undefined }])).toBe(false);
    expect(sameData({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameData([row], { 0: row, length: 1 })).toBe(false);
    expect(sameData(0, -0)).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData('1', 1)).toBe(false);
  });

  test('objects it cannot compare field by field are the same only if identical', () => {
    const at = new Date(0);
    expect(sameData({ at }, { at })).toBe(true);
    expect(sameData({ at }, { at: new Date(0) })).toBe(false);
    expect(sameData(new Map(), new Map())).toBe(false);
    expect(sameData(new Uint8Array([1]), new Uint8Array([1]))).toBe(false);
  });
});
