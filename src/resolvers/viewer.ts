import { readPreferences, savePreferences } from '../storage/preferences-repository';
import type { Preferences, SavePreferencesInput, Viewer } from '../shared/viewer';
import type { CallContext } from './define-surface';

/** Shared by every surface: who is asking (from the trusted context) and their own preferences. */
export async function getViewer(_input: unknown, context: CallContext): Promise<Viewer> {
  const preferences = await readPreferences(context.accountId);
  return { accountId: context.accountId, preferredLocale: preferences.preferredLocale, preferencesVersion: preferences.version };
}

export function savePreferencesFor(input: SavePreferencesInput, context: CallContext): Promise<Preferences> {
  return savePreferences(context.accountId, input);
}
