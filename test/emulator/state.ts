/**
 * Shared mutable state of one emulator instance: options, fault switches, issued download tokens,
 * the flood detector, the API fault plan and hold, the CDN drop rate, transfer accounting and the
 * event emitter.
 */
import type { EventEmitter } from 'node:events';
import type { HoldGate } from './api-hold.ts';
import type { FaultPlan } from './api-fault-plan.ts';
import type { EmulatorEvents } from './events.ts';
import type { FloodGuard } from './flood.ts';
import type { DropRate, TransferBook } from './transfers.ts';

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
  /** Faults for the next API calls (injectApiFaults), consumed call by call. */
  apiPlan?: FaultPlan;
  /** While set and not released, API requests wait (holdApi). */
  apiHold?: HoldGate;
  /** Seeded random cuts of CDN answers (setCdnDropRate). */
  cdnDrops?: DropRate;
  transfers: TransferBook;
  events: EventEmitter<EmulatorEvents>;
}
