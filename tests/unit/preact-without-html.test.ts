import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { stripHtmlSink } from '../../scripts/preact-without-html';

const preactSource = readFileSync(createRequire(import.meta.url).resolve('preact'), 'utf8');

describe("Preact's HTML sink, removed from the build", () => {
  test('the installed Preact has exactly one innerHTML assignment, and none is left after', () => {
    const result = stripHtmlSink(preactSource);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.code).not.toMatch(/\.innerHTML\s*=[^=]/);
    expect(result.code).toContain('dangerouslySetInnerHTML is not supported');
  });

  test('a changed Preact stops the build instead of shipping the sink again', () => {
    expect(stripHtmlSink('e.innerHTML=t.__html;n.innerHTML=r.__html')).toEqual({
      ok: false,
      found: 2,
    });
    expect(stripHtmlSink('el.setHTMLUnsafe(props.__html)')).toEqual({ ok: false, found: 0 });
  });

  test('rendering dangerouslySetInnerHTML with the stripped Preact throws instead of writing markup', async () => {
    const result = stripHtmlSink(preactSource);
    if (!result.ok) throw new Error('no sink found');
    const { Window } = await import('happy-dom');
    const window = new Window();
    const url = `data:text/javascript;base64,${Buffer.from(result.code).toString('base64')}`;
    const preact = await import(/* @vite-ignore */ url);
    const root = window.document.createElement('div');
    expect(() =>
      preact.render(
        preact.h('p', { dangerouslySetInnerHTML: { __html: '<img src=x onerror=alert(1)>' } }),
        root,
      ),
    ).toThrow(/dangerouslySetInnerHTML is not supported/);
    expect(root.querySelector('img')).toBeNull();
    // Text is still rendered as text.
    const other = window.document.createElement('div');
    preact.render(preact.h('p', null, '<b>text stays text</b>'), other);
    expect(other.textContent).toBe('<b>text stays text</b>');
    expect(other.querySelector('b')).toBeNull();
  });
});
