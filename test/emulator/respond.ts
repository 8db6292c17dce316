/**
 * Response helpers. Every answer goes through {@link head} so it is logged before it is sent.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { logResponse } from './log.ts';

/** Content type of every API answer (1fichier-api.md §1.2). */
export const JSON_TYPE = 'application/json; charset=utf-8';

/** Logs and writes the status line and headers. */
export function head(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  message?: string,
): void {
  logResponse(res, status, message);
  res.writeHead(status, headers);
}

/** Sends a complete body. */
export function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  message?: string,
  extra: OutgoingHttpHeaders = {},
): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  head(res, status, { ...extra, 'Content-Type': type, 'Content-Length': buf.length }, message);
  res.end(buf);
}

/** Sends a JSON success body (`pretty` mirrors the API's `"pretty": 1` option, §1.2). */
export function sendJson(res: ServerResponse, status: number, body: object, pretty = false): void {
  send(res, status, JSON_TYPE, JSON.stringify(body, null, pretty ? 2 : undefined));
}

/** Sends the KO envelope `{"status":"KO","message":"<text> #<code>"}` (§1.3). */
export function sendKo(
  res: ServerResponse,
  status: number,
  message: string,
  extra: OutgoingHttpHeaders = {},
): void {
  send(res, status, JSON_TYPE, JSON.stringify({ status: 'KO', message }), message, extra);
}

/** Sends an HTML page. */
export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  extra: OutgoingHttpHeaders = {},
): void {
  send(res, status, 'text/html; charset=utf-8', html, undefined, extra);
}

/** Sends plain text (`message` goes to the request log). */
export function sendText(res: ServerResponse, status: number, text: string, message?: string): void {
  send(res, status, 'text/plain; charset=utf-8', text, message);
}

/** A minimal HTML document. */
export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>\n`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The CDN's page for unknown/expired links: HTML, which is how clients detect it (§6.8). */
export function notFoundPage(): string {
  return (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>1fichier.com</title></head>' +
    '<body><h1>NOT FOUND</h1><p>The requested file could not be found.</p></body></html>\n'
  );
}
