import type { ChangeRequest, ProposeChangeInput } from '../shared/engagement';
import { applySoldHoursDelta } from './engagement-budget';
import { findMilestone, moveMilestoneDueDate } from './engagement-milestones';
import { isSponsor, sponsorsOf } from './engagement-roles';
import { refuse, roundHours, type EngagementState } from './engagement-state';

/**
 * Change approval (seed 000: the Engagement Sponsor approves all changes to services, schedule and budget).
 *
 *   proposed → approved | rejected   (by the client's Engagement Sponsor, on the portal; final)
 *
 * The team proposes; only a person holding the engagement's Engagement Sponsor role, identified by their Atlassian
 * account, decides. Anyone else is FORBIDDEN and nothing changes. Only an approval has effects: a budget change
 * moves the sold hours by its delta; a schedule change that names a milestone moves its due date; a services change
 * is a recorded agreement. A proposal needs a sponsor with an account, or nobody could ever decide it.
 */

export function proposeChange(state: EngagementState, id: string, input: Omit<ProposeChangeInput, 'expectedVersion'>, actor: string, now: string): ChangeRequest {
  if (sponsorsOf(state).length === 0) {
    refuse('INVALID_INPUT', 'Name the client’s Engagement Sponsor, with their Atlassian account, before proposing a change: they approve it on the portal.');
  }
  let soldHoursDelta: number | null = null;
  if (input.category === 'budget') {
    const sold = state.budget.soldHours;
    if (sold === null) refuse('INVALID_INPUT', 'Enter the sold hours from the sales order before proposing a budget change.');
    soldHoursDelta = roundHours(input.soldHoursDelta ?? 0);
    if (sold + soldHoursDelta < 0) refuse('INVALID_INPUT', `This change would take the sold hours (${sold} h) below zero.`);
  }
  if (input.milestoneId !== undefined) findMilestone(state, input.milestoneId);
  return {
    kind: 'change',
    id,
    version: 1,
    category: input.category,
    summary: input.summary,
    reason: input.reason ?? '',
    soldHoursDelta,
    milestoneId: input.milestoneId ?? null,
    newDueDate: input.newDueDate ?? null,
    createdAt: now,
    createdBy: actor,
    state: 'proposed',
    decision: null,
    commentId: null,
  };
}

/**
 * The sponsor's decision. Answers the decided change and, when the approval changes the engagement, its new state
 * (null otherwise: nothing else is written).
 */
export function decideChange(
  state: EngagementState,
  change: ChangeRequest,
  decision: 'approve' | 'reject',
  who: { accountId: string; name: string },
  note: string,
  now: string,
): { change: ChangeRequest; engagement: EngagementState | null } {
  if (!isSponsor(state, who.accountId)) refuse('FORBIDDEN', 'Only the Engagement Sponsor of this engagement can approve or reject its changes.');
  if (change.state !== 'proposed') refuse('CONFLICT', `This change was already ${change.state}.`);
  const decided: ChangeRequest = {
    ...change,
    version: change.version + 1,
    state: decision === 'approve' ? 'approved' : 'rejected',
    decision: { accountId: who.accountId, name: who.name, at: now, note },
  };
  if (decision === 'reject') return { change: decided, engagement: null };
  if (change.category === 'budget' && change.soldHoursDelta !== null) {
    return { change: decided, engagement: applySoldHoursDelta(state, change.soldHoursDelta, who.accountId, now) };
  }
  if (change.category === 'schedule' && change.milestoneId !== null && change.newDueDate !== null) {
    return { change: decided, engagement: moveMilestoneDueDate(state, change.milestoneId, change.newDueDate, who.accountId, now) };
  }
  return { change: decided, engagement: null };
}

export function changeNotified(change: ChangeRequest, commentId: string): ChangeRequest {
  return { ...change, version: change.version + 1, commentId };
}
