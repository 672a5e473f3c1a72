import api, { route } from '@forge/api';
import { z } from 'zod';
import { AppError } from '../shared/errors';

/**
 * Seconds logged in Jira worklogs, for the engagement's budget (an issue and its sub-tasks) and for a request's
 * phases (the sub-tasks of its delivery issue, one per phase).
 *
 * Why this Jira read exists on a panel open: logged hours live only in Jira (worklogs), Forge's trusted context does
 * not carry them, and copying them into app storage would need a trigger on every worklog event and would still be
 * stale the moment someone logs time. So a panel asks ONCE, whatever it shows: one enhanced JQL search for
 * `issue = X OR parent = X [OR parent = D]` with only `timespent` and `parent` (each issue's own logged seconds;
 * summing over an issue and its sub-tasks gives the total, where `aggregatetimespent` on the parent alone would hide
 * which sub-tasks counted). It runs as the app, after the caller's permission check on the issue, so every viewer
 * sees the same total (sub-tasks share their parent's project and permissions; a partner is shown sums, never
 * worklogs). A page holds 100 issues; an issue with more sub-tasks costs one more search per 100.
 */
const searchAnswer = z
  .object({
    issues: z
      .array(
        z
          .object({
            id: z.string(),
            fields: z.object({ timespent: z.number().nullable().optional(), parent: z.object({ id: z.string() }).passthrough().nullable().optional() }).passthrough().optional(),
          })
          .passthrough(),
      )
      .default([]),
    nextPageToken: z.string().nullable().optional(),
  })
  .passthrough();

const PAGE = 100;
/** A ceiling on pages (10,000 sub-tasks), so a runaway answer cannot hold a resolver past its time limit. */
const MAX_PAGES = 100;

/** What one search found: each issue's own logged seconds and its parent. */
export type LoggedTime = Map<string, { seconds: number; parentId: string | null }>;

/** One search over `roots` and their sub-tasks. */
export async function loggedTimeUnder(roots: string[]): Promise<LoggedTime> {
  if (roots.length === 0) return new Map();
  if (!roots.every((id) => /^\d+$/.test(id))) throw new AppError('INVALID_INPUT', 'An issue id is numeric.');
  const jql = roots.map((id) => `issue = ${id} OR parent = ${id}`).join(' OR ');
  const found: LoggedTime = new Map();
  let nextPageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await api.asApp().requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ jql, fields: ['timespent', 'parent'], maxResults: PAGE, ...(nextPageToken ? { nextPageToken } : {}) }),
    });
    if (!response.ok) throw new AppError('JIRA_UNAVAILABLE', `Jira could not count the hours logged (HTTP ${response.status}).`);
    const body = searchAnswer.parse(await response.json());
    for (const issue of body.issues) found.set(issue.id, { seconds: issue.fields?.timespent ?? 0, parentId: issue.fields?.parent?.id ?? null });
    if (!body.nextPageToken) return found;
    nextPageToken = body.nextPageToken;
  }
  return found;
}

/** Seconds logged on an issue and its sub-tasks. */
export function secondsOnIssue(time: LoggedTime, issueId: string): number {
  let total = 0;
  for (const [id, entry] of time) if (id === issueId || entry.parentId === issueId) total += entry.seconds;
  return total;
}

/** Seconds logged on each sub-task of `parentId`, by sub-task id. */
export function secondsBySubtask(time: LoggedTime, parentId: string): Map<string, number> {
  const bySubtask = new Map<string, number>();
  for (const [id, entry] of time) if (entry.parentId === parentId) bySubtask.set(id, entry.seconds);
  return bySubtask;
}

export async function loggedSecondsBySubtask(deliveryIssueId: string): Promise<Map<string, number>> {
  return secondsBySubtask(await loggedTimeUnder([deliveryIssueId]), deliveryIssueId);
}
