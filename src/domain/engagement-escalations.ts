import type { AccountRef, Escalation, RaiseEscalationInput } from '../shared/engagement';
import { ACCOUNT_MANAGER_ROLE_KEY, findTemplateRole, holdersOf } from './engagement-roles';
import { refuse, type EngagementState } from './engagement-state';

/**
 * Escalations (seed 000): a service provider or service coordinator — any vendor role on the engagement — escalates
 * an observed risk, issue or deviation from the methodology to the account manager, or to the head of sales when
 * they mark it so. It is tracked on the panel to closure:
 *
 *   open → acknowledged → closed (closing says how it was resolved)
 *
 * The raiser must hold the vendor role they raise it as. The people it goes to are fixed when it is raised (the
 * account manager's accounts, or the engagement's head of sales), so that a later change of account manager does not
 * rewrite who was told. Any editor of the issue moves it on; the stamps say who did.
 */

export type EscalationAction = 'acknowledge' | 'close';

export function escalationRecipients(state: EngagementState, toHeadOfSales: boolean): AccountRef[] {
  if (toHeadOfSales) {
    if (!state.headOfSales) refuse('INVALID_INPUT', 'Name the head of sales on this engagement before escalating to them.');
    return [state.headOfSales];
  }
  const managers = holdersOf(state, ACCOUNT_MANAGER_ROLE_KEY).flatMap((p) => (p.accountId ? [{ accountId: p.accountId, name: p.name }] : []));
  if (managers.length === 0) refuse('INVALID_INPUT', 'Name the account manager on this engagement before escalating: the escalation goes to them.');
  return managers;
}

export function raiseEscalation(
  state: EngagementState,
  id: string,
  input: Omit<RaiseEscalationInput, 'expectedVersion'>,
  raiser: string,
  now: string,
): Escalation {
  const role = findTemplateRole(state, input.roleKey);
  if (role.side !== 'vendor') refuse('INVALID_INPUT', 'Escalations are raised by the vendor’s roles.');
  if (!holdersOf(state, role.key).some((p) => p.accountId === raiser)) {
    refuse('FORBIDDEN', `Only someone who holds the role "${role.name['en-US']}" on this engagement can raise an escalation as that role.`);
  }
  const toHeadOfSales = input.toHeadOfSales === true;
  return {
    kind: 'escalation',
    id,
    version: 1,
    category: input.category,
    title: input.title,
    description: input.description ?? '',
    raisedByRole: role.key,
    createdAt: now,
    createdBy: raiser,
    route: toHeadOfSales ? 'head-of-sales' : 'account-manager',
    recipients: escalationRecipients(state, toHeadOfSales),
    state: 'open',
    acknowledged: null,
    closed: null,
    commentId: null,
  };
}

export function moveEscalation(
  escalation: Escalation,
  action: EscalationAction,
  who: { accountId: string; name: string },
  resolution: string,
  now: string,
): Escalation {
  const stamp = { accountId: who.accountId, name: who.name, at: now };
  if (action === 'acknowledge') {
    if (escalation.state !== 'open') refuse('INVALID_INPUT', 'Only an open escalation can be acknowledged.');
    return { ...escalation, version: escalation.version + 1, state: 'acknowledged', acknowledged: stamp };
  }
  if (escalation.state !== 'acknowledged') refuse('INVALID_INPUT', 'An escalation is acknowledged before it is closed.');
  return { ...escalation, version: escalation.version + 1, state: 'closed', closed: { ...stamp, resolution } };
}

/** Records the Jira comment that told the recipients (after it was written). */
export function escalationNotified(escalation: Escalation, commentId: string): Escalation {
  return { ...escalation, version: escalation.version + 1, commentId };
}
