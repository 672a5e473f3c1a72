import { asUser, route } from '@forge/api';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { jiraFailure } from './jira-failure';

/**
 * Resolves an issue key from a payload to the issue's id AS THE ACTING USER: Jira answers 404 for an issue the user
 * may not browse, so a key someone typed or forged proves nothing until this read succeeds. Only the id comes back
 * (`fields=` keeps the answer small); records are keyed by the id, which does not change when the issue moves.
 */
const issueAnswer = z.object({ id: z.string().regex(/^\d+$/), key: z.string() }).passthrough();

export async function issueIdSeenByUser(issueKey: string): Promise<{ id: string; key: string }> {
  const response = await asUser().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) throw new AppError('NOT_FOUND', 'This issue does not exist or you do not have access to it.');
  if (!response.ok) throw jiraFailure(response, 'find the issue');
  const body = issueAnswer.parse(await response.json());
  return { id: body.id, key: body.key };
}
