/**
 * Implementation requests for the bench (issue 6): a delivery team led by the demo's lead, and request records built
 * as routing and the workflow leave them — parsed by the app's own schemas (toRequestRecord) — so that the delivery
 * board and the month-end run can be measured on a site of any size. Pure builders here; bench/scale.ts writes the
 * records straight into storage in batches, bench/workload.ts through the app's repository.
 */
import type { DeliveryTeamInput } from '../src/shared/delivery';
import { STAGES, type ImplementationRequest, type Stage } from '../src/shared/implementation';

/** A team holds at most 100 members (MAX_MEMBERS_PER_TEAM): the first 100 consultants of a large site. */
export const BENCH_TEAM_MEMBERS = 100;

export function benchTeam(leadAccountId: string, consultants: readonly string[], today: string): DeliveryTeamInput {
  const members = consultants.slice(0, BENCH_TEAM_MEMBERS);
  return {
    name: 'Bench delivery',
    leadAccountId,
    members: members.map((accountId, i) => ({
      accountId,
      skills: i % 3 === 0 ? ['ERP'] : [],
      weeklyCapacityHours: 20 + (i % 3) * 10,
      // One member in seven is away today, the next member standing in.
      absences: i % 7 === 3 && members.length > 1 ? [{ from: today, to: today, backupAccountId: members[(i + 1) % members.length]! }] : [],
    })),
    triage: 'lead',
    assignment: 'direct',
    strategy: 'round-robin',
    continuity: false,
  };
}

/** Stages a board shows, spread evenly over the requests (the first page then holds the earliest ones). */
const BOARD_STAGES: readonly Stage[] = STAGES.filter((s) => s !== 'requested');
const WITH_CONSULTANT = new Set<Stage>(['consultant-proposed', 'consultant-assigned', 'in-delivery', 'completed']);

/**
 * Request n of a site, the same for the same n at any size: its stage, estimate and consultant follow n; one in ten
 * is under a signed SOW (the month-end run walks those), without delivery sub-tasks (no hours to read from Jira).
 */
export function benchRequest(n: number, issue: { id: string; key: string }, team: { id: string; lead: string; members: readonly string[] }, partner: { id: string | null; name: string | null; reporter: string }, at: string): ImplementationRequest {
  const stage = BOARD_STAGES[n % BOARD_STAGES.length]!;
  const estimated = STAGES.indexOf(stage) >= STAGES.indexOf('estimated');
  const estimateHours = estimated ? 4 + (n % 17) : null;
  const consultant = WITH_CONSULTANT.has(stage) && team.members.length > 0 ? team.members[n % team.members.length]! : null;
  const signed = n % 10 === 0;
  return {
    issueId: issue.id,
    issueKey: issue.key,
    summary: `Request for Implementation services for End Customer Org ${n}`,
    teamId: team.id,
    ruleId: 'bench-rule',
    partnerOrganizationId: partner.id,
    partnerName: partner.name,
    reporterAccountId: partner.reporter,
    triageAccountId: team.lead,
    endCustomer: `Org ${n}`,
    phasesWanted: ['qa-sessions', 'business-blueprint', 'prototyping', 'refining', 'final-review'],
    requiredSkills: [],
    stage,
    estimateHours,
    sow: signed ? { hoursPerStage: { 'qa-sessions': 4, 'business-blueprint': 8 }, travel: 'Remote', draftedAt: at, draftedBy: team.lead, signedAt: at, signedBy: partner.reporter } : null,
    purchase: null,
    delivery: null,
    consultantAccountId: consultant,
    decision: consultant ? { chosen: consultant, basis: 'round-robin', standingInFor: null, excluded: [], decidedAt: at, decidedBy: 'app', reason: null } : null,
    phasesDone: [],
    createdAt: at,
    updatedAt: at,
    completedAt: stage === 'completed' ? at : null,
    version: 1,
  };
}

export const BENCH_ROUTING = (at: string) => ({ state: 'done' as const, token: 'bench', until: at });
