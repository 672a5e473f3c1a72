import { z } from 'zod';
import type { CommentRecord, IssueRecord, ProjectRow } from '../jira-store';
import { jiraError, type JiraContext, type Route } from '../router';
import type { JiraReply } from '../types';
import { emitCommentDeleted, emitCommented } from './activity-events';
import { commentJson, INTERNAL_PROPERTY } from './issue-bean';
import { can, failed, isAdfDocument, NOT_ADF, ok, paging, parseBody, plainText, queryList, visibleIssue, type Outcome } from './route-kit';
import { authorOf } from './users';

/**
 * Comments: GET/POST /issue/{key}/comment, GET/PUT/DELETE /issue/{key}/comment/{id}. Bodies are ADF documents.
 *
 * Internal (JSM) comments: the platform API takes `properties: [{key: 'sd.public.comment', value: {internal: true}}]`
 * and answers the comment with `jsdPublic: false`. `jsdPublic` itself is read-only in the spec, so a `jsdPublic`
 * sent in a request is ignored, as Jira ignores it — the comment stays public. The property only makes a comment
 * internal on a service project; elsewhere `jsdPublic` is always true (there is no portal to hide it from). Other
 * comment properties are accepted and not kept. `visibility` (role or group restrictions) is not emulated: a
 * request with it is refused with 400 so that nobody believes a restricted comment was written.
 *
 * Permissions: Add Comments to add; authors edit and delete their own with Add Comments, project administrators
 * anyone's. Refusals answer 400 as the spec lists them for these operations. Every add or edit raises
 * `avi:jira:commented:issue`, a delete `avi:jira:deleted:comment`; comments change no issue field, so no
 * `avi:jira:updated:issue` (the issue's `updated` time moves, as in Jira).
 */
export const commentInput = z
  .object({
    body: z.unknown(),
    visibility: z.unknown().optional(),
    properties: z.array(z.object({ key: z.string().min(1).max(255), value: z.unknown() }).strict()).optional(),
  })
  .passthrough();
export type CommentInput = z.infer<typeof commentInput>;

/** The body and visibility of a comment to write, or Jira's error for it. */
export function checkComment(input: CommentInput, project: ProjectRow, current?: CommentRecord): Outcome<{ body: unknown; jsdPublic: boolean }> {
  if (input.visibility !== undefined) return failed(400, 'Comment visibility restrictions are not emulated by the sandbox; use the sd.public.comment property for an internal JSM comment.');
  if (input.body === undefined && current) return ok({ body: current.body, jsdPublic: publicFlag(input, project, current.jsdPublic) });
  if (!isAdfDocument(input.body)) return failed(400, '', { comment: NOT_ADF });
  const content = (input.body as { content: unknown[] }).content;
  if (content.length === 0 || (plainText(input.body).trim() === '' && !JSON.stringify(content).includes('"type":"media'))) {
    return failed(400, '', { comment: 'Comment body can not be empty!' });
  }
  return ok({ body: input.body, jsdPublic: publicFlag(input, project, current?.jsdPublic ?? true) });
}

function publicFlag(input: CommentInput, project: ProjectRow, fallback: boolean): boolean {
  const property = input.properties?.find((p) => p.key === INTERNAL_PROPERTY);
  if (!property || project.projectTypeKey !== 'service_desk') return fallback;
  const internal = (property.value as { internal?: unknown } | null)?.internal;
  return !(internal === true || internal === 'true');
}

/** Adds a checked comment, moves the issue's `updated`, raises `commented`. */
export function addComment(context: JiraContext, issue: IssueRecord, comment: { body: unknown; jsdPublic: boolean }): CommentRecord {
  const record = context.store.addComment(issue.id, { author: authorOf(context), body: comment.body, jsdPublic: comment.jsdPublic });
  const touched = context.store.updateIssue(issue.id, {});
  emitCommented(context, touched, record);
  return record;
}

const NO_COMMENT_PERMISSION = 'You do not have the permission to comment on this issue.';

function mayChange(context: JiraContext, project: ProjectRow, comment: CommentRecord): boolean {
  if (!context.user) return true;
  if (can(context, project, 'ADMINISTER_PROJECTS')) return true;
  return comment.author === context.user.accountId && can(context, project, 'ADD_COMMENTS');
}

function getComments(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const query = context.request.query;
  const orderBy = query.get('orderBy');
  if (orderBy !== null && !['created', '+created', '-created'].includes(orderBy)) return jiraError(400, `orderBy can only be 'created', '+created' or '-created'.`);
  const page = paging(query, 100, 5000);
  if (!page.ok) return page.reply;
  const all = context.store.comments(found.value.issue.id);
  if (orderBy === '-created') all.reverse();
  const { startAt, maxResults } = page.value;
  const expand = queryList(query, 'expand');
  return { status: 200, body: { startAt, maxResults, total: all.length, comments: all.slice(startAt, startAt + maxResults).map((c) => commentJson(context, c, expand)) } };
}

function postComment(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const { issue, project } = found.value;
  if (!can(context, project, 'ADD_COMMENTS')) return jiraError(400, NO_COMMENT_PERMISSION);
  const input = parseBody(commentInput, context.request.body);
  if (!input.ok) return input.reply;
  const checked = checkComment(input.value, project);
  if (!checked.ok) return checked.reply;
  const record = addComment(context, issue, checked.value);
  return { status: 201, body: commentJson(context, record, queryList(context.request.query, 'expand')) };
}

function findComment(context: JiraContext, params: Record<string, string>): Outcome<{ issue: IssueRecord; project: ProjectRow; comment: CommentRecord }> {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found;
  const comment = context.store.comment(params.id ?? '');
  if (!comment || comment.issueId !== found.value.issue.id) return failed(404, `Can not find a comment for the id: ${params.id}.`);
  return ok({ ...found.value, comment });
}

function getComment(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = findComment(context, params);
  if (!found.ok) return found.reply;
  return { status: 200, body: commentJson(context, found.value.comment, queryList(context.request.query, 'expand')) };
}

function putComment(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = findComment(context, params);
  if (!found.ok) return found.reply;
  const { issue, project, comment } = found.value;
  if (!mayChange(context, project, comment)) return jiraError(400, 'You do not have the permission to edit this comment.');
  const input = parseBody(commentInput, context.request.body);
  if (!input.ok) return input.reply;
  const checked = checkComment(input.value, project, comment);
  if (!checked.ok) return checked.reply;
  const updated = context.store.updateComment(comment.id, checked.value);
  const touched = context.store.updateIssue(issue.id, {});
  emitCommented(context, touched, updated);
  return { status: 200, body: commentJson(context, updated, queryList(context.request.query, 'expand')) };
}

function deleteComment(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = findComment(context, params);
  if (!found.ok) return found.reply;
  const { issue, project, comment } = found.value;
  if (!mayChange(context, project, comment)) return jiraError(400, 'You do not have the permission to delete this comment.');
  context.store.deleteComment(comment.id);
  const touched = context.store.updateIssue(issue.id, {});
  emitCommentDeleted(context, touched, comment);
  return { status: 204 };
}

export const commentRoutes: Route[] = [
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/comment', handle: getComments },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/comment', handle: postComment },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', handle: getComment },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', handle: putComment },
  { method: 'DELETE', path: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', handle: deleteComment },
];
