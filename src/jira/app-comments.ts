import api, { route } from '@forge/api';
import { z } from 'zod';
import type { NoticeText } from '../domain/engagement-notices';
import { noticeToAdf } from './issue-comments';
import { jiraFailure } from './jira-failure';

/**
 * Internal comments the app writes AS ITSELF (month-end statements: a scheduled job, with no user to write as).
 * Same body and internal marking as src/jira/issue-comments.ts (a JSM internal note through the `sd.public.comment`
 * property); the author people see is the app. The app's own comment raises `avi:jira:commented:issue`, which the
 * app does not listen to.
 */
const commentAnswer = z.object({ id: z.string() }).passthrough();
const commentPage = z
  .object({ comments: z.array(z.object({ id: z.string(), body: z.unknown().optional() }).passthrough()).default([]) })
  .passthrough();

export async function addInternalCommentAsApp(issueId: string, notice: NoticeText): Promise<string> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueId}/comment`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ body: noticeToAdf(notice), properties: [{ key: 'sd.public.comment', value: { internal: true } }] }),
  });
  if (!response.ok) throw jiraFailure(response, 'accept the month-end comment');
  return commentAnswer.parse(await response.json()).id;
}

/** Every text node of an ADF document, joined. */
function plainText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const { text, content } = node as { text?: unknown; content?: unknown };
  return `${typeof text === 'string' ? text : ''}${Array.isArray(content) ? content.map(plainText).join(' ') : ''}`;
}

/**
 * Whether one of the issue's latest comments (newest first, at most `recent`) contains `reference`: asked only when
 * a redelivered month-end run finds a statement stored but not marked commented, so as not to post it twice.
 */
export async function hasRecentCommentWith(issueId: string, reference: string, recent = 50): Promise<boolean> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueId}/comment?orderBy=-created&maxResults=${String(recent)}`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) throw jiraFailure(response, 'list the comments of a request');
  const body = commentPage.parse(await response.json());
  return body.comments.some((c) => plainText(c.body).includes(reference));
}
