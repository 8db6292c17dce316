/**
 * Smoothed transfer speed per job from byte counts sampled over time (an exponential moving
 * average with a half-life, as download managers do: one slow sample does not swing the time left).
 */
export interface SpeedMeter {
  /** Records `bytes` received by `at` (ms); a count going back (a restarted transfer) starts over. */
  sample(id: string, bytes: number, at: number): void;
  /** Bytes per second, once two samples exist. */
  speed(id: string): number | undefined;
  forget(id: string): void;
  /** Forgets every job (a new snapshot). */
  clear(): void;
}

interface Track {
  bytes: number;
  at: number;
  speed?: number;
}

export function createSpeedMeter(halfLifeMs = 3_000): SpeedMeter {
  const tracks = new Map<string, Track>();
  return {
    sample(id, bytes, at) {
      const prev = tracks.get(id);
      if (!prev || bytes < prev.bytes || at < prev.at) {
        tracks.set(id, { bytes, at });
        return;
      }
      const dt = at - prev.at;
      if (dt <= 0) return;
      const instant = ((bytes - prev.bytes) * 1000) / dt;
      const alpha = 1 - 2 ** (-dt / halfLifeMs);
      const speed = prev.speed === undefined ? instant : prev.speed + alpha * (instant - prev.speed);
      tracks.set(id, { bytes, at, speed });
    },
    speed: (id) => tracks.get(id)?.speed,
    forget(id) {
      tracks.delete(id);
    },
    clear() {
      tracks.clear();
    },
  };
}

/** Milliseconds left at `bytesPerSecond`, or undefined when it cannot be told (no speed, no size). */
export function timeLeft(
  size: number | undefined,
  done: number | undefined,
  bytesPerSecond: number | undefined,
): number | undefined {
  if (size === undefined || done === undefined || !bytesPerSecond || bytesPerSecond <= 0) return undefined;
  return (Math.max(0, size - done) / bytesPerSecond) * 1000;
}
