/**
 * A `fetch` for Node tests that sends 1Fichier's real URLs to the emulator: it connects to
 * 127.0.0.1:<port> and keeps the original host in SNI and the Host header, the way Chromium's
 * --host-resolver-rules does. The product code under test keeps its real hosts.
 */
import http from 'node:http';
import https from 'node:https';
import { classifyHost, normalizeHost } from '../emulator/links.ts';

export interface EmulatorFetchLog {
  url: string;
  method: string;
  headers: Record<string, string>;
}

export function emulatorFetch(port: number, log: EmulatorFetchLog[] = []): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url);
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => {
        headers[name] = value;
      });
      const method = init.method ?? 'GET';
      log.push({ url: url.href, method, headers });
      // Hosts the emulator does not serve are refused like an unreachable host.
      if (classifyHost(normalizeHost(url.hostname)) === 'other') {
        reject(new TypeError(`fetch failed: ${url.hostname} is not routed to the emulator`));
        return;
      }
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(new DOMException('aborted', 'AbortError'));
        return;
      }
      const options = {
        host: '127.0.0.1',
        port,
        method,
        path: `${url.pathname}${url.search}`,
        headers: { ...headers, host: url.host },
        agent: false as const,
      };
      const req =
        url.protocol === 'http:'
          ? http.request(options)
          : https.request({ ...options, servername: url.hostname, rejectUnauthorized: false });
      const onAbort = (): void => {
        req.destroy();
        reject(new DOMException('aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => {
        signal?.removeEventListener('abort', onAbort);
        reject(new TypeError('fetch failed', { cause: err }));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(new TypeError('fetch failed', { cause: err })));
        res.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, v);
          }
          resolve(
            new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: responseHeaders }),
          );
        });
      });
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
}
