// What the extension costs to download: the JavaScript and CSS the side panel page loads, the
// background script and each content script, raw and gzip -9 bytes, read from the build.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Raw and gzip -9 bytes of these files of the build (absolute paths), and their paths in it. */
export function sizeOf(outputDir: string, files: string[]) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, files: files.map((f) => relative(outputDir, f).split('\\').join('/')) };
}

/** Attributes of every `<tag …>` in an HTML text (enough for Vite's generated pages). */
function htmlTags(html: string, tag: string): Record<string, string>[] {
  const tags: Record<string, string>[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attrs: Record<string, string> = {};
    for (const a of (match[1] as string).matchAll(
      /([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g,
    )) {
      attrs[(a[1] as string).toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    tags.push(attrs);
  }
  return tags;
}

/** A URL of the extension (absolute "/x" or relative to `fromFile`) as a file of the build. */
function outputFile(outputDir: string, url: string, fromFile: string): string | undefined {
  if (/^[a-z][\w+.-]*:/i.test(url) || url.startsWith('//')) return undefined; // not ours
  const clean = url.split(/[?#]/)[0] as string;
  const path = clean.startsWith('/')
    ? join(outputDir, clean)
    : join(dirname(fromFile), ...posix.normalize(clean).split('/'));
  if (!existsSync(path))
    throw new Error(`${relative(outputDir, fromFile)} refers to ${url}, which is not in the build`);
  return path;
}

const isFile = (path: string | undefined): path is string => Boolean(path);

/**
 * The chunks a module imports statically. Rollup puts them first in the file
 * (`import{a as b}from"./x.js";import"./y.js";export{…}from"./z.js"`), so only the leading
 * statements are read; dynamic import() is left out (loaded later, if ever).
 */
function staticImports(outputDir: string, file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const statement =
    /\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*(?:import|export)\s*(?:[^"';()]*?\s*from\s*)?["']([^"']+)["']\s*;?/y;
  const specs: string[] = [];
  let match = statement.exec(code);
  while (match) {
    specs.push(match[1] as string);
    match = statement.exec(code);
  }
  return specs.map((spec) => outputFile(outputDir, spec, file)).filter(isFile);
}

const hasRel = (attrs: Record<string, string>, rel: string) =>
  Boolean(attrs.href && attrs.rel?.toLowerCase().split(/\s+/).includes(rel));

/** The side panel's JavaScript (scripts, modulepreloads and their static imports) and CSS. */
export function measureSizes(outputDir: string) {
  const htmlFile = join(outputDir, 'sidepanel.html');
  const html = readFileSync(htmlFile, 'utf8');
  const entries = [
    ...htmlTags(html, 'script')
      .filter((a) => a.src)
      .map((a) => a.src as string),
    ...htmlTags(html, 'link')
      .filter((a) => hasRel(a, 'modulepreload'))
      .map((a) => a.href as string),
  ];
  const styles = htmlTags(html, 'link')
    .filter((a) => hasRel(a, 'stylesheet'))
    .map((a) => outputFile(outputDir, a.href as string, htmlFile))
    .filter(isFile);
  const js = new Set<string>();
  const queue = entries.map((src) => outputFile(outputDir, src, htmlFile)).filter(isFile);
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (js.has(file)) continue;
    js.add(file);
    queue.push(...staticImports(outputDir, file));
  }
  if (js.size === 0) throw new Error('sidepanel.html loads no script: is the build complete?');
  const background = join(outputDir, 'background.js');
  if (!existsSync(background)) throw new Error('No background.js in the build');
  // Each content script (read-<host>.js) on its own: they run on the host pages, with a
  // budget of 4 KB gzip each.
  const contentScripts = Object.fromEntries(
    readdirSync(outputDir)
      .filter((name) => /^read-.+\.js$/.test(name))
      .sort()
      .map((name) => {
        const { raw, gzip } = sizeOf(outputDir, [join(outputDir, name)]);
        return [name.replace(/^read-|\.js$/g, ''), { raw, gzip }];
      }),
  );
  if (Object.keys(contentScripts).length === 0) throw new Error('No content scripts in the build');
  return {
    panelJs: sizeOf(outputDir, [...js]),
    panelCss: sizeOf(outputDir, styles),
    backgroundJs: sizeOf(outputDir, [background]),
    contentScripts,
  };
}
