/**
 * A real aria2c (Debian's /usr/bin/aria2c) for tests: JSON-RPC on loopback with a secret, its own
 * temporary download folder, and — to reach the 1Fichier emulator under the real host names —
 * every transfer tunnelled (`--all-proxy` + `--proxy-method=tunnel`, CONNECT for http and https)
 * through test/support/connect-proxy.ts, trusting the emulator's test certificate
 * (`--ca-certificate=test/emulator/certs/cert.pem`).
 *
 * Readiness is `aria2.getVersion` answering (polled with a short interval and a deadline); `kill`
 * is SIGKILL and waits for the exit; `restart` brings aria2 back on the same port, folder and
 * secret (aria2 forgets every download it had: no session file).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { KEYS, startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index.ts';
import { startConnectProxy, type ConnectProxy } from './connect-proxy.ts';
import { ROOT } from './paths.ts';

export const ARIA2C = '/usr/bin/aria2c';
/** The emulator's self-signed certificate (test only), which aria2 is told to trust. */
export const EMULATOR_CA = path.join(ROOT, 'test', 'emulator', 'certs', 'cert.pem');

/** Whether Debian's aria2c is installed (`apt-get install aria2`). */
export function aria2Available(): boolean {
  try {
    fs.accessSync(ARIA2C, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface Aria2Options {
  /** `--rpc-secret`; default a random 48-hex-digit secret. */
  secret?: string;
  /** `--dir`; default a fresh temporary folder (removed by `stop`). */
  dir?: string;
  /** RPC port; default a free one. */
  port?: number;
  /** A CONNECT proxy (`http://127.0.0.1:N`) every transfer goes through. */
  proxy?: string;
  /** CA certificate for https transfers; default the emulator's certificate. */
  caCert?: string;
  extraArgs?: string[];
}

export interface Aria2Process {
  port: number;
  /** `http://127.0.0.1:PORT/jsonrpc` */
  url: string;
  secret: string;
  dir: string;
  /** The current child's pid (changes on restart). */
  readonly pid: number;
  /** Sends `signal` (default SIGKILL) and waits for the child's exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** A new aria2c on the same port, folder and secret; resolves when its RPC answers. */
  restart(): Promise<void>;
  /** Kills aria2c and removes the temporary folder it was given (if the harness made it). */
  stop(): Promise<void>;
}

/** Polls `check` every `intervalMs` until it returns true; throws `message` after `timeoutMs`. */
export async function pollUntil(
  check: () => boolean | Promise<boolean>,
  message: string,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A port nobody listens on right now (bound on 127.0.0.1, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** aria2.getVersion with the right secret: true once aria2 answers it. */
async function answers(url: string, secret: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'ready',
        method: 'aria2.getVersion',
        params: [`token:${secret}`],
      }),
      signal: AbortSignal.timeout(1_000),
    });
    const body = (await res.json()) as { result?: { version?: unknown } };
    return typeof body.result?.version === 'string';
  } catch {
    return false;
  }
}

/** The environment without proxy variables (aria2 honours http_proxy & co. on top of --all-proxy). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/_proxy$/i.test(name)) delete env[name];
  return env;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts aria2c; resolves once its RPC answers. */
export async function startAria2(opts: Aria2Options = {}): Promise<Aria2Process> {
  if (!aria2Available()) {
    throw new Error(
      `${ARIA2C} is missing: install Debian's aria2 (apt-get install aria2) to run the aria2 tests`,
    );
  }
  const secret = opts.secret ?? randomBytes(24).toString('hex');
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dl1f-aria2-'));
  let port = opts.port ?? (await freePort());
  let child: ChildProcess | undefined;

  const args = (): string[] => [
    '--enable-rpc',
    `--rpc-listen-port=${port}`,
    `--rpc-secret=${secret}`,
    `--dir=${dir}`,
    '--no-conf',
    '--quiet',
    '--rpc-listen-all=false',
    `--ca-certificate=${opts.caCert ?? EMULATOR_CA}`,
    ...(opts.proxy ? [`--all-proxy=${opts.proxy}`, '--proxy-method=tunnel'] : []),
    ...(opts.extraArgs ?? []),
  ];

  /** One spawn; true when the RPC answers, false when aria2c exited first (port taken). */
  const spawnOnce = async (): Promise<boolean> => {
    const c = spawn(ARIA2C, args(), { env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    child = c;
    // A test process that dies without stop() must not leave aria2c running.
    const orphanGuard = (): void => void c.kill('SIGKILL');
    process.once('exit', orphanGuard);
    c.once('exit', () => process.off('exit', orphanGuard));
    let stderr = '';
    c.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2_000)));
    const url = `http://127.0.0.1:${port}/jsonrpc`;
    let ready = false;
    await pollUntil(
      async () => (ready = await answers(url, secret)) || c.exitCode !== null || c.signalCode !== null,
      `aria2c RPC on port ${port} (stderr: ${stderr})`,
    );
    return ready;
  };

  const launch = async (fixedPort: boolean): Promise<void> => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (await spawnOnce()) return;
      // Exited before answering: the port was taken (or still held); try another one unless fixed.
      if (!fixedPort) port = await freePort();
    }
    throw new Error(`aria2c did not start (exit code ${child?.exitCode ?? '?'}) on port ${port}`);
  };

  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const c = child;
    if (!c) return;
    if (c.exitCode === null && c.signalCode === null) c.kill(signal);
    await exited(c);
  };

  await launch(opts.port !== undefined);
  const url = (): string => `http://127.0.0.1:${port}/jsonrpc`;
  return {
    get port() {
      return port;
    },
    get url() {
      return url();
    },
    secret,
    dir,
    get pid() {
      return child?.pid ?? -1;
    },
    kill,
    async restart() {
      await kill();
      await launch(true);
    },
    async stop() {
      await kill();
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The emulator plus a CONNECT proxy leading to it (pass `proxy.url` to {@link startAria2}). */
export interface EmulatorWithProxy {
  emulator: Emulator;
  proxy: ConnectProxy;
  close(): Promise<void>;
}

export async function startEmulatorWithProxy(opts: EmulatorOptions = {}): Promise<EmulatorWithProxy> {
  const emulator = await startEmulator(opts);
  const proxy = await startConnectProxy({ targetPort: emulator.port });
  return {
    emulator,
    proxy,
    async close() {
      await proxy.close();
      await emulator.close();
    },
  };
}

/** A fresh direct link for `fileLink`, asked from the emulator's get_token.cgi with the premium key. */
export function directLink(
  emulator: Emulator,
  fileLink: string,
  key: string = KEYS.premium,
): Promise<string> {
  const body = JSON.stringify({ url: fileLink });
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: emulator.port,
        servername: 'api.1fichier.com',
        path: '/v1/download/get_token.cgi',
        method: 'POST',
        rejectUnauthorized: false,
        headers: {
          Host: 'api.1fichier.com',
          Authorization: `Bearer ${key}`,
          'Content-Type': 'application/json',
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          const answer = JSON.parse(text) as { url?: string; message?: string };
          if (answer.url) resolve(answer.url);
          else reject(new Error(`get_token.cgi: ${answer.message ?? text}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
