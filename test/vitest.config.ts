import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/** Unit and component tests (Playwright specs live in test/e2e and are not collected here). */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/unit/**/*.test.ts', 'test/component/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['test/setup/fake-indexeddb.ts', 'test/setup/i18n.ts'],
    testTimeout: 20_000,
  },
});
