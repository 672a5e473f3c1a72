import type { IssueRecord, ProjectRow } from '../jira-store';
import { jiraError, type JiraContext, type Route } from '../router';
import type { JiraReply } from '../types';
import { can, failed, ok, visibleIssue, type Outcome } from './route-kit';

/**
 * Issue properties: GET /issue/{key}/properties, GET/PUT/DELETE /issue/{key}/properties/{propertyKey}.
 * Reading needs Browse Projects; writing needs Edit Issues (PUT answers 403 without it, DELETE 404, as the spec
 * says). Values are any non-empty JSON of at most 32,768 characters; keys at most 255 characters. Properties change
 * no issue field, so no issue event is raised (nor is `updated` moved).
 */
export const MAX_PROPERTY_CHARS = 32_768;
export const MAX_PROPERTY_KEY = 255;

/** Checks a property write (shared with create and edit, which take `properties: [{key, value}]`). */
export function checkProperty(key: string, value: unknown): string | undefined {
  if (!key) return 'The property key cannot be empty.';
  if (key.length > MAX_PROPERTY_KEY) return `The property key can not be longer than ${MAX_PROPERTY_KEY} characters.`;
  if (value === undefined || value === '') return 'The property value must be a non-empty JSON value.';
  if (JSON.stringify(value).length > MAX_PROPERTY_CHARS) return `The property value exceeds the maximum length of ${MAX_PROPERTY_CHARS} characters.`;
  return undefined;
}

const keysOf = (context: JiraContext, issue: IssueRecord) =>
  context.store.propertyKeys(issue.id).map((key) => ({ self: `${context.baseUrl}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`, key }));

function writable(context: JiraContext, params: Record<string, string>, status: number): Outcome<{ issue: IssueRecord; project: ProjectRow }> {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found;
  if (!can(context, found.value.project, 'EDIT_ISSUES')) return failed(status, 'You do not have permission to edit issues in this project.');
  return ok(found.value);
}

function getProperty(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const key = params.propertyKey ?? '';
  const value = context.store.property(found.value.issue.id, key);
  if (value === undefined) return jiraError(404, `The property with key '${key}' does not exist.`);
  return { status: 200, body: { key, value } };
}

function putProperty(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = writable(context, params, 403);
  if (!found.ok) return found.reply;
  const key = params.propertyKey ?? '';
  const problem = checkProperty(key, context.request.body ?? undefined);
  if (problem) return jiraError(400, problem);
  const created = context.store.setProperty(found.value.issue.id, key, context.request.body);
  return { status: created ? 201 : 200 };
}

function deleteProperty(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = writable(context, params, 404);
  if (!found.ok) return found.reply;
  const key = params.propertyKey ?? '';
  if (!context.store.deleteProperty(found.value.issue.id, key)) return jiraError(404, `The property with key '${key}' does not exist.`);
  return { status: 204 };
}

export const issuePropertyRoutes: Route[] = [
  {
    method: 'GET',
    path: '/rest/api/3/issue/{issueIdOrKey}/properties',
    handle: (context, params) => {
      const found = visibleIssue(context, params.issueIdOrKey);
      return found.ok ? { status: 200, body: { keys: keysOf(context, found.value.issue) } } : found.reply;
    },
  },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handle: getProperty },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handle: putProperty },
  { method: 'DELETE', path: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handle: deleteProperty },
];
