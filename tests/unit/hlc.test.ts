import { describe, expect, test } from 'vitest';
import { createHlc, formatHlc, hlcWallTime, parseHlc } from '../../utils/data/hlc';

function clockAt(start: number) {
  let time = start;
  return {
    read: () => time,
    set(ms: number) {
      time = ms;
    },
  };
}

function isStrictlyIncreasing(stamps: readonly string[]): boolean {
  return stamps.every((stamp, i) => i === 0 || stamp > (stamps[i - 1] as string));
}

describe('hybrid logical clock', () => {
  test('issues strictly later stamps while the wall clock stands still', () => {
    const wall = clockAt(1_700_000_000_000);
    const hlc = createHlc('device-a', wall.read);
    const stamps = Array.from({ length: 50 }, () => hlc.now());
    expect(isStrictlyIncreasing(stamps)).toBe(true);
  });

  test('issues strictly later stamps when the wall clock goes backwards', () => {
    const wall = clockAt(1_700_000_000_000);
    const hlc = createHlc('device-a', wall.read);
    const before = hlc.now();
    wall.set(1_700_000_000_000 - 60 * 60 * 1000); // an hour back (clock sync, travel)
    const after = [hlc.now(), hlc.now()];
    expect(isStrictlyIncreasing([before, ...after])).toBe(true);
    expect(hlcWallTime(after[1] as string)).toBe(1_700_000_000_000);
  });

  test('follows the wall clock again once it has caught up', () => {
    const wall = clockAt(1_000);
    const hlc = createHlc('device-a', wall.read);
    hlc.now();
    wall.set(500);
    hlc.now();
    wall.set(2_000);
    const stamp = hlc.now();
    expect(parseHlc(stamp)).toEqual({ wall: 2_000, counter: 0, deviceId: 'device-a' });
  });

  test('orders stamps as strings exactly as in time', () => {
    const parts = [
      { wall: 0, counter: 0 },
      { wall: 9, counter: 35 },
      { wall: 10, counter: 0 },
      { wall: 35, counter: 1 },
      { wall: 36, counter: 0 },
      { wall: 1_700_000_000_000, counter: 0 },
      { wall: 1_700_000_000_000, counter: 36 ** 2 },
      { wall: 1_700_000_000_001, counter: 0 },
      { wall: 4_102_444_800_000, counter: 5 }, // 2100-01-01
    ];
    const stamps = parts.map((p) => formatHlc({ ...p, deviceId: 'z' }));
    expect([...stamps].reverse().sort()).toEqual(stamps);
  });

  test('breaks a tie between devices by device id', () => {
    const a = formatHlc({ wall: 5, counter: 1, deviceId: 'device-a' });
    const b = formatHlc({ wall: 5, counter: 1, deviceId: 'device-b' });
    expect(a < b).toBe(true);
  });

  test('moves past a stamp received from a device whose clock is ahead', () => {
    const mine = createHlc('device-a', () => 1_000);
    const remote = formatHlc({ wall: 90_000, counter: 7, deviceId: 'device-b' });
    mine.receive(remote);
    const next = mine.now();
    expect(next > remote).toBe(true);
    expect(parseHlc(next)).toEqual({ wall: 90_000, counter: 8, deviceId: 'device-a' });
  });

  test('moves past a received stamp of the same millisecond and a higher counter', () => {
    const wall = clockAt(1_000);
    const mine = createHlc('device-a', wall.read);
    mine.now();
    const remote = formatHlc({ wall: 1_000, counter: 40, deviceId: 'device-0' });
    mine.receive(remote);
    expect(mine.now() > remote).toBe(true);
  });

  test('keeps its own time when it receives an older stamp', () => {
    const mine = createHlc('device-a', () => 5_000);
    const own = mine.now();
    mine.receive(formatHlc({ wall: 10, counter: 3, deviceId: 'device-b' }));
    const next = mine.now();
    expect(next > own).toBe(true);
    expect(hlcWallTime(next)).toBe(5_000);
  });

  test('ignores a received value that is not a stamp', () => {
    const mine = createHlc('device-a', () => 5_000);
    const own = mine.now();
    mine.receive('yesterday');
    mine.receive('');
    expect(parseHlc(mine.now())).toEqual({ wall: 5_000, counter: 1, deviceId: 'device-a' });
    expect(own).toBe(formatHlc({ wall: 5_000, counter: 0, deviceId: 'device-a' }));
  });

  test('reads back what it writes, for device ids with dashes too', () => {
    const parts = {
      wall: 1_733_000_123_456,
      counter: 42,
      deviceId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    };
    expect(parseHlc(formatHlc(parts))).toEqual(parts);
  });

  test('refuses to read what is not a stamp', () => {
    expect(parseHlc('')).toBeUndefined();
    expect(parseHlc('12-3-dev')).toBeUndefined();
    expect(parseHlc(`${'0'.repeat(11)}-00000-`)).toBeUndefined();
    expect(parseHlc(`${'0'.repeat(11)}-0000-dev`)).toBeUndefined();
  });

  test('tells the wall-clock time of a stamp, or 0 when it is none', () => {
    const hlc = createHlc('device-a', () => 1_733_000_123_456);
    expect(hlcWallTime(hlc.now())).toBe(1_733_000_123_456);
    expect(hlcWallTime('not a stamp')).toBe(0);
  });
});
