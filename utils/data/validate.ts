import type * as z from 'zod/mini';
import { placeInWords } from './field-words';

/** One thing wrong with a value: where (a path of keys) and what, in words. */
export interface FieldProblem {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * A value that does not fit its record schema. The message names each field in words ("title:
 * Too small…"); `problems` keeps the paths, so a form can show each beside its field.
 */
export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((p) => `${placeInWords(p.path)}: ${p.message}`).join('; '));
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return new InvalidRecordError(issues.map((i) => ({ path: i.path, message: i.message }))).message;
}

export function parseRecord<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InvalidRecordError(
      result.error.issues.map((i) => ({ path: i.path, message: i.message })),
    );
  }
  return result.data;
}
