// The SQLite writer thread's entry (sqlite-writer.ts, startWriter). A worker thread does not
// inherit the loader the main thread registered (bin/tandem-sidecar.js, or vitest's), so it
// registers tsx's itself before loading the TypeScript that does the work.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { serveWrites } = await tsImport('./sqlite-writer.ts', import.meta.url);
serveWrites(parentPort, workerData.file);
