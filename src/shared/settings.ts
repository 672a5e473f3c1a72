import { z } from 'zod';
import { SUPPORTED_LOCALES } from './locales';

/** The site-wide settings an admin keeps on the admin page. */
export const settingsSchema = z.object({
  /** Estimates above this many hours need a Statement of Work; at or below, the partner buys the hours (seed: 8). */
  sowThresholdHours: z.number().positive().max(10_000),
  /** The language of messages to people whose Jira profile gives none. */
  siteLocale: z.enum(SUPPORTED_LOCALES),
  version: z.number().int().nonnegative(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SOW_THRESHOLD_HOURS = 8;

export const updateSettingsInput = z
  .object({
    sowThresholdHours: z.number().positive().max(10_000),
    siteLocale: z.enum(SUPPORTED_LOCALES),
    /** The version the admin edited; a newer stored version means someone else changed it meanwhile. */
    expectedVersion: z.number().int().nonnegative(),
  })
  .strict();
export type UpdateSettingsInput = z.infer<typeof updateSettingsInput>;
