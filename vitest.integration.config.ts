import { defineConfig } from 'vitest/config';

// Integration: the sync engine of two (Node) clients, each on its own fake-indexeddb databases,
// against a real sidecar process (tests/integration/harness.ts starts and kills it).
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    testTimeout: 900_000,
    hookTimeout: 120_000,
    // Each file spawns its own sidecar; one file at a time keeps kill timings honest.
    fileParallelism: false,
  },
});
