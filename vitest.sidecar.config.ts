import { defineConfig } from 'vitest/config';

// The sync sidecar: its store adapters (SQLite on a temp dir, PostgreSQL on a throwaway cluster
// that the global setup starts), its HTTP API through app.inject(), and real processes.
export default defineConfig({
  test: {
    include: ['sidecar/tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['sidecar/tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The files share one PostgreSQL cluster and spawn sidecar processes: one file at a time.
    fileParallelism: false,
  },
});
