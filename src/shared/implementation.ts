import { z } from 'zod';
import { accountIdSchema, type FinanceHold } from './delivery';

/**
 * Implementation requests (issue 6, DESIGN capability 3; seed 004): a partner asks for consultants on the portal, the
 * request is routed to a delivery team, estimated, bought (SOW above the threshold, purchased hours at or below it),
 * set up in the back office, given a consultant and delivered phase by phase. Shared by every surface.
 */

// ---- phases and stages ----------------------------------------------------------------------------------------------

/** The phases a consultant supports (seed 004), in delivery order; the customisation specification is optional. */
export const PHASES = ['qa-sessions', 'business-blueprint', 'prototyping', 'refining', 'final-review', 'customisation-spec'] as const;
export type Phase = (typeof PHASES)[number];
export const phaseSchema = z.enum(PHASES);
/** The options of the "Phases wanted" field (English, as Jira stores them) and the phase each stands for. */
export const PHASE_FIELD_OPTIONS: Record<Phase, string> = {
  'qa-sessions': 'Q&A sessions',
  'business-blueprint': 'Business blueprint',
  prototyping: 'Prototyping with assessment',
  refining: 'Refining',
  'final-review': 'Final review before end-user training',
  'customisation-spec': 'Customisation specification',
};
/** What a request wants when the partner did not say: every phase but the optional one. */
export const DEFAULT_PHASES: Phase[] = ['qa-sessions', 'business-blueprint', 'prototyping', 'refining', 'final-review'];

/**
 * Workflow stages, in order. The app's stage is the truth; "Implementation stage" on the issue mirrors it with the
 * English name below (a Jira field value is one string for every reader, so it is not translated).
 */
export const STAGES = [
  'requested',
  'routed',
  'estimated',
  'sow-drafted',
  'sow-signed',
  'hours-quoted',
  'hours-purchased',
  'back-office',
  'consultant-proposed',
  'consultant-assigned',
  'in-delivery',
  'completed',
] as const;
export type Stage = (typeof STAGES)[number];
export const stageSchema = z.enum(STAGES);

export const STAGE_FIELD_VALUES: Record<Stage, string> = {
  requested: 'Requested',
  routed: 'Routed',
  estimated: 'Estimated',
  'sow-drafted': 'SOW drafted',
  'sow-signed': 'SOW signed',
  'hours-quoted': 'Hours quoted',
  'hours-purchased': 'Hours purchased',
  'back-office': 'Back-office set-up',
  'consultant-proposed': 'Consultant proposed',
  'consultant-assigned': 'Consultant assigned',
  'in-delivery': 'In delivery',
  completed: 'Completed',
};

/** Open stages count toward a consultant's load; a completed request does not. */
export const OPEN_STAGES: Stage[] = STAGES.filter((s) => s !== 'completed');

// ---- the consultant decision ----------------------------------------------------------------------------------------

export const EXCLUSION_REASONS = ['absent', 'missing-skill', 'over-capacity', 'not-next-in-turn', 'more-loaded', 'finance-hold', 'replaced-by-backup'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Why the app chose this consultant, and why not each of the others: kept with the request and shown to the lead. */
export interface ConsultantDecision {
  chosen: string | null;
  /** What decided: round robin turn, least loaded, continuity with the end customer, a backup for an absent member, a person's choice. */
  basis: 'round-robin' | 'least-loaded' | 'continuity' | 'backup' | 'manual' | 'none-available';
  /** When `basis` is backup: whom they stand in for. */
  standingInFor: string | null;
  excluded: Array<{ accountId: string; reason: ExclusionReason; detail?: string }>;
  decidedAt: string;
  decidedBy: string;
  /** A person's reason for a reassignment or a manual choice. */
  reason: string | null;
}

// ---- the request ----------------------------------------------------------------------------------------------------

export interface SowTerms {
  hoursPerStage: Partial<Record<Phase, number>>;
  travel: string;
  draftedAt: string;
  draftedBy: string;
  signedAt: string | null;
  signedBy: string | null;
}

export interface HoursPurchase {
  hours: number;
  quotedAt: string;
  quotedBy: string;
  purchasedAt: string | null;
  purchasedBy: string | null;
}

export interface DeliveryIssue {
  issueId: string;
  issueKey: string;
  subtasks: Array<{ phase: Phase; issueId: string; issueKey: string }>;
}

export interface ImplementationRequest {
  issueId: string;
  issueKey: string;
  summary: string;
  teamId: string;
  ruleId: string;
  /** The JSM organisation the request is shared with: the partner (null when filed by someone in none). */
  partnerOrganizationId: string | null;
  partnerName: string | null;
  reporterAccountId: string | null;
  endCustomer: string | null;
  phasesWanted: Phase[];
  requiredSkills: string[];
  stage: Stage;
  estimateHours: number | null;
  sow: SowTerms | null;
  purchase: HoursPurchase | null;
  delivery: DeliveryIssue | null;
  /** Who triages the request: the team's lead or the member whose rota turn it was (the routed issue's assignee). */
  triageAccountId: string | null;
  consultantAccountId: string | null;
  decision: ConsultantDecision | null;
  phasesDone: Array<{ phase: Phase; at: string; by: string }>;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  version: number;
}

// ---- workflow steps (resolver inputs) -------------------------------------------------------------------------------

const hours = z.number().positive().max(10_000);
const expectedVersion = z.number().int().positive();

export const estimateInput = z
  .object({ hours, requiredSkills: z.array(z.string().trim().min(1).max(40)).max(10).optional(), expectedVersion })
  .strict();
export const draftSowInput = z
  .object({
    hoursPerStage: z.record(phaseSchema, z.number().min(0).max(10_000)),
    travel: z.string().trim().max(2000),
    expectedVersion,
  })
  .strict();
export const versionOnlyInput = z.object({ expectedVersion }).strict();
export const assignConsultantInput = z
  .object({
    /** Null: the app chooses (and, in a team that proposes, the lead confirms). */
    accountId: accountIdSchema.nullable(),
    reason: z.string().trim().max(500).optional(),
    expectedVersion,
  })
  .strict();
export const reassignInput = z
  .object({ issueKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,9}-\d{1,9}$/), accountId: accountIdSchema, reason: z.string().trim().min(1, 'Say why').max(500), expectedVersion })
  .strict();
export const completePhaseInput = z.object({ phase: phaseSchema, expectedVersion }).strict();

export type EstimateInput = z.infer<typeof estimateInput>;
export type DraftSowInput = z.infer<typeof draftSowInput>;
export type AssignConsultantInput = z.infer<typeof assignConsultantInput>;
export type ReassignInput = z.infer<typeof reassignInput>;
export type CompletePhaseInput = z.infer<typeof completePhaseInput>;

// ---- what the surfaces show -----------------------------------------------------------------------------------------

/** Who must act next, and on what: shown to the agent, the delivery team and the partner, each in their language. */
export interface NextStep {
  /** A stable key the UI words: `estimate`, `draft-sow`, `sign-sow`, `quote-hours`, `purchase-hours`, … */
  action: 'estimate' | 'draft-sow' | 'sign-sow' | 'quote-hours' | 'purchase-hours' | 'set-up-back-office' | 'assign-consultant' | 'confirm-consultant' | 'deliver-phases' | 'complete' | 'none' | 'wait-for-payment';
  actor: 'delivery-lead' | 'partner' | 'back-office' | 'consultant' | 'finance' | 'nobody';
  /** e.g. the hours to purchase. */
  hours?: number;
}

export interface PhaseHours {
  phase: Phase;
  done: boolean;
  /** SOW hours for the stage, when there is a SOW. */
  plannedHours: number | null;
  /** Hours logged on the phase's sub-task in the delivery project. */
  loggedHours: number;
}

/** The issue panel's and the portal's view of one request. */
export interface RequestView {
  request: ImplementationRequest;
  teamName: string | null;
  nextStep: NextStep;
  hold: FinanceHold | null;
  thresholdHours: number;
  /** Filled on the portal and the issue panel: hours per phase from the delivery sub-tasks' worklogs. */
  phases: PhaseHours[];
}
