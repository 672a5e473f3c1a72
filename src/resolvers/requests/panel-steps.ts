import { moveLoad } from '../../domain/consultant-choice';
import type { Handlers } from '../define-surface';
import { panelCaller } from './request-access';
import { planConfirmation, planConsultant, planRejection, type Loaded, type StepPlan } from './request-service';
import { viewOf } from './request-views';
import { findRequest, takePanelStep } from './request-step';

type Panel = Handlers<'issue-panel'>;

/**
 * The request's operations on the issue panel (agents and the delivery team). Reading needs Browse Projects on the
 * issue; each step needs its part in the request's team (see request-access.ts). Back-office set-up: back-office.ts.
 */
export const requestGet: Panel['request/get'] = async (_input, context) => {
  const caller = await panelCaller(context);
  const loaded = await findRequest(caller.issue.id);
  return loaded ? viewOf(loaded, loaded.request) : null;
};

export const requestEstimate: Panel['request/estimate'] = (input, context) =>
  takePanelStep(context, input.expectedVersion, {
    part: 'team',
    plan: () => ({ step: { kind: 'estimate', hours: input.hours, ...(input.requiredSkills ? { requiredSkills: input.requiredSkills } : {}) }, action: 'request.estimate' }),
  });

export const requestDraftSow: Panel['request/draft-sow'] = (input, context) =>
  takePanelStep(context, input.expectedVersion, {
    part: 'team',
    plan: () => ({ step: { kind: 'draft-sow', hoursPerStage: input.hoursPerStage, travel: input.travel }, action: 'request.draft-sow' }),
  });

export const requestQuoteHours: Panel['request/quote-hours'] = (input, context) =>
  takePanelStep(context, input.expectedVersion, { part: 'team', plan: () => ({ step: { kind: 'quote-hours' }, action: 'request.quote-hours' }) });

/**
 * `accountId: null` lets the app choose (any member of the team may ask): a team that proposes gets a proposal for
 * its lead to confirm, a team that assigns directly gets the consultant. Choosing a person by hand is the lead's.
 */
export const requestAssignConsultant: Panel['request/assign-consultant'] = (input, context) =>
  takePanelStep(context, input.expectedVersion, {
    part: input.accountId === null ? 'team' : 'lead',
    assigns: true,
    plan: async (loaded, stepContext) => {
      if (input.accountId !== null) return releaseProposal(loaded, await planConsultant(loaded, 'assign-consultant', stepContext, { accountId: input.accountId, reason: input.reason ?? null }));
      const kind = loaded.team?.assignment === 'propose' ? 'propose-consultant' : 'assign-consultant';
      return planConsultant(loaded, kind, stepContext, null);
    },
  });

/** A lead who picks someone else over a pending proposal: the proposed consultant's hours are given back. */
function releaseProposal(loaded: Loaded, plan: StepPlan): StepPlan {
  const { request } = loaded;
  if (request.stage !== 'consultant-proposed' || !request.consultantAccountId || !plan.teamState) return plan;
  return { ...plan, teamState: { ...plan.teamState, ...moveLoad(plan.teamState, request.consultantAccountId, null, request.estimateHours ?? 0) } };
}

export const requestConfirmConsultant: Panel['request/confirm-consultant'] = (input, context) =>
  takePanelStep(context, input.expectedVersion, { part: 'lead', assigns: true, plan: (loaded, stepContext) => planConfirmation(loaded, stepContext) });

export const requestRejectConsultant: Panel['request/reject-consultant'] = (input, context) =>
  takePanelStep(context, input.expectedVersion, { part: 'lead', plan: (loaded) => planRejection(loaded) });

export const requestCompletePhase: Panel['request/complete-phase'] = (input, context) =>
  takePanelStep(context, input.expectedVersion, { part: 'delivery', plan: () => ({ step: { kind: 'complete-phase', phase: input.phase }, action: 'request.complete-phase' }) });

export const requestComplete: Panel['request/complete'] = (input, context) =>
  takePanelStep(context, input.expectedVersion, { part: 'delivery', plan: () => ({ step: { kind: 'complete' }, action: 'request.complete' }) });
