import { describe, it, expect } from 'vitest';
import { createSpeedMeter, timeLeft } from '../../../utils/queue-view/speed.ts';

describe('speed meter', () => {
  it('has no speed before two samples, then the instant rate of the first interval', () => {
    const m = createSpeedMeter();
    expect(m.speed('a')).toBeUndefined();
    m.sample('a', 0, 1_000);
    expect(m.speed('a')).toBeUndefined();
    m.sample('a', 500_000, 1_500);
    expect(m.speed('a')).toBe(1_000_000);
  });

  it('smooths with the half-life: a sample one half-life later moves the speed half way', () => {
    const m = createSpeedMeter(2_000);
    m.sample('a', 0, 0);
    m.sample('a', 1_000, 1_000); // 1,000 B/s
    m.sample('a', 1_000 + 2 * 3_000, 3_000); // 3,000 B/s over one half-life
    expect(m.speed('a')).toBeCloseTo(2_000, 6);
  });

  it('one slow sample does not swing the speed (short intervals weigh little)', () => {
    const m = createSpeedMeter(3_000);
    m.sample('a', 0, 0);
    m.sample('a', 1_000_000, 1_000); // 1 MB/s
    m.sample('a', 1_000_000, 1_500); // nothing in 500 ms
    const s = m.speed('a')!;
    expect(s).toBeGreaterThan(800_000);
    expect(s).toBeLessThan(1_000_000);
  });

  it('a byte count going back (a restarted transfer) starts over: no speed until the next sample', () => {
    const m = createSpeedMeter();
    m.sample('a', 0, 0);
    m.sample('a', 10_000, 1_000);
    expect(m.speed('a')).toBe(10_000);
    m.sample('a', 2_000, 2_000);
    expect(m.speed('a')).toBeUndefined();
    m.sample('a', 4_000, 3_000);
    expect(m.speed('a')).toBe(2_000);
  });

  it('a zero interval is ignored; a time going back starts over', () => {
    const m = createSpeedMeter();
    m.sample('a', 0, 1_000);
    m.sample('a', 1_000, 2_000);
    m.sample('a', 5_000, 2_000); // dt = 0: no division by zero, no change
    expect(m.speed('a')).toBe(1_000);
    m.sample('a', 6_000, 500); // dt < 0
    expect(m.speed('a')).toBeUndefined();
    m.sample('a', 7_000, 1_500);
    expect(m.speed('a')).toBe(1_000);
  });

  it('keeps one track per job, and forget drops one', () => {
    const m = createSpeedMeter();
    m.sample('a', 0, 0);
    m.sample('b', 0, 0);
    m.sample('a', 100, 1_000);
    m.sample('b', 300, 1_000);
    expect([m.speed('a'), m.speed('b')]).toEqual([100, 300]);
    m.forget('a');
    expect(m.speed('a')).toBeUndefined();
    expect(m.speed('b')).toBe(300);
    m.forget('unknown');
    m.sample('a', 500, 2_000);
    expect(m.speed('a')).toBeUndefined();
  });
});

describe('timeLeft', () => {
  it('is the bytes left at the given speed, in ms', () => {
    expect(timeLeft(10_000, 4_000, 2_000)).toBe(3_000);
    expect(timeLeft(10_000, 10_000, 2_000)).toBe(0);
  });

  it('is never negative when more bytes arrived than the announced size', () => {
    expect(timeLeft(10_000, 12_000, 2_000)).toBe(0);
  });

  it('cannot be told without a size, a count or a positive speed', () => {
    expect(timeLeft(undefined, 0, 1_000)).toBeUndefined();
    expect(timeLeft(1_000, undefined, 1_000)).toBeUndefined();
    expect(timeLeft(1_000, 0, undefined)).toBeUndefined();
    expect(timeLeft(1_000, 0, 0)).toBeUndefined();
    expect(timeLeft(1_000, 0, -5)).toBeUndefined();
  });
});
