import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: plain functions in utils/, Dexie on fake-indexeddb, WXT's fake browser.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto', 'tests/unit/setup-i18n.ts'],
    environment: 'node',
    // Machines here are shared and noisy: a slow run must not fail a test that is not about time.
    testTimeout: 20_000,
  },
});
