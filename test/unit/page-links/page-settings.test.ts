import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  activeOn,
  currentPageSettings,
  DEFAULT_PAGE_SETTINGS,
  normalizePageSettings,
  pageSettingsItem,
  setPageOption,
  setSiteEnabled,
  siteOf,
} from '../../../utils/page-settings.ts';

beforeEach(() => fakeBrowser.reset());

describe('page settings', () => {
  it('defaults: on everywhere, clicks intercepted, link check off', async () => {
    expect(await currentPageSettings()).toEqual({
      enabled: true,
      intercept: true,
      linkCheck: false,
      disabledSites: [],
    });
    expect(DEFAULT_PAGE_SETTINGS.linkCheck).toBe(false);
  });

  it('a damaged item falls back field by field', () => {
    expect(
      normalizePageSettings({ enabled: 'yes', intercept: false, disabledSites: ['a.com', 3, 'a.com'] }),
    ).toEqual({
      enabled: true,
      intercept: false,
      linkCheck: false,
      disabledSites: ['a.com'],
    });
    expect(normalizePageSettings(null)).toEqual(DEFAULT_PAGE_SETTINGS);
  });

  it('names sites by host without www. and only for web pages', () => {
    expect(siteOf('https://WWW.Forum.Example./t/1?x')).toBe('forum.example');
    expect(siteOf('http://sub.forum.example:8080/')).toBe('sub.forum.example');
    expect(siteOf('chrome://extensions')).toBeUndefined();
    expect(siteOf('not a url')).toBeUndefined();
  });

  it('the global switch and the per-site switch both turn pages off', async () => {
    const on = await currentPageSettings();
    expect(activeOn(on, 'https://forum.example/t')).toBe(true);
    const off = await setSiteEnabled('forum.example', false);
    expect(activeOn(off, 'https://www.forum.example/t')).toBe(false);
    expect(activeOn(off, 'https://other.example/')).toBe(true);
    expect((await setSiteEnabled('forum.example', true)).disabledSites).toEqual([]);
    const global = await setPageOption('enabled', false);
    expect(activeOn(global, 'https://other.example/')).toBe(false);
    expect(await pageSettingsItem.getValue()).toMatchObject({ enabled: false });
    expect(activeOn(await currentPageSettings(), 'file:///tmp/x.html')).toBe(false);
  });
});
