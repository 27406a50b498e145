import type * as z from 'zod/mini';

/** A value that does not fit its record schema; the message says which field and why. */
export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError';
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

export function parseRecord<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidRecordError(describeIssues(result.error.issues));
  return result.data;
}
