/**
 * Direct-download nodes `a-N.1fichier.com` / `o-N.1fichier.com`: GET/HEAD `/<token>`
 * (1fichier-api.md §6, §11.3-4).
 *
 * Token rules: it must be FIRST used within `tokenTtlMs` of its creation ("valid for 5 minutes",
 * §6.2); once started it keeps working for repeated and ranged requests (multi-connection clients
 * reuse it, §6.3) unless it was issued with `single: 1`, which allows exactly one request. Whether a
 * HEAD consumes a single token is unknown (§12); the emulator counts it, the strict choice.
 * A link is only valid on the node it was issued for. Invalid links get an HTML page (§6.8).
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { parseParisDate } from './dates.ts';
import { contentDisposition } from './disposition.ts';
import { findFile, writeFileRange } from './fixtures.ts';
import type { FixtureFile } from './fixtures.ts';
import { ifRangeMatches, parseRange } from './range.ts';
import { head, notFoundPage, sendHtml, sendText } from './respond.ts';
import type { EmulatorState, TokenRecord } from './state.ts';
import type { TransferEvent } from './events.ts';

/** The token record if the link may be served now (and counts the use), else undefined. */
function admit(state: EmulatorState, host: string, token: string): TokenRecord | undefined {
  if (state.faults.has('tokenExpired')) return undefined;
  const rec = state.tokens.get(token);
  if (rec === undefined || rec.host !== host) return undefined;
  const now = state.settings.now();
  if (rec.firstUsedAt === undefined && now - rec.createdAt > state.settings.tokenTtlMs) {
    state.tokens.delete(token);
    return undefined;
  }
  if (rec.single && rec.uses > 0) return undefined;
  rec.firstUsedAt ??= now;
  rec.uses += 1;
  return rec;
}

/** Headers describing the whole representation. */
function baseHeaders(file: FixtureFile, inline: boolean): OutgoingHttpHeaders {
  return {
    'Content-Type': file.contentType,
    'Content-Disposition': contentDisposition(file.name, inline),
    'Accept-Ranges': 'bytes',
    ETag: `"${file.id}-${file.size}"`,
    'Last-Modified': new Date(parseParisDate(file.date)).toUTCString(),
  };
}

/** Handles one request to a CDN node. */
export async function handleCdn(
  state: EmulatorState,
  host: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'Method Not Allowed\n');
    return;
  }
  const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
  const rec = admit(state, host, path.slice(1));
  const file = rec === undefined ? undefined : findFile(rec.fileId);
  if (rec === undefined || file === undefined) {
    sendHtml(res, 404, notFoundPage());
    return;
  }
  // "You can always add &inline=1 to the supplied url" (§3.1).
  const inline = rec.inline || new URLSearchParams(query).get('inline') === '1';
  const headers = baseHeaders(file, inline);
  let range = parseRange(req.headers.range, file.size);
  const ifRange = req.headers['if-range'];
  if (
    !ifRangeMatches(
      typeof ifRange === 'string' ? ifRange : undefined,
      String(headers.ETag),
      String(headers['Last-Modified']),
    )
  ) {
    range = { kind: 'full' };
  }
  if (range.kind === 'unsatisfiable') {
    head(res, 416, { ...headers, 'Content-Range': `bytes */${file.size}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : file.size - 1;
  const length = end - start + 1;
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${file.size}`;
  headers['Content-Length'] = length;
  head(res, range.kind === 'partial' ? 206 : 200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // cdnDrop: half the promised bytes; the drop rate: a seeded random offset inside the body.
  const cut = state.faults.has('cdnDrop') ? Math.floor(length / 2) : state.cdnDrops?.cutAt(length);
  const stats = state.transfers.of(file.id);
  stats.requests += 1;
  let sent = 0;
  const report = (kind: TransferEvent['kind'], full = false): void => {
    state.events.emit('transfer', { fileId: file.id, kind, start, end, bytes: sent, full });
  };
  report('start');
  // The status line and headers leave now, so even a cut at byte 0 happens inside the body.
  if (cut !== undefined) res.flushHeaders();
  const complete = await writeFileRange(res, file.id, start, end, {
    bytesPerSecond: state.settings.cdnBytesPerSecond,
    limit: cut,
    onBytes: (n) => {
      sent += n;
      stats.bytesServed += n;
    },
  });
  if (cut !== undefined && complete) {
    // Then a dead connection: a premature close for the client.
    if (state.cdnDrops?.expireLinks && !state.faults.has('cdnDrop')) state.tokens.delete(rec.token);
    res.socket?.destroy();
    stats.drops += 1;
    report('drop');
    return;
  }
  if (!complete) {
    res.socket?.destroy();
    stats.aborts += 1;
    report('abort');
    return;
  }
  res.end();
  const full = end === file.size - 1;
  if (full) stats.completions += 1;
  report('complete', full);
}
