import { defineConfig } from '@playwright/test';
import chromium from '../e2e/playwright.config.ts';

/**
 * Firefox end-to-end tests: Debian's firefox-esr driven over WebDriver BiDi (test/firefox/launch.ts);
 * Playwright is only the test runner here. The Chromium suite's settings (one worker: here the
 * emulator listens on 127.0.0.1:443), with more time per test for browser restarts.
 */
export default defineConfig({ ...chromium, timeout: 120_000, expect: { timeout: 30_000 } });
