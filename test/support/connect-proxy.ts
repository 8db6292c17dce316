/**
 * A tiny HTTP proxy that lets an unmodified client (rclone, curl, anything honouring HTTPS_PROXY)
 * reach the 1Fichier emulator under the real host names, without root and without /etc/hosts:
 * `CONNECT <host>:443` (or `:80`) for a 1Fichier host (api, a-N/o-N, 1fichier.com and mirrors, with
 * or without www.) is answered `200 Connection Established` and piped to the emulator's port; the
 * client then speaks TLS (with the right SNI) to the emulator as if it were the real host.
 * Everything else — other hosts, other ports, plain proxy requests — gets 403, so a client can
 * never leak to the network through it.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { classifyHost } from '../emulator/links.ts';

/** One CONNECT request the proxy saw. */
export interface ProxyConnect {
  host: string;
  port: number;
  allowed: boolean;
}

/** Options of {@link startConnectProxy}. */
export interface ConnectProxyOptions {
  /** Port of the emulator (or any server) the allowed tunnels lead to. */
  targetPort: number;
  /** Default '127.0.0.1'. */
  targetHost?: string;
  /** Which host names may be tunnelled; default: the 1Fichier hosts the emulator serves. */
  allowHost?: (host: string) => boolean;
}

/** A running proxy. */
export interface ConnectProxy {
  port: number;
  /** `http://127.0.0.1:<port>`, the value for HTTPS_PROXY / HTTP_PROXY. */
  url: string;
  /** Every CONNECT seen, in order. */
  connects: ProxyConnect[];
  /** Destroys every tunnel and stops listening. */
  close(): Promise<void>;
}

/** True for the host names the emulator answers (api, CDN nodes, website + mirrors). */
export function isFichierHost(host: string): boolean {
  return classifyHost(host.toLowerCase()) !== 'other';
}

const TUNNEL_PORTS = new Set([443, 80]);

/** Splits `host:port` (IPv6 literals in brackets are simply refused later by the host check). */
function parseAuthority(authority: string): { host: string; port: number } | undefined {
  const m = /^([^:\s]+):(\d{1,5})$/.exec(authority);
  if (!m?.[1] || !m[2]) return undefined;
  return { host: m[1], port: Number(m[2]) };
}

function refuse(socket: Duplex, reason: string): void {
  socket.end(
    `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n` +
      `Connection: close\r\n\r\n${reason}`,
  );
}

/** Starts the proxy on 127.0.0.1 (random port). */
export async function startConnectProxy(opts: ConnectProxyOptions): Promise<ConnectProxy> {
  const allowHost = opts.allowHost ?? isFichierHost;
  const targetHost = opts.targetHost ?? '127.0.0.1';
  const connects: ProxyConnect[] = [];
  const sockets = new Set<Socket | Duplex>();
  const track = (s: Socket | Duplex): void => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };

  const server = http.createServer((_req, res) => {
    // Plain `GET http://host/…` proxying is not offered: only CONNECT tunnels.
    res.writeHead(403, { 'Content-Type': 'text/plain', Connection: 'close' });
    res.end('only CONNECT to 1Fichier hosts is allowed\n');
  });
  server.on('connection', track);
  server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    client.on('error', () => client.destroy());
    const target = parseAuthority(req.url ?? '');
    const allowed = target !== undefined && TUNNEL_PORTS.has(target.port) && allowHost(target.host);
    connects.push({ host: target?.host ?? req.url ?? '', port: target?.port ?? 0, allowed });
    if (!allowed) {
      refuse(client, `CONNECT ${req.url ?? ''} refused: not a 1Fichier host\n`);
      return;
    }
    const upstream = net.connect(opts.targetPort, targetHost);
    track(upstream);
    upstream.on('error', () => {
      upstream.destroy();
      client.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
      }),
  };
}
