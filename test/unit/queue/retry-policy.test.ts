import { describe, it, expect } from 'vitest';
import { RETRY_POLICY, type ErrorKind } from '../../../utils/onefichier/errors';
import { decideRetry, MAX_ATTEMPTS } from '../../../utils/queue/retry-policy';

const NOW = 1_700_000_000_000;
const ALL = Object.keys(RETRY_POLICY) as ErrorKind[];
const lo = () => 0;
const hi = () => 1;

/** The wait a second "server" failure gets with this jitter draw. */
function serverDelay(r: number): number {
  const d = decideRetry({ kind: 'server' }, 2, NOW, () => r);
  return d.kind === 'wait' ? d.at - NOW : -1;
}

describe('decideRetry', () => {
  it.each(ALL.filter((k) => RETRY_POLICY[k] === 'never' || RETRY_POLICY[k] === 'needsUser'))(
    '%s fails at once, whatever the attempt count',
    (kind) => {
      for (const attempts of [0, 1, 3])
        expect(decideRetry({ kind }, attempts, NOW, lo)).toEqual({ kind: 'fail' });
    },
  );

  it('the final kinds include the ones users must act on or cannot fix', () => {
    for (const kind of [
      'notFound',
      'notAllowed',
      'ownerLocked',
      'badLink',
      'noKey',
      'invalidKey',
      'freeAccount',
      'passwordRequired',
      'passwordWrong',
    ] as const) {
      expect(decideRetry({ kind }, 1, NOW, lo).kind, kind).toBe('fail');
    }
  });

  it('a flood waits exactly until the breaker opens, even past the attempt limit', () => {
    expect(decideRetry({ kind: 'flood', retryAt: NOW + 123_456 }, 1, NOW, hi)).toEqual({
      kind: 'wait',
      at: NOW + 123_456,
    });
    expect(decideRetry({ kind: 'flood', retryAt: NOW + 5_000 }, MAX_ATTEMPTS + 3, NOW, hi)).toEqual({
      kind: 'wait',
      at: NOW + 5_000,
    });
  });

  it('a Retry-After time (maintenance, 5xx) is waited for exactly, within the attempt limit', () => {
    expect(decideRetry({ kind: 'maintenance', retryAt: NOW + 120_000 }, 1, NOW, hi)).toEqual({
      kind: 'wait',
      at: NOW + 120_000,
    });
    expect(decideRetry({ kind: 'server', retryAt: NOW + 5_000 }, 3, NOW, hi)).toEqual({
      kind: 'wait',
      at: NOW + 5_000,
    });
    // Past or absent: the usual back-off; over the limit: fail.
    const past = decideRetry({ kind: 'server', retryAt: NOW - 1 }, 1, NOW, hi);
    expect(past.kind === 'wait' && past.at - NOW).toBe(30_000);
    expect(decideRetry({ kind: 'maintenance', retryAt: NOW + 120_000 }, MAX_ATTEMPTS, NOW, hi)).toEqual({
      kind: 'fail',
    });
  });

  it('a flood without retryAt waits 30 s', () => {
    expect(decideRetry({ kind: 'flood' }, 1, NOW, hi)).toEqual({ kind: 'wait', at: NOW + 30_000 });
  });

  it('backs off exponentially from 30 s for "later" errors (network)', () => {
    const delays = [1, 2, 3, 4].map((a) => {
      const d = decideRetry({ kind: 'network' }, a, NOW, hi);
      return d.kind === 'wait' ? d.at - NOW : -1;
    });
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('backs off exponentially from 2 s for "soon" errors (transferFailed, timeout)', () => {
    for (const kind of ['transferFailed', 'timeout'] as const) {
      const delays = [1, 2, 3, 4].map((a) => {
        const d = decideRetry({ kind }, a, NOW, hi);
        return d.kind === 'wait' ? d.at - NOW : -1;
      });
      expect(delays, kind).toEqual([2_000, 4_000, 8_000, 16_000]);
    }
  });

  it('jitters within the upper half of the delay', () => {
    expect(serverDelay(0)).toBe(30_000);
    expect(serverDelay(0.5)).toBe(45_000);
    expect(serverDelay(1)).toBe(60_000);
  });

  it('never waits more than 10 minutes, and never less than 1 s', () => {
    for (const kind of ALL) {
      for (let attempts = 0; attempts < MAX_ATTEMPTS; attempts++) {
        for (const random of [lo, hi]) {
          const d = decideRetry({ kind }, attempts, NOW, random);
          if (d.kind === 'wait' && kind !== 'flood') {
            expect(d.at - NOW).toBeLessThanOrEqual(10 * 60_000);
            expect(d.at - NOW).toBeGreaterThanOrEqual(1_000);
          }
        }
      }
    }
  });

  it.each([
    'network',
    'server',
    'timeout',
    'transferFailed',
    'badResponse',
    'unknownApiError',
    'tooManyLocations',
  ] as const)('gives up on %s after MAX_ATTEMPTS attempts', (kind) => {
    expect(MAX_ATTEMPTS).toBe(5);
    expect(decideRetry({ kind }, MAX_ATTEMPTS - 1, NOW, lo).kind).toBe('wait');
    expect(decideRetry({ kind }, MAX_ATTEMPTS, NOW, lo)).toEqual({ kind: 'fail' });
    expect(decideRetry({ kind }, MAX_ATTEMPTS + 10, NOW, lo)).toEqual({ kind: 'fail' });
  });
});
