// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach, beforeEach } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SiteControls } from '../../components/SiteControls';
import { currentPageSettings, pageSettingsItem } from '../../utils/page-settings';

const TAB = 42;
const WINDOW = 7;

type Answer = unknown | Error;

/** The active tab of the last focused normal window, and what its top frame's content script says. */
function activeTab(answers: Answer[], tabId: number | null = TAB) {
  const focused = vi
    .spyOn(fakeBrowser.windows, 'getLastFocused')
    .mockImplementation((async () => ({ id: WINDOW })) as never);
  const query = vi
    .spyOn(fakeBrowser.tabs, 'query')
    .mockImplementation((async () => (tabId === null ? [] : [{ id: tabId }])) as never);
  let call = 0;
  const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async () => {
    const answer = answers[Math.min(call++, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { focused, query, send };
}

const noReceiver = () => new Error('Could not establish connection. Receiving end does not exist.');
const globalBox = () => screen.getByRole('checkbox', { name: 'Buttons on web pages' }) as HTMLInputElement;
const siteBox = () => screen.getByRole('checkbox', { name: 'Buttons on this site' }) as HTMLInputElement;
const UNAVAILABLE = /cannot work on this page.*reload it/;

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('SiteControls', () => {
  it('asks the top frame of the active tab of the last focused normal window', async () => {
    const { focused, query, send } = activeTab([{ site: 'example.com', active: true }]);
    render(<SiteControls />);
    await waitFor(() => expect(siteBox().checked).toBe(true));
    expect(focused).toHaveBeenCalledWith({ windowTypes: ['normal'] });
    expect(query).toHaveBeenCalledWith({ active: true, windowId: WINDOW });
    expect(send).toHaveBeenCalledWith(TAB, { type: 'pageInfo' }, { frameId: 0 });
    // The site is shown as text beside the checkbox (its description), not in its name.
    expect(screen.getByText('example.com')).toBeTruthy();
    expect(siteBox().getAttribute('aria-describedby')).toBe('this-site');
    expect(document.getElementById('this-site')?.textContent).toBe('example.com');
  });

  it('the global switch reflects the stored setting and writes it at once', async () => {
    activeTab([{ site: 'example.com', active: true }]);
    render(<SiteControls />);
    await waitFor(() => expect(globalBox().checked).toBe(true));
    fireEvent.click(globalBox());
    await waitFor(async () => expect((await currentPageSettings()).enabled).toBe(false));
    expect(globalBox().checked).toBe(false);
    fireEvent.click(globalBox());
    await waitFor(async () => expect((await currentPageSettings()).enabled).toBe(true));
    expect(globalBox().checked).toBe(true);
  });

  it('the site switch turns this site off and on again in the stored list', async () => {
    await pageSettingsItem.setValue({ disabledSites: ['other.org'] });
    activeTab([{ site: 'example.com', active: true }]);
    render(<SiteControls />);
    await waitFor(() => expect(siteBox().checked).toBe(true));
    fireEvent.click(siteBox());
    await waitFor(async () =>
      expect((await currentPageSettings()).disabledSites).toEqual(['example.com', 'other.org']),
    );
    expect(siteBox().checked).toBe(false);
    fireEvent.click(siteBox());
    await waitFor(async () => expect((await currentPageSettings()).disabledSites).toEqual(['other.org']));
    expect(siteBox().checked).toBe(true);
    expect(globalBox().checked).toBe(true);
  });

  it('follows a change made elsewhere (another page, the options) live', async () => {
    activeTab([{ site: 'example.com', active: true }]);
    render(<SiteControls />);
    await waitFor(() => expect(siteBox().checked).toBe(true));
    await act(() => pageSettingsItem.setValue({ enabled: false, disabledSites: ['example.com'] }));
    await waitFor(() => expect(siteBox().checked).toBe(false));
    expect(globalBox().checked).toBe(false);
  });

  it('no content script: explains that the page cannot be used and to reload it, no site switch', async () => {
    activeTab([noReceiver()]);
    render(<SiteControls />);
    await waitFor(() => expect(screen.getByText(UNAVAILABLE)).toBeTruthy());
    expect(screen.queryByRole('checkbox', { name: 'Buttons on this site' })).toBeNull();
    expect(globalBox().checked).toBe(true);
  });

  it.each<[string, Answer]>([
    ['an empty answer', undefined],
    ['a malformed answer', { site: 42 }],
    ['an overlong site', { site: 'a'.repeat(300), active: true }],
  ])('treats %s as no content script', async (_what, answer) => {
    activeTab([answer]);
    render(<SiteControls />);
    await waitFor(() => expect(screen.getByText(UNAVAILABLE)).toBeTruthy());
    expect(screen.queryByRole('checkbox', { name: 'Buttons on this site' })).toBeNull();
  });

  it('no normal window or no active tab: the same explanation, and no message sent', async () => {
    const { send } = activeTab([{ site: 'example.com', active: true }], null);
    render(<SiteControls />);
    await waitFor(() => expect(screen.getByText(UNAVAILABLE)).toBeTruthy());
    expect(send).not.toHaveBeenCalled();
  });

  it('a page without a site (answered, site undefined) says buttons are not available there', async () => {
    activeTab([{ site: undefined, active: false }]);
    render(<SiteControls />);
    await waitFor(() =>
      expect(screen.getByText('Buttons are not available on this kind of page.')).toBeTruthy(),
    );
    expect(screen.queryByRole('checkbox', { name: 'Buttons on this site' })).toBeNull();
    expect(screen.queryByText(UNAVAILABLE)).toBeNull();
  });

  it('asks again when the popup gets the focus back (the page was reloaded meanwhile)', async () => {
    activeTab([noReceiver(), { site: 'example.com', active: true }]);
    render(<SiteControls />);
    await waitFor(() => expect(screen.getByText(UNAVAILABLE)).toBeTruthy());
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await waitFor(() => expect(siteBox().checked).toBe(true));
    expect(screen.queryByText(UNAVAILABLE)).toBeNull();
  });

  it('shows a hostile or right-to-left site name as text only', async () => {
    const site = '<img src=x onerror=alert(1)>\u05d0\u05d1\u05d2.example';
    activeTab([{ site, active: true }]);
    const { container } = render(<SiteControls />);
    await waitFor(() => expect(document.getElementById('this-site')?.textContent).toBe(site));
    expect(container.querySelector('img')).toBeNull();
  });

  it('says so when the setting cannot be stored', async () => {
    activeTab([{ site: 'example.com', active: true }]);
    render(<SiteControls />);
    await waitFor(() => expect(globalBox().checked).toBe(true));
    vi.spyOn(pageSettingsItem, 'setValue').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    fireEvent.click(globalBox());
    await waitFor(() => expect(screen.getByText('Something went wrong inside the extension.')).toBeTruthy());
    expect(globalBox().checked).toBe(true);
  });
});
