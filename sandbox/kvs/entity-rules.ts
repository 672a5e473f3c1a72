import { invalid, KvsError } from './errors';
import { checkEntityName } from './key-rules';
import type { EntityDefinition, JsonValue } from './types';

type AttributeType = EntityDefinition['attributes'][string]['type'];
export type EntityIndex = EntityDefinition['indexes'][number];
export type JsonObject = { [key: string]: JsonValue };

/** What one index knows of one entity: its partition (canonical JSON of the values) and its sort value. */
export interface IndexEntry {
  indexName: string;
  partition: string;
  range: string | number;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
/**
 * The Custom Entity Store documents floats as "0, or within the range limits (both inclusive)" with 38 digits of
 * precision; those are DynamoDB's number bounds, which we use for the magnitude.
 */
const FLOAT_MIN_MAGNITUDE = 1e-130;
const FLOAT_MAX_MAGNITUDE = 1e126; // the largest double below DynamoDB's 9.99…e125 bound rounds to this

/** Looks an entity up by name after checking the name itself, so a malformed name gets its documented code. */
export function resolveEntity(entities: ReadonlyMap<string, EntityDefinition>, name: string): EntityDefinition {
  checkEntityName(name);
  const definition = entities.get(name);
  if (!definition) {
    throw new KvsError(400, 'ENTITY_NOT_DEFINED', `The entity '${name}' is not declared under app.storage.entities in the manifest.`);
  }
  return definition;
}

export function findIndex(definition: EntityDefinition, indexName: string): EntityIndex {
  const index = definition.indexes.find((candidate) => candidate.name === indexName);
  if (!index) {
    throw invalid('INVALID_ENTITY_INDEX', `The entity '${definition.name}' has no index named '${indexName}'.`);
  }
  return index;
}

function matchesType(type: AttributeType, value: JsonValue): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      const magnitude = Math.abs(value);
      return magnitude === 0 || (magnitude >= FLOAT_MIN_MAGNITUDE && magnitude <= FLOAT_MAX_MAGNITUDE);
    }
  }
}

/**
 * An entity value is an object whose attributes are all declared and of their declared type. Undeclared attributes
 * are refused rather than stored: an app that relies on them here would lose them (or fail) on Forge.
 */
export function checkEntityValue(definition: EntityDefinition, value: JsonValue): asserts value is JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid('INVALID_ENTITY_VALUE', `A '${definition.name}' value must be an object of its declared attributes.`);
  }
  for (const [attribute, attributeValue] of Object.entries(value)) {
    const declared = definition.attributes[attribute];
    if (!declared) {
      throw invalid('INVALID_ENTITY_VALUE', `The attribute '${attribute}' is not declared for the entity '${definition.name}'.`);
    }
    if (!matchesType(declared.type, attributeValue)) {
      throw invalid(
        'INVALID_ENTITY_VALUE',
        `The attribute '${attribute}' of '${definition.name}' must be of type ${declared.type}, got ${JSON.stringify(attributeValue)}.`,
      );
    }
  }
}

/** Index keys must be scalars; SQLite cannot bind booleans, so they sort as 0/1 like they compare in JSON engines. */
export function toIndexScalar(value: unknown): string | number | undefined {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

/** Canonical form of partition values, shared by writes and queries so that equal values meet. */
export function partitionKey(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

/**
 * The index rows of one entity value. An entity missing (or holding a non-scalar in) any of an index's partition or
 * range attributes is simply not in that index. Forge indexes have a single range attribute; we use the first.
 */
export function indexEntriesFor(definition: EntityDefinition, value: JsonObject): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const index of definition.indexes) {
    const rangeAttribute = index.range[0];
    if (rangeAttribute === undefined) continue;
    const range = toIndexScalar(value[rangeAttribute]);
    const partitionValues = (index.partition ?? []).map((attribute) => value[attribute]);
    const partitionComplete = partitionValues.every((partValue) => toIndexScalar(partValue) !== undefined);
    if (range === undefined || !partitionComplete) continue;
    entries.push({ indexName: index.name, partition: partitionKey(partitionValues), range });
  }
  return entries;
}
