import { randomUUID } from 'node:crypto';
import kvs from '@forge/kvs';
import type { DeliverySetup, DeliveryTeamInput, RoutingRule } from '../shared/delivery';
import { AppError } from '../shared/errors';
import { DEFAULT_LOCALE } from '../shared/locales';
import { DEFAULT_SOW_THRESHOLD_HOURS, type Settings } from '../shared/settings';
import { deliverySetupRecord, requestRecord, teamStateRecord, type DeliverySetupRecord, type JiraFieldIds, type RequestRecord } from './delivery-records';
import { DELIVERY_ENTITIES, deliveryKeys, ENTITIES, keys } from './keys';
import { settingsRecord } from './records';
import { storageError, writeVersioned } from './versioned-write';
import type { TeamState } from '../domain/consultant-choice';

/**
 * The delivery set-up: routing rules, teams and the Jira field ids the app reads, in one record (every routed event
 * reads all of it: one KVS read). Admin edits are versioned like every other record.
 */
export type StoredSetup = DeliverySetup & { fieldIds: JiraFieldIds | null };

const EMPTY: StoredSetup = { rules: [], teams: [], version: 0, updatedAt: null, updatedBy: null, fieldIds: null };
const STALE = 'The routing set-up was changed by someone else meanwhile. Reload to see their change, then try again.';

function fromRecord(record: DeliverySetupRecord): StoredSetup {
  return { rules: record.rules, teams: record.teams, version: record.version, updatedAt: record.updatedAt, updatedBy: record.updatedBy, fieldIds: record.fieldIds };
}

export async function readSetup(): Promise<StoredSetup> {
  try {
    const stored = await kvs.entity<DeliverySetupRecord>(DELIVERY_ENTITIES.setup).get(deliveryKeys.setup());
    return stored === undefined ? EMPTY : fromRecord(deliverySetupRecord.parse(stored));
  } catch (error) {
    throw storageError(error, '');
  }
}

/**
 * What a routed event needs from storage, in ONE batch read: the request record (routed already?), the set-up and
 * the settings (site language).
 */
export async function readRoutingInputs(issueId: string): Promise<{ request: RequestRecord | null; setup: StoredSetup; settings: Pick<Settings, 'siteLocale' | 'sowThresholdHours'> }> {
  let result;
  try {
    result = await kvs.batchGet<unknown>([
      { entityName: DELIVERY_ENTITIES.request, key: deliveryKeys.request(issueId) },
      { entityName: DELIVERY_ENTITIES.setup, key: deliveryKeys.setup() },
      { entityName: ENTITIES.settings, key: keys.settings() },
    ]);
  } catch (error) {
    throw storageError(error, '');
  }
  // A key that is not there comes back as KEY_NOT_FOUND among the failed keys: that is an answer, not a failure.
  if (result.failedKeys.some((f) => f.error.code !== 'KEY_NOT_FOUND')) throw new AppError('STORAGE_UNAVAILABLE', 'App storage did not answer. Nothing was saved; try again in a moment.');
  const found = (key: string) => result.successfulKeys.find((k) => k.key === key)?.value;
  const request = found(deliveryKeys.request(issueId));
  const setup = found(deliveryKeys.setup());
  const settings = found(keys.settings());
  const parsedSettings = settings === undefined ? null : settingsRecord.parse(settings);
  return {
    request: request === undefined ? null : requestRecord.parse(request),
    setup: setup === undefined ? EMPTY : fromRecord(deliverySetupRecord.parse(setup)),
    settings: { siteLocale: parsedSettings?.siteLocale ?? DEFAULT_LOCALE, sowThresholdHours: parsedSettings?.sowThresholdHours ?? DEFAULT_SOW_THRESHOLD_HOURS },
  };
}

/**
 * The set-up at the version the admin read, or CONFLICT before anything else is checked: a page showing an older
 * set-up (a team since removed, a rule since added) must reload rather than be told about someone else's change.
 */
async function readSetupAt(expectedVersion: number): Promise<StoredSetup> {
  const before = await readSetup();
  if (before.version !== expectedVersion) throw new AppError('CONFLICT', STALE);
  return before;
}

async function write(before: StoredSetup, after: Omit<DeliverySetupRecord, 'schemaVersion' | 'version' | 'updatedAt' | 'updatedBy'>, expectedVersion: number, actor: string, action: string, audit: { before: unknown; after: unknown }): Promise<StoredSetup> {
  if (before.version !== expectedVersion) throw new AppError('CONFLICT', STALE);
  const record = deliverySetupRecord.parse({ schemaVersion: 1, version: expectedVersion + 1, ...after, updatedAt: new Date().toISOString(), updatedBy: actor });
  try {
    await writeVersioned({ entityName: DELIVERY_ENTITIES.setup, key: deliveryKeys.setup(), record, expectedVersion, audit: { subject: 'delivery-setup', actor, action, ...audit } });
  } catch (error) {
    throw storageError(error, STALE);
  }
  return fromRecord(record);
}

/** Replaces the ordered list of rules. Every rule must route to an existing team. */
export async function saveRules(rules: RoutingRule[], expectedVersion: number, actor: string): Promise<StoredSetup> {
  const before = await readSetupAt(expectedVersion);
  const teamIds = new Set(before.teams.map((t) => t.id));
  const issues = rules.flatMap((r, i) => (teamIds.has(r.teamId) ? [] : [{ path: `rules.${i}.teamId`, message: 'No such team' }]));
  if (issues.length > 0) throw new AppError('INVALID_INPUT', 'A rule routes to a team that does not exist.', issues);
  return write(before, { rules, teams: before.teams, fieldIds: before.fieldIds }, expectedVersion, actor, 'routing.rules-saved', { before: before.rules, after: rules });
}

/** Creates (id null) or replaces a team. */
export async function saveTeam(id: string | null, team: DeliveryTeamInput, expectedVersion: number, actor: string): Promise<{ setup: StoredSetup; teamId: string }> {
  const before = await readSetupAt(expectedVersion);
  const existing = id === null ? null : before.teams.find((t) => t.id === id);
  if (id !== null && !existing) throw new AppError('NOT_FOUND', 'This team no longer exists. Reload the page.');
  const teamId = id ?? newTeamId(team.name);
  const teams = id === null ? [...before.teams, { id: teamId, ...team }] : before.teams.map((t) => (t.id === id ? { id, ...team } : t));
  const setup = await write(before, { rules: before.rules, teams, fieldIds: before.fieldIds }, expectedVersion, actor, id === null ? 'team.created' : 'team.updated', { before: existing ?? null, after: { id: teamId, ...team } });
  return { setup, teamId };
}

export async function removeTeam(id: string, expectedVersion: number, actor: string): Promise<StoredSetup> {
  const before = await readSetupAt(expectedVersion);
  const team = before.teams.find((t) => t.id === id);
  if (!team) throw new AppError('NOT_FOUND', 'This team no longer exists. Reload the page.');
  const usedBy = before.rules.filter((r) => r.teamId === id).map((r) => r.name);
  if (usedBy.length > 0) {
    throw new AppError('INVALID_INPUT', `Rules still route to this team: ${usedBy.join(', ')}. Change them first.`, [{ path: 'id', message: 'Rules still route to this team' }]);
  }
  return write(before, { rules: before.rules, teams: before.teams.filter((t) => t.id !== id), fieldIds: before.fieldIds }, expectedVersion, actor, 'team.removed', { before: team, after: null });
}

/** Keeps the Jira field ids the app found by name (install, upgrade, admin page); no version bump for admins to see. */
export async function saveFieldIds(fieldIds: JiraFieldIds, actor: string): Promise<void> {
  const before = await readSetup();
  if (JSON.stringify(before.fieldIds) === JSON.stringify(fieldIds)) return;
  await write(before, { rules: before.rules, teams: before.teams, fieldIds }, before.version, actor, 'routing.fields-found', { before: before.fieldIds, after: fieldIds });
}

function newTeamId(name: string): string {
  const slug = name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'team';
  return `${slug}-${randomUUID().slice(0, 6)}`;
}

// ---- a team's running state ------------------------------------------------------------------------------------------

export interface StoredTeamState extends TeamState {
  teamId: string;
  /** 0 when the team has no state yet. */
  version: number;
}

export async function readTeamState(teamId: string): Promise<StoredTeamState> {
  try {
    const stored = await kvs.entity<unknown>(DELIVERY_ENTITIES.teamState).get(deliveryKeys.teamState(teamId));
    if (stored === undefined) return { teamId, seq: 0, members: {}, triageTurns: {}, version: 0 };
    const record = teamStateRecord.parse(stored);
    return { teamId, seq: record.seq, members: record.members, triageTurns: record.triageTurns, version: record.version };
  } catch (error) {
    throw storageError(error, '');
  }
}

export function toTeamStateRecord(state: StoredTeamState) {
  return teamStateRecord.parse({ schemaVersion: 1, version: state.version + 1, teamId: state.teamId, seq: state.seq, members: state.members, triageTurns: state.triageTurns });
}
