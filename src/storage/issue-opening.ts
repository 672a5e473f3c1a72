import kvs from '@forge/kvs';
import { AppError } from '../shared/errors';
import { DEFAULT_LOCALE } from '../shared/locales';
import { DEFAULT_SOW_THRESHOLD_HOURS, type Settings } from '../shared/settings';
import type { Preferences } from '../shared/viewer';
import { deliverySetupRecord, requestRecord, type RequestRecord } from './delivery-records';
import type { StoredSetup } from './delivery-setup-repository';
import { parseStoredEngagement, type StoredEngagement } from './engagement-records';
import { DELIVERY_ENTITIES, deliveryKeys, ENTITIES, keys } from './keys';
import { preferencesRecord, settingsRecord } from './records';
import { storageError } from './versioned-write';

/**
 * What opening an issue's panel (or a request's portal page) needs from storage, in ONE KVS request: the viewer's
 * preferences, the settings, the issue's engagement, its implementation request and the delivery set-up (team names,
 * rules). The panel's budget is 5 KVS requests; reading these one by one cost five before the engagement's items and
 * history were even asked for. What depends on these answers (the partner's finance hold, the engagement's items
 * and history) is read after, in parallel.
 */
export interface IssueOpening {
  preferences: Preferences;
  settings: Settings;
  engagement: StoredEngagement | null;
  request: RequestRecord | null;
  setup: StoredSetup;
}

const EMPTY_SETUP: StoredSetup = { rules: [], teams: [], version: 0, updatedAt: null, updatedBy: null, fieldIds: null };

export async function readIssueOpening(issueId: string, accountId: string): Promise<IssueOpening> {
  const found = await batchRead({
    preferences: { entityName: ENTITIES.preferences, key: keys.preferences(accountId) },
    settings: { entityName: ENTITIES.settings, key: keys.settings() },
    engagement: { entityName: ENTITIES.engagement, key: keys.engagement(issueId) },
    request: { entityName: DELIVERY_ENTITIES.request, key: deliveryKeys.request(issueId) },
    setup: { entityName: DELIVERY_ENTITIES.setup, key: deliveryKeys.setup() },
  });
  const p = found.preferences === undefined ? null : preferencesRecord.parse(found.preferences);
  return {
    preferences: { preferredLocale: p?.preferredLocale ?? null, version: p?.version ?? 0 },
    settings: toSettings(found.settings),
    engagement: found.engagement === undefined ? null : parseStoredEngagement(found.engagement),
    request: found.request === undefined ? null : requestRecord.parse(found.request),
    setup: toSetup(found.setup),
  };
}

/** What a workflow step reads before its hold: the request, the delivery set-up and the settings, in ONE KVS request. */
export async function readRequestContext(issueId: string): Promise<Pick<IssueOpening, 'settings' | 'request' | 'setup'>> {
  const found = await batchRead({
    settings: { entityName: ENTITIES.settings, key: keys.settings() },
    request: { entityName: DELIVERY_ENTITIES.request, key: deliveryKeys.request(issueId) },
    setup: { entityName: DELIVERY_ENTITIES.setup, key: deliveryKeys.setup() },
  });
  return { settings: toSettings(found.settings), request: found.request === undefined ? null : requestRecord.parse(found.request), setup: toSetup(found.setup) };
}

type Wanted = Record<string, { entityName: string; key: string }>;

/** One batch get; each name answers its stored value, or undefined when the key does not exist. */
async function batchRead<W extends Wanted>(wanted: W): Promise<{ [K in keyof W]: unknown }> {
  let result;
  try {
    result = await kvs.batchGet<unknown>(Object.values(wanted));
  } catch (error) {
    throw storageError(error, '');
  }
  // A key that does not exist is a failed item with KEY_NOT_FOUND (a batch answers each item on its own): absent.
  if (result.failedKeys.some((f) => f.error.code !== 'KEY_NOT_FOUND')) throw new AppError('STORAGE_UNAVAILABLE', 'App storage did not answer. Try again in a moment.');
  const valueOf = (item: { key: string; entityName: string }) => result.successfulKeys.find((k) => k.key === item.key && (k.entityName === undefined || k.entityName === item.entityName))?.value;
  return Object.fromEntries(Object.entries(wanted).map(([name, item]) => [name, valueOf(item)])) as { [K in keyof W]: unknown };
}

function toSettings(stored: unknown): Settings {
  if (stored === undefined) return { sowThresholdHours: DEFAULT_SOW_THRESHOLD_HOURS, siteLocale: DEFAULT_LOCALE, version: 0, updatedAt: null, updatedBy: null };
  const s = settingsRecord.parse(stored);
  return { sowThresholdHours: s.sowThresholdHours, siteLocale: s.siteLocale, version: s.version, updatedAt: s.updatedAt, updatedBy: s.updatedBy };
}

function toSetup(stored: unknown): StoredSetup {
  if (stored === undefined) return EMPTY_SETUP;
  const d = deliverySetupRecord.parse(stored);
  return { rules: d.rules, teams: d.teams, version: d.version, updatedAt: d.updatedAt, updatedBy: d.updatedBy, fieldIds: d.fieldIds };
}
