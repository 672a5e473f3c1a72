import { z } from 'zod';
import { deploymentTypeSchema, projectKindSchema, templateSchema } from '../shared/templates';
import { personSchema, proposalChangeSchema, PROPOSAL_STATUSES, registerIdSchema } from '../shared/registers';

/**
 * Stored records of the organisation registers (issue 5). Like records.ts: every record has `schemaVersion` and is
 * parsed on read and on write; records that users edit have `version` for conditional writes. KVS entity attributes
 * cannot hold null, so "none" is an absent attribute here and null in the shared contract.
 */

export const registerRecord = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    id: registerIdSchema,
    name: z.string().min(1),
    /** What the organisations list sorts by (`by-name` index). */
    nameKey: z.string(),
    jsmOrganizationId: z.string().optional(),
    deploymentType: deploymentTypeSchema,
    projectKind: projectKindSchema.optional(),
    templateKeys: z.array(z.string()),
    people: z.array(personSchema),
    /** The score when the record was last written or refreshed (the daily job); pages show today's, computed when read. */
    score: z.number().int().min(0).max(100),
    /** What the coverage list sorts by, worst first (`by-coverage` index); see coverageRankOf. */
    coverageRank: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .strict();
export type RegisterRecord = z.infer<typeof registerRecord>;

/** A site's own template (a copy of a built-in one, edited by admins). Built-in templates live in the code. */
export const templateRecord = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    key: z.string(),
    template: templateSchema,
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .strict()
  .refine((r) => r.template.key === r.key && r.template.version === r.version, 'The record and its template disagree on key or version');
export type TemplateRecord = z.infer<typeof templateRecord>;

export const proposalRecord = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    id: z.string(),
    registerId: registerIdSchema,
    status: z.enum(PROPOSAL_STATUSES),
    change: proposalChangeSchema,
    baseVersion: z.number().int().positive(),
    proposedBy: z.string(),
    proposedAt: z.string(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();
export type ProposalRecord = z.infer<typeof proposalRecord>;

/**
 * One entry per person of a register, so that a personal data request finds a person's registers through an index
 * (`by-email`, `by-account`) instead of reading every register. Written in the same transaction as the register.
 */
export const contactRecord = z
  .object({
    schemaVersion: z.literal(1),
    registerId: registerIdSchema,
    personId: z.string(),
    emailKey: z.string(),
    accountId: z.string().optional(),
  })
  .strict();
export type ContactRecord = z.infer<typeof contactRecord>;
