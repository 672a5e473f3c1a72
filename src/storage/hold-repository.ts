import { randomUUID } from 'node:crypto';
import kvs, { Filter, FilterConditions } from '@forge/kvs';
import type { FinanceHold, FinanceHoldInput } from '../shared/delivery';
import { holdRecord, type HoldRecord } from './delivery-records';
import { DELIVERY_ENTITIES, deliveryKeys, ENTITIES, keys } from './keys';
import { auditRecord } from './records';
import { storageError } from './versioned-write';

/**
 * Finance holds: a partner organisation whose invoices are overdue. One record per organisation while the hold is on;
 * clearing deletes it. Every change has an audit entry (subject `hold.<organisationId>`).
 */
const toHold = (r: HoldRecord): FinanceHold => ({
  organizationId: r.organizationId,
  amount: r.amount,
  currency: r.currency,
  overdueSince: r.overdueSince,
  note: r.note,
  organizationName: r.organizationName,
  setAt: r.setAt,
  setBy: r.setBy,
});

export async function readHold(organizationId: string | null): Promise<FinanceHold | null> {
  if (organizationId === null) return null;
  try {
    const stored = await kvs.entity<HoldRecord>(DELIVERY_ENTITIES.hold).get(deliveryKeys.hold(organizationId));
    return stored === undefined ? null : toHold(holdRecord.parse(stored));
  } catch (error) {
    throw storageError(error, '');
  }
}

/** Every hold in force (one index query; a site has few). */
export async function listHolds(): Promise<FinanceHold[]> {
  try {
    const result = await kvs.entity<HoldRecord>(DELIVERY_ENTITIES.hold).query().index('by-list', { partition: ['holds'] }).limit(100).getMany();
    return result.results.map((r) => toHold(holdRecord.parse(r.value)));
  } catch (error) {
    throw storageError(error, '');
  }
}

export async function setHold(input: FinanceHoldInput, organizationName: string, actor: string): Promise<FinanceHold> {
  const before = await readHold(input.organizationId);
  const at = new Date().toISOString();
  const record = holdRecord.parse({ schemaVersion: 1, version: 1, ...input, organizationName, setAt: at, setBy: actor, listKey: 'holds' });
  await audited(
    kvs.transact().set(deliveryKeys.hold(input.organizationId), record, { entityName: DELIVERY_ENTITIES.hold }),
    input.organizationId,
    actor,
    before ? 'hold.updated' : 'hold.set',
    before,
    toHold(record),
    at,
  );
  return toHold(record);
}

/** Clears the hold; clearing one that is not there changes nothing (a double click, a retry). */
export async function clearHold(organizationId: string, actor: string): Promise<FinanceHold | null> {
  const before = await readHold(organizationId);
  if (!before) return null;
  const exists = new Filter<{ version: number }>().and('version', FilterConditions.exists());
  await audited(
    kvs.transact().delete(deliveryKeys.hold(organizationId), { entityName: DELIVERY_ENTITIES.hold, conditions: exists }),
    organizationId,
    actor,
    'hold.cleared',
    before,
    null,
    new Date().toISOString(),
  );
  return before;
}

async function audited(tx: ReturnType<typeof kvs.transact>, organizationId: string, actor: string, action: string, before: unknown, after: unknown, at: string): Promise<void> {
  const entry = auditRecord.parse({ schemaVersion: 1, subject: `hold.${organizationId}`, at, actor, action, before, after });
  try {
    await tx.set(keys.audit(entry.subject, at, randomUUID().slice(0, 8)), entry, { entityName: ENTITIES.audit }).execute();
  } catch (error) {
    throw storageError(error, 'The hold was changed by someone else meanwhile. Reload, then try again.');
  }
}
