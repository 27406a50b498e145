import * as z from 'zod/mini';
import { HttpError } from './errors';
import { FORBIDDEN_TEXT_MESSAGE, findForbiddenText } from './text';

/**
 * Parses a request part with its protocol schema; a mismatch is a 400 naming the first bad
 * field. zod's messages describe the expectation, never echo the input, so they are safe to send.
 * Every string that passes must be free of control characters (text.ts), whatever the field.
 */
export function parseRequest<Schema extends z.ZodMiniType>(
  schema: Schema,
  value: unknown,
  part: 'body' | 'query' | 'path',
  /** Top-level fields whose text may hold line breaks (\n only). */
  multiline: readonly string[] = [],
): z.infer<Schema> {
  const result = z.safeParse(schema, value);
  if (result.success) {
    const badText = findForbiddenText(result.data, [], multiline);
    if (badText) {
      throw new HttpError(
        400,
        'bad_request',
        `${[part, ...badText].join('.')}: ${FORBIDDEN_TEXT_MESSAGE}`,
      );
    }
    return result.data;
  }
  const issue = result.error.issues[0];
  const where = [part, ...(issue?.path ?? []).map(String)].join('.');
  const message = `${where}: ${issue?.message ?? 'invalid'}`.slice(0, 200);
  throw new HttpError(400, 'bad_request', message);
}

/**
 * Checks what the server is about to send against the protocol, so the sidecar can never drift
 * from the contract the extension parses; a mismatch is a server bug and becomes a 500.
 */
export function checkResponse<Schema extends z.ZodMiniType>(
  schema: Schema,
  value: z.infer<Schema>,
): z.infer<Schema> {
  return z.parse(schema, value);
}
