import kvs from '@forge/kvs';
import { DEFAULT_LOCALE } from '../shared/locales';
import { DEFAULT_SOW_THRESHOLD_HOURS, type Settings, type UpdateSettingsInput } from '../shared/settings';
import { ENTITIES, keys } from './keys';
import { settingsRecord, type SettingsRecord } from './records';
import { storageError, writeVersioned } from './versioned-write';

/** The one settings record of the installation. Unsaved settings read as the defaults, at version 0. */
export async function readSettings(): Promise<Settings> {
  let stored: unknown;
  try {
    stored = await kvs.entity<SettingsRecord>(ENTITIES.settings).get(keys.settings());
  } catch (error) {
    throw storageError(error, '');
  }
  if (stored === undefined) {
    return { sowThresholdHours: DEFAULT_SOW_THRESHOLD_HOURS, siteLocale: DEFAULT_LOCALE, version: 0, updatedAt: null, updatedBy: null };
  }
  const record = settingsRecord.parse(stored);
  return { sowThresholdHours: record.sowThresholdHours, siteLocale: record.siteLocale, version: record.version, updatedAt: record.updatedAt, updatedBy: record.updatedBy };
}

export async function saveSettings(input: UpdateSettingsInput, actor: string): Promise<Settings> {
  const before = await readSettings();
  const record = settingsRecord.parse({
    schemaVersion: 1,
    version: input.expectedVersion + 1,
    sowThresholdHours: input.sowThresholdHours,
    siteLocale: input.siteLocale,
    updatedAt: new Date().toISOString(),
    updatedBy: actor,
  });
  await writeVersioned({
    entityName: ENTITIES.settings,
    key: keys.settings(),
    record,
    expectedVersion: input.expectedVersion,
    audit: {
      subject: 'settings',
      actor,
      action: 'settings.update',
      before: { sowThresholdHours: before.sowThresholdHours, siteLocale: before.siteLocale },
      after: { sowThresholdHours: record.sowThresholdHours, siteLocale: record.siteLocale },
    },
  });
  return { sowThresholdHours: record.sowThresholdHours, siteLocale: record.siteLocale, version: record.version, updatedAt: record.updatedAt, updatedBy: record.updatedBy };
}
