import api, { route } from '@forge/api';
import { z } from 'zod';
import { AppError } from '../shared/errors';

/**
 * Seconds logged on an issue and its sub-tasks, from Jira worklogs.
 *
 * Why this Jira read exists on a panel open: logged hours live only in Jira (worklogs), Forge's trusted context does
 * not carry them, and copying them into app storage would need a trigger on every worklog event and would still be
 * stale the moment someone logs time. So the panel asks once: ONE enhanced JQL search for `issue = X OR parent = X`
 * with only `timespent` (each issue's own logged seconds; summing over the issue and its sub-tasks gives the total,
 * where `aggregatetimespent` on the parent alone would hide which sub-tasks counted). It runs as the app, after the
 * caller's permission check on the issue, so every viewer sees the same total (sub-tasks share the parent's project
 * and its permissions). A page holds 100 issues; an issue with more sub-tasks costs one more search per 100.
 */
const searchAnswer = z
  .object({
    issues: z.array(z.object({ id: z.string(), fields: z.object({ timespent: z.number().nullable().optional() }).passthrough().optional() }).passthrough()).default([]),
    nextPageToken: z.string().nullable().optional(),
  })
  .passthrough();

const PAGE = 100;
/** A ceiling on pages (10,000 sub-tasks), so a runaway answer cannot hold a resolver past its time limit. */
const MAX_PAGES = 100;

export async function loggedSecondsOf(issueId: string): Promise<number> {
  if (!/^\d+$/.test(issueId)) throw new AppError('INVALID_INPUT', 'An issue id is numeric.');
  const jql = `issue = ${issueId} OR parent = ${issueId}`;
  let total = 0;
  let nextPageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await api.asApp().requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ jql, fields: ['timespent'], maxResults: PAGE, ...(nextPageToken ? { nextPageToken } : {}) }),
    });
    if (!response.ok) throw new AppError('JIRA_UNAVAILABLE', `Jira could not count the hours logged (HTTP ${response.status}).`);
    const body = searchAnswer.parse(await response.json());
    total += body.issues.reduce((sum, issue) => sum + (issue.fields?.timespent ?? 0), 0);
    if (!body.nextPageToken) return total;
    nextPageToken = body.nextPageToken;
  }
  return total;
}
