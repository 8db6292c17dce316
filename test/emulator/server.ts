/**
 * One TCP port serving both HTTPS and plain HTTP. `no_ssl: 1` links are `http://` (§3.1) and a
 * Chromium `--host-resolver-rules` MAP sends both schemes to the same port, so each connection's
 * first byte decides: 0x16 (TLS handshake record) → HTTPS, anything else → HTTP.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { RequestListener } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Socket } from 'node:net';

const TLS_HANDSHAKE = 0x16;

/** The test-only certificate committed next to this file (see certs/README.md). */
function loadCert(): { cert: Buffer; key: Buffer } {
  return {
    cert: readFileSync(new URL('./certs/cert.pem', import.meta.url)),
    key: readFileSync(new URL('./certs/key.pem', import.meta.url)),
  };
}

/** The listening server plus what is needed to tear it down hard. */
export interface DualServer {
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Destroys every open connection (raw and TLS). */
  destroyAll(): void;
  /** Stops listening and destroys every connection; never hangs. */
  close(): Promise<void>;
}

/**
 * Creates the dual-protocol server. `isDown()` is consulted for every new connection: when true the
 * socket is destroyed at once, which the client sees as a connection reset (the `down` fault).
 */
export function createDualServer(handler: RequestListener, isDown: () => boolean): DualServer {
  const sockets = new Set<Socket>();
  const track = (s: Socket): void => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  const httpsServer = https.createServer({ ...loadCert() }, handler);
  const httpServer = http.createServer(handler);
  // No server-side request timeout (Node's default is 300 s): with the `hang` fault only the
  // client's own timeout may end a request.
  httpsServer.requestTimeout = 0;
  httpServer.requestTimeout = 0;
  httpsServer.on('secureConnection', track);
  // Failed handshakes (e.g. a client that rejects the certificate) are the client's business.
  httpsServer.on('tlsClientError', (_err, socket) => socket.destroy());

  const server = net.createServer((socket) => {
    track(socket);
    socket.on('error', () => socket.destroy());
    if (isDown()) {
      socket.destroy();
      return;
    }
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (first === null) {
        socket.destroy();
        return;
      }
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? httpsServer : httpServer).emit('connection', socket);
    });
  });

  const destroyAll = (): void => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address();
          resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
        });
      }),
    destroyAll,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        destroyAll();
      }),
  };
}
