import { describe, expect, test } from 'vitest';
import { checkPullPage } from '../src/pull-check';

const entry = () => ({
  seq: 7,
  recordId: 'note-1',
  deviceId: 'AAAAAAAAAAAAAAAAAAAAAA',
  mutationId: 3,
  envelope: { v: 1 as const, iv: 'BBBBBBBBBBBBBBBB', ct: 'Y2lwaGVydGV4dA' },
  receivedAt: '2026-01-02T03:04:05.678Z',
});

describe('the pull page check', () => {
  test('lets a page that fits the protocol through unchanged', () => {
    const page = { entries: [entry(), { ...entry(), seq: 8 }], cursor: 8, more: false, head: 8 };
    expect(checkPullPage(page)).toBe(page);
  });

  test('refuses a page the extension would not parse, naming the entry', () => {
    const drifted = [
      { ...entry(), envelope: { ...entry().envelope, v: 3 } },
      { ...entry(), envelope: { ...entry().envelope, iv: 'short' } },
      { ...entry(), envelope: { ...entry().envelope, ct: '' } },
      { ...entry(), deviceId: 'not a server id' },
      { ...entry(), recordId: '' },
      { ...entry(), seq: Number.NaN },
    ];
    for (const bad of drifted) {
      // @ts-expect-error: what the store must never hand over
      expect(() => checkPullPage({ entries: [entry(), bad], cursor: 8, more: false })).toThrow(
        'entries.1',
      );
    }
    // @ts-expect-error: likewise
    expect(() => checkPullPage({ entries: [], cursor: 8, more: 'no' })).toThrow('more');
  });
});
