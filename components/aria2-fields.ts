import { t } from '../utils/i18n';
import { checkRpcUrl, isInsecureRemote, permissionPattern } from '../utils/transfer/aria2/config';

/** What the aria2 address field says about `text`: the reason it is refused, or the URL to save. */
export type AddressCheck =
  { ok: true; url: URL; pattern: string; insecure: boolean } | { ok: false; message: string };

/** The aria2 address as typed: refused with a reason in words, or its host permission and risk. */
export function checkAddress(text: string): AddressCheck {
  const check = checkRpcUrl(text);
  if (!check.ok) {
    // `127.0.0.1:6800/jsonrpc` (no scheme) does not parse: say what is missing.
    const scheme = check.reason === 'scheme' || !text.includes('://');
    const message =
      check.reason === 'empty' ? t('a2UrlEmpty') : scheme ? t('a2UrlScheme') : t('a2UrlInvalid');
    return { ok: false, message };
  }
  return {
    ok: true,
    url: check.url,
    pattern: permissionPattern(check.url),
    insecure: isInsecureRemote(check.url),
  };
}

/** The host permission pattern of a saved address (undefined when it is not valid). */
export function patternOf(address: string): string | undefined {
  const check = checkRpcUrl(address);
  return check.ok ? permissionPattern(check.url) : undefined;
}
