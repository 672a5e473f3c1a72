import { z } from 'zod';
import { jiraError, type JiraContext, type Route } from '../router';
import { LINK_TYPES } from '../site-config';
import type { JiraReply } from '../types';
import { emitLinkCreated } from './activity-events';
import { addComment, checkComment, commentInput } from './comments';
import { linkTypeJson } from './issue-bean';
import { browsable, can, parseBody, visibleIssue } from './route-kit';

/**
 * Issue links: POST /issueLink, GET /issueLinkType, GET /issueLinkType/{id}.
 *
 * POST /issueLink names the link's source as `inwardIssue` and its destination as `outwardIssue` (with "Blocks",
 * `inwardIssue` blocks `outwardIssue`) — Jira's well-known naming; see issue-bean.ts for how each end shows it.
 * It needs Browse Projects on both issues and Link Issues on the source's project; any refusal, a missing issue or
 * an unknown type answers 404, as the spec says. A duplicate of an existing link answers 201 and creates nothing
 * (its comment is still added). The optional comment goes on the source issue. The link raises
 * `avi:jira:created:issuelink`; the sandbox writes no "Link" changelog entry, so no `avi:jira:updated:issue`.
 */
const linkedIssue = z.object({ id: z.string().optional(), key: z.string().optional() }).passthrough();
const linkRequest = z
  .object({
    type: z.object({ id: z.string().optional(), name: z.string().optional() }).passthrough(),
    inwardIssue: linkedIssue,
    outwardIssue: linkedIssue,
    comment: commentInput.optional(),
  })
  .strict();

function linkIssues(context: JiraContext): JiraReply {
  const body = parseBody(linkRequest, context.request.body);
  if (!body.ok) return body.reply;
  const { type: typeRef, inwardIssue, outwardIssue, comment } = body.value;
  const type = LINK_TYPES.find((t) => (typeRef.id !== undefined ? t.id === typeRef.id : t.name === typeRef.name));
  if (!type) return jiraError(404, `No issue link type with name '${typeRef.name ?? typeRef.id ?? ''}' found.`);
  const source = visibleIssue(context, inwardIssue.id ?? inwardIssue.key);
  const destination = visibleIssue(context, outwardIssue.id ?? outwardIssue.key);
  if (!source.ok) return source.reply;
  if (!destination.ok) return destination.reply;
  if (!can(context, source.value.project, 'LINK_ISSUES') || !browsable(context, destination.value.project)) {
    return jiraError(404, 'You do not have the permission to link issues.');
  }
  const checked = comment ? checkComment(comment, source.value.project) : undefined;
  if (checked && !checked.ok) return checked.reply;
  if (checked && !can(context, source.value.project, 'ADD_COMMENTS')) return jiraError(400, 'You do not have the permission to comment on this issue.');
  const from = source.value.issue;
  const to = destination.value.issue;
  if (from.id === to.id) return jiraError(400, 'You cannot link an issue to itself.');
  const exists = context.store.links(from.id).some((l) => l.typeId === type.id && l.inwardIssueId === from.id && l.outwardIssueId === to.id);
  if (!exists) {
    const link = context.store.addLink(type.id, from.id, to.id);
    context.store.updateIssue(from.id, {});
    context.store.updateIssue(to.id, {});
    emitLinkCreated(context, link);
  }
  if (checked) addComment(context, context.store.issue(from.id) ?? from, checked.value);
  return { status: 201 };
}

export const issueLinkRoutes: Route[] = [
  { method: 'POST', path: '/rest/api/3/issueLink', handle: linkIssues },
  { method: 'GET', path: '/rest/api/3/issueLinkType', handle: (context) => ({ status: 200, body: { issueLinkTypes: LINK_TYPES.map((t) => linkTypeJson(context, t)) } }) },
  {
    method: 'GET',
    path: '/rest/api/3/issueLinkType/{issueLinkTypeId}',
    handle: (context, params) => {
      const id = params.issueLinkTypeId ?? '';
      if (!/^\d+$/.test(id)) return jiraError(400, `The issue link type id '${id}' is invalid.`);
      const type = LINK_TYPES.find((t) => t.id === id);
      return type ? { status: 200, body: linkTypeJson(context, type) } : jiraError(404, `No issue link type with id '${id}' found.`);
    },
  },
];
