import { FILES, KEYS } from '../emulator/index.ts';
import { launchExtensionBrowser } from '../support/chromium.ts';
import { clickDownloads, expect, jobItem, openExtensionPage, saveKey, test } from './fixtures.ts';

// This spec launches its own browser (other resolver rules); it never asks for the `ext` fixture.

/** A logged path with %-escapes decoded where they are valid. */
function decoded(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/**
 * Chromium's --host-resolver-rules: EXCLUDE rules apply whatever their position, and the first
 * MAP rule whose pattern matches wins (net/base/host_mapping_rules.cc, RewriteHost). So the
 * emulator's own rules, then `MAP * <emulator>`, then chromium.ts's `MAP * ~NOTFOUND` (never
 * reached) and `EXCLUDE 127.0.0.1, EXCLUDE localhost` (the fixture web server stays reachable).
 */
function everyHostToEmulator(rules: string): string {
  const target = /MAP \S+ (127\.0\.0\.1:\d+)/.exec(rules)?.[1];
  if (!target) throw new Error(`no emulator target in resolver rules: ${rules}`);
  return `${rules}, MAP * ${target}`;
}

test('with every host name sent to the emulator, only api.1fichier.com ever receives the key', async ({
  servers,
}) => {
  servers.emulator.resetLimits();
  servers.emulator.clearFaults();
  const mark = servers.emulator.requests.length;
  const since = () => servers.emulator.requests.slice(mark);
  const ext = await launchExtensionBrowser({
    resolverRules: everyHostToEmulator(servers.emulator.resolverRules()),
  });
  try {
    // The catch-all works: a host that is no 1Fichier host at all reaches the emulator (421).
    const probe = await ext.context.newPage();
    await probe.goto('https://not-1fichier.test/probe');
    await expect(probe.locator('body')).toContainText('Misdirected Request');
    expect(since().some((r) => r.host === 'not-1fichier.test' && r.status === 421)).toBe(true);
    await probe.close();

    await saveKey(ext, KEYS.premium);
    await clickDownloads(ext, servers, FILES.small);
    const popup = await openExtensionPage(ext, 'popup');
    await expect(jobItem(popup, FILES.small.name)).toContainText('Completed');

    const log = since();
    const withAuth = log.filter((r) => r.auth);
    expect(withAuth.length).toBeGreaterThanOrEqual(3); // user/info, file/info, get_token
    expect(withAuth.filter((r) => r.host !== 'api.1fichier.com')).toEqual([]);
    // The CDN download happened, without an Authorization header.
    const cdn = log.filter((r) => /^[ao]-\d+\.1fichier\.com$/.test(r.host));
    expect(cdn.some((r) => r.status === 200)).toBe(true);
    expect(cdn.filter((r) => r.auth)).toEqual([]);
    // The key is in no host, path or query of any request.
    expect(log.filter((r) => `${r.host}${r.path}`.includes(KEYS.premium))).toEqual([]);
    expect(log.filter((r) => decoded(r.path).includes(KEYS.premium))).toEqual([]);
  } finally {
    await ext.close();
  }
});
