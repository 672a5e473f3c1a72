import { emitCreated } from '../events';
import type { CommentRecord, IssueRecord, LinkRecord, WorklogRecord } from '../jira-store';
import type { JiraContext } from '../router';
import { LINK_TYPES } from '../site-config';
import { commentJson, worklogJson } from './issue-bean';

/**
 * Forge's Jira events other than issue created/updated/assigned (those are in ../events.ts), payloads as the Forge
 * events reference documents them:
 * - `avi:jira:commented:issue` (a comment added or edited) and `avi:jira:deleted:comment`: issue, atlassianId?,
 *   associatedUsers?, comment;
 * - `avi:jira:created|updated|deleted:worklog`: worklog;
 * - `avi:jira:created:issuelink`: id, sourceIssueId, destinationIssueId, issueLinkType.
 * Every payload also carries the common `timestamp` (and `atlassianId` when a user acted).
 */

/** The common part of an issue event (timestamp, issue with its event fields, who acted), built by events.ts. */
function issueEventBase(context: JiraContext, issue: IssueRecord): Record<string, unknown> {
  let payload: Record<string, unknown> = {};
  emitCreated({ ...context, emit: (event) => (payload = event.payload) }, issue);
  return payload;
}

function actor(context: JiraContext): Record<string, unknown> {
  return { timestamp: String(context.now()), ...(context.user ? { atlassianId: context.user.accountId } : {}) };
}

export function emitCommented(context: JiraContext, issue: IssueRecord, comment: CommentRecord): void {
  context.emit({ eventType: 'avi:jira:commented:issue', payload: { ...issueEventBase(context, issue), comment: commentJson(context, comment) } });
}

export function emitCommentDeleted(context: JiraContext, issue: IssueRecord, comment: CommentRecord): void {
  context.emit({ eventType: 'avi:jira:deleted:comment', payload: { ...issueEventBase(context, issue), comment: commentJson(context, comment) } });
}

export function emitWorklog(context: JiraContext, action: 'created' | 'updated' | 'deleted', worklog: WorklogRecord): void {
  context.emit({ eventType: `avi:jira:${action}:worklog`, payload: { ...actor(context), worklog: worklogJson(context, worklog) } });
}

export function emitLinkCreated(context: JiraContext, link: LinkRecord): void {
  const type = LINK_TYPES.find((t) => t.id === link.typeId);
  context.emit({
    eventType: 'avi:jira:created:issuelink',
    payload: {
      ...actor(context),
      id: link.id,
      sourceIssueId: link.inwardIssueId,
      destinationIssueId: link.outwardIssueId,
      issueLinkType: type ? { id: type.id, name: type.name, inward: type.inward, outward: type.outward } : { id: link.typeId },
    },
  });
}
