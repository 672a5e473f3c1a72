/**
 * Date values in JQL: absolute dates ("2026-11-28", "2026/11/28 10:00"), periods relative to now ("-7d", "-1w 2d",
 * "4h"), and the date functions (now(), startOfDay(), endOfMonth("-1"), …). Dates are read in the searcher's time
 * zone, as Jira reads them in the user's profile time zone, and "now" is the sandbox clock.
 */
import { JqlError } from './errors';

/** A point in time with the span a literal names: `2026-11-28` spans that day, `2026-11-28 10:00` one minute. */
export interface DateOperand {
  at: number;
  spanMs: number;
}

export interface DateContext {
  now: number;
  timeZone: string;
  /** 0 = Sunday (Jira's default for en-US), 1 = Monday. */
  weekStart: 0 | 1;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

interface ZonedParts {
  year: number;
  month: number; // 0-11
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of `at` in `timeZone`. */
export function zonedParts(at: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month) - 1,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  };
}

function offsetAt(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  return Date.UTC(p.year, p.month, p.day, p.hour, p.minute, p.second) - (at - (((at % 1000) + 1000) % 1000));
}

/** The instant at which the wall clock of `timeZone` reads the given time (fields may overflow, as in Date.UTC). */
export function zonedTime(year: number, month: number, day: number, hour = 0, minute = 0, timeZone = 'UTC'): number {
  const wall = Date.UTC(year, month, day, hour, minute);
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

/** Parses a date value of a JQL clause; undefined when it is not one of Jira's formats. */
export function parseDateLiteral(text: string, context: DateContext): DateOperand | undefined {
  const value = text.trim();
  const absolute = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value);
  if (absolute) {
    const [, y, mo, d, h, mi] = absolute;
    const year = Number(y);
    const month = Number(mo) - 1;
    const day = Number(d);
    const hour = h === undefined ? 0 : Number(h);
    const minute = mi === undefined ? 0 : Number(mi);
    if (month < 0 || month > 11 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) return undefined;
    return { at: zonedTime(year, month, day, hour, minute, context.timeZone), spanMs: h === undefined ? DAY : MINUTE };
  }
  const offset = parsePeriod(value);
  if (offset !== undefined) return { at: context.now + offset, spanMs: MINUTE };
  return undefined;
}

/** "-1w 2d", "+4h", "30m", "-7d": a signed sum of weeks, days, hours and minutes, in milliseconds. */
function parsePeriod(value: string): number | undefined {
  const m = /^([+-]?)\s*((?:\d+\s*[wdhm]\s*)+)$/.exec(value);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let total = 0;
  for (const part of (m[2] ?? '').matchAll(/(\d+)\s*([wdhm])/g)) {
    const unit = part[2] === 'w' ? WEEK : part[2] === 'd' ? DAY : part[2] === 'h' ? HOUR : MINUTE;
    total += Number(part[1]) * unit;
  }
  return sign * total;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

type Unit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm';
const PERIOD_FUNCTIONS: Record<string, { unit: Unit; edge: 'start' | 'end'; of: 'd' | 'w' | 'M' | 'y' }> = {
  startofday: { unit: 'd', edge: 'start', of: 'd' },
  endofday: { unit: 'd', edge: 'end', of: 'd' },
  startofweek: { unit: 'w', edge: 'start', of: 'w' },
  endofweek: { unit: 'w', edge: 'end', of: 'w' },
  startofmonth: { unit: 'M', edge: 'start', of: 'M' },
  endofmonth: { unit: 'M', edge: 'end', of: 'M' },
  startofyear: { unit: 'y', edge: 'start', of: 'y' },
  endofyear: { unit: 'y', edge: 'end', of: 'y' },
};

export const DATE_FUNCTIONS = ['now', ...Object.keys(PERIOD_FUNCTIONS)];

/** Evaluates a date function (name in lower case); throws a JqlError for a bad increment argument. */
export function dateFunction(name: string, args: string[], context: DateContext, displayName: string): DateOperand {
  if (name === 'now') {
    if (args.length > 0) throw new JqlError(`Function '${displayName}' expected '0' arguments but received '${args.length}'.`);
    return { at: context.now, spanMs: MINUTE };
  }
  const spec = PERIOD_FUNCTIONS[name];
  if (!spec) throw new Error(`not a date function: ${name}`);
  if (args.length > 1) throw new JqlError(`Function '${displayName}' expected between '0' and '1' arguments but received '${args.length}'.`);
  const increment = args[0] === undefined ? { amount: 0, unit: spec.unit } : parseIncrement(args[0], spec.unit);
  if (!increment) throw new JqlError(`Duration for function '${displayName}' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.`);

  const p = zonedParts(context.now, context.timeZone);
  let year = p.year;
  let month = p.month;
  let day = p.day;
  if (spec.of === 'w') day -= (p.weekday - context.weekStart + 7) % 7;
  if (spec.of === 'M' || spec.of === 'y') day = 1;
  if (spec.of === 'y') month = 0;
  // Calendar increments move the start of the period; hours and minutes are added to the instant.
  const { amount, unit } = increment;
  if (unit === 'y') year += amount;
  else if (unit === 'M') month += amount;
  else if (unit === 'w') day += 7 * amount;
  else if (unit === 'd') day += amount;
  let at: number;
  if (spec.edge === 'start') {
    at = zonedTime(year, month, day, 0, 0, context.timeZone);
  } else {
    const next = spec.of === 'd' ? [year, month, day + 1] : spec.of === 'w' ? [year, month, day + 7] : spec.of === 'M' ? [year, month + 1, 1] : [year + 1, 0, 1];
    at = zonedTime(next[0]!, next[1]!, next[2]!, 0, 0, context.timeZone) - 1;
  }
  if (unit === 'h') at += amount * HOUR;
  if (unit === 'm') at += amount * MINUTE;
  return { at, spanMs: MINUTE };
}

function parseIncrement(text: string, defaultUnit: Unit): { amount: number; unit: Unit } | undefined {
  const m = /^\s*([+-]?)(\d+)\s*([yMwdhm]?)\s*$/.exec(text);
  if (!m) return undefined;
  const amount = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  return { amount, unit: (m[3] || defaultUnit) as Unit };
}
