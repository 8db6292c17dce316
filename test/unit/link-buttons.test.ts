// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { getByRole } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startLinkButtons } from '../../entrypoints/links.content/buttons';
import type { Reply } from '../../utils/messaging/protocol';
import { HOST_ATTR } from '../../utils/page/link-button';

describe('content script buttons', () => {
  it('a trusted click queues the link the button was made for, even if the page changed the href since', async () => {
    fakeBrowser.reset();
    const sent: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(
      (msg: unknown, _s: unknown, sendResponse: (r: Reply) => void) => {
        sent.push(msg);
        sendResponse({ ok: true, value: { found: 1, added: 1, duplicates: 0, problems: [] } });
        return true;
      },
    );
    document.body.innerHTML = '<a id="a" href="https://1fichier.com/?abcdefghij">movie.mkv</a>';
    const controller = new AbortController();
    startLinkButtons(document, controller.signal);
    document.querySelector('a')!.href = 'https://1fichier.com/?zzzzzzzzzz';
    const host = document.querySelector(`[${HOST_ATTR}]`)!;
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    // Only the browser can make a trusted event; forged here to drive the handler.
    Object.defineProperty(event, 'isTrusted', { value: true });
    getByRole(host.shadowRoot as unknown as HTMLElement, 'button').dispatchEvent(event);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent).toEqual([
      {
        type: 'enqueueLinks',
        payload: { links: ['https://1fichier.com/?abcdefghij'], pageUrl: location.href },
      },
    ]);
    controller.abort();
  });
});
