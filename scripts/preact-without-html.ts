import type { Plugin } from 'vite';

/**
 * Preact's renderer carries one HTML sink: the branch that writes `dangerouslySetInnerHTML`
 * into `element.innerHTML`. Tandem never renders HTML strings (Biome's
 * noDangerouslySetInnerHtml is an error here), so the branch is dead code — but Mozilla's
 * addons-linter rightly flags any `innerHTML =` with a value it cannot prove safe
 * (UNSAFE_VAR_ASSIGNMENT), and a reviewer has to take our word for it. This plugin replaces
 * that one assignment with a throw: the HTML sink is gone from every build (Chromium and
 * Firefox), and a `dangerouslySetInnerHTML` that ever slipped in would fail loudly instead of
 * writing markup. When a Preact upgrade changes the shape of that line, the build stops here
 * rather than quietly shipping the sink again.
 */

const PREACT_MODULE = /\/node_modules\/preact\/dist\/preact\.mjs$/;

/** `<element>.innerHTML = <props>.__html`, as Preact's published build writes it (minified). */
const HTML_SINK = /\b[\w$]+\.innerHTML=[\w$]+\.__html\b/g;

const REFUSAL =
  '(()=>{throw new TypeError("Tandem renders no HTML strings: dangerouslySetInnerHTML is not supported")})()';

export type StripResult = { ok: true; code: string } | { ok: false; found: number };

/** Preact's module source with its one HTML sink replaced, or how many sinks were found. */
export function stripHtmlSink(code: string): StripResult {
  const found = code.match(HTML_SINK)?.length ?? 0;
  if (found !== 1) return { ok: false, found };
  return { ok: true, code: code.replace(HTML_SINK, REFUSAL) };
}

export function preactWithoutHtml(): Plugin {
  return {
    name: 'tandem:preact-without-html',
    enforce: 'pre',
    transform(code, id) {
      if (!PREACT_MODULE.test(id.split('?')[0] ?? '')) return null;
      const result = stripHtmlSink(code);
      if (!result.ok) {
        this.error(
          `Expected exactly one innerHTML assignment in ${id}, found ${result.found}: Preact changed; update scripts/preact-without-html.ts.`,
        );
      }
      return { code: result.code, map: null };
    },
  };
}
