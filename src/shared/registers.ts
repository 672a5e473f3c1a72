import { z } from 'zod';
import { absenceSchema, type OrganisationCoverage } from './coverage';
import {
  deploymentTypeSchema,
  keySchema,
  localizedDutySchema,
  localizedDescriptionSchema,
  localizedNameSchema,
  projectKindSchema,
  roleConditionSchema,
  roleRefSchema,
  sideSchema,
  type Template,
} from './templates';

/**
 * Organisation registers: the contract the admin page, the issue panel and the portal share with the resolvers. A
 * register lists a customer's or partner's people, the roles each holds (`templateKey/roleKey`), whom they back up
 * and when they are away. Coverage of those roles is computed from it (src/domain/coverage.ts) for the day it is read.
 */

// ---- limits -------------------------------------------------------------------------------------------------------

/** Keeps one register well inside a 240 KiB KVS value, people's absences included. */
export const MAX_PEOPLE_PER_REGISTER = 200;
export const MAX_ROLES_PER_PERSON = 20;
export const MAX_BACKUPS_PER_PERSON = 20;
export const MAX_ABSENCES_PER_PERSON = 20;
export const MAX_TEMPLATES_PER_REGISTER = 10;
/** One register/update call; each change touches at most one person, so a call stays inside one KVS transaction. */
export const MAX_CHANGES_PER_UPDATE = 20;
export const MAX_IMPORT_ROWS = 500;
/** A CSV of 500 rows with long absences lists stays far below this; Forge's invoke payload limit is 5 MB. */
export const MAX_CSV_LENGTH = 1_000_000;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

// ---- contact details ----------------------------------------------------------------------------------------------

/**
 * Email: one address, `local@domain.tld`, at most 254 characters (zod's check: no leading, trailing or doubled dot in
 * the local part; a domain of labels and a top-level domain of two letters or more). Compared case-insensitively.
 */
export const emailSchema = z.string().trim().max(254, 'At most 254 characters').email('An email address such as name@example.com');

/**
 * Phone, in international format so that any vendor office can dial it: a `+`, then the country code and number with
 * 8 to 15 digits in all (E.164 allows at most 15; the shortest national numbers with their country code have 8).
 * Digits may be grouped with single spaces, hyphens or dots, and one group (the area code) may be in parentheses:
 * `+44 20 7946 0958`, `+1 (555) 010-9999`, `+33 1 23 45 67 89`, `+4930123456`. Letters, extensions, a leading `00`
 * or a national number without country code are refused.
 */
export function isPhone(value: string): boolean {
  if (!/^\+[1-9][0-9 ().-]*[0-9]$/.test(value)) return false;
  if (/[ .-]{2,}/.test(value) || /\([ .-]|[ .-]\)/.test(value)) return false;
  const parentheses = value.replace(/[^()]/g, '');
  if (parentheses !== '' && (parentheses !== '()' || !/\(\d+\)/.test(value))) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15;
}

export const phoneSchema = z
  .string()
  .trim()
  .max(32, 'At most 32 characters')
  .refine(isPhone, 'A phone number in international format, e.g. +44 20 7946 0958 (a +, the country code, 8 to 15 digits)');

/** Person ids are chosen by the app (`p-` and 8 hex digits) or kept from an imported file; they are storage-key safe. */
export const PERSON_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const personIdSchema = z.string().regex(PERSON_ID_PATTERN, 'A person id: lowercase letters, digits and hyphens, at most 40');

/** Atlassian account ids: `557058:…` / `712020:…` with a uuid, or 24 hex digits. */
export const accountIdSchema = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, 'An Atlassian account id');

/** Register ids: `jsm-<JSM organisation id>` for organisations linked to JSM, `org-<8 hex>` for the others. */
export const REGISTER_ID_PATTERN = /^(jsm-\d{1,18}|org-[a-z0-9]{4,32})$/;
export const registerIdSchema = z.string().regex(REGISTER_ID_PATTERN, 'An organisation id (jsm-… or org-…)');

function unique<T extends z.ZodTypeAny>(item: T, max: number, what: string, min = 0) {
  return z
    .array(item)
    .min(min, `At least ${min} ${what}`)
    .max(max, `At most ${max} ${what}`)
    .refine((list) => new Set(list).size === list.length, `Each of the ${what} at most once`);
}

/** What an admin, an agent or an import gives for a person; the id is the register's business. */
export const personFieldsSchema = z
  .object({
    name: z.string().trim().min(1, 'A name is required').max(200, 'At most 200 characters'),
    email: emailSchema,
    /** null: not given. */
    phone: phoneSchema.nullable(),
    /** The person's Atlassian account, when they have one (it lets the app erase them when the account closes). */
    accountId: accountIdSchema.nullable(),
    roles: unique(roleRefSchema, MAX_ROLES_PER_PERSON, 'roles'),
    /** Ids of the people of the same register this person stands in for. */
    backupFor: unique(personIdSchema, MAX_BACKUPS_PER_PERSON, 'people backed up'),
    absences: z.array(absenceSchema).max(MAX_ABSENCES_PER_PERSON, `At most ${MAX_ABSENCES_PER_PERSON} absences`),
  })
  .strict();
export type PersonFields = z.infer<typeof personFieldsSchema>;

export const personSchema = personFieldsSchema.extend({ id: personIdSchema }).strict();
export type Person = z.infer<typeof personSchema>;

export const templateKeysSchema = unique(keySchema, MAX_TEMPLATES_PER_REGISTER, 'templates', 1);

// ---- registers ----------------------------------------------------------------------------------------------------

export const organisationRegisterSchema = z
  .object({
    id: registerIdSchema,
    name: z.string().trim().min(1, 'A name is required').max(200, 'At most 200 characters'),
    /** The JSM organisation it is linked to; null for an organisation that is not in JSM. Fixed at creation. */
    jsmOrganizationId: z.string().regex(/^\d{1,18}$/).nullable(),
    deploymentType: deploymentTypeSchema,
    /** Only when the register is about one onboarding project; roles conditioned on project kinds need it. */
    projectKind: projectKindSchema.nullable(),
    templateKeys: templateKeysSchema,
    people: z.array(personSchema).max(MAX_PEOPLE_PER_REGISTER, `At most ${MAX_PEOPLE_PER_REGISTER} people`),
    version: z.number().int().positive(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .strict();
export type OrganisationRegister = z.infer<typeof organisationRegisterSchema>;

/** One line of the organisations list (paged by name). */
export interface OrganisationSummary {
  id: string;
  name: string;
  jsmOrganizationId: string | null;
  deploymentType: OrganisationRegister['deploymentType'];
  templateKeys: string[];
  peopleCount: number;
  version: number;
}

/** A register as a page shows it: the register, its coverage today, and the templates it names. */
export interface RegisterView {
  register: OrganisationRegister;
  coverage: OrganisationCoverage;
  /** The templates the register names that exist (built-in or the site's own), for role names and duties. */
  templates: Template[];
  /** Template keys the register names that no longer exist (a deleted copy): their roles are not checked. */
  unknownTemplateKeys: string[];
  pendingProposals: Proposal[];
}

// ---- register edits -----------------------------------------------------------------------------------------------

export const registerChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person/add'), person: personFieldsSchema }).strict(),
  z.object({ kind: z.literal('person/edit'), personId: personIdSchema, person: personFieldsSchema }).strict(),
  z.object({ kind: z.literal('person/remove'), personId: personIdSchema }).strict(),
  z
    .object({
      kind: z.literal('details'),
      name: z.string().trim().min(1).max(200).optional(),
      deploymentType: deploymentTypeSchema.optional(),
      projectKind: projectKindSchema.nullable().optional(),
      templateKeys: templateKeysSchema.optional(),
    })
    .strict(),
]);
export type RegisterChange = z.infer<typeof registerChangeSchema>;

/** Why a register edit was refused; the resolver answers INVALID_INPUT (NOT_FOUND for an unknown person). */
export const REGISTER_EDIT_ERROR_CODES = ['UNKNOWN_PERSON', 'UNKNOWN_ROLE', 'UNKNOWN_BACKUP', 'UNKNOWN_TEMPLATE', 'DUPLICATE_EMAIL', 'TOO_MANY_PEOPLE', 'INVALID_INPUT'] as const;
export type RegisterEditErrorCode = (typeof REGISTER_EDIT_ERROR_CODES)[number];

// ---- proposals (portal) -------------------------------------------------------------------------------------------

/** What a customer may say about a person: no account id, and roles of the client side only. */
export const proposedPersonSchema = personFieldsSchema.omit({ accountId: true }).strict();
export type ProposedPerson = z.infer<typeof proposedPersonSchema>;

export const proposalChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add'), person: proposedPersonSchema }).strict(),
  z.object({ kind: z.literal('change'), personId: personIdSchema, person: proposedPersonSchema }).strict(),
  z.object({ kind: z.literal('remove'), personId: personIdSchema }).strict(),
]);
export type ProposalChange = z.infer<typeof proposalChangeSchema>;

export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const proposalIdSchema = z.string().regex(/^pr-[a-z0-9]{8,32}$/, 'A proposal id');

export interface Proposal {
  id: string;
  registerId: string;
  status: ProposalStatus;
  change: ProposalChange;
  /** The register version the customer saw. Approval applies the change to the register as it is then. */
  baseVersion: number;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
  version: number;
}

// ---- history --------------------------------------------------------------------------------------------------------

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

// ---- coverage list ------------------------------------------------------------------------------------------------

export interface CoverageListItem {
  registerId: string;
  name: string;
  jsmOrganizationId: string | null;
  deploymentType: OrganisationRegister['deploymentType'];
  /** Computed for `today` when read, so an absence that started or ended today shows today. */
  score: number;
  summary: OrganisationCoverage['summary'];
  /** The roles that are not met or carry a flag, worst first. */
  gaps: Array<{ ref: string; status: string; noBackup: boolean; absentTodayWithoutBackup: boolean; premiumOpportunity: boolean }>;
}

// ---- CSV ----------------------------------------------------------------------------------------------------------

export const IMPORT_ROW_OUTCOMES = ['added', 'updated', 'unchanged', 'rejected', 'not-applied'] as const;
export type ImportRowOutcome = (typeof IMPORT_ROW_OUTCOMES)[number];

/** The contacts file's columns, in the order an export writes them (src/domain/csv-contacts.ts). */
export const CONTACT_CSV_COLUMNS = ['person_id', 'name', 'email', 'phone', 'account_id', 'roles', 'backup_for', 'absences'] as const;
export type ContactCsvColumn = (typeof CONTACT_CSV_COLUMNS)[number];

/**
 * Why an imported row was refused: a stable code the pages word in their language, never by reading `message`.
 * A page that meets a code it does not know (a newer server) says only that the row was refused.
 */
export const IMPORT_REASON_CODES = [
  /** The row adds someone and the file has no name column. */
  'NAME_MISSING',
  /** The row's person_id and its email name two different people of the register. */
  'EMAIL_OF_OTHER',
  /** The CSV parser could not read the row (quotation marks, most often). */
  'UNREADABLE_ROW',
  /** The row has more or fewer cells than the header. */
  'CELL_COUNT',
  /** An earlier row of the file is about the same person. */
  'SAME_PERSON_AS_ROW',
  /** The register holds MAX_PEOPLE_PER_REGISTER people: no room to add this one. */
  'REGISTER_FULL',
  /** Someone the row backs up was refused, so the backup would point at nobody. */
  'BACKUP_NOT_IMPORTED',
  /** A role that is not a role of the register's templates. */
  'UNKNOWN_ROLE',
  /** The row names its own person in backup_for. */
  'OWN_BACKUP',
  /** backup_for names an id nobody in the register has. */
  'UNKNOWN_BACKUP',
  /** Another person of the register already has the row's email. */
  'DUPLICATE_EMAIL',
  /** The register changed during the import: the row was not written (outcome not-applied). */
  'CHANGED_MEANWHILE',
  /** A cell's value is not valid for its column (`column` says which). */
  'INVALID_CELL',
] as const;
export type ImportReasonCode = (typeof IMPORT_REASON_CODES)[number];

/** The values each code's reason always carries (a page may put them in its text); other values may come too. */
export const IMPORT_REASON_VALUES: Record<ImportReasonCode, readonly string[]> = {
  NAME_MISSING: [],
  EMAIL_OF_OTHER: ['email', 'personId'],
  UNREADABLE_ROW: [],
  CELL_COUNT: ['cells', 'header'],
  SAME_PERSON_AS_ROW: ['row'],
  REGISTER_FULL: ['max'],
  BACKUP_NOT_IMPORTED: ['ids'],
  UNKNOWN_ROLE: ['role'],
  OWN_BACKUP: [],
  UNKNOWN_BACKUP: ['id'],
  DUPLICATE_EMAIL: ['email', 'name'],
  CHANGED_MEANWHILE: [],
  INVALID_CELL: [],
};

export interface ImportRowReason {
  code: ImportReasonCode;
  /** The file's column the reason is about, when it is about one (always for INVALID_CELL). */
  column?: ContactCsvColumn;
  /** What the reason names (a row number, an email, a role…): see IMPORT_REASON_VALUES. */
  values?: Record<string, string | number>;
  /** The same in English, for support and logs; pages word `code` themselves. */
  message: string;
}

export interface ImportRowReport {
  /** The line's row number in the file, the header being row 1. */
  row: number;
  outcome: ImportRowOutcome;
  personId: string | null;
  /** Why a row was rejected or not applied; empty otherwise. */
  reasons: ImportRowReason[];
}

export interface ImportReport {
  registerId: string;
  /** True when nothing was written (dryRun). */
  dryRun: boolean;
  counts: Record<ImportRowOutcome, number>;
  rows: ImportRowReport[];
  /** The register's version after the import. */
  version: number;
}

// ---- personal data ------------------------------------------------------------------------------------------------

export const personLookupSchema = z.union([
  z.object({ email: emailSchema }).strict(),
  z.object({ accountId: accountIdSchema }).strict(),
]);
export type PersonLookup = z.infer<typeof personLookupSchema>;

export interface PersonalDataExport {
  lookup: PersonLookup;
  exportedAt: string;
  records: Array<{ registerId: string; registerName: string; person: Person }>;
  proposals: Array<{ registerId: string; proposalId: string; status: ProposalStatus; change: ProposalChange }>;
}

export interface PersonalDataErasure {
  lookup: PersonLookup;
  erased: Array<{ registerId: string; personIds: string[] }>;
  redactedHistoryEntries: number;
  redactedProposals: number;
}

// ---- template edits (admin) ---------------------------------------------------------------------------------------

const roleRefKey = z.object({ roleKey: keySchema });

export const templateEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('template/rename'), name: localizedNameSchema }).strict(),
  z.object({ kind: z.literal('template/describe'), description: localizedDescriptionSchema }).strict(),
  roleRefKey.extend({ kind: z.literal('role/rename'), name: localizedNameSchema }).strict(),
  roleRefKey.extend({ kind: z.literal('role/describe'), description: localizedDescriptionSchema }).strict(),
  z
    .object({
      kind: z.literal('role/add'),
      role: z
        .object({
          key: keySchema.optional(),
          side: sideSchema,
          name: localizedNameSchema,
          description: localizedDescriptionSchema,
          required: z.number().int().min(0).optional(),
          recommended: z.number().int().min(0).optional(),
          condition: roleConditionSchema.optional(),
          premiumServiceWhenMissing: z.boolean().optional(),
          contactDetails: z.boolean().optional(),
          leads: z.boolean().optional(),
        })
        .strict(),
    })
    .strict(),
  roleRefKey.extend({ kind: z.literal('role/remove') }).strict(),
  roleRefKey.extend({ kind: z.literal('role/counts'), required: z.number().int(), recommended: z.number().int() }).strict(),
  roleRefKey.extend({ kind: z.literal('role/condition'), condition: roleConditionSchema.nullable() }).strict(),
  roleRefKey.extend({ kind: z.literal('role/premium'), premiumServiceWhenMissing: z.boolean() }).strict(),
  roleRefKey.extend({ kind: z.literal('duty/add'), text: localizedDutySchema }).strict(),
  roleRefKey.extend({ kind: z.literal('duty/edit'), dutyKey: keySchema, text: localizedDutySchema }).strict(),
  roleRefKey.extend({ kind: z.literal('duty/remove'), dutyKey: keySchema }).strict(),
]);
export type TemplateEdit = z.infer<typeof templateEditSchema>;
