import api, { asUser, route } from '@forge/api';
import { z } from 'zod';
import { AppError } from '../shared/errors';

/**
 * Atlassian accounts named on an engagement: their display names (shown on the panel and in mentions), and proof
 * that they exist before they are stored. Read as the app, after the caller's own permission check on the issue:
 * listing users needs "Browse users", which not every editor of an issue has.
 */
const user = z.object({ accountId: z.string(), displayName: z.string().optional(), active: z.boolean().optional() }).passthrough();
const bulkAnswer = z.object({ values: z.array(user) }).passthrough();

export interface Account {
  accountId: string;
  displayName: string;
  active: boolean;
}

export async function lookupAccounts(accountIds: readonly string[]): Promise<Map<string, Account>> {
  const unique = [...new Set(accountIds)];
  const found = new Map<string, Account>();
  if (unique.length === 0) return found;
  const params = new URLSearchParams();
  for (const id of unique) params.append('accountId', id);
  params.set('maxResults', String(Math.max(unique.length, 1)));
  const response = await api.asApp().requestJira(route`/rest/api/3/user/bulk?${params}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new AppError('JIRA_UNAVAILABLE', `Jira could not look up the people named (HTTP ${response.status}).`);
  for (const value of bulkAnswer.parse(await response.json()).values) {
    found.set(value.accountId, { accountId: value.accountId, displayName: value.displayName ?? '', active: value.active !== false });
  }
  return found;
}

/** The acting user's display name, for "acknowledged by" stamps (customers may read their own profile). */
export async function myDisplayName(): Promise<string> {
  const response = await asUser().requestJira(route`/rest/api/3/myself`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return '';
  const parsed = user.safeParse(await response.json());
  return parsed.success ? (parsed.data.displayName ?? '') : '';
}
