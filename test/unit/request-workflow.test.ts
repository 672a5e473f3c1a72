/**
 * The implementation-request state machine (src/domain/request-workflow.ts), pure: every step from every stage is
 * either taken or refused with ILLEGAL_STEP (and a refused step answers no request); the threshold's edge (8 hours is
 * the purchase path, 8.5 the SOW path); finance holds on consultant steps only; who must act next at every stage.
 */
import { applyStep, isSowPath, nextStep, possibleSteps, type StepFacts, type WorkflowStep } from '../../src/domain/request-workflow';
import { STAGES, type ConsultantDecision, type ImplementationRequest, type Stage } from '../../src/shared/implementation';

const NOW = '2026-11-20T10:00:00.000Z';
const facts = (over: Partial<StepFacts> = {}): StepFacts => ({ now: NOW, actor: 'lead-1', thresholdHours: 8, onHold: false, ...over });
const decision = (chosen: string): ConsultantDecision => ({ chosen, basis: 'round-robin', standingInFor: null, excluded: [], decidedAt: NOW, decidedBy: 'lead-1', reason: null });

/** A request at `stage` with what that stage implies (an estimate above the threshold, a SOW, a delivery issue…). */
function at(stage: Stage, over: Partial<ImplementationRequest> = {}): ImplementationRequest {
  const index = STAGES.indexOf(stage);
  const past = (s: Stage) => index >= STAGES.indexOf(s);
  const purchasePath = stage === 'hours-quoted' || stage === 'hours-purchased';
  return {
    issueId: '10001',
    issueKey: 'PS-1',
    summary: 'Request for Implementation services for End Customer Contoso Foods',
    teamId: 'delivery',
    ruleId: 'rule-1',
    partnerOrganizationId: '1',
    partnerName: 'Northwind Partners',
    reporterAccountId: 'paula',
    endCustomer: 'Contoso Foods',
    phasesWanted: ['qa-sessions', 'refining'],
    requiredSkills: [],
    stage,
    triageAccountId: 'lead-1',
    estimateHours: past('estimated') ? (purchasePath ? 6 : 12) : null,
    sow: past('sow-drafted') && !purchasePath ? { hoursPerStage: { 'qa-sessions': 6, refining: 6 }, travel: '', draftedAt: NOW, draftedBy: 'lead-1', signedAt: past('sow-signed') ? NOW : null, signedBy: past('sow-signed') ? 'paula' : null } : null,
    purchase: purchasePath ? { hours: 6, quotedAt: NOW, quotedBy: 'lead-1', purchasedAt: stage === 'hours-purchased' ? NOW : null, purchasedBy: stage === 'hours-purchased' ? 'paula' : null } : null,
    delivery: past('back-office') ? { issueId: '20001', issueKey: 'DEL-1', subtasks: [] } : null,
    consultantAccountId: past('consultant-proposed') ? 'carl' : null,
    decision: past('consultant-proposed') ? decision('carl') : null,
    phasesDone: stage === 'completed' ? [{ phase: 'qa-sessions', at: NOW, by: 'carl' }, { phase: 'refining', at: NOW, by: 'carl' }] : [],
    createdAt: NOW,
    updatedAt: NOW,
    completedAt: stage === 'completed' ? NOW : null,
    version: 3,
    ...over,
  };
}

/** One valid instance of every step. */
const STEPS: Record<WorkflowStep['kind'], WorkflowStep> = {
  estimate: { kind: 'estimate', hours: 12 },
  'draft-sow': { kind: 'draft-sow', hoursPerStage: { 'qa-sessions': 5, refining: 7 }, travel: 'On site' },
  'sign-sow': { kind: 'sign-sow' },
  'quote-hours': { kind: 'quote-hours' },
  'purchase-hours': { kind: 'purchase-hours' },
  'set-up-back-office': { kind: 'set-up-back-office', delivery: { issueId: '20001', issueKey: 'DEL-1', subtasks: [] } },
  'propose-consultant': { kind: 'propose-consultant', decision: decision('chloe') },
  'assign-consultant': { kind: 'assign-consultant', decision: decision('chloe') },
  'reject-proposal': { kind: 'reject-proposal' },
  reassign: { kind: 'reassign', decision: decision('chloe') },
  'complete-phase': { kind: 'complete-phase', phase: 'qa-sessions' },
  complete: { kind: 'complete' },
};

/**
 * Where each step may start, written out from the seed's process (not read from the module under test). Quoting
 * needs an estimate at or below the threshold, so it is tried on a 6-hour estimate (see below).
 */
const ALLOWED: Record<WorkflowStep['kind'], Stage[]> = {
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

/** The stage each step leads to from a stage it may start from. */
const LEADS_TO: Partial<Record<WorkflowStep['kind'], Stage>> = {
  estimate: 'estimated',
  'draft-sow': 'sow-drafted',
  'sign-sow': 'sow-signed',
  'quote-hours': 'hours-quoted',
  'purchase-hours': 'hours-purchased',
  'set-up-back-office': 'back-office',
  'propose-consultant': 'consultant-proposed',
  'assign-consultant': 'consultant-assigned',
  'reject-proposal': 'back-office',
  'complete-phase': 'in-delivery',
};

describe('every step from every stage', () => {
  const cases = STAGES.flatMap((stage) => (Object.keys(STEPS) as Array<WorkflowStep['kind']>).map((kind) => [stage, kind] as const));

  it.each(cases)('from %s, %s is taken or refused with ILLEGAL_STEP', (stage, kind) => {
    // `complete` needs every phase done; quoting needs an estimate at or below the threshold.
    const request = at(stage, {
      ...(kind === 'complete' && stage === 'in-delivery' ? { phasesDone: [{ phase: 'qa-sessions', at: NOW, by: 'carl' }, { phase: 'refining', at: NOW, by: 'carl' }] } : {}),
      ...(kind === 'quote-hours' && stage === 'estimated' ? { estimateHours: 6 } : {}),
    });
    const result = applyStep(request, STEPS[kind], facts({ actor: 'someone' }));
    if (ALLOWED[kind].includes(stage)) {
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.request.stage).toBe(kind === 'reassign' ? stage : kind === 'complete' ? 'completed' : LEADS_TO[kind]);
      expect(result.request.updatedAt).toBe(NOW);
    } else {
      expect(result).toEqual({ ok: false, refusal: { code: 'ILLEGAL_STEP', message: expect.stringContaining(stage) } });
    }
    expect(possibleSteps(request).includes(kind)).toBe(ALLOWED[kind].includes(stage));
  });

  it('never changes the request it was given', () => {
    const request = at('estimated');
    const copy = JSON.parse(JSON.stringify(request)) as ImplementationRequest;
    applyStep(request, STEPS['draft-sow'], facts());
    applyStep(request, STEPS.complete, facts());
    expect(request).toEqual(copy);
  });
});

describe('the threshold (8 hours by default; more than 8 needs a SOW)', () => {
  it('puts exactly 8 hours on the purchase path and 8.5 on the SOW path', () => {
    expect(isSowPath(8, 8)).toBe(false);
    expect(isSowPath(8.5, 8)).toBe(true);
    expect(isSowPath(null, 8)).toBe(false);
    expect(isSowPath(12, 12)).toBe(false);
  });

  it('quotes 8 hours and refuses a SOW for them', () => {
    const eight = at('estimated', { estimateHours: 8 });
    const quoted = applyStep(eight, STEPS['quote-hours'], facts());
    expect(quoted).toMatchObject({ ok: true, request: { stage: 'hours-quoted', purchase: { hours: 8, quotedBy: 'lead-1', purchasedAt: null } } });
    expect(applyStep(eight, STEPS['draft-sow'], facts())).toMatchObject({ ok: false, refusal: { code: 'ILLEGAL_STEP' } });
  });

  it('drafts a SOW for 8.5 hours and refuses to quote them', () => {
    const above = at('estimated', { estimateHours: 8.5 });
    expect(applyStep(above, STEPS['draft-sow'], facts())).toMatchObject({ ok: true, request: { stage: 'sow-drafted', sow: { travel: 'On site', signedAt: null } } });
    expect(applyStep(above, STEPS['quote-hours'], facts())).toMatchObject({ ok: false, refusal: { code: 'ILLEGAL_STEP' } });
  });

  it('follows a threshold set by an admin', () => {
    expect(applyStep(at('estimated', { estimateHours: 12 }), STEPS['quote-hours'], facts({ thresholdHours: 16 })).ok).toBe(true);
    expect(nextStep(at('estimated', { estimateHours: 12 }), 16, false).action).toBe('quote-hours');
  });

  it('refuses a SOW for phases the request does not want, or with no hours at all', () => {
    expect(applyStep(at('estimated'), { kind: 'draft-sow', hoursPerStage: { prototyping: 12 }, travel: '' }, facts())).toMatchObject({ ok: false, refusal: { code: 'INVALID_INPUT' } });
    expect(applyStep(at('estimated'), { kind: 'draft-sow', hoursPerStage: { 'qa-sessions': 0 }, travel: '' }, facts())).toMatchObject({ ok: false, refusal: { code: 'INVALID_INPUT' } });
  });

  it('drops a draft SOW or a quote when the request is estimated again', () => {
    expect(applyStep(at('sow-drafted'), { kind: 'estimate', hours: 4 }, facts())).toMatchObject({ ok: true, request: { stage: 'estimated', estimateHours: 4, sow: null, purchase: null } });
    expect(applyStep(at('hours-quoted'), { kind: 'estimate', hours: 20 }, facts())).toMatchObject({ ok: true, request: { stage: 'estimated', sow: null, purchase: null } });
  });
});

describe('finance holds', () => {
  it.each(['propose-consultant', 'assign-consultant'] as const)('block %s at back office with FINANCE_HOLD', (kind) => {
    expect(applyStep(at('back-office'), STEPS[kind], facts({ onHold: true }))).toEqual({ ok: false, refusal: { code: 'FINANCE_HOLD', message: expect.any(String) } });
  });

  it('block a reassignment and the confirmation of a proposal', () => {
    expect(applyStep(at('in-delivery'), STEPS.reassign, facts({ onHold: true }))).toMatchObject({ ok: false, refusal: { code: 'FINANCE_HOLD' } });
    expect(applyStep(at('consultant-proposed'), STEPS['assign-consultant'], facts({ onHold: true }))).toMatchObject({ ok: false, refusal: { code: 'FINANCE_HOLD' } });
  });

  it('leave every other step alone (routing, estimate, SOW, back office, phases, rejecting a proposal)', () => {
    for (const [stage, kind] of [
      ['routed', 'estimate'],
      ['estimated', 'draft-sow'],
      ['sow-drafted', 'sign-sow'],
      ['sow-signed', 'set-up-back-office'],
      ['consultant-proposed', 'reject-proposal'],
      ['consultant-assigned', 'complete-phase'],
    ] as const) {
      expect(applyStep(at(stage), STEPS[kind], facts({ onHold: true })).ok).toBe(true);
    }
  });

  it('answer ILLEGAL_STEP, not FINANCE_HOLD, for a consultant step the stage does not allow', () => {
    expect(applyStep(at('estimated'), STEPS['assign-consultant'], facts({ onHold: true }))).toMatchObject({ ok: false, refusal: { code: 'ILLEGAL_STEP' } });
  });
});

describe('consultant and phase steps', () => {
  it('refuses a decision that chose nobody', () => {
    const nobody: ConsultantDecision = { ...decision('x'), chosen: null, basis: 'none-available' };
    expect(applyStep(at('back-office'), { kind: 'assign-consultant', decision: nobody }, facts())).toMatchObject({ ok: false, refusal: { code: 'INVALID_INPUT' } });
  });

  it('records a proposal, then its confirmation; a rejection forgets the consultant', () => {
    const proposed = applyStep(at('back-office'), STEPS['propose-consultant'], facts());
    expect(proposed).toMatchObject({ ok: true, request: { stage: 'consultant-proposed', consultantAccountId: 'chloe' } });
    expect(applyStep(at('consultant-proposed'), STEPS['reject-proposal'], facts())).toMatchObject({ ok: true, request: { stage: 'back-office', consultantAccountId: null } });
  });

  it('refuses reassigning to the consultant who has it', () => {
    expect(applyStep(at('in-delivery'), { kind: 'reassign', decision: decision('carl') }, facts())).toMatchObject({ ok: false, refusal: { code: 'INVALID_INPUT' } });
  });

  it('completes a wanted phase once, refuses one not wanted, and completes the request only when all are done', () => {
    const first = applyStep(at('consultant-assigned'), STEPS['complete-phase'], facts({ actor: 'carl' }));
    expect(first).toMatchObject({ ok: true, request: { stage: 'in-delivery', phasesDone: [{ phase: 'qa-sessions', at: NOW, by: 'carl' }] } });
    if (!first.ok) return;
    expect(applyStep(first.request, STEPS['complete-phase'], facts())).toMatchObject({ ok: false, refusal: { code: 'ILLEGAL_STEP' } });
    expect(applyStep(first.request, { kind: 'complete-phase', phase: 'prototyping' }, facts())).toMatchObject({ ok: false, refusal: { code: 'INVALID_INPUT' } });
    expect(applyStep(first.request, STEPS.complete, facts())).toMatchObject({ ok: false, refusal: { code: 'ILLEGAL_STEP', message: expect.stringContaining('refining') } });
    const second = applyStep(first.request, { kind: 'complete-phase', phase: 'refining' }, facts());
    if (!second.ok) throw new Error('refining refused');
    expect(applyStep(second.request, STEPS.complete, facts())).toMatchObject({ ok: true, request: { stage: 'completed', completedAt: NOW } });
  });
});

describe('who must act next', () => {
  it.each<[Stage, Partial<ImplementationRequest>, ReturnType<typeof nextStep>]>([
    ['routed', {}, { action: 'estimate', actor: 'delivery-lead' }],
    ['estimated', {}, { action: 'draft-sow', actor: 'delivery-lead' }],
    ['estimated', { estimateHours: 6 }, { action: 'quote-hours', actor: 'delivery-lead' }],
    ['sow-drafted', {}, { action: 'sign-sow', actor: 'partner' }],
    ['sow-signed', {}, { action: 'set-up-back-office', actor: 'back-office' }],
    ['hours-quoted', {}, { action: 'purchase-hours', actor: 'partner', hours: 6 }],
    ['hours-purchased', {}, { action: 'set-up-back-office', actor: 'back-office' }],
    ['back-office', {}, { action: 'assign-consultant', actor: 'delivery-lead' }],
    ['consultant-proposed', {}, { action: 'confirm-consultant', actor: 'delivery-lead' }],
    ['consultant-assigned', {}, { action: 'deliver-phases', actor: 'consultant' }],
    ['in-delivery', { phasesDone: [{ phase: 'qa-sessions', at: NOW, by: 'carl' }] }, { action: 'deliver-phases', actor: 'consultant' }],
    ['in-delivery', { phasesDone: [{ phase: 'qa-sessions', at: NOW, by: 'carl' }, { phase: 'refining', at: NOW, by: 'carl' }] }, { action: 'complete', actor: 'consultant' }],
    ['completed', {}, { action: 'none', actor: 'nobody' }],
  ])('at %s (%j): %j', (stage, over, expected) => {
    expect(nextStep(at(stage, over), 8, false)).toEqual(expected);
  });

  it('waits for the partner’s payment where a hold blocks (the consultant steps), and nowhere else', () => {
    expect(nextStep(at('back-office'), 8, true)).toEqual({ action: 'wait-for-payment', actor: 'partner' });
    expect(nextStep(at('consultant-proposed'), 8, true)).toEqual({ action: 'wait-for-payment', actor: 'partner' });
    expect(nextStep(at('sow-drafted'), 8, true)).toEqual({ action: 'sign-sow', actor: 'partner' });
    expect(nextStep(at('in-delivery'), 8, true)).toEqual({ action: 'deliver-phases', actor: 'consultant' });
  });
});
