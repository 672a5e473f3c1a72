/**
 * The contract between the sandbox's Forge seam and its KVS engine.
 * The seam (sandbox/runtime/forge-fetch.ts) turns `__forge_fetch__({type:'kvs',…}, path, init)` into
 * `engine.handle(path, JSON.parse(init.body))` and the reply back into a `Response`; it also counts requests and
 * injects faults. The engine knows nothing of HTTP or of invocations.
 */

/** One custom entity as declared under `app.storage.entities` in manifest.yml. */
export interface EntityDefinition {
  name: string;
  attributes: Record<string, { type: 'string' | 'boolean' | 'float' | 'integer' | 'any' }>;
  /** Normalised: the manifest's string shorthand `- foo` becomes `{ name: 'foo', range: ['foo'] }`. */
  indexes: Array<{ name: string; range: string[]; partition?: string[] }>;
}

/** What the KVS service answers: an HTTP status and, unless 204, a JSON body. Errors are `{ code, message }`. */
export interface KvsReply {
  status: number;
  body?: unknown;
}

/** A JSON value as the KVS stores it (what survives `JSON.parse(JSON.stringify(x))`). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The metadata a caller may ask for on reads (`options.metadataFields`) and on set (`returnMetadataFields`). */
export type MetadataField = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';

/**
 * Forge's per-installation quotas (developer.atlassian.com/platform/forge/limits-kvs-ce): 1,000 requests a second and
 * 4,000 read and 4,000 write units a minute, a unit being a request (write) or answer (read) rounded up to 10 KB.
 */
export interface KvsRateLimits {
  requestsPerSecond: number;
  readUnitsPerMinute: number;
  writeUnitsPerMinute: number;
  unitBytes: number;
}

export const FORGE_KVS_RATE_LIMITS: KvsRateLimits = {
  requestsPerSecond: 1000,
  readUnitsPerMinute: 4000,
  writeUnitsPerMinute: 4000,
  unitBytes: 10 * 1024,
};

export interface KvsEngineOptions {
  entities: EntityDefinition[];
  /** The sandbox clock in epoch milliseconds: stamps createdAt/updatedAt and decides TTL expiry. */
  now: () => number;
  /**
   * Quotas to enforce with 429 RATE_LIMIT_EXCEEDED, counted on `now()`. Off unless given: in-process calls are far
   * faster than the network, so a seeding loop would trip Forge's numbers at once; the seam's fault injection already
   * covers 429s for resilience tests. Pass `FORGE_KVS_RATE_LIMITS` to emulate the quotas themselves.
   */
  rateLimits?: KvsRateLimits | false;
}
