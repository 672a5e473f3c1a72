import type { z } from 'zod';
import type { IssueRecord, ProjectRow } from '../jira-store';
import { canBrowse, projectPermissions, type PermissionKey } from '../permissions';
import { jiraError, type JiraContext } from '../router';
import type { JiraReply } from '../types';

/**
 * What the platform routes (`/rest/api/3/...`) share: a result type that is either a value or Jira's error reply,
 * body parsing with zod into Jira's ErrorCollection, the "find the issue as the acting user" lookup, permission
 * checks (the app acting as itself may do anything), and offset paging.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reply: JiraReply };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const failed = (status: number, message: string, errors: Record<string, string> = {}): { ok: false; reply: JiraReply } => ({
  ok: false,
  reply: jiraError(status, message, errors),
});

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** Jira's message for a field that cannot be written through create or edit (read-only, unknown, or app-owned). */
export const notOnScreen = (fieldId: string): string => `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** Whether the acting user holds `key` in `project`; the app acting as itself holds everything. */
export function can(context: JiraContext, project: ProjectRow, key: PermissionKey): boolean {
  return !context.user || projectPermissions(context.user, project).has(key);
}

export function browsable(context: JiraContext, project: ProjectRow): boolean {
  return !context.user || canBrowse(context.user, project);
}

/** The issue `idOrKey` with its project, if the acting user may browse it; otherwise Jira's 404 (it never says which). */
export function visibleIssue(context: JiraContext, idOrKey: string | undefined): Outcome<{ issue: IssueRecord; project: ProjectRow }> {
  const issue = idOrKey ? context.store.issue(idOrKey) : undefined;
  const project = issue && context.store.project(issue.projectId);
  if (!issue || !project || !browsable(context, project)) return failed(404, ISSUE_NOT_FOUND);
  return ok({ issue, project });
}

/**
 * Parses a request body. Jira reports a bad field under `errors[field]` and anything else under `errorMessages`; a
 * path under `fields.` is reported by its field id, the way Jira names the field the caller sent.
 */
export function parseBody<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): Outcome<T> {
  if (body === undefined || body === null || body === '') return failed(400, 'No content to map due to end-of-input');
  const result = schema.safeParse(body);
  if (result.success) return ok(result.data);
  const errors: Record<string, string> = {};
  const messages: string[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    if (path.length === 0) messages.push(issue.message);
    else {
      const key = path[0] === 'fields' && path[1] ? path[1] : path.join('.');
      errors[key] ??= `${path.join('.')}: ${issue.message}`;
    }
  }
  return { ok: false, reply: { status: 400, body: { errorMessages: messages, errors } } };
}

/** Multi-valued query parameters: Jira takes both `a=x&a=y` and `a=x,y`. */
export function queryList(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A boolean query flag (`true` / `false`), with its default when absent. */
export function queryFlag(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  return raw.toLowerCase() === 'true';
}

/** `startAt` and `maxResults` from the query; a negative or non-numeric value is a 400, a large one is capped. */
export function paging(query: URLSearchParams, defaultMax: number, cap: number): Outcome<{ startAt: number; maxResults: number }> {
  const read = (name: string, fallback: number): number | undefined => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    return /^\d+$/.test(raw) ? Number(raw) : undefined;
  };
  const startAt = read('startAt', 0);
  const maxResults = read('maxResults', defaultMax);
  if (startAt === undefined) return failed(400, "The 'startAt' parameter must be a non-negative integer.");
  if (maxResults === undefined) return failed(400, "The 'maxResults' parameter must be a non-negative integer.");
  return ok({ startAt, maxResults: Math.min(maxResults, cap) });
}

export { isAdfDocument, NOT_ADF, adfToText as plainText } from '../adf';
