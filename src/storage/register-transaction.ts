import { randomUUID } from 'node:crypto';
import kvs, { Filter, FilterConditions } from '@forge/kvs';
import { ENTITIES, keys } from './keys';
import { auditRecord, type AuditRecord } from './records';
import { storageError } from './versioned-write';

/**
 * One KVS transaction for a register change: the records it writes, each conditional on the version read (or on
 * not existing yet), the records it deletes, and its audit entries, all or nothing. It is versioned-write.ts's
 * pattern for changes that write more than one record (a register and its contact index, or a register and the
 * proposal that changed it).
 */
export type Condition = { kind: 'absent' } | { kind: 'version'; version: number };

export interface TxSet {
  entityName: string;
  key: string;
  value: unknown;
  condition?: Condition;
}

export interface TxDelete {
  entityName: string;
  key: string;
}

export type AuditInput = Omit<AuditRecord, 'schemaVersion' | 'at'>;

/** Forge's limit on the operations of one transaction. */
export const MAX_TRANSACTION_OPERATIONS = 25;

export const CONFLICT_MESSAGE = 'This was changed by someone else meanwhile. Reload to see their change, then try again.';

function filterOf(condition: Condition) {
  return condition.kind === 'absent'
    ? new Filter<{ version: number }>().and('version', FilterConditions.notExists())
    : new Filter<{ version: number }>().and('version', FilterConditions.equalTo(condition.version));
}

export async function commit(write: { sets: TxSet[]; deletes?: TxDelete[]; audits?: AuditInput[] }, conflictMessage = CONFLICT_MESSAGE): Promise<void> {
  const deletes = write.deletes ?? [];
  const audits = write.audits ?? [];
  const total = write.sets.length + deletes.length + audits.length;
  if (total > MAX_TRANSACTION_OPERATIONS) throw new Error(`A register transaction of ${total} operations exceeds Forge's ${MAX_TRANSACTION_OPERATIONS}.`);
  const at = new Date().toISOString();
  let transaction = kvs.transact();
  for (const set of write.sets) {
    transaction = transaction.set<{ version: number }>(set.key, set.value as { version: number }, { entityName: set.entityName, ...(set.condition ? { conditions: filterOf(set.condition) } : {}) });
  }
  for (const del of deletes) transaction = transaction.delete(del.key, { entityName: del.entityName });
  for (const audit of audits) {
    const entry = auditRecord.parse({ schemaVersion: 1, at, ...audit });
    transaction = transaction.set(keys.audit(audit.subject, at, randomUUID().slice(0, 8)), entry, { entityName: ENTITIES.audit });
  }
  try {
    await transaction.execute();
  } catch (error) {
    throw storageError(error, conflictMessage);
  }
}
