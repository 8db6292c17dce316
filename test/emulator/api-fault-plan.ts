/**
 * API fault plan: faults for a number of upcoming API calls, consumed call by call, after which
 * the API answers normally again (unlike the `setFault` switches, which stay on).
 */
import { mulberry32 } from '../support/prng.ts';

/** The API faults a plan can inject, in the precedence order of the switches (index.ts). */
export type ApiFault =
  'hang' | 'reset' | 'http503' | 'http429' | 'http500' | 'html' | 'malformedJson' | 'flood';

export const API_FAULTS: readonly ApiFault[] = [
  'hang',
  'reset',
  'http503',
  'http429',
  'http500',
  'html',
  'malformedJson',
  'flood',
];

/** One step: let `skip` calls through untouched, then answer the next `count` calls with `fault`. */
export interface ApiFaultStep {
  fault: ApiFault;
  /** Default 1. */
  count?: number;
  /** Default 0. */
  skip?: number;
  /** `Retry-After` of `http503` (default 120) and `http429` (default 45). */
  retryAfterSec?: number;
}

/** A call that got an injected fault. */
export interface InjectedFault {
  fault: ApiFault;
  path: string;
  /** Emulator-clock ms. */
  at: number;
}

/** What {@link Emulator.injectApiFaults} returns: the plan's progress. */
export interface ApiFaultPlan {
  /** Faults the plan holds in all. */
  readonly total: number;
  /** The calls that got a fault so far, in order. */
  readonly injected: readonly InjectedFault[];
  /** Faults not injected yet. */
  pending(): number;
}

/** A plan being consumed; {@link FaultPlan.next} is called once per API call. */
export class FaultPlan implements ApiFaultPlan {
  readonly total: number;
  readonly injected: InjectedFault[] = [];
  private readonly steps: Required<ApiFaultStep>[];

  constructor(steps: readonly ApiFaultStep[]) {
    this.steps = steps.map((s) => {
      const count = s.count ?? 1;
      const skip = s.skip ?? 0;
      if (!Number.isInteger(count) || count < 1 || !Number.isInteger(skip) || skip < 0) {
        throw new RangeError(`bad fault step ${JSON.stringify(s)}`);
      }
      if (!API_FAULTS.includes(s.fault)) throw new RangeError(`unknown API fault '${String(s.fault)}'`);
      const retryAfterSec = s.retryAfterSec ?? (s.fault === 'http429' ? 45 : 120);
      return { fault: s.fault, count, skip, retryAfterSec };
    });
    this.total = this.steps.reduce((n, s) => n + s.count, 0);
  }

  pending(): number {
    return this.total - this.injected.length;
  }

  /** The fault for this call, if the plan has one for it (consumes the plan). */
  next(path: string, at: number): { fault: ApiFault; retryAfterSec: number } | undefined {
    const step = this.steps[0];
    if (step === undefined) return undefined;
    if (step.skip > 0) {
      step.skip -= 1;
      return undefined;
    }
    step.count -= 1;
    if (step.count === 0) this.steps.shift();
    this.injected.push({ fault: step.fault, path, at });
    return { fault: step.fault, retryAfterSec: step.retryAfterSec };
  }
}

/** A fault to scatter: `count` calls (default 1) answered with `fault`. */
export type ScatterItem = Omit<ApiFaultStep, 'skip'>;

/**
 * Steps that put each single fault occurrence at a seeded random call among the next `spread`
 * calls (distinct calls, random order): the same seed gives the same plan.
 * @throws RangeError when `spread` is smaller than the number of faults.
 */
export function scatterApiFaults(
  items: readonly ScatterItem[],
  seed: number,
  spread: number,
): ApiFaultStep[] {
  const random = mulberry32(seed);
  const singles: ApiFaultStep[] = items.flatMap((item) =>
    Array.from({ length: item.count ?? 1 }, () => {
      const one: ApiFaultStep = { fault: item.fault };
      if (item.retryAfterSec !== undefined) one.retryAfterSec = item.retryAfterSec;
      return one;
    }),
  );
  if (spread < singles.length) throw new RangeError(`spread ${spread} < ${singles.length} faults`);
  // Fisher–Yates on the faults, then distinct positions among the first `spread` calls.
  for (let i = singles.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [singles[i], singles[j]] = [singles[j]!, singles[i]!];
  }
  const positions = new Set<number>();
  while (positions.size < singles.length) positions.add(Math.floor(random() * spread));
  const sorted = [...positions].toSorted((a, b) => a - b);
  let previous = -1;
  return singles.map((step, i) => {
    const position = sorted[i]!;
    const skip = position - previous - 1;
    previous = position;
    return { ...step, skip };
  });
}
