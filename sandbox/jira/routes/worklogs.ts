import { z } from 'zod';
import { emitUpdated, type ChangeItem } from '../events';
import type { IssueRecord, ProjectRow, WorklogRecord } from '../jira-store';
import { jiraError, type JiraContext, type Route } from '../router';
import type { JiraReply } from '../types';
import { emitWorklog } from './activity-events';
import { worklogJson } from './issue-bean';
import { can, failed, isAdfDocument, NOT_ADF, ok, parseBody, visibleIssue, type Outcome } from './route-kit';
import { parseDuration, parseStarted, timeSpentOf } from './time-tracking';
import { authorOf } from './users';

/**
 * Worklogs: GET/POST /issue/{key}/worklog, GET/PUT/DELETE /issue/{key}/worklog/{id}.
 *
 * `started` is required on create, in Jira's format `2021-01-17T12:34:00.000+0000`; the time is `timeSpent`
 * ("2h 30m", "1d", "90m") or `timeSpentSeconds`, never both. The issue's time spent is the sum of its worklogs
 * (`fields.timespent`, `fields.timetracking`). Remaining estimates are not emulated: `adjustEstimate` and its
 * companions are accepted and change nothing. `visibility` is not emulated (400).
 *
 * Permissions: Work On Issues to log; authors edit and delete their own with it, project administrators anyone's.
 * Refusals answer 400, as the spec lists them. Each write raises `avi:jira:created|updated|deleted:worklog`, and,
 * because the issue's time spent changes, `avi:jira:updated:issue` with Jira's `timespent` and `WorklogId` items.
 */
const worklogInput = z
  .object({
    comment: z.unknown().optional(),
    started: z.string().optional(),
    timeSpent: z.string().optional(),
    timeSpentSeconds: z.number().int().optional(),
    visibility: z.unknown().optional(),
    properties: z.array(z.object({ key: z.string(), value: z.unknown() }).strict()).optional(),
  })
  .passthrough();
type WorklogInput = z.infer<typeof worklogInput>;

type WorklogValues = { started: number; timeSpentSeconds: number; comment: unknown };

function checkWorklog(input: WorklogInput, current?: WorklogRecord): Outcome<WorklogValues> {
  const errors: Record<string, string> = {};
  if (input.visibility !== undefined) return failed(400, 'Worklog visibility restrictions are not emulated by the sandbox.');
  if (input.timeSpent !== undefined && input.timeSpentSeconds !== undefined) return failed(400, "Only one of 'timeSpent' and 'timeSpentSeconds' may be provided.");
  let started = current?.started;
  if (input.started !== undefined) {
    started = parseStarted(input.started);
    if (started === undefined) errors.started = `Could not parse the start date '${input.started}'; use the format yyyy-MM-dd'T'HH:mm:ss.SSSZ, e.g. 2021-01-17T12:34:00.000+0000.`;
  } else if (!current) errors.started = 'You must specify when the work started.';
  let seconds = current?.timeSpentSeconds;
  if (input.timeSpent !== undefined) {
    seconds = parseDuration(input.timeSpent);
    if (seconds === undefined) errors.timeLogged = 'Invalid time duration entered.';
  } else if (input.timeSpentSeconds !== undefined) seconds = input.timeSpentSeconds;
  if (!errors.timeLogged && (seconds === undefined || seconds <= 0)) errors.timeLogged = 'You must indicate the time spent working.';
  if (input.comment !== undefined && input.comment !== null && !isAdfDocument(input.comment)) errors.comment = NOT_ADF;
  if (Object.keys(errors).length > 0 || started === undefined || seconds === undefined) return failed(400, '', errors);
  return ok({ started, timeSpentSeconds: seconds, comment: input.comment === undefined ? (current?.comment ?? null) : input.comment });
}

/** The changelog Jira writes on the issue when its logged time changes. */
function emitTimeSpent(context: JiraContext, issue: IssueRecord, before: number | null, worklogId: string): void {
  const after = timeSpentOf(context.store, issue.id);
  const touched = context.store.updateIssue(issue.id, {});
  const seconds = (n: number | null) => (n === null ? null : String(n));
  const items: ChangeItem[] = [];
  if (before !== after) items.push({ field: 'timespent', fieldId: 'timespent', fieldtype: 'jira', from: seconds(before), fromString: seconds(before), to: seconds(after), toString: seconds(after) });
  items.push({ field: 'WorklogId', fieldId: 'WorklogId', fieldtype: 'jira', from: null, fromString: null, to: worklogId, toString: worklogId });
  emitUpdated(context, touched, items);
}

const mayChange = (context: JiraContext, project: ProjectRow, worklog: WorklogRecord) =>
  !context.user || can(context, project, 'ADMINISTER_PROJECTS') || (worklog.author === context.user.accountId && can(context, project, 'WORK_ON_ISSUES'));

function getWorklogs(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const query = context.request.query;
  const number = (name: string, fallback: number) => {
    const raw = query.get(name);
    return raw === null || raw === '' ? fallback : /^\d+$/.test(raw) ? Number(raw) : undefined;
  };
  const startAt = number('startAt', 0);
  const maxResults = number('maxResults', 5000);
  const after = number('startedAfter', 0);
  const before = number('startedBefore', Number.MAX_SAFE_INTEGER);
  // The spec answers 404 (not 400) for non-numeric paging values.
  if (startAt === undefined || maxResults === undefined || after === undefined || before === undefined) return jiraError(404, 'startAt, maxResults, startedAfter and startedBefore must be numbers.');
  const all = context.store.worklogs(found.value.issue.id).filter((w) => w.started >= after && w.started < before);
  return { status: 200, body: { startAt, maxResults, total: all.length, worklogs: all.slice(startAt, startAt + maxResults).map((w) => worklogJson(context, w)) } };
}

function postWorklog(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const { issue, project } = found.value;
  if (!can(context, project, 'WORK_ON_ISSUES')) return jiraError(400, 'You do not have the permission to log work on this issue.');
  const input = parseBody(worklogInput, context.request.body);
  if (!input.ok) return input.reply;
  const checked = checkWorklog(input.value);
  if (!checked.ok) return checked.reply;
  const before = timeSpentOf(context.store, issue.id);
  const record = context.store.addWorklog(issue.id, { author: authorOf(context), ...checked.value });
  emitWorklog(context, 'created', record);
  emitTimeSpent(context, issue, before, record.id);
  return { status: 201, body: worklogJson(context, record) };
}

function findWorklog(context: JiraContext, params: Record<string, string>): Outcome<{ issue: IssueRecord; project: ProjectRow; worklog: WorklogRecord }> {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found;
  const worklog = context.store.worklog(params.id ?? '');
  if (!worklog || worklog.issueId !== found.value.issue.id) return failed(404, `Cannot find worklog with id: ${params.id}.`);
  return ok({ ...found.value, worklog });
}

function getWorklog(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = findWorklog(context, params);
  return found.ok ? { status: 200, body: worklogJson(context, found.value.worklog) } : found.reply;
}

function putWorklog(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = findWorklog(context, params);
  if (!found.ok) return found.reply;
  const { issue, project, worklog } = found.value;
  if (!mayChange(context, project, worklog)) return jiraError(400, 'You do not have the permission to edit this worklog.');
  const input = parseBody(worklogInput, context.request.body);
  if (!input.ok) return input.reply;
  const checked = checkWorklog(input.value, worklog);
  if (!checked.ok) return checked.reply;
  const before = timeSpentOf(context.store, issue.id);
  const updated = context.store.updateWorklog(worklog.id, checked.value);
  emitWorklog(context, 'updated', updated);
  emitTimeSpent(context, issue, before, updated.id);
  return { status: 200, body: worklogJson(context, updated) };
}

function deleteWorklog(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = findWorklog(context, params);
  if (!found.ok) return found.reply;
  const { issue, project, worklog } = found.value;
  if (!mayChange(context, project, worklog)) return jiraError(400, 'You do not have the permission to delete this worklog.');
  const before = timeSpentOf(context.store, issue.id);
  context.store.deleteWorklog(worklog.id);
  emitWorklog(context, 'deleted', worklog);
  emitTimeSpent(context, issue, before, worklog.id);
  return { status: 204 };
}

export const worklogRoutes: Route[] = [
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/worklog', handle: getWorklogs },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/worklog', handle: postWorklog },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}', handle: getWorklog },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}', handle: putWorklog },
  { method: 'DELETE', path: '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}', handle: deleteWorklog },
];
