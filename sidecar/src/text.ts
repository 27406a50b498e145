/**
 * Text a person typed (device names) is shown to the other member and stored by both stores.
 * Control characters have no place in it: a NUL makes PostgreSQL fail the whole statement while
 * SQLite stores it, and C0/C1 controls or a lone UTF-16 half can garble a list or a log line.
 * Refusing them at the edge gives one 400 answer whichever store is behind.
 */
/** Text with none of the characters the loop below looks at twice (controls, UTF-16 halves). */
const PLAIN = /^[\u0020-\u007e\u00a0-\ud7ff\ue000-\uffff]*$/;

export function hasForbiddenCharacters(text: string, allowLineBreaks = false): boolean {
  // Fast path for the common case (a push's ciphertexts are kilobytes of base64url): the regex
  // engine rules out every suspect character at once; the loop below decides on the rest.
  if (PLAIN.test(text)) return false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (allowLineBreaks && code === 0x0a) continue;
    // C0 (NUL, tab and line breaks included), DEL and C1.
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
      return true;
    }
    if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

/**
 * The dotted path of the first string in `value` with a forbidden character, if any. Strings under
 * the top-level fields named in `multiline` (a programme's agreement template) may hold \n.
 */
export function findForbiddenText(
  value: unknown,
  path: string[] = [],
  multiline: readonly string[] = [],
): string[] | undefined {
  if (typeof value === 'string') {
    const lines = path[0] !== undefined && multiline.includes(path[0]);
    return hasForbiddenCharacters(value, lines) ? path : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findForbiddenText(item, [...path, String(index)], multiline);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findForbiddenText(item, [...path, key], multiline);
      if (found) return found;
    }
  }
  return undefined;
}

export const FORBIDDEN_TEXT_MESSAGE = 'control characters are not allowed';
