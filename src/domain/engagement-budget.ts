import type { Budget, BudgetStatus, ChangeRequest, UpdateBudgetInput } from '../shared/engagement';
import { refuse, roundHours, touched, type EngagementState } from './engagement-state';

/**
 * Budget control against the sales order (seed 003) and change approval (seed 000).
 *
 * - Sold hours come from the sales order. They are entered once; after that only a budget change the client's
 *   Engagement Sponsor approved moves them (seed 000: the sponsor approves all changes to services, schedule and
 *   budget). Re-entering the same value is not a change and is accepted.
 * - The estimate is the delivery team's and is edited freely.
 * - Logged hours are the Jira worklogs of the issue and its sub-tasks, read when the panel opens.
 * - Remaining = sold − logged; estimate remaining = estimate − logged (both may go negative: that is the news).
 * - The warning: logged hours passed the estimate (`overEstimate`); `overSold` when they passed the sold hours.
 */

export function secondsToHours(seconds: number): number {
  return roundHours(seconds / 3600);
}

export function budgetStatus(budget: Budget, loggedHours: number | null, changes: readonly ChangeRequest[]): BudgetStatus {
  const minus = (a: number | null) => (a === null || loggedHours === null ? null : roundHours(a - loggedHours));
  const pending = changes.filter((c) => c.category === 'budget' && c.state === 'proposed').reduce((sum, c) => sum + (c.soldHoursDelta ?? 0), 0);
  return {
    soldHours: budget.soldHours,
    estimateHours: budget.estimateHours,
    loggedHours,
    remainingHours: minus(budget.soldHours),
    estimateRemainingHours: minus(budget.estimateHours),
    overEstimate: loggedHours !== null && budget.estimateHours !== null && loggedHours > budget.estimateHours,
    overSold: loggedHours !== null && budget.soldHours !== null && loggedHours > budget.soldHours,
    pendingChangeHours: roundHours(pending),
  };
}

export function updateBudget(state: EngagementState, input: Omit<UpdateBudgetInput, 'expectedVersion'>, actor: string, now: string): EngagementState {
  const current = state.budget;
  if (input.soldHours !== undefined && current.soldHours !== null && input.soldHours !== current.soldHours) {
    refuse('INVALID_INPUT', 'The sold hours are set. To change them, propose a budget change for the Engagement Sponsor to approve.');
  }
  const budget: Budget = {
    soldHours: input.soldHours ?? current.soldHours,
    estimateHours: input.estimateHours === undefined ? current.estimateHours : input.estimateHours,
    salesOrder: input.salesOrder === undefined ? current.salesOrder : input.salesOrder === '' ? null : input.salesOrder,
  };
  return touched({ ...state, budget }, actor, now);
}

/** An approved budget change: the sold hours move by its delta, never below zero. */
export function applySoldHoursDelta(state: EngagementState, delta: number, actor: string, now: string): EngagementState {
  const sold = state.budget.soldHours;
  if (sold === null) refuse('CONFLICT', 'The engagement has no sold hours to change any more. Ask the team to check the budget.');
  const next = roundHours(sold + delta);
  if (next < 0) refuse('CONFLICT', `This change would take the sold hours below zero (${sold} h now). Ask the team to propose it again.`);
  return touched({ ...state, budget: { ...state.budget, soldHours: next } }, actor, now);
}
