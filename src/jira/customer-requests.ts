import { asUser, route } from '@forge/api';
import { z } from 'zod';
import { AppError } from '../shared/errors';

const requestAnswer = z
  .object({
    issueId: z.string(),
    issueKey: z.string(),
    requestFieldValues: z.array(z.object({ fieldId: z.string(), value: z.unknown() }).passthrough()).optional(),
  })
  .passthrough();

/**
 * Reads a JSM request AS THE ACTING USER. JSM customers have no project permissions; this read is how Jira tells
 * whether the request is theirs or shared with their organisation. Anything else answers NOT_FOUND.
 */
export async function readRequestAsUser(requestKey: string): Promise<{ issueId: string; issueKey: string; summary: string }> {
  const response = await asUser().requestJira(route`/rest/servicedeskapi/request/${requestKey}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404 || response.status === 403) throw new AppError('NOT_FOUND', 'This request does not exist or is not shared with you.');
  if (response.status === 401) throw new AppError('NOT_AUTHENTICATED', 'Jira does not recognise you. Sign in again.');
  if (!response.ok) throw new AppError('JIRA_UNAVAILABLE', `Jira could not load the request (HTTP ${response.status}). Try again.`);
  const body = requestAnswer.parse(await response.json());
  const summary = body.requestFieldValues?.find((f) => f.fieldId === 'summary')?.value;
  return { issueId: body.issueId, issueKey: body.issueKey, summary: typeof summary === 'string' ? summary : '' };
}
