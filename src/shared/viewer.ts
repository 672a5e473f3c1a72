import { z } from 'zod';
import { SUPPORTED_LOCALES } from './locales';

/** The acting user as every surface shows them; `accountId` comes only from Forge's trusted context. */
export const viewerSchema = z.object({
  accountId: z.string(),
  /** The language the user chose in the app, or null to follow Jira's profile language. */
  preferredLocale: z.enum(SUPPORTED_LOCALES).nullable(),
  /** The version of their stored preferences (0: never saved), for the next conditional save. */
  preferencesVersion: z.number().int().nonnegative(),
});
export type Viewer = z.infer<typeof viewerSchema>;

export const savePreferencesInput = z
  .object({
    preferredLocale: z.enum(SUPPORTED_LOCALES).nullable(),
    expectedVersion: z.number().int().nonnegative(),
  })
  .strict();
export type SavePreferencesInput = z.infer<typeof savePreferencesInput>;

export const preferencesSchema = z.object({
  preferredLocale: z.enum(SUPPORTED_LOCALES).nullable(),
  version: z.number().int().nonnegative(),
});
export type Preferences = z.infer<typeof preferencesSchema>;
