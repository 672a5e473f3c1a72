import type { InvocationCounts } from './invocation-context';

export interface LogEntry {
  seq: number;
  kind: 'resolver' | 'trigger' | 'consumer' | 'scheduled' | 'lifecycle';
  key: string;
  functionKey?: string;
  issueKey?: string;
  accountId?: string;
  startedAt: string;
  durationMs: number;
  /** Of `durationMs`, the time spent inside the emulated Jira (what a real site's Jira would take instead). */
  jiraMs: number;
  kvs: InvocationCounts['kvs'];
  jira: InvocationCounts['jira'];
  outcome: 'ok' | 'error' | 'retry';
  error?: string;
}

/** One entry per finished invocation, numbered; the newest 20,000 are kept (the bench reads far fewer). */
export class InvocationLog {
  private entries: LogEntry[] = [];
  private nextSeq = 1;
  private static readonly KEEP = 20_000;

  append(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const full = { seq: this.nextSeq++, ...entry };
    this.entries.push(full);
    if (this.entries.length > InvocationLog.KEEP) this.entries.splice(0, this.entries.length - InvocationLog.KEEP);
    return full;
  }

  /** Entries with `seq >= since`, and the seq to ask for next time. */
  since(since: number): { entries: LogEntry[]; next: number } {
    return { entries: this.entries.filter((e) => e.seq >= since), next: this.nextSeq };
  }

  clear(): void {
    this.entries = [];
  }
}
