import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index.ts';
import { demoPageHtml } from './demo-page.ts';
import { startWebServer, type WebServer } from './web-server.ts';

/** The 1Fichier emulator and a web server carrying the demo page (the end-to-end suites' servers). */
export interface Servers {
  emulator: Emulator;
  web: WebServer;
  demoUrl: string;
}

/** Starts both; `close` stops them. */
export async function startDemoServers(
  options: EmulatorOptions = {},
): Promise<Servers & { close(): Promise<void> }> {
  const emulator = await startEmulator(options);
  const web = await startWebServer();
  const demoUrl = web.page('/demo.html', demoPageHtml());
  return {
    emulator,
    web,
    demoUrl,
    async close() {
      await web.close();
      await emulator.close();
    },
  };
}
