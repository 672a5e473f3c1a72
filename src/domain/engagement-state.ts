import { z } from 'zod';
import {
  accountRefSchema,
  budgetSchema,
  dutyStateSchema,
  engagementDocumentSchema,
  engagementPersonSchema,
  ENGAGEMENT_LIMITS,
  meetingSchema,
  milestoneSchema,
  type Meeting,
} from '../shared/engagement';
import { AppError, type ErrorCode } from '../shared/errors';
import { deploymentTypeSchema, keySchema, projectKindSchema, templateSchema } from '../shared/templates';

/**
 * The engagement aggregate: everything about one issue's engagement that changes together (organisation, template,
 * people, duties, milestones, meetings, budget, engagement file). Progress points, escalations and change requests
 * are separate items (engagement-item records) so that a customer acknowledging a point or a sponsor deciding a
 * change never collides with an agent editing the engagement; only an approved change touches both, atomically.
 *
 * The template is kept as a snapshot taken when the engagement was linked: the checklist is the one agreed for this
 * engagement, and later edits of the template do not rewrite it (linking again takes the template's new text and
 * keeps the people and ticks of every role and duty whose key is still there).
 */
export const engagementStateSchema = z
  .object({
    issueId: z.string().regex(/^\d+$/),
    title: z.string().max(ENGAGEMENT_LIMITS.title),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    organisation: z
      .object({ id: z.string().max(128), name: z.string().max(ENGAGEMENT_LIMITS.name), deploymentType: deploymentTypeSchema.nullable() })
      .strict()
      .nullable(),
    projectKind: projectKindSchema.nullable(),
    template: templateSchema.nullable(),
    /** People per role key of the template. */
    assignments: z.record(keySchema, z.array(engagementPersonSchema).max(ENGAGEMENT_LIMITS.peoplePerRole)),
    /** Duty states by `roleKey/dutyKey`; a duty not listed is not done and has no owner. */
    duties: z.record(z.string().max(130), dutyStateSchema),
    headOfSales: accountRefSchema.nullable(),
    milestones: z.array(milestoneSchema).max(ENGAGEMENT_LIMITS.milestones),
    kickoff: meetingSchema,
    retrospective: meetingSchema,
    budget: budgetSchema,
    documents: z.array(engagementDocumentSchema).max(ENGAGEMENT_LIMITS.documents),
  })
  .strict();
export type EngagementState = z.infer<typeof engagementStateSchema>;

export const EMPTY_MEETING: Meeting = Object.freeze({ date: null, notes: '', done: false, doneAt: null, doneBy: null });

/** A new engagement: a title and nothing else yet. */
export function newEngagement(issueId: string, title: string, actor: string, now: string): EngagementState {
  return {
    issueId,
    title,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
    organisation: null,
    projectKind: null,
    template: null,
    assignments: {},
    duties: {},
    headOfSales: null,
    milestones: [],
    kickoff: { ...EMPTY_MEETING },
    retrospective: { ...EMPTY_MEETING },
    budget: { soldHours: null, estimateHours: null, salesOrder: null },
    documents: [],
  };
}

/** Stamps who changed the engagement and when. */
export function touched(state: EngagementState, actor: string, now: string): EngagementState {
  return { ...state, updatedAt: now, updatedBy: actor };
}

/** The rules refuse with the same typed errors the resolvers answer. */
export function refuse(code: Extract<ErrorCode, 'INVALID_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT'>, message: string): never {
  throw new AppError(code, message);
}

/** Hours with two decimals, as the panel shows them (worklog seconds divide unevenly). */
export function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100;
}
