import { z } from 'zod';
import { calendarDateSchema } from './coverage';
import { keySchema, projectKindSchema, type LocalizedText, type ProjectKind, type Side, type TemplateKind } from './templates';
import type { RequestView } from './implementation';
import type { Viewer } from './viewer';

/**
 * The engagement of one Jira issue (issue 5, items 3, 6 and 7): the contract between the engagement resolvers, the
 * issue panel and the portal. Inputs are strict zod schemas (an unknown field is refused); answers are types.
 *
 * Every write names the version it was based on (`expectedVersion`): the engagement's version for a change to the
 * engagement itself or for adding something to it (a progress point, an escalation, a change request: those are
 * routed by the roles the user saw), or the item's own version for a change to an existing progress point,
 * escalation or change request. A stale version is answered CONFLICT and changes nothing.
 */

// ---- limits (they keep one engagement record well under Forge's 240 KiB per value) --------------------------------

export const ENGAGEMENT_LIMITS = {
  title: 200,
  notes: 2000,
  itemText: 2000,
  name: 200,
  peoplePerRole: 10,
  milestones: 30,
  documents: 40,
  url: 1000,
  salesOrder: 100,
  hours: 100_000,
  /** Items (progress points, escalations, change requests) shown with the panel; more are paged. */
  itemsPerPage: 100,
  historyPerPage: 20,
} as const;

const L = ENGAGEMENT_LIMITS;

// ---- small building blocks ------------------------------------------------------------------------------------

export const accountIdSchema = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, 'An Atlassian account id');
/** Ids the app generates for milestones, documents and items. */
export const localIdSchema = z.string().regex(/^[a-z0-9]{6,32}$/, 'An id given by Engagement Desk');
const expectedVersion = z.number().int().nonnegative();
const trimmed = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const required = (max: number) => trimmed(max).min(1, 'Required');
function hasTwoDecimalsAtMost(n: number): boolean {
  return Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
}
export const hoursSchema = z
  .number()
  .finite()
  .min(0, 'Zero or more hours')
  .max(L.hours, `At most ${L.hours} hours`)
  .refine(hasTwoDecimalsAtMost, 'At most two decimals');
export const emailSchema = z.string().trim().toLowerCase().max(254).email('A valid email address');
/** Digits with the usual separators and an optional leading +; at least 5 digits. */
export const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9][0-9 ().\-/]{3,38}[0-9]$/, 'A phone number: digits, spaces, ( ) . - / and a leading +')
  .refine((p) => p.replace(/\D/g, '').length >= 5, 'A phone number has at least 5 digits');
/** Links in the engagement file are web addresses only (no javascript:, data: or file: links in the panel). */
export const webUrlSchema = z
  .string()
  .trim()
  .max(L.url)
  .url('A web address')
  .refine((u) => /^https?:\/\//i.test(u), 'A web address starting with https:// or http://');

// ---- people -----------------------------------------------------------------------------------------------------

/**
 * Who fills a role. Vendor staff are Atlassian accounts. A client person is either someone from the organisation's
 * register (by id) or a name and email typed in, with their Atlassian account when they have one (a portal
 * customer's account is what lets the Engagement Sponsor decide changes on the portal).
 */
export const personInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('account'), accountId: accountIdSchema }).strict(),
  z
    .object({
      kind: z.literal('contact'),
      name: required(L.name),
      email: emailSchema,
      phone: phoneSchema.nullable().optional(),
      accountId: accountIdSchema.nullable().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('register'), personId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'A register person id') }).strict(),
]);
export type PersonInput = z.infer<typeof personInputSchema>;

export const engagementPersonSchema = z
  .object({
    /** Stable for the same person: `acc-…` for an account, `reg-…` for a register person, `mail-…` for a contact. */
    id: z.string().min(1).max(300),
    kind: z.enum(['account', 'contact', 'register']),
    name: z.string().max(L.name),
    email: z.string().max(254).nullable(),
    phone: z.string().max(40).nullable(),
    accountId: accountIdSchema.nullable(),
    registerPersonId: z.string().max(128).nullable(),
  })
  .strict();
export type EngagementPerson = z.infer<typeof engagementPersonSchema>;

// ---- the parts of an engagement -----------------------------------------------------------------------------------

export const MILESTONE_STATES = ['planned', 'in-progress', 'done'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export const milestoneSchema = z
  .object({
    id: localIdSchema,
    title: z.string().max(L.title),
    dueDate: calendarDateSchema.nullable(),
    state: z.enum(MILESTONE_STATES),
    doneAt: z.string().nullable(),
  })
  .strict();
export type Milestone = z.infer<typeof milestoneSchema>;

/** The kick-off meeting and the retrospective (seed 003): when, what was said, whether it took place. */
export const meetingSchema = z
  .object({
    date: calendarDateSchema.nullable(),
    notes: z.string().max(L.notes),
    done: z.boolean(),
    doneAt: z.string().nullable(),
    doneBy: z.string().nullable(),
  })
  .strict();
export type Meeting = z.infer<typeof meetingSchema>;

export const budgetSchema = z
  .object({
    /** Hours on the sales order. Set once; after that only an approved budget change moves it. */
    soldHours: z.number().nonnegative().nullable(),
    /** The delivery team's estimate; edited freely. */
    estimateHours: z.number().nonnegative().nullable(),
    /** The sales order the budget is controlled against. */
    salesOrder: z.string().max(L.salesOrder).nullable(),
  })
  .strict();
export type Budget = z.infer<typeof budgetSchema>;

/** The documents of the engagement file (seed 000); the first five are the checklist every engagement keeps. */
export const DOCUMENT_KINDS = ['contract', 'engagement-plan', 'status-report', 'billing', 'issue-log', 'memorandum', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const ENGAGEMENT_FILE_CHECKLIST: readonly DocumentKind[] = ['contract', 'engagement-plan', 'status-report', 'billing', 'issue-log'];

export const engagementDocumentSchema = z
  .object({
    id: localIdSchema,
    kind: z.enum(DOCUMENT_KINDS),
    title: z.string().max(L.title),
    url: z.string().max(L.url),
    /** An engagement person's id (see EngagementPerson.id), or null. */
    ownerId: z.string().max(300).nullable(),
    addedAt: z.string(),
    addedBy: z.string(),
    updatedAt: z.string(),
  })
  .strict();
export type EngagementDocument = z.infer<typeof engagementDocumentSchema>;

export const dutyStateSchema = z
  .object({
    done: z.boolean(),
    doneAt: z.string().nullable(),
    doneBy: z.string().nullable(),
    /** An engagement person's id, or null. */
    ownerId: z.string().max(300).nullable(),
    /** The day the duty is due. */
    dueDate: calendarDateSchema.nullable(),
  })
  .strict();
export type DutyState = z.infer<typeof dutyStateSchema>;

export const accountRefSchema = z.object({ accountId: accountIdSchema, name: z.string().max(L.name) }).strict();
export type AccountRef = z.infer<typeof accountRefSchema>;

// ---- items: progress points, escalations, change requests ---------------------------------------------------------

export const PROGRESS_POINT_STATES = ['awaiting-acknowledgement', 'acknowledged'] as const;
export const ESCALATION_KINDS = ['risk', 'issue', 'deviation'] as const;
export const ESCALATION_STATES = ['open', 'acknowledged', 'closed'] as const;
export const ESCALATION_ROUTES = ['account-manager', 'head-of-sales'] as const;
export const CHANGE_KINDS = ['services', 'schedule', 'budget'] as const;
export const CHANGE_STATES = ['proposed', 'approved', 'rejected'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];
export type EscalationState = (typeof ESCALATION_STATES)[number];
export type EscalationRoute = (typeof ESCALATION_ROUTES)[number];
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ChangeState = (typeof CHANGE_STATES)[number];

const stamp = z.object({ accountId: z.string(), name: z.string().max(L.name), at: z.string() }).strict();
export type Stamp = z.infer<typeof stamp>;

export const progressPointSchema = z
  .object({
    kind: z.literal('progress-point'),
    id: localIdSchema,
    version: z.number().int().positive(),
    milestoneId: localIdSchema,
    title: z.string().max(L.title),
    description: z.string().max(L.itemText),
    createdAt: z.string(),
    createdBy: z.string(),
    state: z.enum(PROGRESS_POINT_STATES),
    acknowledgement: stamp.extend({ note: z.string().max(L.itemText) }).strict().nullable(),
  })
  .strict();
export type ProgressPoint = z.infer<typeof progressPointSchema>;

export const escalationSchema = z
  .object({
    kind: z.literal('escalation'),
    id: localIdSchema,
    version: z.number().int().positive(),
    category: z.enum(ESCALATION_KINDS),
    title: z.string().max(L.title),
    description: z.string().max(L.itemText),
    /** The vendor role the raiser holds on the engagement. */
    raisedByRole: keySchema,
    createdAt: z.string(),
    createdBy: z.string(),
    route: z.enum(ESCALATION_ROUTES),
    /** Who it was routed to (and mentioned in the internal comment). */
    recipients: z.array(accountRefSchema).max(L.peoplePerRole),
    state: z.enum(ESCALATION_STATES),
    acknowledged: stamp.nullable(),
    closed: stamp.extend({ resolution: z.string().max(L.itemText) }).strict().nullable(),
    /** The internal Jira comment that told the recipients; null until one was written. */
    commentId: z.string().max(64).nullable(),
  })
  .strict();
export type Escalation = z.infer<typeof escalationSchema>;

export const changeRequestSchema = z
  .object({
    kind: z.literal('change'),
    id: localIdSchema,
    version: z.number().int().positive(),
    category: z.enum(CHANGE_KINDS),
    summary: z.string().max(L.title),
    reason: z.string().max(L.itemText),
    /** Budget changes: hours added to (or, negative, taken from) the sold hours when approved. */
    soldHoursDelta: z.number().nullable(),
    /** Schedule changes may move one milestone: its new due date applies when approved. */
    milestoneId: localIdSchema.nullable(),
    newDueDate: calendarDateSchema.nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    state: z.enum(CHANGE_STATES),
    decision: stamp.extend({ note: z.string().max(L.itemText) }).strict().nullable(),
    /** The public Jira comment that asked the sponsor to decide; null until one was written. */
    commentId: z.string().max(64).nullable(),
  })
  .strict();
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

export const engagementItemSchema = z.discriminatedUnion('kind', [progressPointSchema, escalationSchema, changeRequestSchema]);
export type EngagementItem = z.infer<typeof engagementItemSchema>;

// ---- what the panel shows -------------------------------------------------------------------------------------------

export type RoleStatus = 'met' | 'below-recommended' | 'missing' | 'not-applicable';

export interface DutyView extends DutyState {
  key: string;
  text: LocalizedText;
}

export interface RoleView {
  key: string;
  side: Side;
  name: LocalizedText;
  description: LocalizedText;
  required: number;
  recommended: number;
  leads: boolean;
  /** Whether the role applies to this engagement (deployment type, project kind). */
  applies: boolean;
  status: RoleStatus;
  people: EngagementPerson[];
  duties: DutyView[];
  /** How many of the duties are ticked, for a progress bar. */
  dutiesDone: number;
}

export interface EngagementFileEntry {
  kind: DocumentKind;
  /** At least one document of this kind is in the file. */
  present: boolean;
}

/** The engagement as stored, with the rules applied (role statuses, the engagement-file checklist). */
export interface EngagementCore {
  issueId: string;
  title: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  version: number;
  organisation: { id: string; name: string } | null;
  projectKind: ProjectKind | null;
  template: { key: string; kind: TemplateKind; name: LocalizedText } | null;
  roles: RoleView[];
  headOfSales: AccountRef | null;
  milestones: Milestone[];
  kickoff: Meeting;
  retrospective: Meeting;
  budget: Budget;
  documents: EngagementDocument[];
  engagementFile: EngagementFileEntry[];
}

export interface BudgetStatus {
  soldHours: number | null;
  estimateHours: number | null;
  /** Hours logged on the issue and its sub-tasks (Jira worklogs); null when Jira could not be read just now. */
  loggedHours: number | null;
  /** Sold hours minus logged hours. */
  remainingHours: number | null;
  /** Estimate minus logged hours. */
  estimateRemainingHours: number | null;
  /** Logged hours passed the estimate: the warning the panel shows. */
  overEstimate: boolean;
  /** Logged hours passed the sold hours. */
  overSold: boolean;
  /** The sum of budget changes still waiting for the sponsor. */
  pendingChangeHours: number;
}

/** The whole engagement as the panel opens it. */
export interface EngagementView extends EngagementCore {
  progressPoints: ProgressPoint[];
  escalations: Escalation[];
  changes: ChangeRequest[];
  /** Items are listed newest first, a page at a time; a cursor means there are older ones (`engagement-items/list`). */
  itemsCursor: string | null;
  budgetStatus: BudgetStatus;
}
/** The name the issue panel has used since the first slice. */
export type Engagement = EngagementView;

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}
export interface HistoryPage {
  entries: HistoryEntry[];
  cursor: string | null;
}

export interface ItemsPage {
  progressPoints: ProgressPoint[];
  escalations: Escalation[];
  changes: ChangeRequest[];
  cursor: string | null;
}

export interface IssuePanelView {
  viewer: Viewer;
  issue: { id: string; key: string };
  canEdit: boolean;
  engagement: EngagementView | null;
  sowThresholdHours: number;
  /** The engagement's history, newest first (only when there is an engagement). */
  history?: HistoryPage;
  /** The issue's implementation request (issue 6), or null when the issue is not a request Engagement Desk routed. */
  request: RequestView | null;
  /** Who leads the request's delivery team and who is in it (for "who must act" and choosing a consultant by hand). */
  requestTeam: { leadAccountId: string; memberAccountIds: string[] } | null;
}

export interface EngagementOptions {
  templates: Array<{ key: string; kind: TemplateKind; name: LocalizedText; builtIn: boolean }>;
}

/** Whether Jira was told: the comment written, or why not (the item is kept either way; `notify` retries). */
export type Notice = { notified: true; commentId: string } | { notified: false; reason: string };

// ---- inputs: issue panel --------------------------------------------------------------------------------------------

export const startEngagementInput = z
  .object({
    title: z.string().trim().min(1, 'A title is required').max(L.title, `At most ${L.title} characters`),
  })
  .strict();
export type StartEngagementInput = z.infer<typeof startEngagementInput>;

const cursorSchema = z.string().min(1).max(4000);
export const historyListInput = z.object({ cursor: cursorSchema }).strict();
export const itemsListInput = z.object({ cursor: cursorSchema }).strict();

export const linkEngagementInput = z
  .object({
    organisationId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'An organisation id'),
    templateKey: keySchema,
    projectKind: projectKindSchema.nullable().optional(),
    expectedVersion,
  })
  .strict();
export type LinkEngagementInput = z.infer<typeof linkEngagementInput>;

export const assignRoleInput = z
  .object({
    roleKey: keySchema,
    people: z.array(personInputSchema).max(L.peoplePerRole, `At most ${L.peoplePerRole} people in a role`),
    expectedVersion,
  })
  .strict();
export type AssignRoleInput = z.infer<typeof assignRoleInput>;

export const assignHeadOfSalesInput = z.object({ accountId: accountIdSchema.nullable(), expectedVersion }).strict();
export type AssignHeadOfSalesInput = z.infer<typeof assignHeadOfSalesInput>;

export const toggleDutyInput = z
  .object({
    roleKey: keySchema,
    dutyKey: keySchema,
    done: z.boolean(),
    ownerId: z.string().min(1).max(300).nullable().optional(),
    dueDate: calendarDateSchema.nullable().optional(),
    expectedVersion,
  })
  .strict();
export type ToggleDutyInput = z.infer<typeof toggleDutyInput>;

export const addMilestoneInput = z.object({ title: required(L.title), dueDate: calendarDateSchema.nullable().optional(), expectedVersion }).strict();
export type AddMilestoneInput = z.infer<typeof addMilestoneInput>;

export const updateMilestoneInput = z
  .object({
    milestoneId: localIdSchema,
    title: required(L.title).optional(),
    dueDate: calendarDateSchema.nullable().optional(),
    state: z.enum(MILESTONE_STATES).optional(),
    expectedVersion,
  })
  .strict();
export type UpdateMilestoneInput = z.infer<typeof updateMilestoneInput>;

/**
 * Items may be created with an id the page chose once per form: a doubled or retried submit then finds the item
 * already there (CONFLICT) instead of creating a second one and telling people twice.
 */
const itemId = localIdSchema.optional();

export const addProgressPointInput = z
  .object({ milestoneId: localIdSchema, title: required(L.title), description: trimmed(L.itemText).optional(), itemId, expectedVersion })
  .strict();
export type AddProgressPointInput = z.infer<typeof addProgressPointInput>;

export const updateMeetingInput = z
  .object({ date: calendarDateSchema.nullable().optional(), notes: trimmed(L.notes).optional(), done: z.boolean().optional(), expectedVersion })
  .strict();
export type UpdateMeetingInput = z.infer<typeof updateMeetingInput>;

export const updateBudgetInput = z
  .object({
    soldHours: hoursSchema.optional(),
    estimateHours: hoursSchema.nullable().optional(),
    salesOrder: trimmed(L.salesOrder).nullable().optional(),
    expectedVersion,
  })
  .strict();
export type UpdateBudgetInput = z.infer<typeof updateBudgetInput>;

export const addDocumentInput = z
  .object({ kind: z.enum(DOCUMENT_KINDS), title: required(L.title), url: webUrlSchema, ownerId: z.string().min(1).max(300).nullable().optional(), expectedVersion })
  .strict();
export type AddDocumentInput = z.infer<typeof addDocumentInput>;

export const updateDocumentInput = z
  .object({
    documentId: localIdSchema,
    kind: z.enum(DOCUMENT_KINDS).optional(),
    title: required(L.title).optional(),
    url: webUrlSchema.optional(),
    ownerId: z.string().min(1).max(300).nullable().optional(),
    expectedVersion,
  })
  .strict();
export type UpdateDocumentInput = z.infer<typeof updateDocumentInput>;

export const removeDocumentInput = z.object({ documentId: localIdSchema, expectedVersion }).strict();
export type RemoveDocumentInput = z.infer<typeof removeDocumentInput>;

export const raiseEscalationInput = z
  .object({
    category: z.enum(ESCALATION_KINDS),
    title: required(L.title),
    description: trimmed(L.itemText).optional(),
    /** The vendor role the raiser holds on this engagement (e.g. service-provider). */
    roleKey: keySchema,
    /** Route it to the head of sales instead of the account manager. */
    toHeadOfSales: z.boolean().optional(),
    itemId,
    expectedVersion,
  })
  .strict();
export type RaiseEscalationInput = z.infer<typeof raiseEscalationInput>;

export const updateEscalationInput = z
  .object({
    escalationId: localIdSchema,
    /** `notify` writes the Jira comment again when it could not be written at first. */
    action: z.enum(['acknowledge', 'close', 'notify']),
    resolution: trimmed(L.itemText).optional(),
    expectedVersion,
  })
  .strict()
  .refine((i) => i.action !== 'close' || (i.resolution ?? '').length > 0, { message: 'Say how it was resolved', path: ['resolution'] });
export type UpdateEscalationInput = z.infer<typeof updateEscalationInput>;

export const proposeChangeInput = z
  .object({
    category: z.enum(CHANGE_KINDS),
    summary: required(L.title),
    reason: trimmed(L.itemText).optional(),
    soldHoursDelta: z.number().finite().min(-L.hours).max(L.hours).optional(),
    milestoneId: localIdSchema.optional(),
    newDueDate: calendarDateSchema.optional(),
    itemId,
    expectedVersion,
  })
  .strict()
  .superRefine((i, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (i.category === 'budget') {
      if (i.soldHoursDelta === undefined || i.soldHoursDelta === 0) issue('soldHoursDelta', 'A budget change adds or removes hours');
      else if (!hasTwoDecimalsAtMost(i.soldHoursDelta)) issue('soldHoursDelta', 'At most two decimals');
    } else if (i.soldHoursDelta !== undefined) issue('soldHoursDelta', 'Only a budget change moves hours');
    if (i.category !== 'schedule' && (i.milestoneId !== undefined || i.newDueDate !== undefined)) issue('milestoneId', 'Only a schedule change moves a milestone');
    if ((i.milestoneId === undefined) !== (i.newDueDate === undefined)) issue('newDueDate', 'Give the milestone and its new due date together');
  });
export type ProposeChangeInput = z.infer<typeof proposeChangeInput>;

// ---- portal ---------------------------------------------------------------------------------------------------------

export const acknowledgeProgressPointInput = z.object({ pointId: localIdSchema, note: trimmed(L.itemText).optional(), expectedVersion }).strict();
export type AcknowledgeProgressPointInput = z.infer<typeof acknowledgeProgressPointInput>;

export const decideChangeInput = z
  .object({ changeId: localIdSchema, decision: z.enum(['approve', 'reject']), note: trimmed(L.itemText).optional(), expectedVersion })
  .strict();
export type DecideChangeInput = z.infer<typeof decideChangeInput>;

/** What a customer sees of their request's engagement: no internal escalations, documents, estimates or emails. */
export interface PortalEngagement {
  title: string;
  organisationName: string | null;
  milestones: Array<Milestone & { progressPoints: ProgressPoint[] }>;
  changes: ChangeRequest[];
  soldHours: number | null;
  kickoffDate: string | null;
  /** The caller is this engagement's Engagement Sponsor: they decide change requests. */
  viewerIsSponsor: boolean;
  sponsorName: string | null;
}

export interface PortalEngagementView {
  viewer: Viewer;
  request: { key: string; summary: string };
  engagement: PortalEngagement | null;
  /** The request's implementation workflow as the partner sees it (issue 6), or null when it is not one. */
  implementation: PartnerRequestView | null;
}

/**
 * The partner's view of an implementation request: the request view without the app's internal reasoning (who else
 * was considered for the consultant and why not), with the consultant's name (customers may not look people up in
 * Jira) and whether this customer may sign or purchase for the partner (its reporter or a member of its organisation).
 */
export interface PartnerRequestView {
  view: RequestView;
  consultantName: string | null;
  mayDecide: boolean;
}
