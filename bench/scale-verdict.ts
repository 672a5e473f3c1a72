/**
 * Pure helpers of the scale section (bench/scale.ts): ratios between the same operation's cost on a small and a large
 * site, and verdicts against DESIGN.md "Scale": "10,000 organisations, 50,000 requests, 500 consultants … without any
 * page or trigger costing more than 2× — in KVS requests, Jira calls and time — against 100 of each".
 * No I/O (test/unit/bench-scale.test.ts).
 */

/** DESIGN.md: no page or trigger costs more than 2× at 10,000 against 100. */
export const MAX_SCALE_RATIO = 2;
/**
 * Under this many milliseconds (p50) time ratios are noise (timer resolution, GC, JIT): a large-site p50 at or under
 * the floor passes, and a ratio is taken against max(small p50, floor), so 0.4 ms → 1.1 ms is not a "2.75×" failure.
 */
export const TIME_FLOOR_MS = 2;

/** large / small; 1 when both are 0 (nothing grew), Infinity when only the small site's is 0. */
export function ratioOf(small: number, large: number): number {
  if (!Number.isFinite(small) || !Number.isFinite(large) || small < 0 || large < 0) throw new RangeError(`A cost is a finite number ≥ 0, not ${small} / ${large}.`);
  if (small === 0) return large === 0 ? 1 : Infinity;
  return large / small;
}

export interface ScaleCheck {
  metric: string;
  small: number;
  large: number;
  ratio: number;
  pass: boolean;
  /** Why it passed or failed, when the plain ratio does not say it (a zero, the time floor). */
  note?: string;
}

/** A count (KVS requests, Jira calls): at most `maxRatio` × the small site's; a count of 0 must stay 0. */
export function judgeCount(metric: string, small: number, large: number, maxRatio = MAX_SCALE_RATIO): ScaleCheck {
  const ratio = ratioOf(small, large);
  if (small === 0) return { metric, small, large, ratio, pass: large === 0, ...(large === 0 ? {} : { note: `none at the small site, ${large} at the large one` }) };
  return { metric, small, large, ratio, pass: large <= maxRatio * small };
}

/** Time (p50 ms): passes at or under the floor; otherwise at most `maxRatio` × max(small, floor). */
export function judgeTime(metric: string, smallMs: number, largeMs: number, maxRatio = MAX_SCALE_RATIO, floorMs = TIME_FLOOR_MS): ScaleCheck {
  const ratio = ratioOf(smallMs, largeMs);
  if (largeMs <= floorMs) return { metric, small: smallMs, large: largeMs, ratio, pass: true, note: `under the ${floorMs} ms floor` };
  const pass = largeMs <= maxRatio * Math.max(smallMs, floorMs);
  return { metric, small: smallMs, large: largeMs, ratio, pass, ...(smallMs < floorMs ? { note: `judged against the ${floorMs} ms floor` } : {}) };
}

/** One operation's cost at one site, as the scale table compares it. */
export interface ScaleCost {
  kvsRequests: number;
  jiraReads: number;
  jiraWrites: number;
  p50Ms: number;
}

export interface ScaleVerdict {
  checks: ScaleCheck[];
  pass: boolean;
}

/** Every metric of one operation, small site against large site. */
export function judgeScale(small: ScaleCost, large: ScaleCost, maxRatio = MAX_SCALE_RATIO, floorMs = TIME_FLOOR_MS): ScaleVerdict {
  const checks = [
    judgeCount('KVS requests', small.kvsRequests, large.kvsRequests, maxRatio),
    judgeCount('Jira reads', small.jiraReads, large.jiraReads, maxRatio),
    judgeCount('Jira writes', small.jiraWrites, large.jiraWrites, maxRatio),
    judgeTime('ms p50', small.p50Ms, large.p50Ms, maxRatio, floorMs),
  ];
  return { checks, pass: checks.every((c) => c.pass) };
}

/** "1.00×", "∞", "—" (nothing to compare). */
export function formatRatio(ratio: number): string {
  if (ratio === Infinity) return '∞';
  if (!Number.isFinite(ratio)) return '—';
  return `${ratio.toFixed(2)}×`;
}

/** "KVS requests 6 → 14 (2.33×)" for each failed check. */
export function failedScaleChecks(verdict: ScaleVerdict): string[] {
  return verdict.checks.filter((c) => !c.pass).map((c) => `${c.metric} ${c.small} → ${c.large} (${formatRatio(c.ratio)}${c.note ? `; ${c.note}` : ''})`);
}

/**
 * The engagement panel opened on an engaged issue, against DESIGN.md "Opening any panel": 1 resolver call, at most
 * 5 KVS requests, no Jira write, one Jira read (the permission check) — plus one more read that the engagement
 * engineer documented (src/jira/worklog-hours.ts: the hours logged live only in Jira). The extra read is a documented
 * deviation, shown as such: the open passes with it, and any read beyond it fails.
 */
export interface PanelOpenCost {
  resolverCalls: number;
  kvsRequests: number;
  jiraReads: number;
  jiraWrites: number;
}

export const PANEL_OPEN_LIMITS = { resolverCalls: 1, kvsRequests: 5, jiraReads: 1, documentedExtraJiraReads: 1, jiraWrites: 0 } as const;

export type PanelOpenVerdict = 'pass' | 'pass with documented deviation' | 'fail';

export function judgePanelOpen(cost: PanelOpenCost, limits = PANEL_OPEN_LIMITS): { verdict: PanelOpenVerdict; failures: string[] } {
  const failures: string[] = [];
  if (cost.resolverCalls > limits.resolverCalls) failures.push(`resolver calls ${cost.resolverCalls} > ${limits.resolverCalls}`);
  if (cost.kvsRequests > limits.kvsRequests) failures.push(`KVS requests ${cost.kvsRequests} > ${limits.kvsRequests}`);
  if (cost.jiraWrites > limits.jiraWrites) failures.push(`Jira writes ${cost.jiraWrites} > ${limits.jiraWrites}`);
  const allowedReads = limits.jiraReads + limits.documentedExtraJiraReads;
  if (cost.jiraReads > allowedReads) failures.push(`Jira reads ${cost.jiraReads} > ${limits.jiraReads} + ${limits.documentedExtraJiraReads} documented`);
  if (failures.length > 0) return { verdict: 'fail', failures };
  return { verdict: cost.jiraReads > limits.jiraReads ? 'pass with documented deviation' : 'pass', failures };
}
