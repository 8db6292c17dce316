import { defineConfig } from '@playwright/test';

/**
 * Firefox end-to-end tests: Debian's firefox-esr driven over WebDriver BiDi (test/firefox/launch.ts);
 * Playwright is only the test runner here. One worker: the emulator listens on 127.0.0.1:443.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: process.env.PW_JSON_OUTPUT
    ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]]
    : [['list']],
});
