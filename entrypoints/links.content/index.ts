import { defineContentScript } from 'wxt/utils/define-content-script';
import { startLinkButtons } from './buttons';

export default defineContentScript({
  // Any page may carry 1Fichier links; issue 5 adds the per-site switch.
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    startLinkButtons(document, ctx.signal);
  },
});
