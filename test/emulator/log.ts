/**
 * Request log: one entry per request, in memory and optionally appended as JSON lines to a file.
 * The Authorization value and request bodies (which may carry file passwords, §3.1 `pass`) are
 * never recorded; only a short hash lets tests tell keys apart.
 */
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isFloodMessage } from './messages.ts';

/** One logged request. */
export interface RequestLogEntry {
  /** When the request arrived (headers parsed), ISO 8601 from the emulator's clock. */
  ts: string;
  host: string;
  method: string;
  /** API paths without query string; CDN/site paths keep it. */
  path: string;
  /** An Authorization header was sent. */
  auth: boolean;
  /** First 16 hex chars of sha256(Authorization header value). */
  authHash?: string;
  /** HTTP status; 0 when the request never got an answer (hang fault, closed emulator). */
  status: number;
  /** The KO message (or check_links.pl's `IP Locked`), if any. */
  message?: string;
  /** Answered as a flood lock (`Flood detected: …` or `IP Locked`), whatever the HTTP status. */
  flood: boolean;
  /** API calls about one file (file/info.cgi, get_token.cgi): the file id of the `url` sent. */
  fileId?: string;
  /** The API fault that answered (a switch or the fault plan). */
  fault?: string;
  /** get_token.cgi: the `no_ssl` and `cdn` flags sent (the user's settings; not secret). */
  noSsl?: boolean;
  cdn?: boolean;
}

/** Fields a handler adds to its request's entry. */
export type RequestNote = Pick<RequestLogEntry, 'fileId' | 'fault' | 'noSsl' | 'cdn'>;

type Sink = (status: number, message?: string) => void;
const sinks = new WeakMap<ServerResponse, Sink>();
const notes = new WeakMap<ServerResponse, RequestNote>();

/** Adds fields to the entry of `res` (call before the answer is sent). */
export function annotateRequest(res: ServerResponse, note: RequestNote): void {
  notes.set(res, { ...notes.get(res), ...note });
}

/**
 * Records the answer of `res` (first call wins). Response helpers call this right before
 * writing the status line, so the entry exists before the client can see the response.
 */
export function logResponse(res: ServerResponse, status: number, message?: string): void {
  const sink = sinks.get(res);
  if (!sink) return;
  sinks.delete(res);
  sink(status, message);
}

/** Collects entries and writes the JSONL file. */
export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private readonly file: string | undefined;
  private readonly now: () => number;

  constructor(file: string | undefined, now: () => number) {
    this.file = file;
    this.now = now;
  }

  /** Starts tracking a request; its entry is written by {@link logResponse} or, failing that, on close. */
  track(req: IncomingMessage, res: ServerResponse, host: string, keepQuery: boolean): void {
    const authorization = req.headers.authorization;
    const rawPath = req.url ?? '/';
    const base: Omit<RequestLogEntry, 'status' | 'flood'> = {
      ts: new Date(this.now()).toISOString(),
      host,
      method: req.method ?? '',
      path: keepQuery ? rawPath : (rawPath.split('?')[0] ?? rawPath),
      auth: authorization !== undefined,
    };
    if (authorization !== undefined) {
      base.authHash = createHash('sha256').update(authorization).digest('hex').slice(0, 16);
    }
    sinks.set(res, (status, message) =>
      this.push({
        ...base,
        status,
        ...(message === undefined ? {} : { message }),
        flood: isFloodMessage(message),
        ...notes.get(res),
      }),
    );
    res.once('close', () => logResponse(res, res.headersSent ? res.statusCode : 0));
  }

  private push(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.file !== undefined) appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}
