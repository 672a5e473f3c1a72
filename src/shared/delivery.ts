import { z } from 'zod';

/**
 * Delivery set-up (issue 6, DESIGN capability 4): routing rules, delivery teams and finance holds, kept by admins on
 * the admin page. The routing trigger, the workflow and the delivery board read them. Shared by the admin page and
 * the resolvers.
 */

// ---- common pieces --------------------------------------------------------------------------------------------------

/** Atlassian account ids: `557058:1f0c…` or 24 hex digits; the sandbox's are alike. */
export const accountIdSchema = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, 'An Atlassian account id');
/** App-made ids (rules, teams): short, and safe as a KVS key part. */
export const appIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Lower-case letters, digits and hyphens (at most 40)');
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);
export const skillSchema = z.string().trim().min(1).max(40);

/** Texts the app writes to people in their language: both languages are required (a partner may speak either). */
export const localizedTextSchema = z.object({ 'en-US': text(2000), 'fr-FR': text(2000) }).strict();
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const MAX_RULES = 50;
export const MAX_TEAMS = 30;
export const MAX_MEMBERS_PER_TEAM = 100;
export const MAX_ABSENCES_PER_MEMBER = 20;
export const MAX_LABELS = 10;

// ---- routing rules --------------------------------------------------------------------------------------------------

/** The label every routed request gets, so agents can find the app's requests with JQL (`labels = engagement-desk`). */
export const APP_LABEL = 'engagement-desk';

/** A Jira label: no spaces (Jira refuses them), at most 255 characters. */
export const labelSchema = z.string().regex(/^[^\s]{1,255}$/, 'A label has no spaces');

/**
 * A condition over a field: the value as Jira shows it (a select's option value, a text), compared without regard to
 * case and surrounding spaces. `fieldId` is the Jira field id (`customfield_10010`).
 */
export const fieldConditionSchema = z
  .object({
    fieldId: z.string().regex(/^(customfield_\d{5,}|[a-z]+)$/, 'A Jira field id such as customfield_10010'),
    equals: text(255),
  })
  .strict();

/**
 * A summary pattern: a JavaScript regular expression tried on the whole summary (case-insensitive). A named capture
 * `endCustomer` (`(?<endCustomer>.+)`) reads the end customer from the summary, as the seed's requests name it.
 */
export const summaryPatternSchema = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((pattern) => {
    try {
      new RegExp(pattern, 'iu');
      return true;
    } catch {
      return false;
    }
  }, 'Not a valid regular expression');

export const ruleConditionsSchema = z
  .object({
    /** Issue type ids; any of them. Empty: any type. */
    issueTypeIds: z.array(z.string().regex(/^\d+$/)).max(20).default([]),
    /** JSM request type ids; any of them. Empty: any (and issues raised outside the portal). */
    requestTypeIds: z.array(z.string().regex(/^\d+$/)).max(20).default([]),
    /** Every one must hold. */
    fields: z.array(fieldConditionSchema).max(10).default([]),
    summaryPattern: summaryPatternSchema.nullable().default(null),
    /** JSM organisation ids the request is shared with (the reporter's organisation); any of them. */
    organizationIds: z.array(z.string().regex(/^\d+$/)).max(50).default([]),
  })
  .strict();
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

export const routingRuleInput = z
  .object({
    name: text(120),
    enabled: z.boolean(),
    conditions: ruleConditionsSchema,
    teamId: appIdSchema,
    /** Labels the routed issue gets (besides the app's own `engagement-desk`). */
    labels: z.array(labelSchema).max(MAX_LABELS).default([]),
    /** Skills a consultant needs for requests routed by this rule. */
    requiredSkills: z.array(skillSchema).max(10).default([]),
    /** The public comment to the partner, in their language. `{team}`, `{endCustomer}` and `{assignee}` are filled in. */
    comment: localizedTextSchema,
  })
  .strict();
export type RoutingRuleInput = z.infer<typeof routingRuleInput>;

export const routingRuleSchema = routingRuleInput.extend({ id: appIdSchema }).strict();
export type RoutingRule = z.infer<typeof routingRuleSchema>;

// ---- delivery teams -------------------------------------------------------------------------------------------------

export const memberAbsenceSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    /** Who takes this member's new work meanwhile; must be a member of the team. */
    backupAccountId: accountIdSchema.nullable(),
  })
  .strict()
  .refine((a) => a.from <= a.to, { message: 'An absence ends on or after the day it starts', path: ['to'] });
export type MemberAbsence = z.infer<typeof memberAbsenceSchema>;

export const teamMemberSchema = z
  .object({
    accountId: accountIdSchema,
    skills: z.array(skillSchema).max(20).default([]),
    /** Hours a week this consultant gives to delivery. */
    weeklyCapacityHours: z.number().min(0).max(80),
    absences: z.array(memberAbsenceSchema).max(MAX_ABSENCES_PER_MEMBER).default([]),
  })
  .strict();
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const TRIAGE_MODES = ['lead', 'rota'] as const;
export const ASSIGNMENT_MODES = ['propose', 'direct'] as const;
export const CHOICE_STRATEGIES = ['round-robin', 'least-loaded'] as const;
export type ChoiceStrategy = (typeof CHOICE_STRATEGIES)[number];

const deliveryTeamShape = z
  .object({
    name: text(80),
    leadAccountId: accountIdSchema,
    members: z.array(teamMemberSchema).max(MAX_MEMBERS_PER_TEAM),
    /** Who becomes the assignee of a routed request: the lead, or members in turn. */
    triage: z.enum(TRIAGE_MODES),
    /** Whether the app's choice of consultant waits for the lead's confirmation. */
    assignment: z.enum(ASSIGNMENT_MODES),
    strategy: z.enum(CHOICE_STRATEGIES),
    /** Prefer the consultant who last served the same end customer, when they are free to take it. */
    continuity: z.boolean(),
  })
  .strict();

/** Members once each; a backup is another member of the same team. */
function checkTeam(team: z.infer<typeof deliveryTeamShape>, ctx: z.RefinementCtx): void {
  const ids = team.members.map((m) => m.accountId);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['members', i, 'accountId'], message: 'This person is in the team twice' });
  });
  team.members.forEach((m, i) =>
    m.absences.forEach((a, j) => {
      if (a.backupAccountId !== null && (a.backupAccountId === m.accountId || !ids.includes(a.backupAccountId))) {
        ctx.addIssue({ code: 'custom', path: ['members', i, 'absences', j, 'backupAccountId'], message: 'The backup must be another member of the team' });
      }
    }),
  );
}

export const deliveryTeamInput = deliveryTeamShape.superRefine(checkTeam);
export type DeliveryTeamInput = z.infer<typeof deliveryTeamInput>;
/** A stored team: the input with its id (the same checks; `.and()` of two strict objects would refuse both halves). */
export const deliveryTeamSchema = deliveryTeamShape.extend({ id: appIdSchema }).strict().superRefine(checkTeam);
export type DeliveryTeam = DeliveryTeamInput & { id: string };

// ---- finance holds --------------------------------------------------------------------------------------------------

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'A currency code such as EUR');

export const financeHoldInput = z
  .object({
    /** The partner's JSM organisation. */
    organizationId: z.string().regex(/^\d+$/),
    amount: z.number().positive().max(100_000_000),
    currency: currencySchema,
    /** The due date of the oldest unpaid invoice. */
    overdueSince: isoDateSchema,
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export type FinanceHoldInput = z.infer<typeof financeHoldInput>;

export interface FinanceHold extends FinanceHoldInput {
  organizationName: string;
  setAt: string;
  setBy: string;
}

// ---- the Jira fields the app reads -----------------------------------------------------------------------------------

/** Field ids found by name (they differ from site to site); null when the site has no such field. */
export const jiraFieldIdsSchema = z
  .object({
    endCustomer: z.string().nullable(),
    estimatedHours: z.string().nullable(),
    stage: z.string().nullable(),
    requestType: z.string().nullable(),
    organizations: z.string().nullable(),
    phasesWanted: z.string().nullable(),
  })
  .strict();
export type JiraFieldIds = z.infer<typeof jiraFieldIdsSchema>;

// ---- the delivery set-up as one document ----------------------------------------------------------------------------

/**
 * Rules and teams are read together by every routed event, so they live in one record (one KVS read); admins edit
 * them with a version condition like every other record.
 */
export interface DeliverySetup {
  rules: RoutingRule[];
  teams: DeliveryTeam[];
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const saveRulesInput = z
  .object({ rules: z.array(routingRuleSchema).max(MAX_RULES), expectedVersion: z.number().int().nonnegative() })
  .strict()
  .superRefine((input, ctx) => {
    const ids = input.rules.map((r) => r.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: 'Two rules have this id' });
    });
  });
export type SaveRulesInput = z.infer<typeof saveRulesInput>;

export const saveTeamInput = z
  .object({ id: appIdSchema.nullable(), team: deliveryTeamInput, expectedVersion: z.number().int().nonnegative() })
  .strict();
export type SaveTeamInput = z.infer<typeof saveTeamInput>;

export const removeTeamInput = z.object({ id: appIdSchema, expectedVersion: z.number().int().nonnegative() }).strict();

export const testRuleInput = z
  .object({
    issueKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,9}-\d{1,9}$/, 'An issue key such as PS-12'),
    /** A rule not saved yet may be tried as it stands in the form. */
    rule: routingRuleSchema,
  })
  .strict();
export type TestRuleInput = z.infer<typeof testRuleInput>;

export const clearHoldInput = z.object({ organizationId: z.string().regex(/^\d+$/) }).strict();

// ---- the rule seed 004 describes (the admin page offers it; the domain tests it) -------------------------------------

/**
 * Requests filed the way the partner-process article describes name the end customer in the summary:
 * "Request for Implementation services for End Customer <name>". The named capture reads the name.
 */
export const SEED_SUMMARY_PATTERN = '^Request for Implementation services for End Customer (?<endCustomer>.+)$';
/** The portal's implementation request as the article describes it: its issue type and its Type of Inquiry. */
export const SEED_ISSUE_TYPE_NAME = 'General Issues and Questions';
export const SEED_INQUIRY_FIELD_NAME = 'Type of Inquiry';
export const SEED_INQUIRY_VALUE = 'Implementation Issue';
/** A starting reply to the partner, in both languages; `{team}`, `{endCustomer}` and `{assignee}` are filled in. */
export const SEED_ROUTING_COMMENT: LocalizedText = {
  'en-US': 'Thank you for your request for implementation services for {endCustomer}. The {team} team has it, and {assignee} will get back to you with an estimate.',
  'fr-FR': 'Merci pour votre demande de services d’implémentation pour {endCustomer}. L’équipe {team} la prend en charge et {assignee} reviendra vers vous avec une estimation.',
};
