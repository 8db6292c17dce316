import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebServer {
  origin: string;
  /** Serves `html` at `path` (replacing any earlier page at that path). */
  page(path: string, html: string): string;
  close(): Promise<void>;
}

/** A loopback HTTP server for test and demo pages (ordinary web pages carrying 1Fichier links). */
export async function startWebServer(port = 0): Promise<WebServer> {
  const pages = new Map<string, string>();
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const body = pages.get((req.url ?? '/').split('?')[0] ?? '/');
    if (body === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(path, html) {
      pages.set(path, html);
      return origin + path;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Escapes text for HTML (page titles and link texts built from fixture names). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
