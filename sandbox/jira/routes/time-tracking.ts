import type { JiraStore } from '../jira-store';

/**
 * Jira's time tracking arithmetic, with the default site settings: a working day of 8 hours and a week of 5 days.
 * Durations are written `2h 30m`, `1d`, `1w 2d`, `1.5h`; a bare number means minutes, as in Jira.
 */
const SECONDS: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 };

/** Seconds of a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim().toLowerCase();
  if (!compact) return undefined;
  const token = /(\d+(?:\.\d+)?)\s*([wdhm]?)\s*/gy;
  let total = 0;
  let consumed = 0;
  for (let m = token.exec(compact); m; m = token.exec(compact)) {
    total += Number(m[1]) * (SECONDS[m[2] || 'm'] ?? 60);
    consumed = token.lastIndex;
  }
  if (consumed !== compact.length) return undefined;
  return Math.round(total);
}

/** Jira's rendering of seconds: largest units first, zero parts left out (`9000` → `2h 30m`, `36000` → `1d 2h`). */
export function formatDuration(seconds: number): string {
  let rest = Math.floor(seconds / 60) * 60;
  const parts: string[] = [];
  for (const unit of ['w', 'd', 'h', 'm']) {
    const size = SECONDS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.length ? parts.join(' ') : '0m';
}

/**
 * A worklog's `started`, in the one format Jira's REST API takes: `2021-01-17T12:34:00.000+0000`
 * (`yyyy-MM-dd'T'HH:mm:ss.SSSZ`). ISO strings with `Z` or `+00:00` are refused, as Jira refuses them.
 */
export function parseStarted(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})([+-])(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const at = Date.parse(`${m[1]}${m[2]}${m[3]}:${m[4]}`);
  return Number.isNaN(at) ? undefined : at;
}

/** The issue's time spent: the sum of its worklogs, or null when none is logged (as Jira leaves the field empty). */
export function timeSpentOf(store: JiraStore, issueId: string): number | null {
  const logs = store.worklogs(issueId);
  return logs.length ? logs.reduce((sum, w) => sum + w.timeSpentSeconds, 0) : null;
}
