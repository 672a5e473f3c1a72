import api, { route } from '@forge/api';
import { z } from 'zod';
import { jiraFailure } from './jira-failure';

/**
 * Seconds logged on one issue (a phase sub-task of a delivery issue) by worklogs STARTED within [startMs, endMs),
 * read AS THE APP: month-end runs in a queue consumer, with no user. `GET /rest/api/3/issue/{id}/worklog` filters by
 * `startedAfter` / `startedBefore` (epoch ms); the bounds are widened by a millisecond and every worklog's own
 * `started` is checked again here, so the month is exactly [start, end) whether Jira treats the bounds as inclusive or
 * not. The answer pages at `maxResults` (5,000 by default); more worklogs than that on one sub-task in one month cost
 * one more read per 5,000.
 */
const worklogPage = z
  .object({
    startAt: z.number().int().nonnegative().optional(),
    total: z.number().int().nonnegative().optional(),
    worklogs: z.array(z.object({ started: z.string().optional(), timeSpentSeconds: z.number().nonnegative().optional() }).passthrough()).default([]),
  })
  .passthrough();

const PAGE = 5000;
/** A ceiling (250,000 worklogs on one sub-task in a month), so that a runaway answer cannot hold the consumer. */
const MAX_PAGES = 50;

/** Jira writes `2026-11-03T09:00:00.000+0000`; Date.parse wants the offset with a colon. */
export function parseJiraTime(text: string): number {
  return Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

export async function secondsLoggedBetween(issueId: string, startMs: number, endMs: number): Promise<number> {
  let seconds = 0;
  for (let page = 0, startAt = 0; page < MAX_PAGES; page += 1) {
    const response = await api
      .asApp()
      .requestJira(route`/rest/api/3/issue/${issueId}/worklog?startedAfter=${String(startMs - 1)}&startedBefore=${String(endMs)}&startAt=${String(startAt)}&maxResults=${String(PAGE)}`, {
        headers: { Accept: 'application/json' },
      });
    if (!response.ok) throw jiraFailure(response, 'list the worklogs of a delivery sub-task');
    const body = worklogPage.parse(await response.json());
    for (const worklog of body.worklogs) {
      const started = worklog.started ? parseJiraTime(worklog.started) : NaN;
      if (Number.isFinite(started) && started >= startMs && started < endMs) seconds += worklog.timeSpentSeconds ?? 0;
    }
    startAt += body.worklogs.length;
    if (body.worklogs.length === 0 || body.total === undefined || startAt >= body.total) return seconds;
  }
  return seconds;
}
