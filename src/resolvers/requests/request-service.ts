import { Queue } from '@forge/events';
import { applyStep, nextStep, type WorkflowStep } from '../../domain/request-workflow';
import { chooseConsultant, moveLoad, recordChoice, type TeamState } from '../../domain/consultant-choice';
import { endCustomerKey } from '../../domain/routing-rules';
import { assignIssue } from '../../jira/delivery-issues';
import { findFieldIds, mirrorEstimate, mirrorStage } from '../../jira/request-fields';
import type { DeliveryTeam, FinanceHold } from '../../shared/delivery';
import { AppError } from '../../shared/errors';
import { STAGE_FIELD_VALUES, type ConsultantDecision, type ImplementationRequest, type PhaseHours, type RequestView } from '../../shared/implementation';
import { WORK_QUEUE, type WorkMessage } from '../../shared/work-messages';
import { fromRequestRecord, type JiraFieldIds, type RequestRecord } from '../../storage/delivery-records';
import { readSetup, readTeamState, saveFieldIds, type StoredSetup, type StoredTeamState } from '../../storage/delivery-setup-repository';
import { readHold } from '../../storage/hold-repository';
import { readEndCustomer, readRequest, writeRequest, type RequestWrite } from '../../storage/request-repository';
import { readSettings } from '../../storage/settings-repository';
import { orderedPhases } from '../../domain/request-workflow';

/**
 * The imperative shell around the request state machine: read the request at the version the user saw, apply a
 * step (src/domain/request-workflow.ts), store it with what moves with it (team state, end customer) in one
 * transaction, then mirror the stage and estimate into Jira. The app's record is the truth: if the mirror fails
 * after the write, a queue message mirrors it again later, and the user is not told the step failed when it did not.
 */
export interface StepContext {
  actor: string;
  now: string;
}

export interface Loaded {
  record: RequestRecord;
  request: ImplementationRequest;
  setup: StoredSetup;
  team: DeliveryTeam | null;
  hold: FinanceHold | null;
  thresholdHours: number;
}

export async function loadRequest(issueId: string): Promise<Loaded | null> {
  const record = await readRequest(issueId);
  if (!record) return null;
  const [setup, settings, hold] = await Promise.all([readSetup(), readSettings(), readHold(record.partnerOrganizationId)]);
  return {
    record,
    request: fromRequestRecord(record),
    setup,
    team: setup.teams.find((t) => t.id === record.teamId) ?? null,
    hold,
    thresholdHours: settings.sowThresholdHours,
  };
}

/** The request at the version the user read, or CONFLICT before anything is computed. */
export async function requestAt(issueId: string, expectedVersion: number): Promise<Loaded> {
  const loaded = await loadRequest(issueId);
  if (!loaded) throw new AppError('NOT_FOUND', 'This issue is not an implementation request routed by Engagement Desk.');
  if (loaded.record.version !== expectedVersion) {
    throw new AppError('CONFLICT', 'This request was changed by someone else meanwhile. Reload to see the change, then try again.');
  }
  return loaded;
}

export interface StepPlan {
  step: WorkflowStep;
  /** The team's state after the step, when turns or loads move. */
  teamState?: StoredTeamState;
  endCustomer?: RequestWrite['endCustomer'];
  action: string;
}

/**
 * Applies a planned step to a loaded request and stores it; refusals throw ILLEGAL_STEP / FINANCE_HOLD /
 * INVALID_INPUT with nothing changed. Answers the request as saved. Mirrors the stage (and estimate) into Jira.
 */
export async function commitStep(loaded: Loaded, plan: StepPlan, context: StepContext): Promise<ImplementationRequest> {
  const result = applyStep(loaded.request, plan.step, { now: context.now, actor: context.actor, thresholdHours: loaded.thresholdHours, onHold: loaded.hold !== null });
  if (!result.ok) throw new AppError(result.refusal.code, result.refusal.message);
  let teamState = plan.teamState;
  // A completed request no longer weighs on its consultant.
  if (result.request.stage === 'completed' && loaded.request.consultantAccountId && loaded.request.estimateHours) {
    const state = teamState ?? (await readTeamState(loaded.request.teamId));
    teamState = { ...state, ...moveLoad(state, loaded.request.consultantAccountId, null, loaded.request.estimateHours) };
  }
  const saved = await writeRequest({
    request: result.request,
    routing: loaded.record.routing,
    expectedVersion: loaded.record.version,
    teamState,
    endCustomer: plan.endCustomer,
    change: { actor: context.actor, action: plan.action, before: summarize(loaded.request), after: summarize(result.request) },
  });
  const request = fromRequestRecord(saved);
  await mirrorIntoJira(loaded.setup, request, loaded.request);
  return request;
}

/** What the audit entry keeps of a request: the parts a step changes (the history shows before → after). */
function summarize(r: ImplementationRequest) {
  return {
    stage: r.stage,
    estimateHours: r.estimateHours,
    consultantAccountId: r.consultantAccountId,
    phasesDone: r.phasesDone.map((p) => p.phase),
    sow: r.sow ? { hoursPerStage: r.sow.hoursPerStage, travel: r.sow.travel, signed: r.sow.signedAt !== null } : null,
    purchase: r.purchase ? { hours: r.purchase.hours, purchased: r.purchase.purchasedAt !== null } : null,
    delivery: r.delivery?.issueKey ?? null,
  };
}

/** The field ids, found once by name and kept in the set-up record. */
export async function fieldIdsOf(setup: StoredSetup, actor: string): Promise<JiraFieldIds> {
  if (setup.fieldIds && setup.fieldIds.stage && setup.fieldIds.estimatedHours) return setup.fieldIds;
  const found = await findFieldIds();
  await saveFieldIds(found, actor);
  return found;
}

/**
 * Mirrors the stage into "Implementation stage" (on the request and its delivery issue) and the estimate into
 * "Estimated hours", when they changed. A failure queues a retry instead of failing a step that is already stored.
 */
export async function mirrorIntoJira(setup: StoredSetup, after: ImplementationRequest, before: ImplementationRequest | null): Promise<void> {
  try {
    const ids = await fieldIdsOf(setup, 'app');
    const stageChanged = before === null || before.stage !== after.stage || (before.delivery === null) !== (after.delivery === null);
    if (stageChanged && ids.stage) {
      await mirrorStage(ids.stage, [after.issueId, ...(after.delivery ? [after.delivery.issueId] : [])], STAGE_FIELD_VALUES[after.stage]);
    }
    if ((before === null || before.estimateHours !== after.estimateHours) && ids.estimatedHours) {
      await mirrorEstimate(after.issueId, ids.estimatedHours, after.estimateHours);
    }
  } catch (error) {
    console.warn(`Mirroring ${after.issueKey} into Jira failed; queued to try again`, error instanceof Error ? error.message : error);
    const message: WorkMessage = { kind: 'mirror-request', issueId: after.issueId };
    await new Queue({ key: WORK_QUEUE }).push({ body: message, delayInSeconds: 60 });
  }
}

/** The consumer's side of the retry: mirror the stored request into Jira again (stage, estimate, delivery assignee). */
export async function remirrorRequest(issueId: string): Promise<void> {
  const loaded = await loadRequest(issueId);
  if (!loaded) return;
  const ids = await fieldIdsOf(loaded.setup, 'app');
  const r = loaded.request;
  if (ids.stage) await mirrorStage(ids.stage, [r.issueId, ...(r.delivery ? [r.delivery.issueId] : [])], STAGE_FIELD_VALUES[r.stage]);
  if (ids.estimatedHours) await mirrorEstimate(r.issueId, ids.estimatedHours, r.estimateHours);
  if (r.delivery && r.consultantAccountId && r.stage !== 'consultant-proposed') await assignIssue(r.delivery.issueId, r.consultantAccountId);
}

/** The view a surface shows; `phases` carries logged hours when the caller read them (else 0). */
export function toView(loaded: Pick<Loaded, 'setup' | 'hold' | 'thresholdHours'>, request: ImplementationRequest, loggedByPhase: Partial<Record<string, number>> = {}): RequestView {
  const phases: PhaseHours[] = orderedPhases(request.phasesWanted).map((phase) => ({
    phase,
    done: request.phasesDone.some((d) => d.phase === phase),
    plannedHours: request.sow?.hoursPerStage[phase] ?? null,
    loggedHours: loggedByPhase[phase] ?? 0,
  }));
  return {
    request,
    teamName: loaded.setup.teams.find((t) => t.id === request.teamId)?.name ?? null,
    nextStep: nextStep(request, loaded.thresholdHours, loaded.hold !== null),
    hold: loaded.hold,
    thresholdHours: loaded.thresholdHours,
    phases,
  };
}

// ---- consultant steps -------------------------------------------------------------------------------------------------

export type ConsultantStepKind = 'propose-consultant' | 'assign-consultant' | 'reassign';

/**
 * Plans a consultant step: the app's choice (src/domain/consultant-choice.ts) or a person's (`manual`, with a reason),
 * the team's state after it (a turn and the hours move), and, once someone is assigned, the end customer's last
 * consultant (continuity next time). A proposal takes the turn and the hours too, so the next proposal goes to the
 * next person; rejecting it gives the hours back (see planRejection).
 */
export async function planConsultant(loaded: Loaded, kind: ConsultantStepKind, context: StepContext, manual: { accountId: string; reason: string | null } | null): Promise<StepPlan> {
  const team = loaded.team;
  if (!team) throw new AppError('NOT_FOUND', 'The team this request was routed to no longer exists. Route it again from the admin page.');
  const request = loaded.request;
  const hours = request.estimateHours ?? 0;
  const state = await readTeamState(team.id);
  const today = context.now.slice(0, 10);
  let decision: ConsultantDecision;
  let turnOf: string | null;
  if (manual) {
    if (!team.members.some((m) => m.accountId === manual.accountId)) throw new AppError('INVALID_INPUT', 'This person is not a member of the delivery team.', [{ path: 'accountId', message: 'Not a member of the team' }]);
    decision = { chosen: manual.accountId, basis: 'manual', standingInFor: null, excluded: [], decidedAt: context.now, decidedBy: context.actor, reason: manual.reason };
    turnOf = kind === 'reassign' ? null : manual.accountId;
  } else {
    const last = team.continuity && request.endCustomer ? await readEndCustomer(endCustomerKey(request.endCustomer)) : null;
    const choice = chooseConsultant(team, state, { requiredSkills: request.requiredSkills, estimateHours: hours, lastConsultant: last?.lastConsultant ?? null }, { today, now: context.now, actor: context.actor, onHold: loaded.hold !== null });
    decision = choice.decision;
    turnOf = choice.turnOf;
  }
  let next: TeamState = state;
  if (decision.chosen) {
    if (kind === 'reassign') next = moveLoad(state, request.consultantAccountId, decision.chosen, hours);
    else next = recordChoice(state, { decision, turnOf: turnOf ?? decision.chosen }, hours);
  }
  const step: WorkflowStep = { kind, decision };
  const assigned = kind !== 'propose-consultant' && decision.chosen !== null && request.endCustomer !== null;
  return {
    step,
    teamState: { ...state, ...next },
    endCustomer: assigned ? { key: endCustomerKey(request.endCustomer!), name: request.endCustomer!, lastConsultant: decision.chosen!, lastServedAt: context.now, teamId: team.id } : undefined,
    action: `request.${kind}`,
  };
}

/** Confirming a proposal: the hours and turn were taken at proposal time; only continuity is recorded now. */
export function planConfirmation(loaded: Loaded, context: StepContext): StepPlan {
  const request = loaded.request;
  if (!request.decision || !request.consultantAccountId) throw new AppError('ILLEGAL_STEP', 'There is no proposal to confirm.');
  return {
    step: { kind: 'assign-consultant', decision: { ...request.decision, decidedAt: context.now, decidedBy: context.actor } },
    endCustomer: request.endCustomer ? { key: endCustomerKey(request.endCustomer), name: request.endCustomer, lastConsultant: request.consultantAccountId, lastServedAt: context.now, teamId: request.teamId } : undefined,
    action: 'request.confirm-consultant',
  };
}

/** Rejecting a proposal gives the proposed consultant's hours back. */
export async function planRejection(loaded: Loaded): Promise<StepPlan> {
  const request = loaded.request;
  const state = await readTeamState(request.teamId);
  return { step: { kind: 'reject-proposal' }, teamState: { ...state, ...moveLoad(state, request.consultantAccountId, null, request.estimateHours ?? 0) }, action: 'request.reject-consultant' };
}

/**
 * After a consultant step is stored: the delivery issue's assignee follows the consultant. Like the stage mirror, a
 * failure does not undo the stored step: a queue message assigns it again later (remirrorRequest).
 */
export async function assignDeliveryIssue(request: ImplementationRequest): Promise<void> {
  if (!request.delivery || !request.consultantAccountId || request.stage === 'consultant-proposed') return;
  try {
    await assignIssue(request.delivery.issueId, request.consultantAccountId);
  } catch (error) {
    console.warn(`Assigning the delivery issue of ${request.issueKey} failed; queued to try again`, error instanceof Error ? error.message : error);
    const message: WorkMessage = { kind: 'mirror-request', issueId: request.issueId };
    await new Queue({ key: WORK_QUEUE }).push({ body: message, delayInSeconds: 60 });
  }
}
