import { readRequestAsUser } from '../../jira/customer-requests';
import { organizationsOfAccount } from '../../jira/jsm-organizations';
import { myPermissions } from '../../jira/permissions';
import { AppError } from '../../shared/errors';
import type { ImplementationRequest } from '../../shared/implementation';
import type { DeliveryTeam } from '../../shared/delivery';
import type { CallContext } from '../define-surface';
import { issueOf, requestOf } from '../extension';

/**
 * Who may do what with an implementation request. The issue or request the page names (`extension`) proves nothing:
 * it is checked AS THE USER before anything is read for them, then their part is checked against the request's
 * stored team, which only admins change.
 *
 * Issue panel: one `mypermissions` call (Browse Projects and Edit Issues on the issue). Without Browse the issue does
 * not exist for them (NOT_FOUND). Delivery steps then need a part in the request's team — delivery people browse the
 * service project but may not edit its issues, so Jira's Edit Issues cannot be what lets the lead estimate: the
 * team's membership, kept by admins, is. Back-office set-up needs Edit Issues on the request (agents).
 *
 * Portal: the JSM request read AS THE CUSTOMER answers only for their own requests and those shared with their
 * organisation (NOT_FOUND otherwise). Signing or purchasing commits the partner, so it also needs the customer to be
 * the request's reporter or a member of the partner organisation (looked up by the app from the trusted account id).
 */
export interface PanelCaller {
  issue: { id: string; key: string };
  accountId: string;
  /** Edit Issues on the request: agents (back office). */
  canEdit: boolean;
}

export async function panelCaller(context: CallContext): Promise<PanelCaller> {
  const issue = issueOf(context.extension);
  const granted = await myPermissions({ issueId: issue.id }, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
  if (!granted.BROWSE_PROJECTS) throw new AppError('NOT_FOUND', 'This issue does not exist or you do not have access to it.');
  return { issue, accountId: context.accountId, canEdit: granted.EDIT_ISSUES === true };
}

/**
 * The part a step needs in the request's team:
 * - `team`: its lead or any member (estimate, SOW, quote, "let the app choose");
 * - `lead`: its lead only (confirm or reject a proposal, choose a consultant by hand);
 * - `delivery`: the assigned consultant or the lead (complete a phase, complete the request).
 */
export type TeamPart = 'team' | 'lead' | 'delivery';

export function requireTeamPart(team: DeliveryTeam | null, request: ImplementationRequest, accountId: string, part: TeamPart): void {
  if (!team) throw new AppError('NOT_FOUND', 'The team this request was routed to no longer exists. Route it again from the admin page.');
  const isLead = team.leadAccountId === accountId;
  const allowed =
    part === 'lead'
      ? isLead
      : part === 'team'
        ? isLead || team.members.some((m) => m.accountId === accountId)
        : isLead || (request.consultantAccountId !== null && request.consultantAccountId === accountId && request.stage !== 'consultant-proposed');
  if (!allowed) throw new AppError('FORBIDDEN', FORBIDDEN_MESSAGES[part]);
}

const FORBIDDEN_MESSAGES: Record<TeamPart, string> = {
  team: 'Only the lead and the members of the request’s delivery team can take this step.',
  lead: 'Only the lead of the request’s delivery team can take this step.',
  delivery: 'Only the consultant assigned to this request, or the team’s lead, can take this step.',
};

export function requireBackOffice(caller: PanelCaller): void {
  if (!caller.canEdit) throw new AppError('FORBIDDEN', 'You need permission to edit this request to set up its back office.');
}

/** The request the portal page is on, read as the customer: their own or shared with their organisation. */
export async function portalRequest(context: CallContext): Promise<{ issueId: string; issueKey: string; summary: string }> {
  return readRequestAsUser(requestOf(context.extension).key);
}

/** Whether this customer speaks for the request's partner: its reporter, or a member of its organisation. */
export async function speaksForPartner(request: ImplementationRequest, accountId: string): Promise<boolean> {
  if (request.reporterAccountId === accountId) return true;
  if (request.partnerOrganizationId === null) return false;
  const organisations = await organizationsOfAccount(accountId);
  return organisations.some((o) => o.id === request.partnerOrganizationId);
}

export async function requirePartner(request: ImplementationRequest, accountId: string): Promise<void> {
  if (!(await speaksForPartner(request, accountId))) {
    throw new AppError('FORBIDDEN', 'Only the person who filed this request, or a member of its partner organisation, can sign or purchase for it.');
  }
}
