import type { z } from 'zod';
import { invalid, KvsError } from './errors';
import { applyWrite, checkTargetKey, itemBody, prepareWrite, targetFor, type EngineContext } from './item-ops';
import { namespaceId } from './item-store';
import { REQUEST_MAX_BYTES, serialisedBytes } from './key-rules';
import type { batchDeleteBody, batchGetBody, batchSetBody } from './request-schemas';
import type { KvsReply } from './types';

export const BATCH_MAX_ITEMS = 25;

interface BatchTarget {
  key: string;
  entityName?: string | undefined;
}

interface BatchFailure {
  key: string;
  entityName?: string;
  error: { code: string; message: string };
}

function naming(item: BatchTarget): { key: string; entityName?: string } {
  return item.entityName === undefined ? { key: item.key } : { key: item.key, entityName: item.entityName };
}

/**
 * Whole-request rules (docs: "A batch operation will return an error and fail entirely if it doesn't contain any
 * requests or there are multiple requests for the same key or entity"), plus the 25-item and 4 MB ceilings.
 */
function checkBatch(items: readonly BatchTarget[]): void {
  if (items.length === 0) throw invalid('EMPTY_BATCH', 'A batch needs at least one item.');
  if (items.length > BATCH_MAX_ITEMS) throw invalid('BATCH_LIMIT_EXCEEDED', `A batch can hold at most ${BATCH_MAX_ITEMS} items, got ${items.length}.`);
  const bytes = serialisedBytes(items);
  if (bytes > REQUEST_MAX_BYTES) throw invalid('PAYLOAD_TOO_LARGE', `The batch is ${bytes} bytes; the maximum is ${REQUEST_MAX_BYTES}.`);
  const seen = new Set<string>();
  for (const item of items) {
    const id = `${item.entityName === undefined ? 'kvs' : `entity:${item.entityName}`}\u0000${item.key}`;
    if (seen.has(id)) throw invalid('DUPLICATE_BATCH_KEY', `The key '${item.key}'${item.entityName ? ` of '${item.entityName}'` : ''} appears twice in the batch.`);
    seen.add(id);
  }
}

/**
 * Runs each item on its own: batches are not atomic, so one item's refusal lands in failedKeys and the rest still
 * happen. Only a KvsError is an item failure; anything else is a bug and escapes.
 */
function eachItem<T extends BatchTarget>(items: readonly T[], run: (item: T) => Record<string, unknown>): KvsReply {
  const successfulKeys: Array<Record<string, unknown>> = [];
  const failedKeys: BatchFailure[] = [];
  for (const item of items) {
    try {
      successfulKeys.push(run(item));
    } catch (error) {
      if (!(error instanceof KvsError)) throw error;
      failedKeys.push({ ...naming(item), error: { code: error.code, message: error.message } });
    }
  }
  return { status: 200, body: { successfulKeys, failedKeys } };
}

export function batchSet(ctx: EngineContext, items: z.infer<typeof batchSetBody>): KvsReply {
  checkBatch(items);
  return eachItem(items, (item) => {
    applyWrite(ctx, prepareWrite(ctx, targetFor(ctx, item.entityName), item.key, item.value, item.options));
    return naming(item);
  });
}

/** Missing (or expired) keys fail with KEY_NOT_FOUND; found ones carry their value and the metadata asked for. */
export function batchGet(ctx: EngineContext, items: z.infer<typeof batchGetBody>): KvsReply {
  checkBatch(items);
  return eachItem(items, (item) => {
    const target = targetFor(ctx, item.entityName);
    checkTargetKey(target, item.key);
    const found = ctx.store.getLive(target.namespace, item.key, ctx.now());
    if (!found) throw new KvsError(404, 'KEY_NOT_FOUND', `Key '${item.key}' does not exist in ${namespaceId(target.namespace)}.`);
    const extra: Record<string, string> = item.entityName === undefined ? {} : { entityName: item.entityName };
    return itemBody(found, item.options?.metadataFields ?? [], extra);
  });
}

/** Deleting a key that is not there succeeds, as a batch write does in the stores Forge builds on. */
export function batchDelete(ctx: EngineContext, items: z.infer<typeof batchDeleteBody>): KvsReply {
  checkBatch(items);
  return eachItem(items, (item) => {
    const target = targetFor(ctx, item.entityName);
    checkTargetKey(target, item.key);
    ctx.store.remove(target.namespace, item.key, ctx.now());
    return naming(item);
  });
}
