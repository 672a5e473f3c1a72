import { z } from 'zod';
import { SUPPORTED_LOCALES } from '../shared/locales';

/**
 * Stored record schemas. Every record carries `schemaVersion` (for migrations on upgrade) and `version` (for
 * optimistic concurrency: a write is conditional on the version the user read). Records are parsed on read and
 * on write.
 */
export const settingsRecord = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    sowThresholdHours: z.number().positive(),
    siteLocale: z.enum(SUPPORTED_LOCALES),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .strict();
export type SettingsRecord = z.infer<typeof settingsRecord>;

export const preferencesRecord = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    accountId: z.string(),
    preferredLocale: z.enum(SUPPORTED_LOCALES).nullable(),
    updatedAt: z.string(),
  })
  .strict();
export type PreferencesRecord = z.infer<typeof preferencesRecord>;

export const engagementRecord = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    issueId: z.string(),
    title: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .strict();
export type EngagementRecord = z.infer<typeof engagementRecord>;

export const auditRecord = z
  .object({
    schemaVersion: z.literal(1),
    subject: z.string(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .strict();
export type AuditRecord = z.infer<typeof auditRecord>;
