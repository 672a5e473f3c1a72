import { asUser, route } from '@forge/api';
import { z } from 'zod';
import { AppError } from '../shared/errors';

/**
 * Permission checks made AS THE ACTING USER, before the app does anything on their behalf: Forge's `extension`
 * (issue, project, request) comes from the browser and proves nothing. Jira answers 404 for an issue or project the
 * user cannot see, so "not found" and "not allowed" look the same to a caller, as they should.
 */
const permissionsAnswer = z.object({
  permissions: z.record(z.object({ havePermission: z.boolean() }).passthrough()),
});

type Scope = { issueId: string } | { projectKey: string } | Record<string, never>;

export async function myPermissions(scope: Scope, keys: string[]): Promise<Record<string, boolean>> {
  const permissions = keys.join(',');
  const path =
    'issueId' in scope
      ? route`/rest/api/3/mypermissions?issueId=${scope.issueId}&permissions=${permissions}`
      : 'projectKey' in scope
        ? route`/rest/api/3/mypermissions?projectKey=${scope.projectKey}&permissions=${permissions}`
        : route`/rest/api/3/mypermissions?permissions=${permissions}`;
  const response = await asUser().requestJira(path, { headers: { Accept: 'application/json' } });
  if (response.status === 404) throw new AppError('NOT_FOUND', 'This item does not exist or you do not have access to it.');
  if (response.status === 401) throw new AppError('NOT_AUTHENTICATED', 'Jira does not recognise you. Sign in again.');
  if (!response.ok) throw new AppError('JIRA_UNAVAILABLE', `Jira could not check your permissions (HTTP ${response.status}). Try again.`);
  const body = permissionsAnswer.parse(await response.json());
  return Object.fromEntries(keys.map((k) => [k, body.permissions[k]?.havePermission === true]));
}

/** Throws FORBIDDEN unless the acting user has every one of `keys` in `scope`; answers all of them otherwise. */
export async function requirePermissions(scope: Scope, keys: string[], message: string): Promise<Record<string, boolean>> {
  const granted = await myPermissions(scope, keys);
  if (!keys.every((k) => granted[k])) throw new AppError('FORBIDDEN', message);
  return granted;
}
