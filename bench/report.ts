/** Plain-text tables for the bench's console output. */
import { type Budget, type Limit, type Metric, type OperationStats, type Verdict } from './stats';

export type Align = 'left' | 'right';

/** Columns padded to their widest cell, a rule under the header. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (align[i] === 'right' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

const SHORT: Record<Metric, string> = {
  invocations: 'call',
  'kvs.requests': 'KVS',
  'kvs.reads': 'KVS r',
  'kvs.writes': 'KVS w',
  'jira.reads': 'Jira r',
  'jira.writes': 'Jira w',
};

/** "≤1 call, ≤5 KVS, ≤1 Jira r, no Jira w": a budget's limits in a table cell. */
export const shortLimits = (limits: readonly Limit[]): string => limits.map((l) => (l.max === 0 ? `no ${SHORT[l.metric]}` : `≤${l.max} ${SHORT[l.metric]}`)).join(', ');

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function outcomeCell(stats: OperationStats): string {
  const parts = Object.entries(stats.outcomes).map(([k, v]) => `${k} ${v}`);
  const answers = Object.entries(stats.answers);
  if (answers.some(([k]) => k !== 'ok')) parts.push(`answers: ${answers.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return parts.join(', ');
}

export interface OperationRow {
  id: string;
  stats: OperationStats;
  budget?: Budget;
  verdict?: Verdict;
}

export function verdictCell(row: OperationRow): string {
  if (!row.verdict) return '—';
  const word = row.verdict.pass ? 'pass' : 'FAIL';
  return row.budget?.status ? `${word} (${row.budget.status})` : word;
}

/** The table of operations, then one line per budget with its limits (judged on the worst run). */
export function operationTable(rows: readonly OperationRow[]): string {
  const header = ['operation', 'n', 'calls', 'KVS req max/mean', 'KVS r/w max', 'Jira r/w max', 'ms p50/p95', 'outcomes', 'budget', 'verdict'];
  const body = rows.map(({ id, stats, budget, verdict }) => [
    id,
    String(stats.n),
    fmt(stats.counts.invocations.max),
    `${stats.counts['kvs.requests'].max} / ${fmt(stats.counts['kvs.requests'].mean)}`,
    `${stats.counts['kvs.reads'].max} / ${stats.counts['kvs.writes'].max}`,
    `${stats.counts['jira.reads'].max} / ${stats.counts['jira.writes'].max}`,
    `${stats.ms.p50.toFixed(2)} / ${stats.ms.p95.toFixed(2)}`,
    outcomeCell(stats),
    budget ? budget.title : 'none in DESIGN.md',
    verdictCell({ id, stats, ...(budget ? { budget } : {}), ...(verdict ? { verdict } : {}) }),
  ]);
  const budgets = [...new Map(rows.flatMap((r) => (r.budget ? [[r.budget.id, r.budget] as const] : []))).values()];
  const legend = budgets.flatMap((b) => [`  ${b.title}: ${shortLimits(b.limits)}, in the worst run.`, ...(b.note ? [`    (${b.note})`] : [])]);
  return [renderTable(header, body, ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left', 'left']), '', ...legend].join('\n');
}
