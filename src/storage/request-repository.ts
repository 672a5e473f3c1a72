import { randomUUID } from 'node:crypto';
import kvs, { Filter, FilterConditions, Sort } from '@forge/kvs';
import type { ImplementationRequest } from '../shared/implementation';
import { AppError } from '../shared/errors';
import { endCustomerRecord, fromRequestRecord, requestRecord, toRequestRecord, type EndCustomerRecord, type RequestRecord } from './delivery-records';
import { toTeamStateRecord, type StoredTeamState } from './delivery-setup-repository';
import { DELIVERY_ENTITIES, deliveryKeys, ENTITIES, keys } from './keys';
import { auditRecord } from './records';
import { storageError } from './versioned-write';

/**
 * Implementation requests. Every write is one KVS transaction: the request conditional on the version it was read
 * at, the team's state when turns or loads move (conditional on its version too), the end customer's last
 * consultant, and the audit entry. Two people acting at once: one wins, the other gets CONFLICT.
 */
const STALE = 'This request was changed by someone else meanwhile. Reload to see the change, then try again.';

const versionIs = (version: number) => new Filter<{ version: number }>().and('version', FilterConditions.equalTo(version));
const absent = () => new Filter<{ version: number }>().and('version', FilterConditions.notExists());

export interface RequestChange {
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface RequestWrite {
  request: ImplementationRequest;
  routing: RequestRecord['routing'];
  /** The version read; 0 to create. */
  expectedVersion: number;
  teamState?: StoredTeamState;
  endCustomer?: Omit<EndCustomerRecord, 'schemaVersion'>;
  change: RequestChange;
}

export async function readRequest(issueId: string): Promise<RequestRecord | null> {
  try {
    const stored = await kvs.entity<RequestRecord>(DELIVERY_ENTITIES.request).get(deliveryKeys.request(issueId));
    return stored === undefined ? null : requestRecord.parse(stored);
  } catch (error) {
    throw storageError(error, '');
  }
}

/** Writes a request (and what moves with it) in one transaction; answers the stored record. */
export async function writeRequest(write: RequestWrite): Promise<RequestRecord> {
  const record = toRequestRecord({ ...write.request, version: write.expectedVersion + 1 }, write.routing);
  const at = new Date().toISOString();
  let tx = kvs
    .transact()
    .set(deliveryKeys.request(record.issueId), record, { entityName: DELIVERY_ENTITIES.request, conditions: write.expectedVersion === 0 ? absent() : versionIs(write.expectedVersion) });
  if (write.teamState) {
    const state = write.teamState;
    tx = tx.set(deliveryKeys.teamState(state.teamId), toTeamStateRecord(state), { entityName: DELIVERY_ENTITIES.teamState, conditions: state.version === 0 ? absent() : versionIs(state.version) });
  }
  if (write.endCustomer) {
    const ec = endCustomerRecord.parse({ schemaVersion: 1, ...write.endCustomer });
    tx = tx.set(deliveryKeys.endCustomer(ec.key), ec, { entityName: DELIVERY_ENTITIES.endCustomer });
  }
  const entry = auditRecord.parse({ schemaVersion: 1, at, subject: deliveryKeys.requestSubject(record.issueId), ...write.change });
  tx = tx.set(keys.audit(entry.subject, at, randomUUID().slice(0, 8)), entry, { entityName: ENTITIES.audit });
  try {
    await tx.execute();
  } catch (error) {
    throw storageError(error, STALE);
  }
  return record;
}

export async function readEndCustomer(key: string): Promise<EndCustomerRecord | null> {
  try {
    const stored = await kvs.entity<unknown>(DELIVERY_ENTITIES.endCustomer).get(deliveryKeys.endCustomer(key));
    return stored === undefined ? null : endCustomerRecord.parse(stored);
  } catch (error) {
    throw storageError(error, '');
  }
}

export interface RequestPage {
  requests: ImplementationRequest[];
  cursor: string | null;
}

type IndexName = 'by-team-stage' | 'by-consultant' | 'by-partner' | 'by-sow-state';

/** One page of an index (one KVS request): cost grows with the page, never with the site. */
async function page(index: IndexName, partition: string, cursor: string | null, limit: number, sort: Sort = Sort.ASC): Promise<RequestPage> {
  if (limit < 1 || limit > 100) throw new AppError('INVALID_INPUT', 'A page holds 1 to 100 requests.');
  try {
    let query = kvs.entity<RequestRecord>(DELIVERY_ENTITIES.request).query().index(index, { partition: [partition] }).sort(sort).limit(limit);
    if (cursor) query = query.cursor(cursor);
    const result = await query.getMany();
    return { requests: result.results.map((r) => fromRequestRecord(requestRecord.parse(r.value))), cursor: result.nextCursor ?? null };
  } catch (error) {
    throw storageError(error, '');
  }
}

/** A team's requests, earliest stage first (then oldest change first): the delivery board. */
export const pageTeamRequests = (teamId: string, cursor: string | null, limit: number) => page('by-team-stage', teamId, cursor, limit);
/** A consultant's requests, by stage. */
export const pageConsultantRequests = (accountId: string, cursor: string | null, limit: number) => page('by-consultant', accountId, cursor, limit);
/** A partner organisation's requests, newest change first. */
export const pagePartnerRequests = (organizationId: string, cursor: string | null, limit: number) => page('by-partner', organizationId, cursor, limit, Sort.DESC);
/** Requests under a signed SOW (month-end statements). */
export const pageSignedSowRequests = (cursor: string | null, limit: number) => page('by-sow-state', 'signed', cursor, limit);
