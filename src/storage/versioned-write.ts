import { randomUUID } from 'node:crypto';
import kvs, { Filter, FilterConditions, ForgeKvsAPIError } from '@forge/kvs';
import { AppError } from '../shared/errors';
import { ENTITIES, keys } from './keys';
import { auditRecord, type AuditRecord } from './records';

interface VersionedWrite<T extends { version: number }> {
  entityName: string;
  key: string;
  record: T;
  /** The version the caller read; 0 when the record must not exist yet. */
  expectedVersion: number;
  audit: Omit<AuditRecord, 'schemaVersion' | 'at'>;
}

/**
 * Writes a record and its audit entry in one KVS transaction, conditional on the stored version still being the one
 * the user read. Two people saving at once: one wins, the other gets CONFLICT and nothing of theirs is half-written.
 */
export async function writeVersioned<T extends { version: number }>(write: VersionedWrite<T>): Promise<void> {
  const at = new Date().toISOString();
  const entry = auditRecord.parse({ schemaVersion: 1, at, ...write.audit });
  const condition =
    write.expectedVersion === 0
      ? new Filter<{ version: number }>().and('version', FilterConditions.notExists())
      : new Filter<{ version: number }>().and('version', FilterConditions.equalTo(write.expectedVersion));
  try {
    await kvs
      .transact()
      .set(write.key, write.record, { entityName: write.entityName, conditions: condition })
      .set(keys.audit(write.audit.subject, at, randomUUID().slice(0, 8)), entry, { entityName: ENTITIES.audit })
      .execute();
  } catch (error) {
    throw storageError(error, 'This was changed by someone else meanwhile. Reload to see their change, then try again.');
  }
}

/** Maps a KVS failure to an app error: a failed condition is a conflict; anything else, storage trouble. */
export function storageError(error: unknown, conflictMessage: string): AppError {
  if (error instanceof ForgeKvsAPIError && error.responseDetails.status === 409) return new AppError('CONFLICT', conflictMessage);
  if (error instanceof AppError) return error;
  return new AppError('STORAGE_UNAVAILABLE', 'App storage did not answer. Nothing was saved; try again in a moment.');
}
