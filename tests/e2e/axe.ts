import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * axe-core in the page: its source is evaluated through the DevTools protocol (the extension
 * page's content security policy does not apply to it), then `axe.run` checks the document with
 * every rule axe enables by default (WCAG 2.0–2.2 A and AA, and best practices). No rule is
 * turned off.
 */

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

export interface AxeResult {
  violations: AxeViolation[];
  /** Rule ids that passed on this page. */
  passes: string[];
  /** Rule ids axe could not decide (e.g. contrast over an image); reported, not failures. */
  incomplete: string[];
}

export async function runAxe(page: Page): Promise<AxeResult> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is the global the source above defines.
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return {
      violations: result.violations.map(
        (v: {
          id: string;
          impact: string | null;
          help: string;
          nodes: { target: string[]; failureSummary: string }[];
        }) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
        }),
      ),
      passes: result.passes.map((r: { id: string }) => r.id),
      incomplete: result.incomplete.map((r: { id: string }) => r.id),
    };
  });
}

/** Violations in a few readable lines, for an assertion's message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `  ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`)
          .join('\n')}`,
    )
    .join('\n');
}
