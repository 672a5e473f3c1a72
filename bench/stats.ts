/**
 * The bench's pure helpers: statistics over samples and verdicts against budgets. No I/O, no sandbox: the numbers
 * come in as plain data (test/unit/bench-stats.test.ts).
 */

/** What one run of one operation cost: the sum over the invocations it caused (usually exactly one). */
export interface Sample {
  invocations: number;
  kvs: { requests: number; reads: number; writes: number };
  jira: { reads: number; writes: number };
  durationMs: number;
  /** durationMs less the time spent in the emulated Jira: the app's own time. */
  appMs: number;
  /** The sandbox log's outcome of each invocation: `ok`, `error` or `retry`. */
  outcomes: string[];
  /** For resolvers: `ok`, or the error code of the app's envelope (or the host's failure code). */
  answer?: string;
}

/** The part of a sandbox log entry a sample is made of (sandbox/runtime/invocation-log.ts LogEntry). */
export interface CostEntry {
  durationMs: number;
  jiraMs?: number;
  kvs: { requests: number; reads: number; writes: number };
  jira: { reads: number; writes: number };
  outcome: string;
}

export const METRICS = ['invocations', 'kvs.requests', 'kvs.reads', 'kvs.writes', 'jira.reads', 'jira.writes'] as const;
export type Metric = (typeof METRICS)[number];

export interface MaxMean {
  max: number;
  mean: number;
}

export interface OperationStats {
  n: number;
  counts: Record<Metric, MaxMean>;
  ms: { p50: number; p95: number; max: number };
  /** The app's own time (the invocation's duration less its waits on the emulated Jira), p50. */
  appMsP50: number;
  /** Log outcomes over all invocations, e.g. `{ ok: 20 }`. */
  outcomes: Record<string, number>;
  /** Resolver answers, e.g. `{ ok: 19, CONFLICT: 1 }`; empty for triggers and jobs. */
  answers: Record<string, number>;
}

function nonEmpty(values: readonly number[], what: string): void {
  if (values.length === 0) throw new RangeError(`The ${what} of no values is undefined.`);
}

export function mean(values: readonly number[]): number {
  nonEmpty(values, 'mean');
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The middle value; with an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  nonEmpty(values, 'median');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The nearest-rank percentile: the smallest value with at least p % of the values at or below it. It is always one of
 * the measured values (no interpolation); with 20 runs, p95 is the 19th smallest, so one outlier does not set it.
 */
export function percentile(values: readonly number[], p: number): number {
  nonEmpty(values, 'percentile');
  if (!(p > 0 && p <= 100)) throw new RangeError(`A percentile is in (0, 100], not ${p}.`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** One sample from the log entries an operation caused, with the resolver's answer when it has one. */
export function sampleOf(entries: readonly CostEntry[], answer?: string): Sample {
  const sample: Sample = {
    invocations: entries.length,
    kvs: { requests: 0, reads: 0, writes: 0 },
    jira: { reads: 0, writes: 0 },
    durationMs: 0,
    appMs: 0,
    outcomes: entries.map((e) => e.outcome),
    ...(answer === undefined ? {} : { answer }),
  };
  for (const e of entries) {
    sample.kvs.requests += e.kvs.requests;
    sample.kvs.reads += e.kvs.reads;
    sample.kvs.writes += e.kvs.writes;
    sample.jira.reads += e.jira.reads;
    sample.jira.writes += e.jira.writes;
    sample.durationMs += e.durationMs;
    sample.appMs += e.durationMs - (e.jiraMs ?? 0);
  }
  return sample;
}

export function metricOf(sample: Sample, metric: Metric): number {
  switch (metric) {
    case 'invocations':
      return sample.invocations;
    case 'kvs.requests':
      return sample.kvs.requests;
    case 'kvs.reads':
      return sample.kvs.reads;
    case 'kvs.writes':
      return sample.kvs.writes;
    case 'jira.reads':
      return sample.jira.reads;
    case 'jira.writes':
      return sample.jira.writes;
  }
}

export function aggregate(samples: readonly Sample[]): OperationStats {
  nonEmpty(samples.map((s) => s.durationMs), 'statistics');
  const counts = Object.fromEntries(
    METRICS.map((metric) => {
      const values = samples.map((s) => metricOf(s, metric));
      return [metric, { max: Math.max(...values), mean: round(mean(values)) }];
    }),
  ) as Record<Metric, MaxMean>;
  const ms = samples.map((s) => s.durationMs);
  return {
    n: samples.length,
    counts,
    ms: { p50: round(median(ms)), p95: round(percentile(ms, 95)), max: round(Math.max(...ms)) },
    appMsP50: round(median(samples.map((s) => s.appMs))),
    outcomes: countBy(samples.flatMap((s) => s.outcomes)),
    answers: countBy(samples.flatMap((s) => (s.answer === undefined ? [] : [s.answer]))),
  };
}

// ---- budgets ---------------------------------------------------------------------------------------------------

export interface Limit {
  metric: Metric;
  /** The most any single run may cost ("at most"): budgets are judged on the maximum, not the mean. */
  max: number;
}

export interface Budget {
  id: string;
  title: string;
  /** The budget's words in DESIGN.md "Performance budgets". */
  quote: string;
  limits: readonly Limit[];
  /** Shown beside the verdict when the measured code does not yet do what the budget is about ("not yet routing"). */
  status?: string;
  /** Shown under the table. */
  note?: string;
}

export interface Check {
  metric: Metric;
  limit: number;
  actual: number;
  pass: boolean;
}

export interface Verdict {
  budget: string;
  pass: boolean;
  checks: Check[];
}

/** Holds an operation's statistics to a budget: every limit against the maximum observed over the runs. */
export function judge(budget: Budget, stats: Pick<OperationStats, 'counts'>): Verdict {
  const checks = budget.limits.map((limit) => {
    const actual = stats.counts[limit.metric].max;
    return { metric: limit.metric, limit: limit.max, actual, pass: actual <= limit.max };
  });
  return { budget: budget.id, pass: checks.every((c) => c.pass), checks };
}

const METRIC_NAMES: Record<Metric, string> = {
  invocations: 'invocations',
  'kvs.requests': 'KVS requests',
  'kvs.reads': 'KVS reads',
  'kvs.writes': 'KVS writes',
  'jira.reads': 'Jira reads',
  'jira.writes': 'Jira writes',
};

export const metricName = (metric: Metric): string => METRIC_NAMES[metric];

/** "≤5 KVS req, ≤1 Jira read, 0 Jira writes" — a budget's limits, short enough for a table cell. */
export function describeLimits(limits: readonly Limit[]): string {
  return limits.map((l) => (l.max === 0 ? `no ${metricName(l.metric)}` : `≤${l.max} ${metricName(l.metric)}`)).join(', ');
}

/** The checks that failed, as sentences: "KVS requests 6 > 5". */
export function failedChecks(verdict: Verdict): string[] {
  return verdict.checks.filter((c) => !c.pass).map((c) => `${metricName(c.metric)} ${c.actual} > ${c.limit}`);
}
