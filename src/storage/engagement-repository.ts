import { randomUUID } from 'node:crypto';
import kvs, { Filter, FilterConditions, Sort } from '@forge/kvs';
import { newEngagement, type EngagementState } from '../domain/engagement-state';
import { AppError } from '../shared/errors';
import { ENGAGEMENT_LIMITS, type EngagementItem, type HistoryPage } from '../shared/engagement';
import {
  engagementItemRecord,
  MAX_ENGAGEMENT_BYTES,
  parseStoredEngagement,
  toEngagementRecord,
  toItemRecord,
  type EngagementItemRecord,
  type EngagementRecordV2,
  type StoredEngagement,
} from './engagement-records';
import { ENTITIES, keys } from './keys';
import { auditRecord, type AuditRecord } from './records';
import { storageError } from './versioned-write';

/**
 * The engagement of an issue and its items. Every write is one KVS transaction that holds the changed record(s),
 * each conditional on the version the change was computed from, and the audit entry saying who changed what from
 * what to what: two people saving at once, one wins and the other gets CONFLICT with nothing half-written.
 *
 * KVS requests: reading the engagement is one get; its items one index query (a page, newest first); its history
 * one index query on the audit entity. Writes are one transaction each.
 */

export type { StoredEngagement } from './engagement-records';

type TransactionBuilder = ReturnType<typeof kvs.transact>;

export interface AuditChange {
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

const STALE = 'This engagement was changed by someone else meanwhile. Reload to see their change, then try again.';
const STALE_ITEM = 'This was changed by someone else meanwhile. Reload to see their change, then try again.';

const versionIs = (version: number) => new Filter<{ version: number }>().and('version', FilterConditions.equalTo(version));
const absent = () => new Filter<{ version: number }>().and('version', FilterConditions.notExists());

export async function readEngagement(issueId: string): Promise<StoredEngagement | null> {
  let stored: unknown;
  try {
    stored = await kvs.entity<EngagementRecordV2>(ENTITIES.engagement).get(keys.engagement(issueId));
  } catch (error) {
    throw storageError(error, '');
  }
  return stored === undefined ? null : parseStoredEngagement(stored);
}

/** Starts the issue's engagement; a second start (a double click, a retry) meets CONFLICT and changes nothing. */
export async function startEngagement(issueId: string, title: string, actor: string): Promise<StoredEngagement> {
  const state = newEngagement(issueId, title, actor, new Date().toISOString());
  const record = toEngagementRecord(state, 1);
  await execute(
    kvs.transact().set(keys.engagement(issueId), record, { entityName: ENTITIES.engagement, conditions: absent() }),
    issueId,
    { actor, action: 'engagement.start', before: null, after: { title } },
    'This issue’s engagement was started by someone else meanwhile. Reload to see it.',
  );
  return { state, version: 1, schemaVersion: 2 };
}

/** Saves a changed engagement over the version it was computed from. */
export async function saveEngagement(current: StoredEngagement, next: EngagementState, audit: AuditChange): Promise<StoredEngagement> {
  const version = current.version + 1;
  const record = checkedRecord(next, version);
  await execute(
    kvs.transact().set(keys.engagement(next.issueId), record, { entityName: ENTITIES.engagement, conditions: versionIs(current.version) }),
    next.issueId,
    audit,
    STALE,
  );
  return { state: next, version, schemaVersion: 2 };
}

/** One page of the engagement's items, newest first. */
export async function readItems(issueId: string, cursor?: string): Promise<{ items: EngagementItem[]; cursor: string | null }> {
  try {
    let query = kvs
      .entity<EngagementItemRecord>(ENTITIES.engagementItem)
      .query()
      .index('by-engagement', { partition: [issueId] })
      .sort(Sort.DESC)
      .limit(ENGAGEMENT_LIMITS.itemsPerPage);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    return { items: page.results.map((r) => engagementItemRecord.parse(r.value).item), cursor: page.nextCursor ?? null };
  } catch (error) {
    throw storageError(error, '');
  }
}

export async function readItem(issueId: string, itemId: string): Promise<EngagementItem | null> {
  let stored: unknown;
  try {
    stored = await kvs.entity<EngagementItemRecord>(ENTITIES.engagementItem).get(keys.engagementItem(issueId, itemId));
  } catch (error) {
    throw storageError(error, '');
  }
  if (stored === undefined) return null;
  const record = engagementItemRecord.parse(stored);
  // The key already ties the item to the issue; the record says so too.
  return record.issueId === issueId ? record.item : null;
}

/**
 * Adds an item, conditional on the engagement still being at the version the user saw (the roles that route it, the
 * milestone it belongs to). The engagement itself is not rewritten: adding an item does not move its version.
 */
export async function addItem(issueId: string, engagementVersion: number, item: EngagementItem, audit: AuditChange): Promise<void> {
  await execute(
    kvs
      .transact()
      .set(keys.engagementItem(issueId, item.id), toItemRecord(issueId, item), { entityName: ENTITIES.engagementItem, conditions: absent() })
      .check(keys.engagement(issueId), { entityName: ENTITIES.engagement, conditions: versionIs(engagementVersion) }),
    issueId,
    audit,
    'This was already saved, or the engagement was changed by someone else meanwhile. Reload to see it, then try again.',
  );
}

/**
 * Saves a changed item over the version it was computed from; when the change also changes the engagement (an
 * approved budget or schedule change), both are written in the same transaction, each conditional on its version.
 */
export async function saveItem(
  issueId: string,
  previousVersion: number,
  item: EngagementItem,
  audit: AuditChange,
  engagement?: { current: StoredEngagement; next: EngagementState },
): Promise<StoredEngagement | null> {
  let tx = kvs
    .transact()
    .set(keys.engagementItem(issueId, item.id), toItemRecord(issueId, item), { entityName: ENTITIES.engagementItem, conditions: versionIs(previousVersion) });
  let saved: StoredEngagement | null = null;
  if (engagement) {
    const version = engagement.current.version + 1;
    tx = tx.set(keys.engagement(issueId), checkedRecord(engagement.next, version), { entityName: ENTITIES.engagement, conditions: versionIs(engagement.current.version) });
    saved = { state: engagement.next, version, schemaVersion: 2 };
  }
  await execute(tx, issueId, audit, STALE_ITEM);
  return saved;
}

/** The engagement's history, newest first, a page at a time (the audit entity's `by-subject` index). */
export async function readHistory(issueId: string, cursor?: string): Promise<HistoryPage> {
  try {
    let query = kvs
      .entity<AuditRecord>(ENTITIES.audit)
      .query()
      .index('by-subject', { partition: [keys.engagementSubject(issueId)] })
      .sort(Sort.DESC)
      .limit(ENGAGEMENT_LIMITS.historyPerPage);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    const entries = page.results.map((r) => {
      const entry = auditRecord.parse(r.value);
      return { at: entry.at, actor: entry.actor, action: entry.action, before: entry.before, after: entry.after };
    });
    return { entries, cursor: page.nextCursor ?? null };
  } catch (error) {
    throw storageError(error, '');
  }
}

// ---- migration (schema 1 → 2) ---------------------------------------------------------------------------------------

/** One page of the issue ids of engagements still stored at `schemaVersion`. */
export async function engagementsAtSchema(schemaVersion: number, cursor?: string): Promise<{ issueIds: string[]; cursor: string | null }> {
  let query = kvs.entity<{ issueId: string }>(ENTITIES.engagement).query().index('by-schema-version', { partition: [schemaVersion] }).limit(100);
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany();
  return { issueIds: page.results.map((r) => r.value.issueId), cursor: page.nextCursor ?? null };
}

/**
 * Rewrites one engagement at schema 2, keeping its version (nothing a user sees changed, so nobody's open panel
 * becomes stale) and conditional on it (a user's save in between wins; the record is then schema 2 already).
 * Answers whether it wrote. Not audited: no person changed anything.
 */
export async function rewriteAtCurrentSchema(issueId: string): Promise<boolean> {
  const current = await readEngagement(issueId);
  if (!current || current.schemaVersion === 2) return false;
  try {
    await kvs
      .transact()
      .set(keys.engagement(issueId), toEngagementRecord(current.state, current.version), {
        entityName: ENTITIES.engagement,
        conditions: new Filter<{ version: number; schemaVersion: number }>().and('version', FilterConditions.equalTo(current.version)).and('schemaVersion', FilterConditions.equalTo(1)),
      })
      .execute();
    return true;
  } catch (error) {
    const mapped = storageError(error, 'changed meanwhile');
    if (mapped.code === 'CONFLICT') return false;
    throw mapped;
  }
}

// ---- helpers --------------------------------------------------------------------------------------------------------

function checkedRecord(state: EngagementState, version: number): EngagementRecordV2 {
  const record = toEngagementRecord(state, version);
  if (new TextEncoder().encode(JSON.stringify(record)).length > MAX_ENGAGEMENT_BYTES) {
    throw new AppError('INVALID_INPUT', 'This engagement is too large to save. Remove documents or shorten notes, then try again.');
  }
  return record;
}

async function execute(tx: TransactionBuilder, issueId: string, audit: AuditChange, conflictMessage: string): Promise<void> {
  const at = new Date().toISOString();
  const subject = keys.engagementSubject(issueId);
  const entry = auditRecord.parse({ schemaVersion: 1, subject, at, actor: audit.actor, action: audit.action, before: audit.before ?? null, after: audit.after ?? null });
  try {
    await tx.set(keys.audit(subject, at, randomUUID().slice(0, 8)), entry, { entityName: ENTITIES.audit }).execute();
  } catch (error) {
    throw storageError(error, conflictMessage);
  }
}
