import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { createKeepAwake } from '../../../entrypoints/background/keep-awake.ts';

describe('keep-awake (extension API calls while the queue works in memory)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings every interval while held, by one or several holders, and stops when the last lets go', async () => {
    const ping = vi.fn(async () => undefined);
    const hold = createKeepAwake(ping, 1_000);
    vi.advanceTimersByTime(5_000);
    expect(ping).not.toHaveBeenCalled();

    const first = hold();
    const second = hold();
    vi.advanceTimersByTime(3_000);
    expect(ping).toHaveBeenCalledTimes(3);
    first();
    first();
    vi.advanceTimersByTime(2_000);
    expect(ping).toHaveBeenCalledTimes(5);
    second();
    vi.advanceTimersByTime(10_000);
    expect(ping).toHaveBeenCalledTimes(5);

    hold();
    vi.advanceTimersByTime(1_000);
    expect(ping).toHaveBeenCalledTimes(6);
  });

  it('a failing ping is swallowed (the page may be closing)', async () => {
    const ping = vi.fn(() => Promise.reject(new Error('context unloaded')));
    const release = createKeepAwake(ping, 500)();
    vi.advanceTimersByTime(1_000);
    await Promise.resolve();
    expect(ping).toHaveBeenCalledTimes(2);
    release();
  });
});
