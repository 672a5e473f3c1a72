import { z } from 'zod';
import { deliveryTeamSchema, financeHoldInput, jiraFieldIdsSchema, routingRuleSchema } from '../shared/delivery';
import { EXCLUSION_REASONS, PHASES, STAGES, type ImplementationRequest, type Phase, type Stage } from '../shared/implementation';

/**
 * Stored records of issue 6 (routing, teams, requests, holds, month-end), parsed with zod on every read and write.
 * Nested parts are declared `any` in manifest.yml and checked here. Index attributes (`stageRank`, `consultantKey`,
 * `partnerKey`, `sowState`) are derived from the record on every write, never set by hand.
 */

// ---- the delivery set-up: rules, teams, the Jira field ids the app reads ---------------------------------------------

export { jiraFieldIdsSchema, type JiraFieldIds } from '../shared/delivery';

export const deliverySetupRecord = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    rules: z.array(routingRuleSchema),
    teams: z.array(deliveryTeamSchema),
    fieldIds: jiraFieldIdsSchema.nullable(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .strict();
export type DeliverySetupRecord = z.infer<typeof deliverySetupRecord>;

// ---- a team's running state (turns, loads) ---------------------------------------------------------------------------

const memberState = z.object({ turns: z.number().int().nonnegative(), lastTurnSeq: z.number().int().nonnegative(), openHours: z.number().nonnegative() }).strict();

export const teamStateRecord = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    teamId: z.string(),
    seq: z.number().int().nonnegative(),
    members: z.record(z.string(), memberState),
    triageTurns: z.record(z.string(), z.number().int().nonnegative()),
  })
  .strict();
export type TeamStateRecord = z.infer<typeof teamStateRecord>;

// ---- the implementation request ---------------------------------------------------------------------------------------

const phase = z.enum(PHASES);
const decision = z
  .object({
    chosen: z.string().nullable(),
    basis: z.enum(['round-robin', 'least-loaded', 'continuity', 'backup', 'manual', 'none-available']),
    standingInFor: z.string().nullable(),
    excluded: z.array(z.object({ accountId: z.string(), reason: z.enum(EXCLUSION_REASONS), detail: z.string().optional() }).strict()),
    decidedAt: z.string(),
    decidedBy: z.string(),
    reason: z.string().nullable(),
  })
  .strict();

/** The routing claim: who is routing the issue now, so a duplicate delivery waits instead of commenting twice. */
export const routingClaim = z
  .object({
    state: z.enum(['claimed', 'done']),
    token: z.string(),
    /** Until when the claim holds; a claim left by a delivery that gave up may be taken over after it. */
    until: z.string(),
  })
  .strict();

export const requestRecord = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    issueId: z.string().regex(/^\d+$/),
    issueKey: z.string(),
    summary: z.string(),
    teamId: z.string(),
    ruleId: z.string(),
    partnerOrganizationId: z.string().nullable(),
    partnerName: z.string().nullable(),
    reporterAccountId: z.string().nullable(),
    endCustomer: z.string().nullable(),
    phasesWanted: z.array(phase),
    requiredSkills: z.array(z.string()),
    stage: z.enum(STAGES),
    estimateHours: z.number().nullable(),
    sow: z
      .object({
        hoursPerStage: z.record(phase, z.number()),
        travel: z.string(),
        draftedAt: z.string(),
        draftedBy: z.string(),
        signedAt: z.string().nullable(),
        signedBy: z.string().nullable(),
      })
      .strict()
      .nullable(),
    purchase: z
      .object({ hours: z.number(), quotedAt: z.string(), quotedBy: z.string(), purchasedAt: z.string().nullable(), purchasedBy: z.string().nullable() })
      .strict()
      .nullable(),
    delivery: z
      .object({ issueId: z.string(), issueKey: z.string(), subtasks: z.array(z.object({ phase, issueId: z.string(), issueKey: z.string() }).strict()) })
      .strict()
      .nullable(),
    triageAccountId: z.string().nullable(),
    consultantAccountId: z.string().nullable(),
    decision: decision.nullable(),
    phasesDone: z.array(z.object({ phase, at: z.string(), by: z.string() }).strict()),
    createdAt: z.string(),
    updatedAt: z.string(),
    completedAt: z.string().nullable(),
    routing: routingClaim,
    // Index attributes, derived by toRequestRecord.
    stageRank: z.string(),
    consultantKey: z.string(),
    partnerKey: z.string(),
    sowState: z.string(),
  })
  .strict();
export type RequestRecord = z.infer<typeof requestRecord>;

/** `03.estimated#2026-11-28T…`: a board page sorts by stage, then oldest change first within a stage. */
export function stageRank(stage: Stage, updatedAt: string): string {
  return `${String(STAGES.indexOf(stage)).padStart(2, '0')}.${stage}#${updatedAt}`;
}

/** Index partitions cannot be null: `-` stands for "none". */
export const NONE = '-';

export function toRequestRecord(request: ImplementationRequest, routing: z.infer<typeof routingClaim>): RequestRecord {
  return requestRecord.parse({
    schemaVersion: 1,
    ...request,
    routing,
    stageRank: stageRank(request.stage, request.updatedAt),
    consultantKey: request.consultantAccountId ?? NONE,
    partnerKey: request.partnerOrganizationId ?? NONE,
    sowState: request.sow?.signedAt ? 'signed' : request.sow ? 'drafted' : NONE,
  });
}

export function fromRequestRecord(record: RequestRecord): ImplementationRequest {
  const { schemaVersion: _s, routing: _r, stageRank: _k, consultantKey: _c, partnerKey: _p, sowState: _w, ...request } = record;
  return { ...request, sow: request.sow ? { ...request.sow, hoursPerStage: request.sow.hoursPerStage as Partial<Record<Phase, number>> } : null };
}

// ---- finance holds, continuity, month-end -----------------------------------------------------------------------------

export const holdRecord = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    ...financeHoldInput.shape,
    organizationName: z.string(),
    setAt: z.string(),
    setBy: z.string(),
    /** One partition for every hold, so the board lists them with one query (holds are few). */
    listKey: z.literal('holds'),
  })
  .strict();
export type HoldRecord = z.infer<typeof holdRecord>;

export const endCustomerRecord = z
  .object({ schemaVersion: z.literal(1), key: z.string(), name: z.string(), lastConsultant: z.string(), lastServedAt: z.string(), teamId: z.string() })
  .strict();
export type EndCustomerRecord = z.infer<typeof endCustomerRecord>;

export const statementRecord = z
  .object({
    schemaVersion: z.literal(1),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    issueId: z.string(),
    issueKey: z.string(),
    partnerKey: z.string(),
    partnerName: z.string().nullable(),
    endCustomer: z.string().nullable(),
    hoursPerStage: z.record(phase, z.number()),
    totalHours: z.number(),
    travel: z.string(),
    /** Whether the internal comment was posted (a retry posts it if not). */
    commented: z.boolean(),
    createdAt: z.string(),
    sortKey: z.string(),
  })
  .strict();
export type StatementRecord = z.infer<typeof statementRecord>;

/**
 * One month-end run per month (key `monthend:<month>`), created with a notExists condition: the first daily run on or
 * after the 1st that creates it is the one that runs the month; later ones find it and do nothing. `statements` is
 * how many statements the run covered once it has finished (0 while it runs).
 */
export const monthEndRunRecord = z
  .object({
    schemaVersion: z.literal(1),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    state: z.enum(['running', 'finished']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    statements: z.number().int().nonnegative(),
  })
  .strict();
export type MonthEndRunRecord = z.infer<typeof monthEndRunRecord>;
