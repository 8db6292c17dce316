/**
 * Request helpers shared by the virtual hosts: body reading, client address, sockets.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** Reads the whole body; undefined when it exceeds `max` bytes (the rest is drained). */
export async function readRaw(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > max) tooBig = true;
    else chunks.push(buf);
  }
  return tooBig ? undefined : Buffer.concat(chunks);
}

/** The client's address as the flood detector keys it. */
export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? '';
}

/**
 * Resets the TCP connection under `req` (RST, not FIN), also below TLS, so the client sees
 * ECONNRESET rather than an orderly close.
 */
export function resetConnection(req: IncomingMessage): void {
  // A TLS socket wraps the raw TCP socket the dual server accepted (Node keeps it in `_parent`).
  const tls = req.socket as Socket & { _parent?: Socket | null };
  // oxlint-disable-next-line no-underscore-dangle -- Node's own (undocumented) field name
  const raw = tls._parent ?? tls;
  if (typeof raw.resetAndDestroy === 'function' && !raw.destroyed) raw.resetAndDestroy();
  else raw.destroy();
  tls.destroy();
}
