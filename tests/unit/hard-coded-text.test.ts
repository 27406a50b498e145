import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/**
 * Every word the user sees comes from locales/: this reads the panel's and pages' source and
 * fails on text written straight into the markup — JSX text, the attributes a person sees or a
 * screen reader speaks, string literals shown as children, and dialogs or errors with literal
 * words. Symbols without letters (✎ ↑ ✕ ·) are fine.
 */

const root = resolve(import.meta.dirname, '../..');
const DIRS = ['components', 'entrypoints'];

/** Attributes whose value is read or heard: HTML/ARIA ones, and the components' own. */
const SPOKEN =
  /^(aria-(label|description|placeholder|roledescription|valuetext)|title|placeholder|alt|label|heading|submitLabel)$/;

/** Words, but not an example address such as jitsi.example.org or https://sync.example.org. */
const hasWords = (text: string) =>
  /\p{L}{2,}/u.test(text) && !/^(https?:\/\/)?[\w-]+(\.[\w-]+)+(:\d+)?(\/\S*)?$/.test(text.trim());

/** A line saying so before a statement exempts it: errors only a developer ever sees. */
const EXEMPT = '// Not shown to users:';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Literal text inside an expression (both branches of a ?:, the pieces of a template). */
function literals(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) {
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
  }
  if (ts.isConditionalExpression(node))
    return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    // Joined or fallback text is shown; `a && 'x'` shows 'x'; a comparison shows nothing.
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return literals(node.right);
    if (
      op === ts.SyntaxKind.PlusToken ||
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.QuestionQuestionToken
    ) {
      return [...literals(node.left), ...literals(node.right)];
    }
    return [];
  }
  if (ts.isParenthesizedExpression(node)) return literals(node.expression);
  return [];
}

function hardCodedText(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const lines = text.split('\n');
  const report = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    if (lines.slice(Math.max(0, line - 2), line).some((l) => l.includes(EXEMPT))) return;
    found.push(`${relative(root, file)}:${line + 1} ${what}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) {
      report(node, `text ${JSON.stringify(node.text.trim())}`);
    } else if (ts.isJsxAttribute(node) && SPOKEN.test(node.name.getText())) {
      const init = node.initializer;
      const values = !init
        ? []
        : ts.isStringLiteral(init)
          ? [init.text]
          : ts.isJsxExpression(init) && init.expression
            ? literals(init.expression)
            : [];
      for (const value of values.filter(hasWords)) {
        report(node, `${node.name.getText()}=${JSON.stringify(value)}`);
      }
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      for (const value of literals(node.expression).filter(hasWords)) {
        report(node, `child ${JSON.stringify(value)}`);
      }
    } else if (
      (ts.isCallExpression(node) || ts.isNewExpression(node)) &&
      /^(confirm|alert|prompt|Error)$/.test(node.expression.getText())
    ) {
      for (const value of (node.arguments ?? []).flatMap(literals).filter(hasWords)) {
        report(node, `${node.expression.getText()}(${JSON.stringify(value)})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('user-visible text in components and entry points', () => {
  test('comes from the message files, never from the source', () => {
    const files = DIRS.flatMap((dir) => sources(join(root, dir)));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) => hardCodedText(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  test('the check finds text, labels, titles, placeholders and dialogs written in English', () => {
    const sample = `
      export const A = () => (
        <section aria-label="Reminders">
          <p>Nothing found.</p>
          <input placeholder={'Search all pairs'} title={\`Skip for \${n} days\`} />
          {done ? 'Saved' : '✓'}
          <Select label="Owner" />
          <button onClick={() => confirm('Delete this note?')}>✕</button>
          <span>{' '}·{t('ok')}{tab === 'prep' && <Prep />}</span>
          <input placeholder="jitsi.example.org" />
        </section>
      );
      throw new Error('That pair no longer exists');
      // Not shown to users: a programming error.
      throw new Error('StoreContext is missing');
    `;
    expect(hardCodedText(join(root, 'components/sample.tsx'), sample)).toEqual([
      'components/sample.tsx:3 aria-label="Reminders"',
      'components/sample.tsx:4 text "Nothing found."',
      'components/sample.tsx:5 placeholder="Search all pairs"',
      'components/sample.tsx:5 title="Skip for "',
      'components/sample.tsx:5 title=" days"',
      'components/sample.tsx:6 child "Saved"',
      'components/sample.tsx:7 label="Owner"',
      'components/sample.tsx:8 confirm("Delete this note?")',
      'components/sample.tsx:13 Error("That pair no longer exists")',
    ]);
  });
});
