/**
 * Shared mutable state of one emulator instance: options, fault switches, issued download tokens
 * and the flood detector.
 */
import type { FloodGuard } from './flood.ts';

/** Fault switches (see index.ts for what each does). */
export type FaultName =
  | 'down'
  | 'html'
  | 'malformedJson'
  | 'http500'
  | 'hang'
  | 'flood'
  | 'cdnDrop'
  | 'tokenExpired'
  | 'reset'
  | 'http503'
  | 'http429';

/** Every fault name, for validation (CLI). */
export const FAULT_NAMES: readonly FaultName[] = [
  'down',
  'html',
  'malformedJson',
  'http500',
  'hang',
  'flood',
  'cdnDrop',
  'tokenExpired',
  'reset',
  'http503',
  'http429',
];

/** A direct-download token issued by get_token.cgi (§3.1, §6). */
export interface TokenRecord {
  /** `p<digits>`, the path of the direct link. */
  token: string;
  /** CDN node host the link points at, e.g. `a-12.1fichier.com`. */
  host: string;
  fileId: string;
  createdAt: number;
  single: boolean;
  inline: boolean;
  /** Time of the first request on the link; undefined while unused. */
  firstUsedAt?: number;
  /** Number of requests served on the link. */
  uses: number;
}

/** Option values after defaults were applied. */
export interface ResolvedSettings {
  now: () => number;
  tokenTtlMs: number;
  cdnBytesPerSecond?: number;
}

/** Everything the request handlers share. */
export interface EmulatorState {
  settings: ResolvedSettings;
  faults: Set<FaultName>;
  tokens: Map<string, TokenRecord>;
  flood: FloodGuard;
}
