import type { ConsultantDecision, DeliveryIssue, ImplementationRequest, NextStep, Phase, Stage } from '../shared/implementation';
import { PHASES } from '../shared/implementation';

/**
 * The implementation-request state machine (seed 004). Pure: given a request, a step and the facts it depends on,
 * it answers the request after the step, or why the step is refused. The caller stores the result (conditional on
 * the version it read) and mirrors the stage into Jira; a refused step changes nothing.
 *
 *   requested → routed → estimated ─┬─ (estimate > threshold) sow-drafted → sow-signed ───────┬→ back-office
 *                                   └─ (estimate ≤ threshold) hours-quoted → hours-purchased ──┘
 *   back-office → [consultant-proposed →] consultant-assigned → in-delivery (phase by phase) → completed
 *
 * Re-estimating is allowed until the partner has signed or bought: it goes back to `estimated` and drops the draft
 * SOW or quote. A finance hold blocks every consultant step, automatic or by hand (seed: overdue invoices delay the
 * assignment of consultants).
 */
export type WorkflowStep =
  | { kind: 'estimate'; hours: number; requiredSkills?: string[] }
  | { kind: 'draft-sow'; hoursPerStage: Partial<Record<Phase, number>>; travel: string }
  | { kind: 'sign-sow' }
  | { kind: 'quote-hours' }
  | { kind: 'purchase-hours' }
  | { kind: 'set-up-back-office'; delivery: DeliveryIssue }
  | { kind: 'propose-consultant'; decision: ConsultantDecision }
  | { kind: 'assign-consultant'; decision: ConsultantDecision }
  | { kind: 'reject-proposal' }
  | { kind: 'reassign'; decision: ConsultantDecision }
  | { kind: 'complete-phase'; phase: Phase }
  | { kind: 'complete' };

export interface StepFacts {
  now: string;
  actor: string;
  thresholdHours: number;
  /** The partner's invoices are overdue. */
  onHold: boolean;
}

export type StepRefusal = { code: 'ILLEGAL_STEP' | 'FINANCE_HOLD' | 'INVALID_INPUT'; message: string };
export type StepResult = { ok: true; request: ImplementationRequest } | { ok: false; refusal: StepRefusal };

/** The stages each step may start from. */
const FROM: Record<WorkflowStep['kind'], Stage[]> = {
  estimate: ['routed', 'estimated', 'sow-drafted', 'hours-quoted'],
  'draft-sow': ['estimated', 'sow-drafted'],
  'sign-sow': ['sow-drafted'],
  'quote-hours': ['estimated'],
  'purchase-hours': ['hours-quoted'],
  'set-up-back-office': ['sow-signed', 'hours-purchased'],
  'propose-consultant': ['back-office'],
  'assign-consultant': ['back-office', 'consultant-proposed'],
  'reject-proposal': ['consultant-proposed'],
  reassign: ['consultant-assigned', 'in-delivery'],
  'complete-phase': ['consultant-assigned', 'in-delivery'],
  complete: ['in-delivery'],
};

const CONSULTANT_STEPS = new Set<WorkflowStep['kind']>(['propose-consultant', 'assign-consultant', 'reassign']);

function refuse(code: StepRefusal['code'], message: string): StepResult {
  return { ok: false, refusal: { code, message } };
}

export function applyStep(request: ImplementationRequest, step: WorkflowStep, facts: StepFacts): StepResult {
  if (!FROM[step.kind].includes(request.stage)) {
    return refuse('ILLEGAL_STEP', `A request at stage "${request.stage}" cannot take the step "${step.kind}".`);
  }
  if (CONSULTANT_STEPS.has(step.kind) && facts.onHold) {
    return refuse('FINANCE_HOLD', 'The partner has overdue invoices: no consultant can be assigned until finance clears the hold.');
  }
  const next = (changes: Partial<ImplementationRequest>): StepResult => ({ ok: true, request: { ...request, ...changes, updatedAt: facts.now } });
  switch (step.kind) {
    case 'estimate':
      return next({
        stage: 'estimated',
        estimateHours: step.hours,
        requiredSkills: step.requiredSkills ?? request.requiredSkills,
        sow: null,
        purchase: null,
      });
    case 'draft-sow': {
      if (!isSowPath(request.estimateHours, facts.thresholdHours)) {
        return refuse('ILLEGAL_STEP', `An estimate of ${request.estimateHours} hours is at or below the ${facts.thresholdHours}-hour threshold: the partner purchases the hours instead of signing a SOW.`);
      }
      const stray = Object.keys(step.hoursPerStage).filter((p) => !request.phasesWanted.includes(p as Phase));
      if (stray.length > 0) return refuse('INVALID_INPUT', `The request does not ask for these phases: ${stray.join(', ')}.`);
      const total = Object.values(step.hoursPerStage).reduce((sum, h) => sum + (h ?? 0), 0);
      if (total <= 0) return refuse('INVALID_INPUT', 'A SOW gives hours to at least one phase.');
      return next({ stage: 'sow-drafted', sow: { hoursPerStage: step.hoursPerStage, travel: step.travel, draftedAt: facts.now, draftedBy: facts.actor, signedAt: null, signedBy: null } });
    }
    case 'sign-sow':
      return next({ stage: 'sow-signed', sow: { ...request.sow!, signedAt: facts.now, signedBy: facts.actor } });
    case 'quote-hours':
      if (isSowPath(request.estimateHours, facts.thresholdHours)) {
        return refuse('ILLEGAL_STEP', `An estimate of ${request.estimateHours} hours is above the ${facts.thresholdHours}-hour threshold: it needs a Statement of Work.`);
      }
      return next({ stage: 'hours-quoted', purchase: { hours: request.estimateHours!, quotedAt: facts.now, quotedBy: facts.actor, purchasedAt: null, purchasedBy: null } });
    case 'purchase-hours':
      return next({ stage: 'hours-purchased', purchase: { ...request.purchase!, purchasedAt: facts.now, purchasedBy: facts.actor } });
    case 'set-up-back-office':
      return next({ stage: 'back-office', delivery: step.delivery });
    case 'propose-consultant':
    case 'assign-consultant':
    case 'reassign': {
      if (!step.decision.chosen) return refuse('INVALID_INPUT', 'No consultant is free to take this request.');
      if (step.kind === 'reassign' && step.decision.chosen === request.consultantAccountId) {
        return refuse('INVALID_INPUT', 'This consultant already has the request.');
      }
      const stage: Stage = step.kind === 'propose-consultant' ? 'consultant-proposed' : step.kind === 'reassign' ? request.stage : 'consultant-assigned';
      return next({ stage, consultantAccountId: step.decision.chosen, decision: step.decision });
    }
    case 'reject-proposal':
      return next({ stage: 'back-office', consultantAccountId: null });
    case 'complete-phase': {
      if (!request.phasesWanted.includes(step.phase)) return refuse('INVALID_INPUT', `The request does not ask for the phase "${step.phase}".`);
      if (request.phasesDone.some((d) => d.phase === step.phase)) return refuse('ILLEGAL_STEP', `The phase "${step.phase}" is done already.`);
      return next({ stage: 'in-delivery', phasesDone: [...request.phasesDone, { phase: step.phase, at: facts.now, by: facts.actor }] });
    }
    case 'complete': {
      const open = request.phasesWanted.filter((p) => !request.phasesDone.some((d) => d.phase === p));
      if (open.length > 0) return refuse('ILLEGAL_STEP', `These phases are not done yet: ${open.join(', ')}.`);
      return next({ stage: 'completed', completedAt: facts.now });
    }
  }
}

/** Above the threshold a SOW is needed; at or below it, the partner buys the approved hours (seed: "more than 8"). */
export function isSowPath(estimateHours: number | null, thresholdHours: number): boolean {
  return estimateHours !== null && estimateHours > thresholdHours;
}

/** Who must act next. A hold shows as waiting for payment only where it blocks (the consultant steps). */
export function nextStep(request: ImplementationRequest, thresholdHours: number, onHold: boolean): NextStep {
  switch (request.stage) {
    case 'requested':
    case 'routed':
      return { action: 'estimate', actor: 'delivery-lead' };
    case 'estimated':
      return isSowPath(request.estimateHours, thresholdHours) ? { action: 'draft-sow', actor: 'delivery-lead' } : { action: 'quote-hours', actor: 'delivery-lead' };
    case 'sow-drafted':
      return { action: 'sign-sow', actor: 'partner' };
    case 'hours-quoted':
      return { action: 'purchase-hours', actor: 'partner', hours: request.purchase?.hours ?? request.estimateHours ?? 0 };
    case 'sow-signed':
    case 'hours-purchased':
      return { action: 'set-up-back-office', actor: 'back-office' };
    case 'back-office':
      return onHold ? { action: 'wait-for-payment', actor: 'partner' } : { action: 'assign-consultant', actor: 'delivery-lead' };
    case 'consultant-proposed':
      return onHold ? { action: 'wait-for-payment', actor: 'partner' } : { action: 'confirm-consultant', actor: 'delivery-lead' };
    case 'consultant-assigned':
    case 'in-delivery': {
      const open = request.phasesWanted.some((p) => !request.phasesDone.some((d) => d.phase === p));
      return open ? { action: 'deliver-phases', actor: 'consultant' } : { action: 'complete', actor: 'consultant' };
    }
    case 'completed':
      return { action: 'none', actor: 'nobody' };
  }
}

/** The steps a request can take now (for buttons): the same table `applyStep` checks. */
export function possibleSteps(request: ImplementationRequest): Array<WorkflowStep['kind']> {
  return (Object.keys(FROM) as Array<WorkflowStep['kind']>).filter((kind) => FROM[kind].includes(request.stage));
}

/** The wanted phases in delivery order. */
export function orderedPhases(phases: Phase[]): Phase[] {
  return PHASES.filter((p) => phases.includes(p));
}
