import { defineConfig } from 'vitest/config';

// End-to-end tests in Firefox: the Firefox build (.output/firefox-mv3, npm run build:firefox)
// installed in Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi; and the
// Firefox manifest, Mozilla's addons-linter and the store zips.
export default defineConfig({
  test: {
    // Polls wait for the UI to catch up; machines here are shared and noisy (1 s by default).
    expect: { poll: { timeout: 10_000, interval: 50 } },
    include: ['tests/e2e-firefox/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Each test starts its own Firefox; two at a time keeps a 2-core machine responsive.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
