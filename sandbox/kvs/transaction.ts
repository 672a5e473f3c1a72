import type { z } from 'zod';
import { groupHolds, parseGroup, type ClauseGroup } from './conditions';
import { invalid, KvsError } from './errors';
import { applyWrite, checkTargetKey, prepareWrite, targetFor, type EngineContext, type PreparedWrite, type Target } from './item-ops';
import { namespaceId } from './item-store';
import { REQUEST_MAX_BYTES, serialisedBytes } from './key-rules';
import type { Conditions, transactionBody } from './request-schemas';
import type { KvsReply } from './types';

export const TRANSACTION_MAX_OPERATIONS = 25;

type TransactionBody = z.infer<typeof transactionBody>;

/** One operation after validation: what it touches, what must hold first, and the write (if any) it makes. */
interface PlannedOperation {
  kind: 'set' | 'delete' | 'check';
  target: Target;
  key: string;
  conditions?: ClauseGroup;
  write?: PreparedWrite;
}

function parseConditions(raw: Conditions | undefined, where: string): ClauseGroup | undefined {
  return raw === undefined ? undefined : parseGroup(raw, where);
}

/**
 * Validates every operation before touching the store: counts (1..25), the 4 MB payload, one use per key and
 * namespace, keys, values, entity types and condition shapes. A bad operation refuses the whole transaction.
 */
function plan(ctx: EngineContext, body: TransactionBody): PlannedOperation[] {
  const sets = body.set ?? [];
  const deletes = body.delete ?? [];
  const checks = body.check ?? [];
  const total = sets.length + deletes.length + checks.length;
  if (total === 0) throw invalid('EMPTY_TRANSACTION', 'A transaction needs at least one set, delete or check.');
  if (total > TRANSACTION_MAX_OPERATIONS) {
    throw invalid('TRANSACTION_LIMIT_EXCEEDED', `A transaction can hold at most ${TRANSACTION_MAX_OPERATIONS} operations, got ${total}.`);
  }
  const bytes = serialisedBytes(body);
  if (bytes > REQUEST_MAX_BYTES) throw invalid('PAYLOAD_TOO_LARGE', `The transaction is ${bytes} bytes; the maximum is ${REQUEST_MAX_BYTES}.`);

  const operations: PlannedOperation[] = [
    ...sets.map((op, i): PlannedOperation => {
      const target = targetFor(ctx, op.entityName);
      const write = prepareWrite(ctx, target, op.key, op.value, op.options);
      return { kind: 'set', target, key: op.key, write, conditions: parseConditions(op.conditions, `set[${i}].conditions`) };
    }),
    ...deletes.map((op, i): PlannedOperation => {
      const target = targetFor(ctx, op.entityName);
      checkTargetKey(target, op.key);
      return { kind: 'delete', target, key: op.key, conditions: parseConditions(op.conditions, `delete[${i}].conditions`) };
    }),
    ...checks.map((op, i): PlannedOperation => {
      const target = targetFor(ctx, op.entityName);
      checkTargetKey(target, op.key);
      return { kind: 'check', target, key: op.key, conditions: parseGroup(op.conditions, `check[${i}].conditions`) };
    }),
  ];

  const seen = new Set<string>();
  for (const op of operations) {
    const id = `${namespaceId(op.target.namespace)}\u0000${op.key}`;
    if (seen.has(id)) throw invalid('DUPLICATE_TRANSACTION_KEY', `The key '${op.key}' is used more than once in the transaction (in ${namespaceId(op.target.namespace)}).`);
    seen.add(id);
  }
  return operations;
}

/**
 * All or nothing inside one SQLite transaction: every condition is tested against the item as stored now (a
 * missing or expired item has no attributes, so only NOT_EXISTS holds on it); if any fails, nothing is written and
 * the answer is 409 CONDITION_CHECK_FAILED naming the failed keys. Otherwise every set and delete is applied
 * (deleting a missing key is fine, per the docs). Answers 204.
 */
export function runTransaction(ctx: EngineContext, body: TransactionBody): KvsReply {
  const operations = plan(ctx, body);
  return ctx.store.atomically(() => {
    const failed = operations.filter((op) => {
      if (!op.conditions) return false;
      const current = ctx.store.getLive(op.target.namespace, op.key, ctx.now());
      return !groupHolds(op.conditions, current?.value);
    });
    if (failed.length > 0) {
      const failedKeys = failed.map((op) => ({ key: op.key, ...(op.target.namespace.kind === 'entity' ? { entityName: op.target.namespace.entityName } : {}), operation: op.kind }));
      throw new KvsError(409, 'CONDITION_CHECK_FAILED', `The transaction was not applied: the conditions on ${failed.map((op) => `'${op.key}'`).join(', ')} did not hold.`, {
        failedKeys,
      });
    }
    for (const op of operations) {
      if (op.write) applyWrite(ctx, op.write);
      else if (op.kind === 'delete') ctx.store.remove(op.target.namespace, op.key, ctx.now());
    }
    return { status: 204 };
  });
}
