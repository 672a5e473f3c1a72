import api, { route } from '@forge/api';
import { z } from 'zod';
import { AppError } from '../shared/errors';

/**
 * Seconds logged on each sub-task of a delivery issue (one sub-task per phase): the hours a stage used.
 *
 * Like worklog-hours.ts, ONE enhanced JQL search (`parent = <delivery issue id>`, only `timespent`) as the app, made
 * after the caller's own check on the request (consultants log time in DEL, which a partner cannot see; the partner
 * is shown the sums, never the worklogs). The caller maps sub-task ids to phases with the ids it stored at back-office
 * set-up, so a sub-task renamed in Jira still counts for its phase. A page holds 100 sub-tasks; a delivery issue has
 * at most six, so the loop runs once in practice.
 */
const searchAnswer = z
  .object({
    issues: z.array(z.object({ id: z.string(), fields: z.object({ timespent: z.number().nullable().optional() }).passthrough().optional() }).passthrough()).default([]),
    nextPageToken: z.string().nullable().optional(),
  })
  .passthrough();

const PAGE = 100;
const MAX_PAGES = 10;

/** Logged seconds by sub-task id (sub-tasks with nothing logged answer 0). */
export async function loggedSecondsBySubtask(deliveryIssueId: string): Promise<Map<string, number>> {
  if (!/^\d+$/.test(deliveryIssueId)) throw new AppError('INVALID_INPUT', 'An issue id is numeric.');
  const seconds = new Map<string, number>();
  let nextPageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await api.asApp().requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ jql: `parent = ${deliveryIssueId}`, fields: ['timespent'], maxResults: PAGE, ...(nextPageToken ? { nextPageToken } : {}) }),
    });
    if (!response.ok) throw new AppError('JIRA_UNAVAILABLE', `Jira could not count the hours logged per phase (HTTP ${response.status}).`);
    const body = searchAnswer.parse(await response.json());
    for (const issue of body.issues) seconds.set(issue.id, issue.fields?.timespent ?? 0);
    if (!body.nextPageToken) break;
    nextPageToken = body.nextPageToken;
  }
  return seconds;
}
