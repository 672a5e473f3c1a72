import kvs from '@forge/kvs';
import type { Preferences, SavePreferencesInput } from '../shared/viewer';
import { ENTITIES, keys } from './keys';
import { preferencesRecord, type PreferencesRecord } from './records';
import { storageError, writeVersioned } from './versioned-write';

/** One user's own preferences, keyed by their trusted account id: nobody reads or writes another's. */
export async function readPreferences(accountId: string): Promise<Preferences> {
  let stored: unknown;
  try {
    stored = await kvs.entity<PreferencesRecord>(ENTITIES.preferences).get(keys.preferences(accountId));
  } catch (error) {
    throw storageError(error, '');
  }
  if (stored === undefined) return { preferredLocale: null, version: 0 };
  const record = preferencesRecord.parse(stored);
  return { preferredLocale: record.preferredLocale, version: record.version };
}

export async function savePreferences(accountId: string, input: SavePreferencesInput): Promise<Preferences> {
  const record = preferencesRecord.parse({
    schemaVersion: 1,
    version: input.expectedVersion + 1,
    accountId,
    preferredLocale: input.preferredLocale,
    updatedAt: new Date().toISOString(),
  });
  await writeVersioned({
    entityName: ENTITIES.preferences,
    key: keys.preferences(accountId),
    record,
    expectedVersion: input.expectedVersion,
    audit: { subject: `pref.${accountId}`, actor: accountId, action: 'preferences.save', before: null, after: { preferredLocale: record.preferredLocale } },
  });
  return { preferredLocale: record.preferredLocale, version: record.version };
}
