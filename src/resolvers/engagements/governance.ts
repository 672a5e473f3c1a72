import { changeNotified, proposeChange } from '../../domain/engagement-changes';
import { escalationNotice, changeNotice, type NoticeText } from '../../domain/engagement-notices';
import { escalationNotified, moveEscalation, raiseEscalation } from '../../domain/engagement-escalations';
import { findTemplateRole, sponsorsOf } from '../../domain/engagement-roles';
import type { EngagementState } from '../../domain/engagement-state';
import { myDisplayName } from '../../jira/accounts';
import { addIssueComment, type CommentVisibility } from '../../jira/issue-comments';
import type { ChangeRequest, EngagementItem, Escalation, Notice } from '../../shared/engagement';
import { AppError } from '../../shared/errors';
import { addItem, readItem, saveItem } from '../../storage/engagement-repository';
import { readSettings } from '../../storage/settings-repository';
import type { Handlers } from '../define-surface';
import { engagementAt, existingEngagement, newLocalId, requireEditor } from './access';

type Panel = Handlers<'issue-panel'>;

/**
 * Escalations and change proposals are stored first, then the people who must act are told through Jira: an
 * internal comment mentioning the account manager (or head of sales) for an escalation, a public comment
 * mentioning the Engagement Sponsor for a change. If Jira refuses the comment the item is kept and the answer says
 * so (`notice.notified: false`); `escalation/update` with `notify` tries again. Comments are written as the user.
 */

export const escalationRaise: Panel['escalation/raise'] = async (input, context) => {
  const issue = await requireEditor(context);
  const current = await engagementAt(issue.id, input.expectedVersion);
  const { expectedVersion: _v, itemId, ...raise } = input;
  const escalation = raiseEscalation(current.state, itemId ?? newLocalId(), raise, context.accountId, new Date().toISOString());
  await addItem(issue.id, current.version, escalation, { actor: context.accountId, action: 'escalation.raise', before: null, after: escalation });
  return tellAboutEscalation(issue.id, current.state, escalation, context.accountId);
};

export const escalationUpdate: Panel['escalation/update'] = async (input, context) => {
  const issue = await requireEditor(context);
  const escalation = await itemAt(issue.id, input.escalationId, 'escalation', input.expectedVersion);
  if (input.action === 'notify') {
    if (escalation.commentId !== null) throw new AppError('INVALID_INPUT', 'The people this escalation goes to were already told in a comment.');
    return tellAboutEscalation(issue.id, (await existingEngagement(issue.id)).state, escalation, context.accountId);
  }
  const who = { accountId: context.accountId, name: await myDisplayName() };
  const next = moveEscalation(escalation, input.action, who, input.resolution ?? '', new Date().toISOString());
  const audit = { actor: context.accountId, action: `escalation.${input.action}`, before: { id: escalation.id, state: escalation.state }, after: { id: next.id, state: next.state, resolution: next.closed?.resolution ?? null } };
  await saveItem(issue.id, escalation.version, next, audit);
  return { escalation: next, notice: null };
};

export const changePropose: Panel['change/propose'] = async (input, context) => {
  const issue = await requireEditor(context);
  const current = await engagementAt(issue.id, input.expectedVersion);
  const { expectedVersion: _v, itemId, ...proposal } = input;
  const change = proposeChange(current.state, itemId ?? newLocalId(), proposal, context.accountId, new Date().toISOString());
  await addItem(issue.id, current.version, change, { actor: context.accountId, action: 'change.propose', before: null, after: change });
  const sponsors = sponsorsOf(current.state).map((p) => ({ accountId: p.accountId ?? '', name: p.name }));
  const locale = (await readSettings()).siteLocale;
  const told = await tell(issue.id, change, changeNotice(change, sponsors, locale), 'public', context.accountId, changeNotified);
  return { change: told.item, notice: told.notice };
};

async function tellAboutEscalation(issueId: string, state: EngagementState, escalation: Escalation, actor: string): Promise<{ escalation: Escalation; notice: Notice }> {
  const locale = (await readSettings()).siteLocale;
  const roleName = findTemplateRole(state, escalation.raisedByRole).name[locale];
  const told = await tell(issueId, escalation, escalationNotice(escalation, roleName, locale), 'internal', actor, escalationNotified);
  return { escalation: told.item, notice: told.notice };
}

async function tell<T extends Escalation | ChangeRequest>(
  issueId: string,
  item: T,
  text: NoticeText,
  visibility: CommentVisibility,
  actor: string,
  notified: (item: T, commentId: string) => T,
): Promise<{ item: T; notice: Notice }> {
  let commentId: string;
  try {
    commentId = await addIssueComment(issueId, text, visibility);
  } catch (error) {
    if (error instanceof AppError && (error.code === 'JIRA_UNAVAILABLE' || error.code === 'NOT_AUTHENTICATED')) return { item, notice: { notified: false, reason: error.message } };
    throw error;
  }
  const next = notified(item, commentId);
  try {
    await saveItem(issueId, item.version, next, { actor, action: `${item.kind}.notified`, before: { id: item.id, commentId: null }, after: { id: item.id, commentId } });
  } catch (error) {
    // Someone moved the item on in the same instant: the comment is written; only its id is not kept.
    if (error instanceof AppError && error.code === 'CONFLICT') return { item, notice: { notified: true, commentId } };
    throw error;
  }
  return { item: next, notice: { notified: true, commentId } };
}

/** An item of this issue's engagement at the version the user read: NOT_FOUND for another issue's id, else CONFLICT. */
export async function itemAt<K extends EngagementItem['kind']>(
  issueId: string,
  itemId: string,
  kind: K,
  expectedVersion: number,
): Promise<Extract<EngagementItem, { kind: K }>> {
  const item = await readItem(issueId, itemId);
  if (!item || item.kind !== kind) throw new AppError('NOT_FOUND', 'This is not part of this engagement any more. Reload the page.');
  if (item.version !== expectedVersion) throw new AppError('CONFLICT', 'This was changed by someone else meanwhile. Reload to see their change, then try again.');
  return item as Extract<EngagementItem, { kind: K }>;
}
