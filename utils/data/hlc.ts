/**
 * Hybrid logical clock stamps: wall-clock milliseconds, a counter for events within the same
 * millisecond (or when the wall clock goes backwards), and the device id as a tie-breaker.
 * Encoded so that plain string comparison orders them, which is what sync merges by.
 */
export interface HlcClock {
  /** A new stamp, later than every stamp this clock issued or received. */
  now(): string;
  /** Move the clock past a stamp received from another device. */
  receive(stamp: string): void;
}

export interface HlcParts {
  wall: number;
  counter: number;
  deviceId: string;
}

const WALL_DIGITS = 11; // base 36: enough for dates until the year 5188
const COUNTER_DIGITS = 5;

export function formatHlc({ wall, counter, deviceId }: HlcParts): string {
  return `${wall.toString(36).padStart(WALL_DIGITS, '0')}-${counter
    .toString(36)
    .padStart(COUNTER_DIGITS, '0')}-${deviceId}`;
}

export function parseHlc(stamp: string): HlcParts | undefined {
  const match = /^([0-9a-z]{11})-([0-9a-z]{5})-(.+)$/.exec(stamp);
  if (!match) return undefined;
  const [, wall = '', counter = '', deviceId = ''] = match;
  return { wall: Number.parseInt(wall, 36), counter: Number.parseInt(counter, 36), deviceId };
}

export function createHlc(deviceId: string, clock: () => number = Date.now): HlcClock {
  let wall = 0;
  let counter = 0;
  return {
    now() {
      const physical = clock();
      if (physical > wall) {
        wall = physical;
        counter = 0;
      } else {
        counter += 1;
      }
      return formatHlc({ wall, counter, deviceId });
    },
    receive(stamp) {
      const parts = parseHlc(stamp);
      if (!parts) return;
      if (parts.wall > wall || (parts.wall === wall && parts.counter > counter)) {
        wall = parts.wall;
        counter = parts.counter;
      }
    },
  };
}

/** The wall-clock time (epoch ms) of a stamp, or 0 when it is not a stamp. */
export function hlcWallTime(stamp: string): number {
  return parseHlc(stamp)?.wall ?? 0;
}
