import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentScript } from '../../utils/page/lifecycle';

export default defineContentScript({
  // Any page may carry 1Fichier links; the page settings (global and per-site switch) decide.
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    startContentScript({ doc: document, win: window, signal: ctx.signal });
  },
});
