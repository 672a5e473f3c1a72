import { randomUUID } from 'node:crypto';
import { readRequestAsUser } from '../../jira/customer-requests';
import { requirePermissions } from '../../jira/permissions';
import { AppError } from '../../shared/errors';
import { readEngagement, saveEngagement, type StoredEngagement } from '../../storage/engagement-repository';
import { toCore } from '../../domain/engagement-view';
import type { EngagementState } from '../../domain/engagement-state';
import type { EngagementCore } from '../../shared/engagement';
import type { CallContext } from '../define-surface';
import { issueOf, requestOf } from '../extension';

/**
 * Who may do what with an engagement, checked AS THE USER before the app reads or writes anything for them:
 * - issue panel writes: Browse and Edit Issues on the issue (`mypermissions`; a customer, who has no project
 *   permission, gets NOT_FOUND, and someone who may browse but not edit — a delivery consultant on the service
 *   project — gets FORBIDDEN);
 * - portal: the JSM request read as the customer (their own, or shared with their organisation); another
 *   organisation's request is NOT_FOUND whatever the page's extension claims.
 */

const NO_EDIT = 'You need permission to edit this issue to change its engagement.';

export async function requireEditor(context: CallContext): Promise<{ id: string; key: string }> {
  const issue = issueOf(context.extension);
  await requirePermissions({ issueId: issue.id }, ['BROWSE_PROJECTS', 'EDIT_ISSUES'], NO_EDIT);
  return issue;
}

export async function requireRequestViewer(context: CallContext): Promise<{ issueId: string; issueKey: string; summary: string }> {
  return readRequestAsUser(requestOf(context.extension).key);
}

export async function existingEngagement(issueId: string): Promise<StoredEngagement> {
  const stored = await readEngagement(issueId);
  if (!stored) throw new AppError('NOT_FOUND', 'This issue has no engagement yet. Start one first.');
  return stored;
}

/** The engagement at the version the user read, or CONFLICT before anything is computed. */
export async function engagementAt(issueId: string, expectedVersion: number): Promise<StoredEngagement> {
  const stored = await existingEngagement(issueId);
  if (stored.version !== expectedVersion) {
    throw new AppError('CONFLICT', 'This engagement was changed by someone else meanwhile. Reload to see their change, then try again.');
  }
  return stored;
}

export interface EngagementChange {
  next: EngagementState;
  before: unknown;
  after: unknown;
}

/**
 * The common shape of an issue-panel write to the engagement: check the editor, read the version they saw, apply a
 * pure rule, save conditionally with its audit entry, answer the engagement as saved.
 */
export async function changeEngagement(
  context: CallContext,
  expectedVersion: number,
  action: string,
  change: (state: EngagementState, now: string) => EngagementChange | Promise<EngagementChange>,
): Promise<EngagementCore> {
  const issue = await requireEditor(context);
  const current = await engagementAt(issue.id, expectedVersion);
  const { next, before, after } = await change(current.state, new Date().toISOString());
  const saved = await saveEngagement(current, next, { actor: context.accountId, action, before, after });
  return toCore(saved.state, saved.version);
}

/** Ids for milestones, documents and items: 12 random hex digits. */
export function newLocalId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12);
}
