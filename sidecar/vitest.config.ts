import { defineConfig } from 'vitest/config';

// The sync sidecar: its store adapters (SQLite on a temp dir, PostgreSQL on a throwaway cluster
// that the global setup starts), its HTTP API through app.inject(), and real processes.
export default defineConfig({
  // The sidecar package's own folder, whether vitest starts here (`npm test` in sidecar/) or at
  // the top of the repository (`vitest run -c sidecar/vitest.config.ts`, scripts/test-all.mjs).
  root: import.meta.dirname,
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Generous: machines here are shared and noisy; no test here is about time.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    // The files share one PostgreSQL cluster and spawn sidecar processes: one file at a time.
    fileParallelism: false,
  },
});
