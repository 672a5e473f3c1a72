import { orderedPhases, possibleSteps } from '../../domain/request-workflow';
import { setUpDeliveryIssue } from '../../jira/delivery-issues';
import { AppError } from '../../shared/errors';
import type { Handlers } from '../define-surface';
import { panelCaller, requireBackOffice } from './request-access';
import { commitStep } from './request-service';
import { atVersion, existingRequest, stepContextOf } from './request-step';
import { viewOf } from './request-views';

/**
 * Back-office set-up (agents: Edit Issues on the request, checked as the user): once the partner has signed the SOW
 * or bought the hours, the app creates — as the app — the internal delivery issue in DEL, linked to the request,
 * with one sub-task per wanted phase, then stores the step with their ids.
 *
 * The stage is checked BEFORE anything is created in Jira (a refused step must leave no issue behind). Jira work
 * that fails half-way answers JIRA_UNAVAILABLE with the request unchanged; trying again finishes what is missing and
 * never makes a second delivery issue (src/jira/delivery-issues.ts says how it is found again).
 */
export const requestSetUpBackOffice: Handlers<'issue-panel'>['request/set-up-back-office'] = async (input, context) => {
  const caller = await panelCaller(context);
  requireBackOffice(caller);
  const loaded = atVersion(await existingRequest(caller.issue.id), input.expectedVersion);
  const { request } = loaded;
  if (!possibleSteps(request).includes('set-up-back-office')) {
    throw new AppError('ILLEGAL_STEP', `A request at stage "${request.stage}" cannot take the step "set-up-back-office".`);
  }
  const delivery = await setUpDeliveryIssue({ ...request, phasesWanted: orderedPhases(request.phasesWanted) });
  const stepContext = stepContextOf(caller);
  const saved = await commitStep(loaded, { step: { kind: 'set-up-back-office', delivery }, action: 'request.set-up-back-office' }, stepContext);
  return viewOf(loaded, saved);
};
