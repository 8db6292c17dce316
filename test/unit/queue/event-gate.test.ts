import { describe, it, expect } from 'vitest';
import { createEventGate } from '../../../utils/queue/event-gate.ts';
import { decideInterrupt, MAX_RESUMES } from '../../../utils/queue/interrupts.ts';

describe('event gate', () => {
  it('holds events until opened, then replays them in order before new ones, one at a time', async () => {
    const gate = createEventGate<number>();
    gate.push(1);
    gate.push(2);
    expect(gate.held).toBe(2);
    const seen: number[] = [];
    let running = 0;
    let overlap = false;
    const done = gate.open(async (n) => {
      running += 1;
      if (running > 1) overlap = true;
      await new Promise<void>((r) => setImmediate(r));
      seen.push(n);
      running -= 1;
    });
    gate.push(3);
    await done;
    await gate.idle();
    expect(seen).toEqual([1, 2, 3]);
    expect(overlap).toBe(false);
    expect(gate.held).toBe(0);
  });

  it('a failing event does not stop the ones after it', async () => {
    const gate = createEventGate<string>();
    const seen: string[] = [];
    await gate.open(async (e) => {
      if (e === 'bad') throw new Error('boom');
      seen.push(e);
    });
    gate.push('bad');
    gate.push('good');
    await gate.idle();
    expect(seen).toEqual(['good']);
  });
});

describe('interrupt decisions (security-notes.md §4.4)', () => {
  it.each([
    ['FILE_NO_SPACE', true, 0, { kind: 'fail', error: 'diskFull' }],
    ['FILE_ACCESS_DENIED', false, 0, { kind: 'fail', error: 'fileError' }],
    ['FILE_TOO_LARGE', false, 0, { kind: 'fail', error: 'fileError' }],
    ['USER_CANCELED', false, 0, { kind: 'requeue' }],
    ['USER_SHUTDOWN', false, 0, { kind: 'requeue' }],
    ['NETWORK_FAILED', true, 0, { kind: 'resume' }],
    ['CRASH', true, MAX_RESUMES - 1, { kind: 'resume' }],
    ['NETWORK_FAILED', true, MAX_RESUMES, { kind: 'restart' }],
    ['NETWORK_FAILED', false, 0, { kind: 'restart' }],
    ['SERVER_BAD_CONTENT', false, 0, { kind: 'restart' }],
    [undefined, undefined, 0, { kind: 'restart' }],
  ] as const)('%s (canResume %s, %i resumes) → %o', (reason, canResume, resumes, expected) => {
    expect(decideInterrupt(reason, canResume, resumes)).toEqual(expected);
  });
});
