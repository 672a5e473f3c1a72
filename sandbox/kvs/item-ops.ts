import { checkEntityValue, indexEntriesFor, resolveEntity, type IndexEntry } from './entity-rules';
import type { ItemStore, Namespace, StoredItem } from './item-store';
import { checkKey, checkValueLimits, ttlToMillis } from './key-rules';
import type { WriteOptions } from './request-schemas';
import type { EntityDefinition, JsonValue, MetadataField } from './types';

/** What every operation module needs from the engine. */
export interface EngineContext {
  store: ItemStore;
  entities: ReadonlyMap<string, EntityDefinition>;
  now: () => number;
}

/** Where a request points: plain keys, secrets, or one declared entity. */
export interface Target {
  namespace: Namespace;
  definition?: EntityDefinition;
}

export const PLAIN: Target = { namespace: { kind: 'kvs' } };
export const SECRET: Target = { namespace: { kind: 'secret' } };

/** A batch or transaction item names an entity or nothing (a plain key); the entity must be declared. */
export function targetFor(ctx: EngineContext, entityName: string | undefined): Target {
  if (entityName === undefined) return PLAIN;
  const definition = resolveEntity(ctx.entities, entityName);
  return { namespace: { kind: 'entity', entityName }, definition };
}

export function checkTargetKey(target: Target, key: string): void {
  checkKey(key, target.namespace.kind === 'entity' ? 'entity' : 'kvs');
}

/** A fully validated write, ready to apply inside whatever transaction the caller holds. */
export interface PreparedWrite {
  target: Target;
  key: string;
  value: JsonValue;
  expireAt: number | null;
  entries: IndexEntry[];
}

/** Checks key, value limits, entity typing and TTL up front, so applying the write cannot fail half-way. */
export function prepareWrite(ctx: EngineContext, target: Target, key: string, value: unknown, options: WriteOptions | undefined): PreparedWrite {
  checkTargetKey(target, key);
  checkValueLimits(value);
  const json = value as JsonValue;
  let entries: IndexEntry[] = [];
  if (target.definition) {
    checkEntityValue(target.definition, json);
    entries = indexEntriesFor(target.definition, json);
  }
  const expireAt = options?.ttl ? ctx.now() + ttlToMillis(options.ttl) : null;
  return { target, key, value: json, expireAt, entries };
}

export function applyWrite(ctx: EngineContext, write: PreparedWrite): StoredItem {
  return ctx.store.put(write.target.namespace, write.key, write.value, ctx.now(), write.expireAt, write.entries);
}

/**
 * createdAt/updatedAt leave the service as Unix seconds: that is what the @forge/kvs SDK's own fixtures carry
 * (1718236800). expireTime is an ISO-8601 string, as in the REST reference. Inside, everything is milliseconds.
 */
export function toApiTimestamp(ms: number): number {
  return Math.floor(ms / 1000);
}

const ALL_METADATA: readonly MetadataField[] = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];

/**
 * The wire form of an item. Get and set return every field (the SDK keeps only those asked for); queries and batch
 * get pass results straight through the SDK, so there only the asked-for metadata is included.
 */
export function itemBody(item: StoredItem, fields: readonly MetadataField[] = ALL_METADATA, extra: Record<string, string> = {}): Record<string, unknown> {
  return {
    key: item.key,
    value: item.value,
    ...extra,
    ...(fields.includes('CREATED_AT') ? { createdAt: toApiTimestamp(item.createdAt) } : {}),
    ...(fields.includes('UPDATED_AT') ? { updatedAt: toApiTimestamp(item.updatedAt) } : {}),
    ...(fields.includes('EXPIRE_TIME') && item.expireAt !== null ? { expireTime: new Date(item.expireAt).toISOString() } : {}),
  };
}
