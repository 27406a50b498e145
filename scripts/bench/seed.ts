// What the benchmarks' seeds share: a seeded random source (the same records on every run),
// ids, dates and the sync fields every record carries, stamped as the extension stamps them.

export const DEVICE_ID = 'bench';
export const DAY = 86_400_000;

/** A record as written to IndexedDB: the seeds fill in the fields its zod schema asks for. */
export type Row = { id: string } & Record<string, unknown>;

/** Small seeded PRNG (mulberry32): the same data on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version 4 UUID drawn from `random`. */
export function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)] as string;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A hybrid logical clock stamp as utils/data/hlc.ts formats it (wall ms base 36, counter, device). */
export function hlcStamp(wall: number, counter = 0): string {
  return `${wall.toString(36).padStart(11, '0')}-${counter.toString(36).padStart(5, '0')}-${DEVICE_ID}`;
}

/**
 * The fields every shared record carries, for a record written at `wall`; the counter runs on
 * over the whole seed.
 */
export function syncFields(): (
  id: string,
  wall: number,
) => { id: string; updatedAt: string; deleted: false; deviceId: string } {
  let counter = 0;
  return (id, wall) => ({
    id,
    updatedAt: hlcStamp(wall, counter++ % 1000),
    deleted: false,
    deviceId: DEVICE_ID,
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function isoMinute(ms: number): string {
  const d = new Date(ms);
  return `${isoDay(ms)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export const emailOf = (name: string): string =>
  `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`;
