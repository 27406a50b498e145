import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension (.output/chrome-mv3) in a real Chromium.
export default defineConfig({
  test: {
    // Polls wait for the UI to catch up; machines here are shared and noisy (1 s by default).
    expect: { poll: { timeout: 10_000, interval: 50 } },
    include: ['tests/e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // Each file launches its own browsers; two at a time keeps a 2-core machine responsive.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
