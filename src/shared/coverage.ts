import { z } from 'zod';
import { deploymentTypeSchema, projectKindSchema, roleRefSchema, sideSchema, templateSchema } from './templates';

/**
 * Coverage of an organisation's roles: the contract between the coverage rules (src/domain/coverage.ts), the
 * resolvers that answer it and the pages that show it. The rules themselves are documented in the domain module.
 */

/** A calendar day, `YYYY-MM-DD`, that exists (no 2026-02-30). Days compare as strings: the format sorts by date. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const calendarDateSchema = z.string().refine(isCalendarDate, 'A calendar date written YYYY-MM-DD');

/** A period away, both days included. */
export const absenceSchema = z
  .object({ from: calendarDateSchema, to: calendarDateSchema })
  .strict()
  .refine((a) => a.from <= a.to, { message: 'An absence ends on or after the day it starts', path: ['to'] });
export type Absence = z.infer<typeof absenceSchema>;

/** A person as coverage sees them: which roles they hold, whom they back up, and when they are away. */
export const coveragePersonSchema = z
  .object({
    id: z.string().min(1).max(128),
    name: z.string().trim().min(1).max(200),
    /** `templateKey/roleKey` references; one person may hold several roles. */
    roles: z.array(roleRefSchema).max(100),
    /** The ids of the people this person stands in for. */
    backupFor: z.array(z.string().min(1).max(128)).max(100).optional(),
    absences: z.array(absenceSchema).max(200),
  })
  .strict();
export type CoveragePerson = z.infer<typeof coveragePersonSchema>;

export const coverageInputSchema = z
  .object({
    /** The templates that apply to the organisation (or the engagement). */
    templates: z.array(templateSchema),
    deploymentType: deploymentTypeSchema,
    /** The project's kind, when coverage is asked for an onboarding project; absent for an organisation's register. */
    projectKind: projectKindSchema.optional(),
    /** Only roles of these sides are checked (left out: both). A customer's register checks its client roles. */
    sides: z.array(sideSchema).min(1).optional(),
    people: z.array(coveragePersonSchema),
    /** The day coverage is computed for, in the site's calendar; absences are compared with it. */
    today: calendarDateSchema,
  })
  .strict();
export type CoverageInput = z.infer<typeof coverageInputSchema>;

export const COVERAGE_STATUSES = ['met', 'below-recommended', 'missing', 'not-applicable'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export const roleCoverageSchema = z
  .object({
    /** `templateKey/roleKey`. */
    ref: z.string(),
    templateKey: z.string(),
    roleKey: z.string(),
    side: sideSchema,
    /** The counts that apply to this organisation: the template's, or 0 and 0 when the role does not apply. */
    required: z.number().int().nonnegative(),
    recommended: z.number().int().nonnegative(),
    /** Ids of the people holding the role, in the order the register lists them. */
    holders: z.array(z.string()),
    /** The holders who are not away today. */
    presentToday: z.array(z.string()),
    status: z.enum(COVERAGE_STATUSES),
    flags: z
      .object({
        /** A single holder whom nobody backs up, in a role that is required or recommends two or more people. */
        noBackup: z.boolean(),
        /** Every holder is away today and nobody who backs one of them up is present. */
        absentTodayWithoutBackup: z.boolean(),
        /** The role is missing and the vendor can offer it as a premium service. */
        premiumOpportunity: z.boolean(),
      })
      .strict(),
  })
  .strict();
export type RoleCoverage = z.infer<typeof roleCoverageSchema>;

export const coverageSummarySchema = z
  .object({
    met: z.number().int().nonnegative(),
    belowRecommended: z.number().int().nonnegative(),
    missing: z.number().int().nonnegative(),
    notApplicable: z.number().int().nonnegative(),
    noBackup: z.number().int().nonnegative(),
    absentTodayWithoutBackup: z.number().int().nonnegative(),
    premiumOpportunities: z.number().int().nonnegative(),
  })
  .strict();
export type CoverageSummary = z.infer<typeof coverageSummarySchema>;

export const organisationCoverageSchema = z
  .object({
    /** The day it was computed for: coverage from another day may be stale (absences start and end). */
    today: calendarDateSchema,
    /** 0 (nothing covered) to 100 (everything met, backed up and present). */
    score: z.number().int().min(0).max(100),
    summary: coverageSummarySchema,
    roles: z.array(roleCoverageSchema),
  })
  .strict();
export type OrganisationCoverage = z.infer<typeof organisationCoverageSchema>;
