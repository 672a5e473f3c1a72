/** Failures injected into the next N matching Jira or KVS calls (`POST /__sandbox/api/faults`). */
export interface Fault {
  target: 'jira' | 'kvs';
  status: 429 | 500 | 503;
  remaining: number;
  retryAfterSeconds?: number;
  match?: RegExp;
}

export class FaultInjector {
  private faults: Fault[] = [];
  duplicateEvents = false;

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  /** Takes one failure for this call if a fault matches it; the fault wears out after its count. */
  take(target: Fault['target'], path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.target === target && f.remaining > 0 && (!f.match || f.match.test(path)));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }

  clear(): void {
    this.faults = [];
    this.duplicateEvents = false;
  }
}
