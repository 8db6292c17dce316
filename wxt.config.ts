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
    // Test certificates, fixtures and CI scripts stay out of the AMO sources zip.
    excludeSources: ['test/**', '.ci/**', 'docs/**', '.output/**', 'node_modules/**'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['downloads', 'storage', 'alarms'],
    host_permissions: ['https://api.1fichier.com/*', 'https://*.1fichier.com/*', 'http://*.1fichier.com/*'],
    action: { default_title: '__MSG_extName__' },
    externally_connectable: browser === 'firefox' ? undefined : { ids: [] },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'downloader-for-1fichier@extension',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions is known to Firefox for Android from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
