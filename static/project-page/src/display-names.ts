import { requestJira } from '@forge/bridge';
import { useEffect, useState } from 'react';

/**
 * Display names of the accounts the board names (consultants, backups), asked of Jira from the page as the user
 * (`GET /rest/api/3/user/bulk`, 50 ids a request) rather than through the resolver: opening the board stays one
 * resolver call and costs no KVS request. Each id is asked for once per page load; an account Jira leaves out
 * (closed, or not visible to the user) is shown by a neutral label. A failed request is not remembered.
 */
const known = new Map<string, string | null>();
const CHUNK = 50;

async function fetchNames(ids: readonly string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const query = new URLSearchParams(chunk.map((id) => ['accountId', id]));
    query.set('maxResults', String(chunk.length));
    const response = await requestJira(`/rest/api/3/user/bulk?${query.toString()}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) continue;
    const body = (await response.json()) as { values?: Array<{ accountId?: unknown; displayName?: unknown }> };
    const found = new Map<string, string>();
    for (const user of body.values ?? []) {
      if (typeof user.accountId === 'string' && typeof user.displayName === 'string') found.set(user.accountId, user.displayName);
    }
    for (const id of chunk) known.set(id, found.get(id) ?? null);
  }
}

/** A lookup from account id to display name; it re-renders once names arrive. Unknown ids answer null. */
export function useDisplayNames(ids: readonly string[]): (accountId: string) => string | null {
  const [, setRound] = useState(0);
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  const wanted = missing.join(',');
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void fetchNames(wanted.split(','))
      .catch(() => undefined)
      .then(() => {
        if (live) setRound((n) => n + 1);
      });
    return () => {
      live = false;
    };
  }, [wanted]);
  return (accountId) => known.get(accountId) ?? null;
}
