import { expect } from 'vitest';
import { describeIssues } from '../../../utils/data/validate';
import {
  type MeetingInfo,
  type PageContext,
  pageContext,
} from '../../../utils/schema/page-context';

/** The check the background makes on every report: the context fits the zod schema. */
export function expectValidContext(context: PageContext | null): void {
  if (context === null) return;
  const result = pageContext.safeParse(context);
  expect(
    result.success ? '' : describeIssues(result.error.issues),
    'fits the PageContext schema',
  ).toBe('');
}

const emailSet = (emails: unknown) =>
  [...new Set((emails as string[]).map((email) => email.toLowerCase()))].sort();

/**
 * Asserts fields in the format of tests/fixtures/hosts/expected.json: host and kind are the
 * context's own, `event: null` means no meeting, every other key is a field of the meeting
 * (attendees compared lower-cased, as a set; a null value means the field must be absent).
 */
export function expectFields(context: PageContext | null, fields: Record<string, unknown>): void {
  expect(context, 'a context, not null').not.toBeNull();
  for (const [key, want] of Object.entries(fields)) {
    if (key === 'host' || key === 'kind') {
      expect(context?.[key], key).toBe(want);
    } else if (key === 'event') {
      expect(want, 'event is only ever expected to be null').toBeNull();
      expect(context?.meeting, 'meeting').toBeNull();
    } else {
      expect(context?.meeting, `a meeting, for ${key}`).not.toBeNull();
      const got = context?.meeting?.[key as keyof MeetingInfo];
      if (key === 'attendees') {
        expect(got).toBeInstanceOf(Array);
        const list = got as string[];
        expect(list, 'attendees are lower-cased').toEqual(list.map((email) => email.toLowerCase()));
        expect(list.length, 'attendees have no duplicates').toBe(new Set(list).size);
        expect(emailSet(list), key).toEqual(emailSet(want));
      } else if (want === null) {
        expect(got, `${key} is absent`).toBeUndefined();
      } else {
        expect(got, key).toEqual(want);
      }
    }
  }
}
