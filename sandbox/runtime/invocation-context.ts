import { AsyncLocalStorage } from 'node:async_hooks';

/** What the sandbox knows about the invocation that is running: who, which module, and what it cost so far. */
export interface Invocation {
  id: string;
  kind: 'resolver' | 'trigger' | 'consumer' | 'scheduled' | 'lifecycle';
  /** The module key (resolver's module, trigger or consumer key). */
  key: string;
  functionKey?: string;
  issueKey?: string;
  /** The acting user: the resolver's caller; undefined for triggers and jobs, which run as the app. */
  accountId?: string;
  counts: InvocationCounts;
}

export interface InvocationCounts {
  kvs: { requests: number; reads: number; writes: number };
  jira: { reads: number; writes: number };
  /** Milliseconds spent waiting on the emulated Jira: the sandbox's cost, not the app's. */
  jiraMs: number;
}

export const emptyCounts = (): InvocationCounts => ({
  kvs: { requests: 0, reads: 0, writes: 0 },
  jira: { reads: 0, writes: 0 },
  jiraMs: 0,
});

const storage = new AsyncLocalStorage<Invocation>();

/** Runs `fn` as `invocation`: every SDK call it makes, however deep, is attributed to it. */
export function runInvocation<T>(invocation: Invocation, fn: () => Promise<T>): Promise<T> {
  return storage.run(invocation, fn);
}

export function currentInvocation(): Invocation | undefined {
  return storage.getStore();
}
