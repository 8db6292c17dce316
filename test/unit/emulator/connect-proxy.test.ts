import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES, KEYS, startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { isFichierHost, startConnectProxy } from '../../support/connect-proxy.ts';
import type { ConnectProxy } from '../../support/connect-proxy.ts';

const CA = readFileSync(new URL('../../emulator/certs/cert.pem', import.meta.url));

let emu: Emulator;
let proxy: ConnectProxy;
beforeAll(async () => {
  emu = await startEmulator({ floodMaxInWindow: 10_000 });
  proxy = await startConnectProxy({ targetPort: emu.port });
});
afterAll(async () => {
  await proxy.close();
  await emu.close();
});

/** Sends `CONNECT authority` to the proxy; resolves its status and, on 200, the tunnel socket. */
function connect(authority: string): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: proxy.port, method: 'CONNECT', path: authority });
    req.on('connect', (res, socket) => resolve({ status: res.statusCode ?? 0, socket }));
    req.on('error', reject);
    req.end();
  });
}

/** One HTTP/1.1 exchange over `socket` (Connection: close); resolves the raw answer. */
function exchange(socket: Socket | tls.TLSSocket, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (text += c));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.write(request);
  });
}

describe('connect proxy', () => {
  it('tunnels CONNECT api.1fichier.com:443 to the emulator; TLS verifies against the emulator cert', async () => {
    const { status, socket } = await connect('api.1fichier.com:443');
    expect(status).toBe(200);
    const secure = tls.connect({ socket, servername: 'api.1fichier.com', ca: CA });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    });
    expect(secure.authorized).toBe(true);
    const body = JSON.stringify({ url: FILES.small.link });
    const answer = await exchange(
      secure,
      `POST /v1/file/info.cgi HTTP/1.1\r\nHost: api.1fichier.com\r\nAuthorization: Bearer ${KEYS.premium}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain(`"filename":"${FILES.small.name}"`);
    expect(proxy.connects.at(-1)).toEqual({ host: 'api.1fichier.com', port: 443, allowed: true });
  });

  it('tunnels plain HTTP on port 80 for website hosts', async () => {
    const { status, socket } = await connect('www.megadl.fr:80');
    expect(status).toBe(200);
    const answer = await exchange(
      socket,
      `GET /?${FILES.small.id} HTTP/1.1\r\nHost: www.megadl.fr\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('refuses other hosts, other ports and plain proxy requests with 403', async () => {
    for (const authority of [
      'example.com:443',
      'api.1fichier.com:22',
      '127.0.0.1:443',
      'up2.1fichier.com:443',
    ]) {
      const { status, socket } = await connect(authority);
      expect(status, authority).toBe(403);
      socket.destroy();
    }
    expect(proxy.connects.filter((c) => !c.allowed).map((c) => `${c.host}:${c.port}`)).toEqual([
      'example.com:443',
      'api.1fichier.com:22',
      '127.0.0.1:443',
      'up2.1fichier.com:443',
    ]);
    const plain = await new Promise<number>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port: proxy.port, path: 'http://api.1fichier.com/v1/user/info.cgi' },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
        .on('error', reject);
    });
    expect(plain).toBe(403);
  });

  it('knows the 1Fichier hosts', () => {
    for (const h of [
      'api.1fichier.com',
      'a-12.1fichier.com',
      'o-5.1fichier.com',
      '1fichier.com',
      'www.tenvoi.com',
    ]) {
      expect(isFichierHost(h), h).toBe(true);
    }
    for (const h of ['img.1fichier.com', 'example.com', '1fichier.com.evil.example', 'localhost']) {
      expect(isFichierHost(h), h).toBe(false);
    }
  });
});
