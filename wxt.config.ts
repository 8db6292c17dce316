import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * Build configuration for Chrome (MV3 service worker) and Firefox (MV3 event page).
 * Every permission here has a written reason in README.md ("Permissions").
 */
export default defineConfig({
  manifestVersion: 3,
  // Explicit imports only: dependencies stay visible in review (style.md §4.1).
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  zip: {
    // The sources zip (for AMO review) holds exactly what `npm ci && npm run zip` needs to rebuild
    // the same extension zips, plus the documents (README "Build from source"): an allow-list, so a
    // stray local file (a log, a test report, a key) can never ride along. test/e2e/release.spec.ts
    // rebuilds from it and compares byte for byte.
    includeSources: [
      'entrypoints/**',
      'components/**',
      'utils/**',
      'public/**',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
      'README.md',
      'SECURITY.md',
      'PRIVACY.md',
      'CHANGELOG.md',
    ],
    // Test certificates, fixtures and CI scripts stay out of it even if a pattern above widens.
    excludeSources: ['test/**', '.ci/**', 'docs/**', '.output/**', 'node_modules/**'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // No idle, notifications, scripting or tabs: nothing uses them (the vault's storage.session
    // comes with `storage`, its auto-lock timer with `alarms`; the popup finds its tab's id and
    // talks to its content script without `tabs`).
    permissions: ['downloads', 'storage', 'alarms', 'contextMenus', 'notifications'],
    // Only the hosts the background fetches: the API, and 1fichier.com for check_links.pl and public
    // folders (read there whatever mirror domain the link used). Downloads need no host permission:
    // downloads.download takes any URL, so the CDN nodes (a-N/o-N, http or https) are not listed.
    host_permissions: ['https://api.1fichier.com/*', 'https://1fichier.com/*'],
    // aria2's JSON-RPC address, asked for (that one host only) when the user turns aria2 on: it may
    // be this computer or a NAS, so any http(s) host may be asked for, and none is granted up front.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_extName__' },
    externally_connectable: browser === 'firefox' ? undefined : { ids: [] },
    // Written out on both builds rather than left to the defaults: only our own bundled scripts
    // (no eval, no inline script, no remote host, no WebAssembly), and `base-uri 'none'` so an
    // injected <base> cannot re-point our pages' relative URLs. Chrome and Firefox both validate only
    // the script/object/worker sources of this policy and pass other standard directives through.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'downloader-for-1fichier@extension',
              strict_min_version: '140.0',
              // Mozilla counts as transmission any data handled outside the add-on or the browser
              // (Add-on Policies): the API key (and aria2's secret) is authentication information,
              // sent to 1Fichier's API (to aria2); the links the user picks (and, with the link check
              // on, the 1Fichier links of a page) are website content, sent to 1Fichier. Nothing
              // else leaves the browser. Reasoning: docs/store/permissions.md.
              data_collection_permissions: { required: ['authenticationInfo', 'websiteContent'] },
            },
            // data_collection_permissions is known to Firefox for Android from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
