import { organizationsOfAccount, reporterOfRequest, type JsmOrganization } from '../../jira/jsm-organizations';
import { myPermissions, requirePermissions } from '../../jira/permissions';
import { readEngagement } from '../../storage/engagement-repository';
import { AppError } from '../../shared/errors';
import type { CallContext } from '../define-surface';
import { issueOf } from '../extension';

/**
 * Who may do what with registers. Every check is made from Forge's trusted context: as the acting user for Jira
 * permissions, or from their trusted account id for JSM organisation membership. Ids in a payload or in `extension`
 * only say what the user asks about; they are never proof.
 */

/** Jira administrators only (ADMINISTER, checked as the user). */
export async function requireAdmin(_context: CallContext): Promise<void> {
  await requirePermissions({}, ['ADMINISTER'], 'Only Jira administrators can manage organisations, registers and role templates.');
}

/** The issue the panel is on, once the user is shown to see it; `canEdit` says whether they may also change things. */
export async function issueAccess(context: CallContext): Promise<{ issueId: string; canEdit: boolean }> {
  const issue = issueOf(context.extension);
  const granted = await myPermissions({ issueId: issue.id }, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
  if (!granted.BROWSE_PROJECTS) throw new AppError('NOT_FOUND', 'This issue does not exist or you do not have access to it.');
  return { issueId: issue.id, canEdit: granted.EDIT_ISSUES === true };
}

export async function requireIssueEditor(context: CallContext): Promise<{ issueId: string }> {
  const access = await issueAccess(context);
  if (!access.canEdit) throw new AppError('FORBIDDEN', 'You need permission to edit this issue to decide on its organisation’s contact changes.');
  return access;
}

export const registerIdOfJsmOrganization = (jsmOrganizationId: string): string => `jsm-${jsmOrganizationId}`;

/** The JSM organisations the acting customer belongs to, from their trusted account id. */
export function myOrganisations(context: CallContext): Promise<JsmOrganization[]> {
  return organizationsOfAccount(context.accountId);
}

/**
 * A register the acting customer may see and propose changes to: one linked to a JSM organisation they belong to.
 * Any other id, however it was obtained, is FORBIDDEN, and nothing is read or written for it.
 */
export async function requireOwnRegister(context: CallContext, registerId: string): Promise<void> {
  const mine = await myOrganisations(context);
  if (!mine.some((o) => registerIdOfJsmOrganization(o.id) === registerId)) {
    throw new AppError('FORBIDDEN', 'You can only see and change your own organisation’s contacts.');
  }
}

/**
 * The organisation of an issue whose access was checked: the one its engagement links, else the JSM organisation
 * of the request's reporter when they belong to exactly one (JSM shares a request with one of its reporter's
 * organisations; with several, the panel cannot tell which, and asks for the engagement's link instead).
 */
export async function organisationOfIssue(issueId: string): Promise<{ registerId: string; source: 'engagement' | 'request' } | null> {
  const linked = (await readEngagement(issueId))?.state.organisation?.id;
  if (linked) return { registerId: linked, source: 'engagement' };
  const reporter = await reporterOfRequest(issueId);
  if (!reporter) return null;
  const organisations = await organizationsOfAccount(reporter);
  const only = organisations.length === 1 ? organisations[0] : undefined;
  return only ? { registerId: registerIdOfJsmOrganization(only.id), source: 'request' } : null;
}
