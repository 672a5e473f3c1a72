import { z } from 'zod';
import type { CommentRecord, IssueRecord, ProjectRow } from '../jira-store';
import { canBrowse } from '../permissions';
import type { JiraContext, Route } from '../router';
import { addComment } from './comments';
import { adfToText, dateDTO, isAgent, isReply, jsmError, multiValue, pagedDTO, pageParams, renderHtml, REQUEST_NOT_FOUND, textToAdf, userDTO, visibleRequest } from './servicedesk-common';

/**
 * GET / POST /rest/servicedeskapi/request/{issueIdOrKey}/comment. Customers read public comments only and may add
 * public ones only. Agents (and admins) read both and choose. Delivery people, who browse the service project
 * without an agent licence, are JSM "collaborators": they read both but may add internal comments only.
 * Comments are written through the platform comment route's helper (ADF bodies, `jsdPublic`), so both APIs see the
 * same comments and a JSM comment raises the same `avi:jira:commented:issue` as a platform one.
 */

/** CommentDTO: JSM shows the body as text; `renderedBody` only when expanded. */
export function commentDTO(context: JiraContext, issue: IssueRecord, comment: CommentRecord, expand: string[] = []): Record<string, unknown> {
  const author = comment.author ? context.store.user(comment.author) : undefined;
  const text = adfToText(comment.body, (id) => context.store.user(id)?.displayName);
  return {
    _expands: ['attachment', 'renderedBody'],
    id: comment.id,
    body: text,
    public: comment.jsdPublic,
    ...(author ? { author: userDTO(context, author) } : {}),
    created: dateDTO(comment.created),
    ...(expand.includes('renderedBody') ? { renderedBody: { html: renderHtml(text) } } : {}),
    _links: { self: `${context.baseUrl}/rest/servicedeskapi/request/${issue.id}/comment/${comment.id}` },
  };
}

/** The comments of a request that the acting user may read, oldest first. */
export function visibleComments(context: JiraContext, issue: IssueRecord, project: ProjectRow): CommentRecord[] {
  // Internal comments are for the team: whoever browses the project (agents, admins, collaborators, the app).
  const teamView = !context.user || canBrowse(context.user, project);
  return context.store.comments(issue.id).filter((c) => c.jsdPublic || teamView);
}

const booleanParam = (query: URLSearchParams, name: string): boolean | string => {
  const raw = query.get(name);
  if (raw === null || raw === '') return true;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return `The ${name} parameter must be true or false.`;
};

const commentCreate = z.object({ body: z.string(), public: z.boolean() }).strict();

export const serviceDeskCommentRoutes: Route[] = [
  {
    method: 'GET',
    path: '/rest/servicedeskapi/request/{issueIdOrKey}/comment',
    handle: (context, params) => {
      const found = visibleRequest(context, params.issueIdOrKey ?? '');
      if (!found) return jsmError(404, REQUEST_NOT_FOUND);
      const query = context.request.query;
      const page = pageParams(query);
      if (isReply(page)) return page;
      const wantPublic = booleanParam(query, 'public');
      const wantInternal = booleanParam(query, 'internal');
      if (typeof wantPublic === 'string') return jsmError(400, wantPublic);
      if (typeof wantInternal === 'string') return jsmError(400, wantInternal);
      const comments = visibleComments(context, found.issue, found.project).filter((c) => (c.jsdPublic ? wantPublic : wantInternal));
      const expand = multiValue(query, 'expand');
      return { status: 200, body: pagedDTO(context, comments, page, (c) => commentDTO(context, found.issue, c, expand)) };
    },
  },
  {
    method: 'POST',
    path: '/rest/servicedeskapi/request/{issueIdOrKey}/comment',
    handle: (context, params) => {
      const found = visibleRequest(context, params.issueIdOrKey ?? '');
      if (!found) return jsmError(404, REQUEST_NOT_FOUND);
      const parsed = commentCreate.safeParse(context.request.body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return jsmError(400, issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'The comment is not valid.');
      }
      const { body, public: isPublic } = parsed.data;
      if (!body.trim()) return jsmError(400, 'The comment body must not be empty.');
      const user = context.user;
      if (!isAgent(user, found.project)) {
        const collaborator = user?.kind === 'delivery';
        if (!isPublic && !collaborator) return jsmError(403, 'Customers can only add public comments.');
        if (isPublic && collaborator) return jsmError(403, 'Only agents can reply to the customer; collaborators add internal comments.');
      }
      // The platform comment API's own write: same record, same `updated` bump, same `avi:jira:commented:issue`.
      const comment = addComment(context, found.issue, { body: textToAdf(body), jsdPublic: isPublic });
      return { status: 201, body: commentDTO(context, found.issue, comment) };
    },
  },
];
