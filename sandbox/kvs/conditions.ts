import { badRequest, invalid } from './errors';
import type { JsonValue } from './types';

/** Conditions an index's range attribute supports (WhereConditions in the SDK). */
export const RANGE_CONDITIONS = ['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO'] as const;
/** Filters and transaction conditions add these (FilterConditions in the SDK). */
export const FILTER_CONDITIONS = [...RANGE_CONDITIONS, 'CONTAINS', 'NOT_CONTAINS', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS'] as const;

export type RangeCondition = (typeof RANGE_CONDITIONS)[number];
export type FilterCondition = (typeof FILTER_CONDITIONS)[number];
export type Scalar = string | number | boolean;

export interface Clause<C extends FilterCondition = FilterCondition> {
  condition: C;
  values: Scalar[];
}

export interface FilterClause extends Clause {
  property: string;
}

/** Filters and transaction conditions share one shape: `{ and: [...] }` or `{ or: [...] }`. */
export interface ClauseGroup {
  operator: 'and' | 'or';
  clauses: FilterClause[];
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** Checks a condition's name against the allowed set and the number and kind of its values. */
function parseClause<C extends FilterCondition>(raw: { condition: string; values: unknown[] }, allowed: readonly C[], where: string): Clause<C> {
  const condition = allowed.find((candidate) => candidate === raw.condition);
  if (!condition) {
    throw invalid('INVALID_FILTER_CONDITION', `The condition '${raw.condition}' is not supported for ${where}; use one of ${allowed.join(', ')}.`);
  }
  const { values } = raw;
  if (!values.every(isScalar)) {
    throw invalid('INVALID_FILTER_VALUES', `The values of ${condition} must be strings, numbers or booleans.`);
  }
  if (condition === 'BETWEEN') {
    if (values.length < 2) throw invalid('INSUFFICIENT_FILTER_VALUES', 'The BETWEEN condition needs two values.');
    if (values.length > 2) throw invalid('INVALID_FILTER_VALUES', 'The BETWEEN condition takes exactly two values.');
    if (typeof values[0] !== typeof values[1]) throw invalid('INVALID_FILTER_VALUES', 'The two BETWEEN values must be of the same type.');
  } else if (condition === 'EXISTS' || condition === 'NOT_EXISTS') {
    // The SDK always sends [true]; the value carries no meaning.
    if (values.length > 1) throw invalid('INVALID_FILTER_VALUES', `The ${condition} condition takes no value besides true.`);
  } else if (values.length !== 1) {
    throw invalid('INVALID_FILTER_VALUES', `The ${condition} condition takes exactly one value, got ${values.length}.`);
  }
  // The SDK types BEGINS_WITH as string-or-number; a number prefix means its decimal text.
  if (condition === 'BEGINS_WITH' && typeof values[0] === 'boolean') {
    throw invalid('INVALID_FILTER_VALUES', 'The BEGINS_WITH condition takes a string or a number.');
  }
  return { condition, values };
}

export function parseRange(raw: { condition: string; values: unknown[] }): Clause<RangeCondition> {
  return parseClause(raw, RANGE_CONDITIONS, 'an index range');
}

export function parseGroup(raw: { and?: unknown; or?: unknown }, where: string): ClauseGroup {
  if (raw.and !== undefined && raw.or !== undefined) {
    throw invalid('INVALID_FILTER_OPERATORS_COMBINATION', `The operators "and" and "or" cannot both be present in ${where}.`);
  }
  const operator = raw.or !== undefined ? 'or' : 'and';
  const list = raw[operator];
  if (list === undefined) throw invalid('EMPTY_FILTER_OPERATOR', `${where} needs an "and" or an "or" list.`);
  if (!Array.isArray(list)) throw badRequest(`${where}.${operator} must be an array.`);
  if (list.length === 0) throw invalid('EMPTY_FILTER_OPERATOR', `The "${operator}" list of ${where} cannot be empty.`);
  const clauses = list.map((item: unknown, position): FilterClause => {
    if (item === null || typeof item !== 'object') throw badRequest(`${where}.${operator}[${position}] must be an object.`);
    const { property, condition, values } = item as Record<string, unknown>;
    if (typeof property !== 'string' || property === '') throw badRequest(`${where}.${operator}[${position}].property must be a non-empty string.`);
    if (typeof condition !== 'string') throw badRequest(`${where}.${operator}[${position}].condition must be a string.`);
    if (!Array.isArray(values)) throw badRequest(`${where}.${operator}[${position}].values must be an array.`);
    return { property, ...parseClause({ condition, values }, FILTER_CONDITIONS, where) };
  });
  return { operator, clauses };
}

/** Orders two values of the same kind; values of different kinds are incomparable and match no ordering test. */
function compare(left: JsonValue, right: Scalar): number | undefined {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  return undefined;
}

/**
 * One clause against one attribute value (`undefined` when the attribute, or the whole item, is absent). An absent
 * attribute fails every test except NOT_EXISTS, as in the DynamoDB-style stores Forge builds on.
 */
export function clauseHolds(clause: Clause, actual: JsonValue | undefined): boolean {
  if (clause.condition === 'NOT_EXISTS') return actual === undefined;
  if (actual === undefined) return false;
  const [first, second] = clause.values as [Scalar, Scalar];
  const ordered = (bound: Scalar, test: (order: number) => boolean) => {
    const order = compare(actual, bound);
    return order !== undefined && test(order);
  };
  switch (clause.condition) {
    case 'EXISTS':
      return true;
    case 'EQUAL_TO':
      return actual === first;
    case 'NOT_EQUAL_TO':
      return actual !== first;
    case 'GREATER_THAN':
      return ordered(first, (order) => order > 0);
    case 'GREATER_THAN_EQUAL_TO':
      return ordered(first, (order) => order >= 0);
    case 'LESS_THAN':
      return ordered(first, (order) => order < 0);
    case 'LESS_THAN_EQUAL_TO':
      return ordered(first, (order) => order <= 0);
    case 'BETWEEN':
      return ordered(first, (order) => order >= 0) && ordered(second, (order) => order <= 0);
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'CONTAINS':
    case 'NOT_CONTAINS': {
      const contains = typeof actual === 'string' ? actual.includes(String(first)) : Array.isArray(actual) ? actual.includes(first) : false;
      return clause.condition === 'CONTAINS' ? contains : !contains;
    }
  }
}

/** A group against an item's value (`undefined` for a missing item). Non-object values have no attributes. */
export function groupHolds(group: ClauseGroup, item: JsonValue | undefined): boolean {
  const attributes = item !== null && typeof item === 'object' && !Array.isArray(item) ? item : undefined;
  const test = (clause: FilterClause) => clauseHolds(clause, attributes?.[clause.property]);
  return group.operator === 'and' ? group.clauses.every(test) : group.clauses.some(test);
}
