import { z } from 'zod';
import { deploymentTypeSchema, keySchema, localizedNameSchema, projectKindSchema, type Template } from '../templates';
import {
  DEFAULT_PAGE_SIZE,
  MAX_CHANGES_PER_UPDATE,
  MAX_CSV_LENGTH,
  MAX_PAGE_SIZE,
  PROPOSAL_STATUSES,
  personLookupSchema,
  proposalChangeSchema,
  proposalIdSchema,
  registerChangeSchema,
  registerIdSchema,
  templateEditSchema,
  templateKeysSchema,
  type CoverageListItem,
  type HistoryEntry,
  type ImportReport,
  type OrganisationRegister,
  type OrganisationSummary,
  type PersonalDataErasure,
  type PersonalDataExport,
  type Proposal,
  type RegisterView,
} from '../registers';

/**
 * Operations of the organisation registers, role templates and coverage (issue 5, items 1, 2, 4, 5, 7), per surface.
 * Composed into src/shared/operations.ts. Who may call them:
 * - admin: Jira administrators (ADMINISTER, checked as the user);
 * - issue panel: agents with EDIT_ISSUES on the issue (checked as the user); reads need BROWSE_PROJECTS. The issue's
 *   organisation is the one its engagement names, else the JSM organisation of the request's reporter;
 * - portal: JSM customers, for the organisations Jira says they belong to (looked up from the trusted account id;
 *   an organisation id in the payload is only a choice among those).
 */

const none = z.object({}).strict();
const cursor = z.string().min(1).max(4000).nullable().optional();
const limit = z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE);
const paged = { cursor, limit };

export interface PageOf<T> {
  items: T[];
  /** Give it back to get the next page; null on the last page. */
  cursor: string | null;
}

const registerRef = z.object({ registerId: registerIdSchema }).strict();

export const createOrganisationInput = z
  .object({
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('jsm'), jsmOrganizationId: z.string().regex(/^\d{1,18}$/, 'A JSM organisation id') }).strict(),
      z.object({ kind: z.literal('name'), name: z.string().trim().min(1, 'A name is required').max(200) }).strict(),
    ]),
    deploymentType: deploymentTypeSchema,
    templateKeys: templateKeysSchema,
    projectKind: projectKindSchema.nullable().default(null),
  })
  .strict();
export type CreateOrganisationInput = z.infer<typeof createOrganisationInput>;

export const updateRegisterInput = z
  .object({
    registerId: registerIdSchema,
    /** The version the editor read: a newer stored version means someone else saved meanwhile (CONFLICT). */
    expectedVersion: z.number().int().positive(),
    changes: z.array(registerChangeSchema).min(1).max(MAX_CHANGES_PER_UPDATE),
  })
  .strict();
export type UpdateRegisterInput = z.infer<typeof updateRegisterInput>;

export const copyTemplateInput = z.object({ sourceKey: keySchema, newKey: keySchema, name: localizedNameSchema }).strict();
export const updateTemplateInput = z.object({ templateKey: keySchema, expectedVersion: z.number().int().positive(), edit: templateEditSchema }).strict();

export const importContactsInput = z
  .object({
    registerId: registerIdSchema,
    csv: z.string().min(1, 'The file is empty').max(MAX_CSV_LENGTH, 'The file is larger than 1 MB; split it'),
    /** Only check the file and report what an import would do; nothing is written. */
    dryRun: z.boolean().default(false),
  })
  .strict();

export const decideProposalInput = z
  .object({
    proposalId: proposalIdSchema,
    decision: z.enum(['approve', 'reject']),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export const createProposalInput = z.object({ registerId: registerIdSchema, change: proposalChangeSchema }).strict();

/** The issue's organisation as the panel shows it. */
export interface IssueRegister {
  /** Where the organisation came from: the engagement's link, or the JSM request's reporter. */
  source: 'engagement' | 'request' | null;
  view: RegisterView | null;
  /** Whether the viewer may approve or reject proposals (EDIT_ISSUES on the issue). */
  canDecide: boolean;
}

/** The portal's view: each organisation the customer belongs to, with its register when the vendor keeps one. */
export interface MyRegisters {
  organisations: Array<{ jsmOrganizationId: string; name: string; registerId: string; view: RegisterView | null }>;
}

export interface JsmOrganisationRow {
  id: string;
  name: string;
  /** The register linked to it, or null when none was created yet. */
  registerId: string | null;
}

const historyInput = registerRef.extend(paged).strict();

const proposalsOfIssue = z.object({ status: z.enum(PROPOSAL_STATUSES).default('pending'), ...paged }).strict();

export const registerOperations = {
  'issue-panel': {
    'register/for-issue': { input: none, answer: {} as IssueRegister },
    'organisations/list': { input: z.object(paged).strict(), answer: {} as PageOf<OrganisationSummary> },
    'proposals/list': { input: proposalsOfIssue, answer: {} as PageOf<Proposal> },
    'proposal/decide': { input: decideProposalInput, answer: {} as { proposal: Proposal; register: OrganisationRegister } },
    'register/history': { input: z.object(paged).strict(), answer: {} as PageOf<HistoryEntry> },
  },
  portal: {
    'register/mine': { input: none, answer: {} as MyRegisters },
    'proposal/create': { input: createProposalInput, answer: {} as Proposal },
  },
  'project-page': {},
  admin: {
    'templates/list': { input: none, answer: {} as { templates: Template[] } },
    'templates/copy': { input: copyTemplateInput, answer: {} as Template },
    'templates/update': { input: updateTemplateInput, answer: {} as Template },
    'organisations/list': { input: z.object(paged).strict(), answer: {} as PageOf<OrganisationSummary> },
    'jsm-organisations/list': {
      input: z.object({ start: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(25).default(25) }).strict(),
      answer: {} as { items: JsmOrganisationRow[]; nextStart: number | null },
    },
    'organisations/create': { input: createOrganisationInput, answer: {} as RegisterView },
    'register/get': { input: registerRef, answer: {} as RegisterView },
    'register/update': { input: updateRegisterInput, answer: {} as RegisterView },
    'register/history': { input: historyInput, answer: {} as PageOf<HistoryEntry> },
    'coverage/list': { input: z.object(paged).strict(), answer: {} as PageOf<CoverageListItem> & { today: string } },
    'register/export-csv': { input: registerRef, answer: {} as { filename: string; csv: string } },
    /** One page of the coverage list as CSV; the first page has the header. Call again with the cursor until null. */
    'coverage/export-csv': { input: z.object(paged).strict(), answer: {} as { csv: string; cursor: string | null; today: string } },
    'contacts/import-csv': { input: importContactsInput, answer: {} as ImportReport },
    'proposal/decide': { input: decideProposalInput.extend({ registerId: registerIdSchema }).strict(), answer: {} as { proposal: Proposal; register: OrganisationRegister } },
    'person/export': { input: z.object({ lookup: personLookupSchema }).strict(), answer: {} as PersonalDataExport },
    'person/erase': { input: z.object({ lookup: personLookupSchema }).strict(), answer: {} as PersonalDataErasure },
  },
} as const;
