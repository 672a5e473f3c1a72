import { invalid } from './errors';

/** Forge's documented storage limits (developer.atlassian.com/platform/forge/limits-kvs-ce and the error pages). */
export const KEY_MAX_LENGTH = 500;
export const VALUE_MAX_BYTES = 240 * 1024;
export const VALUE_MAX_DEPTH = 31;
export const ENTITY_NAME_MIN_LENGTH = 3;
export const ENTITY_NAME_MAX_LENGTH = 60;
export const REQUEST_MAX_BYTES = 4 * 1024 * 1024;
/** Forge does not publish a TTL ceiling; a year keeps "forever" out of TTLs and mirrors common KV stores. */
export const TTL_MAX_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Forge documents keys as matching /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/. Inside a JavaScript character class (without
 * the `u` flag) a hyphen next to a class escape such as `\s` cannot start a range, so it is a literal '-': the
 * pattern means letters, digits, ':', '.', '_', whitespace, '-' and '#', and not whitespace alone. We write the
 * hyphen escaped so the pattern says exactly that and would also compile under the `u` flag.
 */
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

/** The Custom Entity Store's documented entity-name pattern (INVALID_ENTITY_TYPE). */
const ENTITY_NAME_PATTERN = /^(?![.-])(?!.*\.{2})[a-z0-9:\-.]*(?<!\.)$/;

/**
 * Which store a key belongs to matters only for the empty key: the KVS error table reports it as KEY_TOO_SHORT,
 * the Custom Entity Store table as EMPTY_KEY.
 */
export type KeyFlavour = 'kvs' | 'entity';

export function checkKey(key: string, flavour: KeyFlavour): void {
  if (key.length === 0) {
    throw flavour === 'entity' ? invalid('EMPTY_KEY', 'Key cannot be empty.') : invalid('KEY_TOO_SHORT', 'The provided key needs to be at least one character.');
  }
  if (key.length > KEY_MAX_LENGTH) {
    throw invalid('KEY_TOO_LONG', `The provided key has ${key.length} characters, more than the maximum of ${KEY_MAX_LENGTH}.`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw invalid('INVALID_KEY', `The provided key does not match the regex: ${KEY_PATTERN.source}`);
  }
}

export function checkEntityName(name: string): void {
  if (name.length < ENTITY_NAME_MIN_LENGTH) {
    throw invalid('ENTITY_TYPE_TOO_SHORT', `The entity name '${name}' is shorter than ${ENTITY_NAME_MIN_LENGTH} characters.`);
  }
  if (name.length > ENTITY_NAME_MAX_LENGTH) {
    throw invalid('ENTITY_TYPE_TOO_LARGE', `The entity name has ${name.length} characters, more than the maximum of ${ENTITY_NAME_MAX_LENGTH}.`);
  }
  if (!ENTITY_NAME_PATTERN.test(name)) {
    throw invalid('INVALID_ENTITY_TYPE', `The entity name '${name}' does not match the regex: ${ENTITY_NAME_PATTERN.source}`);
  }
}

/**
 * Nesting depth counted in containers: a scalar is 0, `{}` or `[]` is 1, `{a:{}}` is 2. Stops descending once the
 * limit is passed, so a hostile value costs no more than the limit.
 */
export function jsonDepth(value: unknown, stopAbove = VALUE_MAX_DEPTH): number {
  if (value === null || typeof value !== 'object') return 0;
  if (stopAbove < 0) return 1;
  let deepest = 0;
  for (const child of Object.values(value as Record<string, unknown>)) {
    deepest = Math.max(deepest, jsonDepth(child, stopAbove - 1));
    if (deepest > stopAbove) break;
  }
  return 1 + deepest;
}

export function serialisedBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * Size and depth limits for a stored value. Depth: the docs give "the maximum object depth (32)"; we read that as 32
 * levels counting the leaf values, i.e. at most 31 nested objects/arrays, so a 32nd nested container is refused.
 */
export function checkValueLimits(value: unknown): void {
  const bytes = serialisedBytes(value);
  if (bytes > VALUE_MAX_BYTES) {
    throw invalid('MAX_SIZE', `The provided value is ${bytes} bytes serialised, more than the maximum of ${VALUE_MAX_BYTES}.`);
  }
  const depth = jsonDepth(value);
  if (depth > VALUE_MAX_DEPTH) {
    throw invalid('MAX_DEPTH', `The provided value is nested more than ${VALUE_MAX_DEPTH} levels deep.`);
  }
}

export type TtlUnit = 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS';

const TTL_UNIT_MS: Record<TtlUnit, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

/** A TTL must be a whole, positive number of its unit and at most TTL_MAX_MS in total. */
export function ttlToMillis(ttl: { value: number; unit: TtlUnit }): number {
  if (!Number.isInteger(ttl.value) || ttl.value < 1) {
    throw invalid('INVALID_TTL', `The TTL value must be a positive whole number of ${ttl.unit}, got ${ttl.value}.`);
  }
  const ms = ttl.value * TTL_UNIT_MS[ttl.unit];
  if (ms > TTL_MAX_MS) {
    throw invalid('INVALID_TTL', `The TTL of ${ttl.value} ${ttl.unit} is longer than the maximum of 365 days.`);
  }
  return ms;
}
