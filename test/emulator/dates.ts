/**
 * 1Fichier dates are `YYYY-MM-DD HH:MM:SS` in French local time (1fichier-api.md §1.4), so the
 * emulator converts between epoch milliseconds and Europe/Paris wall-clock strings.
 */
const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/** Europe/Paris wall-clock fields of an instant. */
function parisParts(ms: number): WallClock {
  const parts = new Map(PARIS.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const get = (t: Intl.DateTimeFormatPartTypes): string => parts.get(t) ?? '00';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Wall-clock fields read as if they were UTC. */
function asUtc(w: WallClock): number {
  return Date.UTC(+w.year, +w.month - 1, +w.day, +w.hour, +w.minute, +w.second);
}

/** Formats an instant as a 1Fichier date (`YYYY-MM-DD HH:MM:SS`, Europe/Paris). */
export function formatParisDate(ms: number): string {
  const p = parisParts(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Parses a 1Fichier date (Europe/Paris wall clock) into epoch milliseconds. */
export function parseParisDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  const [, year, month, day, hour, minute, second] = m ?? [];
  if (!year || !month || !day || !hour || !minute || !second) throw new Error(`not a 1Fichier date: ${text}`);
  const wall = asUtc({ year, month, day, hour, minute, second });
  // The Paris offset at that instant (CET +1 h / CEST +2 h); one correction step is exact
  // except inside the DST gap/overlap hours, which the fixtures avoid.
  return wall - (asUtc(parisParts(wall)) - wall);
}
