import { t } from '../../i18n';

/**
 * "unexpected "}" at line 3 column 7", from our own scan. The engines' messages cannot be shown
 * as they are: V8 (Chrome) often gives no place at all ("Unexpected token 'h', "this is not
 * json" is not valid JSON", "Unexpected end of JSON input") and blames a different character
 * than SpiderMonkey (Firefox, "JSON.parse: unexpected character at line 1 column 1 of the JSON
 * data"); and both speak English only, where this message is translated.
 */
export function jsonError(text: string, error: unknown): string {
  const offset = jsonErrorOffset(text);
  if (offset < 0) return error instanceof Error ? error.message : String(error);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return offset >= text.length
    ? t('backup.jsonEnds', line, column)
    : t('backup.jsonUnexpected', JSON.stringify(text[offset]), line, column);
}

/**
 * The offset of the first JSON syntax error in `text` (its length when the text ends too
 * early), or -1 when it is valid. A loop with a stack, not recursion, so deep nesting is fine.
 */
function jsonErrorOffset(text: string): number {
  const closers: string[] = [];
  const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  let i = 0;
  let state: 'value' | 'after' | 'key' = 'value';
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i += 1;
  };
  /** Past one string starting at i; the offset of its error, or -1. */
  const string = (): number => {
    i += 1;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i += 1;
        return -1;
      }
      if (code < 0x20) return i;
      if (code === 0x5c) {
        const next = text.charAt(i + 1);
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return i;
          i += 6;
        } else if (next !== '' && '"\\/bfnrt'.includes(next)) {
          i += 2;
        } else {
          return i;
        }
        continue;
      }
      i += 1;
    }
    return text.length;
  };
  for (;;) {
    skipSpace();
    if (state === 'key') {
      if (text.charAt(i) !== '"') return i;
      const bad = string();
      if (bad >= 0) return bad;
      skipSpace();
      if (text.charAt(i) !== ':') return i;
      i += 1;
      state = 'value';
      continue;
    }
    if (state === 'value') {
      const c = text.charAt(i);
      if (c === '{' || c === '[') {
        i += 1;
        skipSpace();
        const close = c === '{' ? '}' : ']';
        if (text.charAt(i) === close) {
          i += 1;
          state = 'after';
        } else {
          closers.push(close);
          state = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      if (c === '"') {
        const bad = string();
        if (bad >= 0) return bad;
        state = 'after';
        continue;
      }
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
      if (literal) {
        i += literal.length;
        state = 'after';
        continue;
      }
      numberPattern.lastIndex = i;
      const number = numberPattern.exec(text);
      if (!number) return i;
      i += number[0].length;
      state = 'after';
      continue;
    }
    const closer = closers[closers.length - 1];
    if (closer === undefined) return i < text.length ? i : -1;
    const c = text.charAt(i);
    if (c === ',') {
      i += 1;
      state = closer === '}' ? 'key' : 'value';
    } else if (c === closer) {
      closers.pop();
      i += 1;
    } else {
      return i;
    }
  }
}
