/**
 * Dates on the command line and the periods of a timeline, all in UTC so the same history
 * gives the same report on every machine. A date without a time stands for a whole day:
 * `--since 2024-03-01` starts at its first millisecond, `--until 2024-03-01` (and the
 * dates of `diff --from-date/--to-date`) end at its last.
 */
import { UsageError } from '../errors.js';
import type { Granularity } from './types.js';

const DAY = 86_400_000;
const startOfDay = (ms: number) => Math.floor(ms / DAY) * DAY;

/** Parses `2024-03-01`, `2024-03`, `2024`, or an ISO date-time; `edge` picks the start or end of a partial date. */
export function parseDate(text: string, edge: 'start' | 'end', flag: string): number {
  const t = text.trim();
  let m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(t);
  if (m) {
    const year = Number(m[1]);
    const month = m[2] === undefined ? undefined : Number(m[2]) - 1;
    const day = m[3] === undefined ? undefined : Number(m[3]);
    if ((month !== undefined && (month < 0 || month > 11)) || (day !== undefined && (day < 1 || day > 31)))
      invalid(text, flag);
    const start = Date.UTC(year, month ?? 0, day ?? 1);
    if (day !== undefined && new Date(start).getUTCDate() !== day) invalid(text, flag);
    if (edge === 'start') return start;
    const next =
      day !== undefined ? start + DAY : month !== undefined ? Date.UTC(year, month + 1, 1) : Date.UTC(year + 1, 0, 1);
    return next - 1;
  }
  m = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (m) {
    // Without a zone, a time is read as UTC, like the dates.
    const iso = t.replace(' ', 'T') + (m[3] ? '' : 'Z');
    const ms = Date.parse(iso);
    if (!Number.isNaN(ms)) return ms;
  }
  if (t === 'now' || t === 'today') {
    const now = Date.now();
    if (t === 'now') return now;
    const start = startOfDay(now);
    return edge === 'start' ? start : start + DAY - 1;
  }
  return invalid(text, flag);
}

function invalid(text: string, flag: string): never {
  throw new UsageError(`${flag} "${text}" is not a date`, {
    hint: 'write YYYY-MM-DD (a whole UTC day), YYYY-MM, YYYY, or an ISO date-time like 2024-03-01T12:00:00Z',
  });
}

export interface Period {
  /** Sortable key: `2024-03-05`, `2024-W10`, `2024-03`, or a commit id for `commit`. */
  key: string;
  /** First millisecond of the period. */
  start: number;
  /** The key as readers see it: a week with its dates, `2024-W09 (Feb 26 – Mar 3)`. */
  label: string;
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(ms: number): { year: number; week: number; start: number } {
  const day = startOfDay(ms);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  const monday = day - weekday * DAY;
  const thursday = monday + 3 * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return { year, week, start: monday };
}

export function periodOf(ms: number, granularity: Granularity, commit = ''): Period {
  const plain = (key: string, start: number): Period => ({ key, start, label: key });
  switch (granularity) {
    case 'commit':
      return plain(`${dayOf(ms)} ${commit.slice(0, 7)}`, ms);
    case 'day':
      return plain(dayOf(ms), startOfDay(ms));
    case 'week': {
      const w = isoWeek(ms);
      const key = `${w.year}-W${String(w.week).padStart(2, '0')}`;
      return { key, start: w.start, label: `${key} (${weekDates(w.start)})` };
    }
    case 'month': {
      const d = new Date(ms);
      return plain(dayOf(ms).slice(0, 7), Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
    }
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Feb 26 – Mar 3`; with the years when the week spans two: `Dec 30, 2024 – Jan 5, 2025`. */
function weekDates(monday: number): string {
  const from = new Date(monday);
  const to = new Date(monday + 6 * DAY);
  const short = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  if (from.getUTCFullYear() === to.getUTCFullYear()) return `${short(from)} – ${short(to)}`;
  return `${short(from)}, ${from.getUTCFullYear()} – ${short(to)}, ${to.getUTCFullYear()}`;
}

/**
 * The larger period that groups periods of a granularity in a diagram's sections; give it
 * the period's start. A section must hold its periods whole: days go by month, but a week
 * can straddle two months, so weeks go by their ISO year (the one in their key).
 */
export function sectionOf(ms: number, granularity: Granularity): string {
  switch (granularity) {
    case 'commit':
      return dayOf(ms);
    case 'day':
      return dayOf(ms).slice(0, 7);
    case 'week':
      return String(isoWeek(ms).year);
    case 'month':
      return dayOf(ms).slice(0, 4);
  }
}
