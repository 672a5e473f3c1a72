import api, { route } from '@forge/api';
import { jiraFailure } from './jira-failure';

/**
 * The internal delivery issue in the delivery project (DEL): its assignee is the request's consultant. Runs as the
 * app, after the caller's permission on the request was checked as the user (consultants need not see PS).
 */
export async function assignIssue(issueId: string, accountId: string | null): Promise<void> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueId}/assignee`, {
    method: 'PUT',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ accountId }),
  });
  if (!response.ok) throw jiraFailure(response, 'assign the delivery issue');
}
