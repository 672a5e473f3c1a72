import { AppError } from '../../shared/errors';
import type { ImplementationRequest, RequestView } from '../../shared/implementation';
import type { CallContext } from '../define-surface';
import { panelCaller, requireTeamPart, type PanelCaller, type TeamPart } from './request-access';
import { readRequestContext } from '../../storage/issue-opening';
import { assignDeliveryIssue, commitStep, type Loaded, type StepContext, type StepPlan } from './request-service';
import { loadedFrom, viewOf } from './request-views';

/**
 * The common shape of a workflow step on the issue panel: check the caller on the issue as the user, read the
 * request, check their part in its team, then the version they saw (CONFLICT before anything is computed), plan the
 * step, store it (the state machine refuses an illegal step, a finance hold blocks consultant steps — nothing is
 * written then), and answer the request's view as saved.
 */
const NOT_ROUTED = 'This issue is not an implementation request routed by Engagement Desk.';
const STALE = 'This request was changed by someone else meanwhile. Reload to see the change, then try again.';

/** The request with what its views and steps need (set-up, settings, the partner's hold): 2 KVS requests; null when none. */
export async function findRequest(issueId: string): Promise<Loaded | null> {
  const context = await readRequestContext(issueId);
  return loadedFrom(context.request, context.setup, context.settings);
}

export async function existingRequest(issueId: string): Promise<Loaded> {
  const loaded = await findRequest(issueId);
  if (!loaded) throw new AppError('NOT_FOUND', NOT_ROUTED);
  return loaded;
}

export function atVersion(loaded: Loaded, expectedVersion: number): Loaded {
  if (loaded.record.version !== expectedVersion) throw new AppError('CONFLICT', STALE);
  return loaded;
}

export const stepContextOf = (caller: { accountId: string }): StepContext => ({ actor: caller.accountId, now: new Date().toISOString() });

export interface PanelStep {
  /** The part the caller needs in the request's team; a function when it depends on the input or the team. */
  part: TeamPart | ((loaded: Loaded) => TeamPart);
  plan: (loaded: Loaded, context: StepContext, caller: PanelCaller) => StepPlan | Promise<StepPlan>;
  /** Consultant steps: the delivery issue's assignee follows the consultant once the step is stored. */
  assigns?: boolean;
}

export async function takePanelStep(context: CallContext, expectedVersion: number, step: PanelStep): Promise<RequestView> {
  const caller = await panelCaller(context);
  const loaded = await existingRequest(caller.issue.id);
  requireTeamPart(loaded.team, loaded.request, caller.accountId, typeof step.part === 'function' ? step.part(loaded) : step.part);
  atVersion(loaded, expectedVersion);
  const stepContext = stepContextOf(caller);
  const saved = await commitStep(loaded, await step.plan(loaded, stepContext, caller), stepContext);
  if (step.assigns) await followConsultant(saved);
  return viewOf(loaded, saved);
}

/**
 * The delivery issue's assignee after a consultant step. The step is stored already and the app's record is the
 * truth: a Jira refusal here is logged, not answered as a failed step (the lead would retry a step that was taken).
 */
async function followConsultant(request: ImplementationRequest): Promise<void> {
  try {
    await assignDeliveryIssue(request);
  } catch (error) {
    console.warn(`Assigning the delivery issue of ${request.issueKey} failed`, error instanceof Error ? error.message : error);
  }
}
