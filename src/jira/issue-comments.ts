import { asUser, route } from '@forge/api';
import { doc, mention, paragraph, strong, text } from '@atlaskit/adf-utils/builders';
import { z } from 'zod';
import type { NoticePart, NoticeText } from '../domain/engagement-notices';
import { AppError } from '../shared/errors';

/**
 * Comments the engagement writes on its issue, AS THE ACTING USER (the agent who raised the escalation or proposed
 * the change is the author people see and answer). Bodies are Atlassian Document Format built with
 * @atlaskit/adf-utils; people are mention nodes, so Jira notifies them.
 *
 * - `internal`: a JSM internal note (the `sd.public.comment` property `{internal: true}`), seen by agents only. On a
 *   project that is not a service project the property is ignored and every project member sees the comment, which
 *   is who can see the issue there anyway.
 * - `public`: a reply the customer sees on the portal.
 */
const commentAnswer = z.object({ id: z.string() }).passthrough();

export type CommentVisibility = 'internal' | 'public';

export function noticeToAdf(notice: NoticeText): ReturnType<typeof doc> {
  const inline = (part: NoticePart) => {
    if ('mention' in part) return mention({ id: part.mention.accountId, text: `@${part.mention.name || part.mention.accountId}` });
    if ('strong' in part) return strong(text(part.strong));
    return text(part.text);
  };
  return doc(...notice.map((line) => paragraph(...line.map(inline))));
}

export async function addIssueComment(issueId: string, notice: NoticeText, visibility: CommentVisibility): Promise<string> {
  const body = {
    body: noticeToAdf(notice),
    ...(visibility === 'internal' ? { properties: [{ key: 'sd.public.comment', value: { internal: true } }] } : {}),
  };
  const response = await asUser().requestJira(route`/rest/api/3/issue/${issueId}/comment`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 401) throw new AppError('NOT_AUTHENTICATED', 'Jira does not recognise you. Sign in again.');
  if (!response.ok) throw new AppError('JIRA_UNAVAILABLE', `Jira did not accept the comment (HTTP ${response.status}).`);
  return commentAnswer.parse(await response.json()).id;
}
