import kvs from '@forge/kvs';
import { AppError } from '../shared/errors';
import type { Preferences } from '../shared/viewer';
import { deliverySetupRecord } from './delivery-records';
import type { StoredSetup } from './delivery-setup-repository';
import { DELIVERY_ENTITIES, deliveryKeys, ENTITIES, keys } from './keys';
import { preferencesRecord } from './records';
import { storageError } from './versioned-write';

/**
 * What the delivery board needs before it knows which team to show, in ONE batch read: the viewer's own preferences
 * (the page's language) and the delivery set-up (teams, members, leads). The board's open then costs this read, one
 * index page of the team's requests, the team's state and the holds: 4 KVS requests whatever the site's size.
 */
const EMPTY_SETUP: StoredSetup = { rules: [], teams: [], version: 0, updatedAt: null, updatedBy: null, fieldIds: null };

export async function readBoardBasics(accountId: string): Promise<{ preferences: Preferences; setup: StoredSetup }> {
  const preferencesKey = keys.preferences(accountId);
  let result;
  try {
    result = await kvs.batchGet<unknown>([
      { entityName: ENTITIES.preferences, key: preferencesKey },
      { entityName: DELIVERY_ENTITIES.setup, key: deliveryKeys.setup() },
    ]);
  } catch (error) {
    throw storageError(error, '');
  }
  // A key that does not exist comes back among the failed ones, as KEY_NOT_FOUND: that is an answer, not a failure.
  if (result.failedKeys.some((f) => f.error?.code !== 'KEY_NOT_FOUND')) throw new AppError('STORAGE_UNAVAILABLE', 'App storage did not answer. Try again in a moment.');
  const found = (key: string) => result.successfulKeys.find((k) => k.key === key)?.value;
  const storedPreferences = found(preferencesKey);
  const storedSetup = found(deliveryKeys.setup());
  const preferences = storedPreferences === undefined ? null : preferencesRecord.parse(storedPreferences);
  const setup = storedSetup === undefined ? null : deliverySetupRecord.parse(storedSetup);
  return {
    preferences: preferences ? { preferredLocale: preferences.preferredLocale, version: preferences.version } : { preferredLocale: null, version: 0 },
    setup: setup
      ? { rules: setup.rules, teams: setup.teams, version: setup.version, updatedAt: setup.updatedAt, updatedBy: setup.updatedBy, fieldIds: setup.fieldIds }
      : EMPTY_SETUP,
  };
}
