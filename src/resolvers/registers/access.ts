import { organizationsOfAccount, reporterOfRequest, type JsmOrganization } from '../../jira/jsm-organizations';
import { myPermissions, requirePermissions } from '../../jira/permissions';
import { readIssueLinks } from '../../storage/issue-links';
import { readIssueOrganizations } from '../../jira/issue-organizations';
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
 * The organisation of an issue whose access was checked: the one its engagement links, else the partner its
 * implementation request was routed for, else the JSM organisation the request is shared with when there is exactly
 * one (with several, the panel cannot tell which, and asks for the engagement's link instead). One batch KVS read and
 * at most one Jira read (the issue's "Organizations" field); the reporter's memberships are asked only on a site
 * where that field was not found.
 */
export async function organisationOfIssue(issueId: string): Promise<{ registerId: string; source: 'engagement' | 'request' } | null> {
  const links = await readIssueLinks(issueId);
  if (links.engagementOrganisationId) return { registerId: links.engagementOrganisationId, source: 'engagement' };
  if (links.requestPartnerOrganizationId) return { registerId: registerIdOfJsmOrganization(links.requestPartnerOrganizationId), source: 'request' };
  const organisations = links.organizationsFieldId ? await readIssueOrganizations(issueId, links.organizationsFieldId) : await reporterOrganisations(issueId);
  return organisations.length === 1 ? { registerId: registerIdOfJsmOrganization(organisations[0]!), source: 'request' } : null;
}

async function reporterOrganisations(issueId: string): Promise<string[]> {
  const reporter = await reporterOfRequest(issueId);
  return reporter ? (await organizationsOfAccount(reporter)).map((o) => o.id) : [];
}
