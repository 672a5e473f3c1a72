import { clauseHolds, groupHolds, parseGroup, parseRange } from '../../sandbox/kvs/conditions';
import { checkEntityValue, indexEntriesFor } from '../../sandbox/kvs/entity-rules';
import { KvsError } from '../../sandbox/kvs/errors';
import { checkEntityName, checkKey, checkValueLimits, jsonDepth, ttlToMillis, VALUE_MAX_BYTES } from '../../sandbox/kvs/key-rules';
import type { EntityDefinition, JsonValue } from '../../sandbox/kvs/types';

/** The code a validator refuses with, or 'ok' when it accepts. */
function verdict(check: () => unknown): string {
  try {
    check();
    return 'ok';
  } catch (error) {
    if (error instanceof KvsError) return error.code;
    throw error;
  }
}

const nested = (levels: number): unknown => (levels === 0 ? 1 : [nested(levels - 1)]);

describe('checkKey', () => {
  it.each([
    ['a', 'kvs', 'ok'],
    ['k'.repeat(500), 'kvs', 'ok'],
    ['k'.repeat(501), 'kvs', 'KEY_TOO_LONG'],
    ['', 'kvs', 'KEY_TOO_SHORT'],
    ['', 'entity', 'EMPTY_KEY'],
    ['Az09:._-#', 'kvs', 'ok'],
    ['with space\tand tab', 'kvs', 'ok'],
    [' \t ', 'kvs', 'INVALID_KEY'],
    ['slash/', 'kvs', 'INVALID_KEY'],
    ['dollar$', 'kvs', 'INVALID_KEY'],
    ['café', 'kvs', 'INVALID_KEY'],
    // The documented `\s-#` is not a range: characters between them in code order ('!', '"', '$'…) stay invalid.
    ['bang!', 'kvs', 'INVALID_KEY'],
    ['quote"', 'kvs', 'INVALID_KEY'],
  ] as const)('%p in %s → %s', (key, flavour, expected) => {
    expect(verdict(() => checkKey(key, flavour))).toBe(expected);
  });

  it('answers 400 for key refusals', () => {
    const refusal = (() => {
      try {
        checkKey('', 'kvs');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(KvsError);
    expect((refusal as KvsError).status).toBe(400);
  });
});

describe('checkEntityName', () => {
  it.each([
    ['task', 'ok'],
    ['my-app:task.v2', 'ok'],
    ['ab', 'ENTITY_TYPE_TOO_SHORT'],
    ['a'.repeat(60), 'ok'],
    ['a'.repeat(61), 'ENTITY_TYPE_TOO_LARGE'],
    ['Task', 'INVALID_ENTITY_TYPE'],
    ['.task', 'INVALID_ENTITY_TYPE'],
    ['-task', 'INVALID_ENTITY_TYPE'],
    ['ta..sk', 'INVALID_ENTITY_TYPE'],
    ['task.', 'INVALID_ENTITY_TYPE'],
    ['task_1', 'INVALID_ENTITY_TYPE'],
  ])('%p → %s', (name, expected) => {
    expect(verdict(() => checkEntityName(name))).toBe(expected);
  });
});

describe('jsonDepth and checkValueLimits', () => {
  it('counts containers, not scalars', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth(null)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
    expect(jsonDepth(nested(31))).toBe(31);
  });

  it('stops descending past the limit, however deep the value', () => {
    expect(jsonDepth(nested(5000))).toBeGreaterThan(31);
  });

  it('accepts depth 31 and refuses 32 with MAX_DEPTH', () => {
    expect(verdict(() => checkValueLimits(nested(31)))).toBe('ok');
    expect(verdict(() => checkValueLimits(nested(32)))).toBe('MAX_DEPTH');
  });

  it('measures size as UTF-8 bytes of the JSON text', () => {
    expect(verdict(() => checkValueLimits('x'.repeat(VALUE_MAX_BYTES - 2)))).toBe('ok');
    expect(verdict(() => checkValueLimits('x'.repeat(VALUE_MAX_BYTES - 1)))).toBe('MAX_SIZE');
    // 'é' is two bytes in UTF-8, so half as many characters reach the limit.
    expect(verdict(() => checkValueLimits('é'.repeat(VALUE_MAX_BYTES / 2)))).toBe('MAX_SIZE');
  });
});

describe('ttlToMillis', () => {
  it('converts each unit', () => {
    expect(ttlToMillis({ value: 30, unit: 'SECONDS' })).toBe(30_000);
    expect(ttlToMillis({ value: 2, unit: 'MINUTES' })).toBe(120_000);
    expect(ttlToMillis({ value: 3, unit: 'HOURS' })).toBe(10_800_000);
    expect(ttlToMillis({ value: 365, unit: 'DAYS' })).toBe(365 * 86_400_000);
  });

  it.each([0, -1, 0.5, Number.NaN])('refuses %p with INVALID_TTL', (value) => {
    expect(verdict(() => ttlToMillis({ value, unit: 'SECONDS' }))).toBe('INVALID_TTL');
  });

  it('refuses more than 365 days', () => {
    expect(verdict(() => ttlToMillis({ value: 366, unit: 'DAYS' }))).toBe('INVALID_TTL');
  });
});

describe('entity values and index entries', () => {
  const definition: EntityDefinition = {
    name: 'task',
    attributes: { project: { type: 'string' }, rank: { type: 'integer' }, score: { type: 'float' }, open: { type: 'boolean' }, extra: { type: 'any' } },
    indexes: [
      { name: 'by-rank', partition: ['project'], range: ['rank'] },
      { name: 'open', range: ['open'] },
    ],
  };

  it.each([
    [{ project: 'p', rank: 1, score: 0, open: true, extra: { any: ['thing'] } }, 'ok'],
    [{ score: 1e-131 }, 'INVALID_ENTITY_VALUE'],
    [{ score: 2.5 }, 'ok'],
    [{ rank: -2_147_483_648 }, 'ok'],
    [{ rank: -2_147_483_649 }, 'INVALID_ENTITY_VALUE'],
    [{ open: 1 }, 'INVALID_ENTITY_VALUE'],
    [{ unknown: 1 }, 'INVALID_ENTITY_VALUE'],
    ['text', 'INVALID_ENTITY_VALUE'],
  ])('%p → %s', (value, expected) => {
    expect(verdict(() => checkEntityValue(definition, value as JsonValue))).toBe(expected);
  });

  it('indexes only entities holding every attribute of the index, booleans as 0/1', () => {
    expect(indexEntriesFor(definition, { project: 'p', rank: 3, open: true })).toEqual([
      { indexName: 'by-rank', partition: '["p"]', range: 3 },
      { indexName: 'open', partition: '[]', range: 1 },
    ]);
    expect(indexEntriesFor(definition, { rank: 3 })).toEqual([]);
  });
});

describe('conditions', () => {
  it('tests one clause against an attribute; a missing attribute only satisfies NOT_EXISTS', () => {
    expect(clauseHolds({ condition: 'BETWEEN', values: [1, 3] }, 3)).toBe(true);
    expect(clauseHolds({ condition: 'BETWEEN', values: [1, 3] }, '2')).toBe(false);
    expect(clauseHolds({ condition: 'BEGINS_WITH', values: ['ab'] }, 'abc')).toBe(true);
    expect(clauseHolds({ condition: 'CONTAINS', values: ['b'] }, ['a', 'b'])).toBe(true);
    expect(clauseHolds({ condition: 'NOT_CONTAINS', values: ['z'] }, 'abc')).toBe(true);
    expect(clauseHolds({ condition: 'GREATER_THAN', values: ['b'] }, 'c')).toBe(true);
    expect(clauseHolds({ condition: 'NOT_EQUAL_TO', values: ['x'] }, undefined)).toBe(false);
    expect(clauseHolds({ condition: 'NOT_EXISTS', values: [true] }, undefined)).toBe(true);
    expect(clauseHolds({ condition: 'EXISTS', values: [true] }, null)).toBe(true);
  });

  it('combines clauses with and/or against an item, and treats a missing item as having no attributes', () => {
    const group = parseGroup({ or: [{ property: 'a', condition: 'EQUAL_TO', values: [1] }, { property: 'b', condition: 'NOT_EXISTS', values: [true] }] }, 'test');
    expect(groupHolds(group, { a: 2, b: 1 })).toBe(false);
    expect(groupHolds(group, { a: 1, b: 1 })).toBe(true);
    expect(groupHolds(group, undefined)).toBe(true);
  });

  it('validates condition names and value counts with the documented codes', () => {
    expect(verdict(() => parseRange({ condition: 'CONTAINS', values: ['x'] }))).toBe('INVALID_FILTER_CONDITION');
    expect(verdict(() => parseRange({ condition: 'BETWEEN', values: [1] }))).toBe('INSUFFICIENT_FILTER_VALUES');
    expect(verdict(() => parseRange({ condition: 'BETWEEN', values: [1, 'b'] }))).toBe('INVALID_FILTER_VALUES');
    expect(verdict(() => parseRange({ condition: 'EQUAL_TO', values: [{}] }))).toBe('INVALID_FILTER_VALUES');
    expect(verdict(() => parseGroup({ and: [] }, 'test'))).toBe('EMPTY_FILTER_OPERATOR');
    expect(verdict(() => parseGroup({}, 'test'))).toBe('EMPTY_FILTER_OPERATOR');
    expect(verdict(() => parseGroup({ and: [], or: [] }, 'test'))).toBe('INVALID_FILTER_OPERATORS_COMBINATION');
  });
});
