import { useState } from 'preact/hooks';
import { uiLang } from '../utils/format';
import { t } from '../utils/i18n';
import { sendMessage } from '../utils/messaging/send';
import { errorMessage } from '../utils/onefichier/error-messages';
import { StatusLine, type Status } from './StatusLine';

export interface Aria2TestProps {
  /** The address as typed (not necessarily saved). */
  url: string;
  /** The secret as typed; '' = the saved one. */
  secret: string;
}

/**
 * `Test connection`: aria2.getVersion at the typed address with the typed secret (or the saved
 * one), answered in a polite live region: "Connected to aria2 1.36.0" or what is wrong, in words.
 */
export function Aria2Test({ url, secret }: Aria2TestProps) {
  const [testing, setTesting] = useState(false);
  const [status, setStatus] = useState<Status>(undefined);

  async function test() {
    setTesting(true);
    setStatus({ tone: 'busy', text: t('a2Testing') });
    try {
      const { version } = await sendMessage('testAria2', secret ? { url, secret } : { url });
      setStatus({ tone: 'ok', text: t('a2Connected', version) });
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err, uiLang()) });
    } finally {
      setTesting(false);
    }
  }

  return (
    <div class="field aria2-test">
      <button type="button" disabled={testing} onClick={() => void test()}>
        {t('a2Test')}
      </button>
      <StatusLine status={status} />
    </div>
  );
}
