import { applySoldHoursDelta, budgetStatus, secondsToHours, updateBudget } from '../../src/domain/engagement-budget';
import { decideChange, proposeChange } from '../../src/domain/engagement-changes';
import { addDocument, engagementFile, removeDocument, updateDocument } from '../../src/domain/engagement-documents';
import { moveEscalation, raiseEscalation } from '../../src/domain/engagement-escalations';
import { acknowledgeProgressPoint, addMilestone, canMoveMilestone, newProgressPoint, updateKickoff, updateMilestone } from '../../src/domain/engagement-milestones';
import { assignRole, isSponsor, linkEngagement, personIdOf, roleApplies, roleViews, toggleDuty } from '../../src/domain/engagement-roles';
import { newEngagement, type EngagementState } from '../../src/domain/engagement-state';
import { toPortalEngagement, splitItems } from '../../src/domain/engagement-view';
import { findBuiltInTemplate } from '../../src/domain/templates';
import type { ChangeRequest, EngagementPerson } from '../../src/shared/engagement';
import { AppError } from '../../src/shared/errors';
import type { Template } from '../../src/shared/templates';

const serviceEngagement = findBuiltInTemplate('service-engagement')!;
const onboarding = findBuiltInTemplate('onboarding')!;
const T0 = '2026-03-10T09:00:00.000Z';
const T1 = '2026-03-11T09:00:00.000Z';

function person(kind: EngagementPerson['kind'], name: string, accountId: string | null, email: string | null = null): EngagementPerson {
  const base = { kind, name, email, phone: null, accountId, registerPersonId: kind === 'register' ? `p-${name.toLowerCase()}` : null };
  return { id: personIdOf(base), ...base };
}

const ANNA = person('account', 'Anna Account-Manager', 'acc-anna');
const PETE = person('account', 'Pete Provider', 'acc-pete');
const SOPHIE = person('contact', 'Sophie Sponsor', 'acc-sophie', 'sophie@client.example');
const LEO = person('contact', 'Leo Lead', null, 'leo@client.example');

function linked(template: Template = serviceEngagement, deploymentType: 'hosted' | 'installed' | null = 'hosted'): EngagementState {
  return linkEngagement(newEngagement('10001', 'Roll-out', 'agent', T0), { organisation: { id: 'jsm-3', name: 'Contoso Foods', deploymentType }, template, projectKind: null }, 'agent', T0);
}

function staffed(): EngagementState {
  let state = linked();
  state = assignRole(state, 'account-manager', [ANNA], 'agent', T0);
  state = assignRole(state, 'service-provider', [PETE], 'agent', T0);
  state = assignRole(state, 'engagement-sponsor', [SOPHIE], 'agent', T0);
  return assignRole(state, 'engagement-lead', [LEO], 'agent', T0);
}

/** Runs `fn` and answers the AppError code it threw. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('Expected a refusal');
}

describe('roles and the duty checklist', () => {
  it('lists every role of the template with its duties, unticked, and counts people against the template', () => {
    const roles = roleViews(staffed());
    expect(roles.map((r) => r.key)).toEqual(serviceEngagement.roles.map((r) => r.key));
    const sponsor = roles.find((r) => r.key === 'engagement-sponsor')!;
    expect(sponsor.duties).toHaveLength(serviceEngagement.roles.find((r) => r.key === 'engagement-sponsor')!.duties.length);
    expect(sponsor.duties.every((d) => !d.done && d.ownerId === null)).toBe(true);
    expect(sponsor).toMatchObject({ status: 'met', people: [SOPHIE], dutiesDone: 0, side: 'client' });
    // engagement-lead recommends two; technical support staff has nobody.
    expect(roles.find((r) => r.key === 'engagement-lead')!.status).toBe('below-recommended');
    expect(roles.find((r) => r.key === 'technical-support-staff')!.status).toBe('missing');
  });

  it('fills vendor roles with Atlassian accounts only and nobody twice', () => {
    expect(refusal(() => assignRole(linked(), 'account-manager', [SOPHIE], 'agent', T0))).toBe('INVALID_INPUT');
    expect(refusal(() => assignRole(linked(), 'engagement-lead', [LEO, LEO], 'agent', T0))).toBe('INVALID_INPUT');
    expect(refusal(() => assignRole(linked(), 'no-such-role', [ANNA], 'agent', T0))).toBe('INVALID_INPUT');
    expect(refusal(() => assignRole(newEngagement('1', 'x', 'a', T0), 'account-manager', [ANNA], 'agent', T0))).toBe('INVALID_INPUT');
  });

  it('ticks a duty with who and when, keeps that stamp on a later edit, and clears it when unticked', () => {
    let state = toggleDuty(staffed(), { roleKey: 'account-manager', dutyKey: 'own-invoicing-and-budget', done: true, ownerId: ANNA.id, dueDate: '2026-04-01' }, 'agent', T0);
    const duty = () => roleViews(state).find((r) => r.key === 'account-manager')!.duties.find((d) => d.key === 'own-invoicing-and-budget')!;
    expect(duty()).toMatchObject({ done: true, doneAt: T0, doneBy: 'agent', ownerId: ANNA.id, dueDate: '2026-04-01' });
    state = toggleDuty(state, { roleKey: 'account-manager', dutyKey: 'own-invoicing-and-budget', done: true, dueDate: '2026-04-02' }, 'other', T1);
    expect(duty()).toMatchObject({ done: true, doneAt: T0, doneBy: 'agent', ownerId: ANNA.id, dueDate: '2026-04-02' });
    state = toggleDuty(state, { roleKey: 'account-manager', dutyKey: 'own-invoicing-and-budget', done: false }, 'other', T1);
    expect(duty()).toMatchObject({ done: false, doneAt: null, doneBy: null, ownerId: ANNA.id });
  });

  it('refuses an unknown duty and an owner who is not on the engagement', () => {
    expect(refusal(() => toggleDuty(staffed(), { roleKey: 'account-manager', dutyKey: 'fly-to-the-moon', done: true }, 'a', T0))).toBe('INVALID_INPUT');
    expect(refusal(() => toggleDuty(staffed(), { roleKey: 'account-manager', dutyKey: 'own-invoicing-and-budget', done: true, ownerId: 'acc-nobody' }, 'a', T0))).toBe('INVALID_INPUT');
  });

  it('drops the owner of duties and documents when that person leaves every role', () => {
    let state = toggleDuty(staffed(), { roleKey: 'engagement-sponsor', dutyKey: 'approve-changes', done: false, ownerId: SOPHIE.id }, 'a', T0);
    state = addDocument(state, 'doc000000001', { kind: 'contract', title: 'Contract', url: 'https://docs.example/c', ownerId: SOPHIE.id }, 'a', T0);
    state = assignRole(state, 'engagement-sponsor', [], 'a', T1);
    expect(roleViews(state).find((r) => r.key === 'engagement-sponsor')!.duties.find((d) => d.key === 'approve-changes')!.ownerId).toBeNull();
    expect(state.documents[0]!.ownerId).toBeNull();
  });

  it('keeps people and ticks of the roles and duties a re-linked template still has, and drops the others', () => {
    let state = toggleDuty(staffed(), { roleKey: 'account-manager', dutyKey: 'own-invoicing-and-budget', done: true }, 'a', T0);
    state = linkEngagement(state, { organisation: state.organisation!, template: onboarding, projectKind: 'appops' }, 'a', T1);
    expect(state.assignments['account-manager']).toEqual([ANNA]);
    expect(state.assignments['service-provider']).toBeUndefined();
    expect(Object.keys(state.duties)).toEqual([]);
    const tpm = roleViews(state).find((r) => r.key === 'technical-project-manager')!;
    expect(tpm).toMatchObject({ applies: true, status: 'missing' });
    const standard = linkEngagement(state, { organisation: state.organisation!, template: onboarding, projectKind: 'standard' }, 'a', T1);
    expect(roleViews(standard).find((r) => r.key === 'technical-project-manager')).toMatchObject({ applies: false, status: 'not-applicable', required: 0 });
  });

  it('drops the previous organisation’s register people when the engagement moves to another organisation', () => {
    const paula = person('register', 'Paula', 'acc-paula');
    const state = assignRole(staffed(), 'engagement-sponsor', [paula, SOPHIE], 'a', T0);
    const same = linkEngagement(state, { organisation: state.organisation!, template: serviceEngagement, projectKind: null }, 'a', T1);
    expect(same.assignments['engagement-sponsor']).toEqual([paula, SOPHIE]);
    const moved = linkEngagement(state, { organisation: { id: 'jsm-9', name: 'Other', deploymentType: 'installed' }, template: serviceEngagement, projectKind: null }, 'a', T1);
    expect(moved.assignments['engagement-sponsor']).toEqual([SOPHIE]);
    expect(moved.assignments['account-manager']).toEqual([ANNA]);
  });

  it('takes deployment conditions as met while the deployment type is unknown', () => {
    const installedOnly = { ...serviceEngagement.roles[0]!, condition: { deploymentTypes: ['installed' as const] } };
    expect(roleApplies(installedOnly, null, null)).toBe(true);
    expect(roleApplies(installedOnly, 'hosted', null)).toBe(false);
    expect(roleApplies(installedOnly, 'installed', null)).toBe(true);
  });
});

describe('budget', () => {
  it('computes logged, remaining and the warning once logged passes the estimate', () => {
    const budget = { soldHours: 40, estimateHours: 30, salesOrder: 'SO-1' };
    expect(budgetStatus(budget, 12.5, [])).toEqual({
      soldHours: 40,
      estimateHours: 30,
      loggedHours: 12.5,
      remainingHours: 27.5,
      estimateRemainingHours: 17.5,
      overEstimate: false,
      overSold: false,
      pendingChangeHours: 0,
    });
    expect(budgetStatus(budget, 30, [])).toMatchObject({ overEstimate: false, estimateRemainingHours: 0 });
    expect(budgetStatus(budget, 31, [])).toMatchObject({ overEstimate: true, overSold: false, estimateRemainingHours: -1 });
    expect(budgetStatus(budget, 41, [])).toMatchObject({ overEstimate: true, overSold: true, remainingHours: -1 });
  });

  it('says nothing it cannot know: no logged hours (Jira unavailable), no estimate', () => {
    expect(budgetStatus({ soldHours: 40, estimateHours: null, salesOrder: null }, null, [])).toMatchObject({ remainingHours: null, estimateRemainingHours: null, overEstimate: false, overSold: false });
    expect(budgetStatus({ soldHours: null, estimateHours: null, salesOrder: null }, 5, [])).toMatchObject({ remainingHours: null, overEstimate: false });
  });

  it('turns worklog seconds into hours with two decimals', () => {
    expect(secondsToHours(3 * 3600 + 20 * 60)).toBe(3.33);
    expect(secondsToHours(0)).toBe(0);
  });

  it('sets the sold hours once; after that only an approved change moves them, while the estimate stays free', () => {
    let state = updateBudget(staffed(), { soldHours: 40, estimateHours: 30, salesOrder: 'SO-1' }, 'a', T0);
    expect(state.budget).toEqual({ soldHours: 40, estimateHours: 30, salesOrder: 'SO-1' });
    expect(refusal(() => updateBudget(state, { soldHours: 60 }, 'a', T1))).toBe('INVALID_INPUT');
    state = updateBudget(state, { soldHours: 40, estimateHours: 35 }, 'a', T1);
    expect(state.budget).toEqual({ soldHours: 40, estimateHours: 35, salesOrder: 'SO-1' });
    expect(applySoldHoursDelta(state, -10.5, 'sponsor', T1).budget.soldHours).toBe(29.5);
    expect(refusal(() => applySoldHoursDelta(state, -41, 'sponsor', T1))).toBe('CONFLICT');
  });
});

describe('milestones, progress points, kick-off', () => {
  it('moves milestones planned → in-progress → done, reopens, and refuses done → planned', () => {
    expect(canMoveMilestone('planned', 'done')).toBe(true);
    expect(canMoveMilestone('done', 'planned')).toBe(false);
    let state = addMilestone(staffed(), 'ms0000000001', { title: 'Blueprint', dueDate: '2026-04-01' }, 'a', T0);
    state = updateMilestone(state, { milestoneId: 'ms0000000001', state: 'done' }, 'a', T1);
    expect(state.milestones[0]).toEqual({ id: 'ms0000000001', title: 'Blueprint', dueDate: '2026-04-01', state: 'done', doneAt: T1 });
    expect(refusal(() => updateMilestone(state, { milestoneId: 'ms0000000001', state: 'planned' }, 'a', T1))).toBe('INVALID_INPUT');
    state = updateMilestone(state, { milestoneId: 'ms0000000001', state: 'in-progress' }, 'a', T1);
    expect(state.milestones[0]).toMatchObject({ state: 'in-progress', doneAt: null });
    expect(refusal(() => updateMilestone(state, { milestoneId: 'ms0000000099', title: 'x' }, 'a', T1))).toBe('NOT_FOUND');
  });

  it('adds a progress point to an existing milestone; it is acknowledged once, with who and when', () => {
    const state = addMilestone(staffed(), 'ms0000000001', { title: 'Blueprint' }, 'a', T0);
    expect(refusal(() => newProgressPoint(state, 'pp0000000001', { milestoneId: 'ms0000000404', title: 'x' }, 'a', T0))).toBe('NOT_FOUND');
    const point = newProgressPoint(state, 'pp0000000001', { milestoneId: 'ms0000000001', title: 'Blueprint signed' }, 'a', T0);
    expect(point).toMatchObject({ state: 'awaiting-acknowledgement', acknowledgement: null, version: 1 });
    const acknowledged = acknowledgeProgressPoint(point, { accountId: 'cust', name: 'Cust' }, 'Looks good', T1);
    expect(acknowledged).toMatchObject({ state: 'acknowledged', version: 2, acknowledgement: { accountId: 'cust', name: 'Cust', at: T1, note: 'Looks good' } });
    expect(refusal(() => acknowledgeProgressPoint(acknowledged, { accountId: 'other', name: 'O' }, '', T1))).toBe('CONFLICT');
  });

  it('records the kick-off as held with who and when', () => {
    const state = updateKickoff(staffed(), { date: '2026-03-12', notes: 'Agenda sent', done: true }, 'agent', T1);
    expect(state.kickoff).toEqual({ date: '2026-03-12', notes: 'Agenda sent', done: true, doneAt: T1, doneBy: 'agent' });
  });
});

describe('engagement file', () => {
  it('checks the five standing documents and edits and removes links', () => {
    let state = addDocument(staffed(), 'doc000000001', { kind: 'contract', title: 'Contract', url: 'https://docs.example/contract', ownerId: ANNA.id }, 'a', T0);
    expect(engagementFile(state.documents)).toEqual([
      { kind: 'contract', present: true },
      { kind: 'engagement-plan', present: false },
      { kind: 'status-report', present: false },
      { kind: 'billing', present: false },
      { kind: 'issue-log', present: false },
    ]);
    state = updateDocument(state, { documentId: 'doc000000001', kind: 'engagement-plan', ownerId: null }, 'b', T1);
    expect(state.documents[0]).toMatchObject({ kind: 'engagement-plan', ownerId: null, addedBy: 'a', updatedAt: T1 });
    expect(removeDocument(state, 'doc000000001', 'b', T1).documents).toEqual([]);
    expect(refusal(() => removeDocument(state, 'doc000000404', 'b', T1))).toBe('NOT_FOUND');
  });
});

describe('escalations', () => {
  it('go from a vendor role holder to the account manager, or to the head of sales when marked', () => {
    const state = staffed();
    const escalation = raiseEscalation(state, 'es0000000001', { category: 'risk', title: 'Data late', roleKey: 'service-provider' }, PETE.accountId!, T0);
    expect(escalation).toMatchObject({ route: 'account-manager', recipients: [{ accountId: ANNA.accountId, name: ANNA.name }], state: 'open', raisedByRole: 'service-provider' });
    expect(refusal(() => raiseEscalation(state, 'es0000000002', { category: 'risk', title: 'x', roleKey: 'service-provider', toHeadOfSales: true }, PETE.accountId!, T0))).toBe('INVALID_INPUT');
    const withHead = { ...state, headOfSales: { accountId: 'acc-head', name: 'Hedda Head' } };
    expect(raiseEscalation(withHead, 'es0000000003', { category: 'deviation', title: 'x', roleKey: 'service-provider', toHeadOfSales: true }, PETE.accountId!, T0)).toMatchObject({
      route: 'head-of-sales',
      recipients: [{ accountId: 'acc-head', name: 'Hedda Head' }],
    });
  });

  it('are refused to someone who does not hold the vendor role, and for a client role', () => {
    const state = staffed();
    expect(refusal(() => raiseEscalation(state, 'es0000000001', { category: 'issue', title: 'x', roleKey: 'service-provider' }, ANNA.accountId!, T0))).toBe('FORBIDDEN');
    expect(refusal(() => raiseEscalation(state, 'es0000000001', { category: 'issue', title: 'x', roleKey: 'engagement-sponsor' }, SOPHIE.accountId!, T0))).toBe('INVALID_INPUT');
  });

  it('need an account manager to go to', () => {
    const state = assignRole(staffed(), 'account-manager', [], 'a', T0);
    expect(refusal(() => raiseEscalation(state, 'es0000000001', { category: 'issue', title: 'x', roleKey: 'service-provider' }, PETE.accountId!, T0))).toBe('INVALID_INPUT');
  });

  it('move open → acknowledged → closed and no other way', () => {
    const open = raiseEscalation(staffed(), 'es0000000001', { category: 'issue', title: 'x', roleKey: 'service-provider' }, PETE.accountId!, T0);
    expect(refusal(() => moveEscalation(open, 'close', { accountId: 'a', name: 'A' }, 'done', T1))).toBe('INVALID_INPUT');
    const acknowledged = moveEscalation(open, 'acknowledge', { accountId: 'a', name: 'A' }, '', T1);
    expect(acknowledged).toMatchObject({ state: 'acknowledged', version: 2, acknowledged: { accountId: 'a', at: T1 } });
    expect(refusal(() => moveEscalation(acknowledged, 'acknowledge', { accountId: 'a', name: 'A' }, '', T1))).toBe('INVALID_INPUT');
    expect(moveEscalation(acknowledged, 'close', { accountId: 'b', name: 'B' }, 'Data arrived', T1)).toMatchObject({ state: 'closed', version: 3, closed: { accountId: 'b', resolution: 'Data arrived' } });
  });
});

describe('change requests', () => {
  const budgeted = () => updateBudget(staffed(), { soldHours: 40 }, 'a', T0);
  const propose = (state: EngagementState, input: Parameters<typeof proposeChange>[2]): ChangeRequest => proposeChange(state, 'ch0000000001', input, 'agent', T0);

  it('need a sponsor with an account, and sold hours for a budget change', () => {
    const noSponsor = assignRole(budgeted(), 'engagement-sponsor', [LEO], 'a', T0);
    expect(refusal(() => propose(noSponsor, { category: 'services', summary: 'x' }))).toBe('INVALID_INPUT');
    expect(refusal(() => propose(staffed(), { category: 'budget', summary: 'x', soldHoursDelta: 8 }))).toBe('INVALID_INPUT');
    expect(refusal(() => propose(budgeted(), { category: 'budget', summary: 'x', soldHoursDelta: -50 }))).toBe('INVALID_INPUT');
  });

  it('change the budget only when the sponsor approves', () => {
    const state = budgeted();
    const change = propose(state, { category: 'budget', summary: 'Two more training days', soldHoursDelta: 16 });
    expect(isSponsor(state, SOPHIE.accountId!)).toBe(true);
    const rejected = decideChange(state, change, 'reject', { accountId: SOPHIE.accountId!, name: 'Sophie' }, 'Not now', T1);
    expect(rejected.engagement).toBeNull();
    expect(rejected.change).toMatchObject({ state: 'rejected', decision: { accountId: SOPHIE.accountId, note: 'Not now' } });
    const approved = decideChange(state, change, 'approve', { accountId: SOPHIE.accountId!, name: 'Sophie' }, '', T1);
    expect(approved.engagement!.budget.soldHours).toBe(56);
    expect(approved.change).toMatchObject({ state: 'approved', version: 2 });
    expect(refusal(() => decideChange(state, approved.change, 'reject', { accountId: SOPHIE.accountId!, name: 'S' }, '', T1))).toBe('CONFLICT');
  });

  it('are FORBIDDEN to anyone but the sponsor, before anything else is looked at', () => {
    const state = budgeted();
    const change = propose(state, { category: 'budget', summary: 'x', soldHoursDelta: 4 });
    expect(refusal(() => decideChange(state, change, 'approve', { accountId: 'someone-else', name: 'X' }, '', T1))).toBe('FORBIDDEN');
    expect(refusal(() => decideChange(state, { ...change, state: 'approved' }, 'approve', { accountId: 'someone-else', name: 'X' }, '', T1))).toBe('FORBIDDEN');
  });

  it('move a milestone when an approved schedule change names one', () => {
    const state = addMilestone(budgeted(), 'ms0000000001', { title: 'Go-live', dueDate: '2026-05-01' }, 'a', T0);
    const change = propose(state, { category: 'schedule', summary: 'Later go-live', milestoneId: 'ms0000000001', newDueDate: '2026-06-01' });
    const approved = decideChange(state, change, 'approve', { accountId: SOPHIE.accountId!, name: 'S' }, '', T1);
    expect(approved.engagement!.milestones[0]!.dueDate).toBe('2026-06-01');
    expect(budgetStatus(state.budget, 0, [change]).pendingChangeHours).toBe(0);
  });

  it('count pending budget changes, and show the customer no internals', () => {
    const state = budgeted();
    const change = propose(state, { category: 'budget', summary: 'x', soldHoursDelta: 8 });
    expect(budgetStatus(state.budget, 0, [change]).pendingChangeHours).toBe(8);
    const portal = toPortalEngagement(state, splitItems([change], null), SOPHIE.accountId!);
    expect(portal).toMatchObject({ viewerIsSponsor: true, sponsorName: SOPHIE.name, soldHours: 40, changes: [change] });
    expect(Object.keys(portal)).not.toEqual(expect.arrayContaining(['escalations', 'documents', 'budget']));
    expect(toPortalEngagement(state, splitItems([], null), 'someone-else').viewerIsSponsor).toBe(false);
  });
});
