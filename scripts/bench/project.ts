// The project's own TypeScript, for the benchmarks: its schemas, database declarations and
// search, bundled on the fly with esbuild (which Vite already brings) — for Node, to generate
// and validate the seeds, and for an extension page, to time the search alone.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { Row } from './seed.ts';

type Db = typeof import('../../utils/data/db.ts');
type Tables = typeof import('../../utils/schema/tables.ts');
type SearchIndex = typeof import('../../utils/search/search-index.ts');
type TableSpec = import('../../utils/schema/tables.ts').TableSpec;

export type ProjectSchemas = Pick<Tables, 'sharedTables'> &
  Pick<Db, 'sharedVersions' | 'SHARED_DB_NAME'>;
export type ProjectSearchIndex = Pick<SearchIndex, 'searchEntryFor'> &
  Pick<Tables, 'privateTables' | 'localTables'> &
  Pick<Db, 'privateVersions' | 'PRIVATE_DB_NAME'>;

async function esbuild(): Promise<typeof import('esbuild')> {
  try {
    return await import('esbuild');
  } catch (error) {
    throw new Error(
      `esbuild (installed with Vite) is needed to read the project's code: ${(error as Error).message}`,
    );
  }
}

/**
 * Exports of the project's TypeScript, bundled for Node with esbuild into a temporary module:
 * `exports` are lines such as "export { sharedTables } from './utils/schema/tables.ts';".
 */
export async function importProjectModule<T>(
  rootDir: string,
  tempDir: string,
  exports: string[],
  name: string,
): Promise<T> {
  const result = await (await esbuild()).build({
    stdin: { contents: exports.join('\n'), resolveDir: rootDir, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const file = join(tempDir, `${name}.mjs`);
  writeFileSync(file, (result.outputFiles[0] as { text: string }).text);
  try {
    return (await import(pathToFileURL(file).href)) as T;
  } finally {
    rmSync(file, { force: true });
  }
}

/** The project's own schema and database declarations of the shared database. */
export function loadProjectSchemas(rootDir: string, tempDir: string): Promise<ProjectSchemas> {
  return importProjectModule<ProjectSchemas>(
    rootDir,
    tempDir,
    [
      "export { sharedTables } from './utils/schema/tables.ts';",
      "export { sharedVersions, SHARED_DB_NAME } from './utils/data/db.ts';",
    ],
    'project-schemas',
  );
}

/** searchEntryFor and the private/local table specs, bundled for Node from the project's TS. */
export function loadSearchIndexModule(
  rootDir: string,
  tempDir: string,
): Promise<ProjectSearchIndex> {
  return importProjectModule<ProjectSearchIndex>(
    rootDir,
    tempDir,
    [
      "export { searchEntryFor } from './utils/search/search-index.ts';",
      "export { privateTables, localTables } from './utils/schema/tables.ts';",
      "export { privateVersions, PRIVATE_DB_NAME } from './utils/data/db.ts';",
    ],
    'project-search-index',
  );
}

/** The highest version Dexie declares, as IndexedDB sees it (Dexie opens at its version × 10). */
export const idbVersion = (versions: readonly { version: number }[]): number =>
  Math.max(...versions.map((v) => v.version)) * 10;

/** What the page helpers script sets on the page's globalThis. */
export interface PageHelpers {
  openSharedDb: Db['openSharedDb'];
  openPrivateDb: Db['openPrivateDb'];
  LiveSearch: typeof import('../../utils/search/search.ts').LiveSearch;
  parseQuery: typeof import('../../utils/search/search.ts').parseQuery;
}

/**
 * The project's db.ts and search.ts bundled for the page (an IIFE setting
 * globalThis.__tandemBench): its own Dexie connections, so the search can be timed alone.
 */
export async function pageHelpersScript(rootDir: string): Promise<string> {
  const result = await (await esbuild()).build({
    stdin: {
      contents: [
        "import { openSharedDb, openPrivateDb } from './utils/data/db.ts';",
        "import { LiveSearch, parseQuery } from './utils/search/search.ts';",
        'globalThis.__tandemBench = { openSharedDb, openPrivateDb, LiveSearch, parseQuery };',
      ].join('\n'),
      resolveDir: rootDir,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return (result.outputFiles[0] as { text: string }).text;
}

/** Loads the helpers into an extension page (page.evaluate ignores the page's CSP). */
export async function injectHelpers(page: Page, script: string): Promise<void> {
  await page.evaluate(script);
  const ok = await page.evaluate(
    () =>
      typeof (globalThis as { __tandemBench?: PageHelpers }).__tandemBench?.LiveSearch ===
      'function',
  );
  if (!ok) throw new Error('The bundled search helpers did not load in the page');
}

/** Throws, listing the first problems, when any record does not fit its table's schema. */
export function validateSeed(
  tables: Record<string, readonly Row[]>,
  specs: Record<string, TableSpec>,
): void {
  const problems: string[] = [];
  for (const [name, records] of Object.entries(tables)) {
    const spec = specs[name];
    if (!spec) {
      problems.push(`${name}: no such table in utils/schema/tables.ts`);
      continue;
    }
    records.forEach((record, i) => {
      const result = spec.schema.safeParse(record);
      if (!result.success) {
        const issues = result.error.issues
          .map((issue) => `${issue.path.map(String).join('.') || '(record)'}: ${issue.message}`)
          .join('; ');
        problems.push(`${name}[${i}] (${record.id}): ${issues}`);
      }
    });
  }
  if (problems.length > 0) {
    throw new Error(
      `Seed records do not fit utils/schema (${problems.length} problems):\n  ${problems.slice(0, 10).join('\n  ')}`,
    );
  }
}
