import { requestJira } from '@forge/bridge';
import { useEffect, useState } from 'react';

/**
 * Display names of Atlassian accounts, for the history and the "started by" line, which store account ids only.
 *
 * Asked of Jira from the page, as the user (`requestJira` → `GET /rest/api/3/user/bulk`), not through the resolver:
 * opening the panel stays one resolver call and this costs no KVS request. Jira answers only what the user may see
 * (agents and delivery people hold "Browse users and groups"); an account it leaves out (closed, or not visible) is
 * remembered as unknown and the sentence says "someone". The cache lives as long as the page: each id is asked for
 * once, however many history pages or re-renders name it. A failed request is not remembered, so the next page of
 * history (or the next render after a retry) asks again.
 */

/** A name, or null when Jira answered without this account. Ids not in the map have not been answered yet. */
const known = new Map<string, string | null>();
const inFlight = new Map<string, Promise<void>>();
/**
 * Ids asked for at least once. After a failed request an id is neither known nor in flight; it must not count as
 * loading then, or the history would wait for ever instead of saying "someone".
 */
const attempted = new Set<string>();
const listeners = new Set<() => void>();

/** Jira's bulk endpoint pages at `maxResults` (10 by default); 50 ids per request keeps the URL short. */
const CHUNK = 50;

interface BulkAnswer {
  values?: Array<{ accountId?: unknown; displayName?: unknown }>;
}

async function fetchChunk(ids: readonly string[]): Promise<void> {
  const query = new URLSearchParams(ids.map((id) => ['accountId', id]));
  query.set('maxResults', String(ids.length));
  const response = await requestJira(`/rest/api/3/user/bulk?${query.toString()}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Jira answered ${response.status} for the display names.`);
  const body = (await response.json()) as BulkAnswer;
  const found = new Map<string, string>();
  for (const user of body.values ?? []) {
    if (typeof user.accountId === 'string' && typeof user.displayName === 'string') found.set(user.accountId, user.displayName);
  }
  for (const id of ids) known.set(id, found.get(id) ?? null);
}

interface Batch {
  ids: string[];
  started: boolean;
  done: Promise<void>;
}

/** The batch still taking ids: everything asked for in the same task (one React commit's effects) goes out together. */
let gathering: Batch | null = null;

function enqueue(id: string): void {
  if (!gathering || gathering.started) {
    const batch: Batch = { ids: [], started: false, done: Promise.resolve() };
    batch.done = Promise.resolve().then(() => {
      batch.started = true;
      return run(batch.ids);
    });
    gathering = batch;
  }
  gathering.ids.push(id);
  inFlight.set(id, gathering.done);
  attempted.add(id);
}

async function run(ids: readonly string[]): Promise<void> {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += CHUNK) chunks.push(ids.slice(start, start + CHUNK));
  // Jira unreachable just now: those ids stay unknown (not cached); sentences say "someone" until asked again.
  await Promise.all(chunks.map((chunk) => fetchChunk(chunk).catch(() => undefined)));
  for (const id of ids) inFlight.delete(id);
  for (const listener of listeners) listener();
}

/**
 * Asks Jira for the names neither known nor on their way; ids asked for in the same task share one request (per 50).
 * Resolves when all of `ids` are answered or failed; never rejects.
 */
export function loadNames(ids: Iterable<string>): Promise<void> {
  const wanted = [...new Set(ids)].filter((id) => id !== '');
  for (const id of wanted) if (!known.has(id) && !inFlight.has(id)) enqueue(id);
  return Promise.all(wanted.map((id) => inFlight.get(id))).then(() => undefined);
}

export interface DisplayNames {
  /** The name, or null (unknown to Jira, or not answered yet). */
  nameOf: (accountId: string) => string | null;
  /** Some of the ids asked for are still on their way. */
  loading: boolean;
}

/** The names of `ids`, re-rendering when they arrive. Pass the same ids in any order: they are compared as a set. */
export function useDisplayNames(ids: readonly string[]): DisplayNames {
  const [, setTick] = useState(0);
  const key = [...new Set(ids)].sort().join('\n');
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    void loadNames(key === '' ? [] : key.split('\n'));
    return () => {
      listeners.delete(listener);
    };
  }, [key]);
  return {
    nameOf: (accountId) => known.get(accountId) ?? null,
    loading: ids.some((id) => id !== '' && !known.has(id) && (inFlight.has(id) || !attempted.has(id))),
  };
}
