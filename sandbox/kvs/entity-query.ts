import { z } from 'zod';
import { groupHolds, parseGroup, parseRange, type Clause, type ClauseGroup, type RangeCondition } from './conditions';
import { decodeCursor, encodeCursor } from './cursor';
import { invalid } from './errors';
import { findIndex, partitionKey, resolveEntity, toIndexScalar, type EntityIndex } from './entity-rules';
import { itemBody, type EngineContext } from './item-ops';
import { namespaceId, rowToItem, type IndexScanRow, type StoredItem } from './item-store';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PREFIX_END } from './key-query';
import type { entityQueryBody } from './request-schemas';
import type { KvsReply } from './types';

type EntityQueryBody = z.infer<typeof entityQueryBody>;

/** Where a page ended: the last row's sort value and key, plus what the query was, so a cursor cannot be misused. */
const entityCursor = z.object({
  v: z.literal(1),
  entity: z.string(),
  index: z.string(),
  partition: z.string(),
  sort: z.enum(['ASC', 'DESC']),
  range: z.union([z.string(), z.number()]),
  key: z.string(),
});
type EntityCursor = z.infer<typeof entityCursor>;

interface SqlPart {
  sql: string;
  params: Record<string, string | number>;
}

function checkPartition(index: EntityIndex, partition: unknown[] | undefined): string {
  const expected = index.partition ?? [];
  const given = partition ?? [];
  if (given.length !== expected.length) {
    throw invalid(
      'INVALID_PARTITION',
      `The index '${index.name}' is partitioned by [${expected.join(', ')}], so the query needs ${expected.length} partition value(s), got ${given.length}.`,
    );
  }
  if (!given.every((value) => toIndexScalar(value) !== undefined)) {
    throw invalid('INVALID_PARTITION', 'Partition values must be strings, numbers or booleans.');
  }
  return partitionKey(given);
}

/** A type guard on the stored sort value, so a string bound never matches numbers (SQLite orders all numbers first). */
function sameKind(value: string | number): string {
  return typeof value === 'string' ? "typeof(e.range_value) = 'text'" : "typeof(e.range_value) IN ('integer', 'real')";
}

/** The range condition as SQL over the index's sort column, so SQLite seeks instead of scanning. */
function rangeSql(range: Clause<RangeCondition> | undefined): SqlPart {
  if (!range) return { sql: '', params: {} };
  const [first, second] = range.values.map((value) => toIndexScalar(value) as string | number);
  const a = first as string | number;
  const guard = sameKind(a);
  switch (range.condition) {
    case 'EQUAL_TO':
      return { sql: `AND ${guard} AND e.range_value = @a`, params: { a } };
    case 'GREATER_THAN':
      return { sql: `AND ${guard} AND e.range_value > @a`, params: { a } };
    case 'GREATER_THAN_EQUAL_TO':
      return { sql: `AND ${guard} AND e.range_value >= @a`, params: { a } };
    case 'LESS_THAN':
      return { sql: `AND ${guard} AND e.range_value < @a`, params: { a } };
    case 'LESS_THAN_EQUAL_TO':
      return { sql: `AND ${guard} AND e.range_value <= @a`, params: { a } };
    case 'BETWEEN':
      return { sql: `AND ${guard} AND e.range_value >= @a AND e.range_value <= @b`, params: { a, b: second as string | number } };
    case 'BEGINS_WITH': {
      const prefix = String(a);
      return { sql: `AND ${sameKind(prefix)} AND e.range_value >= @a AND e.range_value < @b`, params: { a: prefix, b: `${prefix}${PREFIX_END}` } };
    }
  }
}

function cursorSql(cursor: EntityCursor | undefined, descending: boolean): SqlPart {
  if (!cursor) return { sql: '', params: {} };
  return { sql: `AND (e.range_value, e.key) ${descending ? '<' : '>'} (@afterRange, @afterKey)`, params: { afterRange: cursor.range, afterKey: cursor.key } };
}

/**
 * Queries one index of one entity. Partition, range, order, cursor and expiry are all SQL over `kvs_index_entries`
 * (ordered by its covering index), so the work grows with the page; filters are then tested row by row as the scan
 * streams, and the scan stops one match past the page to know whether another page exists. Results are ordered by
 * the range value, then by key; the cursor resumes strictly after the last row returned, filters included.
 */
export function queryEntities(ctx: EngineContext, body: EntityQueryBody): KvsReply {
  const definition = resolveEntity(ctx.entities, body.entityName);
  const index = findIndex(definition, body.indexName);
  const limit = body.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw invalid('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The page limit must be set between 1 and ${MAX_PAGE_SIZE}, got ${limit}.`);
  }
  const partition = checkPartition(index, body.partition);
  const range = body.range ? parseRange(body.range) : undefined;
  const filters: ClauseGroup | undefined = body.filters ? parseGroup(body.filters, 'filters') : undefined;
  const sort = body.sort ?? 'ASC';
  const cursor = body.cursor === undefined ? undefined : decodeCursor(body.cursor, entityCursor);
  if (cursor && (cursor.entity !== definition.name || cursor.index !== index.name || cursor.partition !== partition || cursor.sort !== sort)) {
    throw invalid('INVALID_CURSOR', 'The cursor belongs to a different query (entity, index, partition or sort order).');
  }

  const descending = sort === 'DESC';
  const rangePart = rangeSql(range);
  const cursorPart = cursorSql(cursor, descending);
  const direction = descending ? 'DESC' : 'ASC';
  // CROSS JOIN keeps the index entries as the outer loop, so the scan follows kvs_index_entries_order.
  const sql = `
    SELECT e.key, e.range_value, i.value, i.created_at, i.updated_at, i.expire_at
    FROM kvs_index_entries e CROSS JOIN kvs_items i
    WHERE e.entity = @entity AND e.index_name = @index AND e.partition = @partition
      ${rangePart.sql} ${cursorPart.sql}
      AND i.namespace = @namespace AND i.key = e.key AND (i.expire_at IS NULL OR i.expire_at > @now)
    ORDER BY e.range_value ${direction}, e.key ${direction}`;
  const params = {
    entity: definition.name,
    index: index.name,
    partition,
    namespace: namespaceId({ kind: 'entity', entityName: definition.name }),
    now: ctx.now(),
    ...rangePart.params,
    ...cursorPart.params,
  };

  const page: Array<{ item: StoredItem; range: string | number }> = [];
  let more = false;
  for (const row of ctx.store.statement<IndexScanRow>(sql).iterate(params)) {
    const item = rowToItem(row);
    if (filters && !groupHolds(filters, item.value)) continue;
    if (page.length === limit) {
      more = true;
      break;
    }
    page.push({ item, range: row.range_value });
  }

  const fields = body.options?.metadataFields ?? body.metadataFields ?? [];
  const last = page[page.length - 1];
  const next: EntityCursor | undefined =
    more && last ? { v: 1, entity: definition.name, index: index.name, partition, sort, range: last.range, key: last.item.key } : undefined;
  return {
    status: 200,
    body: {
      data: page.map(({ item }) => itemBody(item, fields)),
      ...(next ? { cursor: encodeCursor(next) } : {}),
    },
  };
}
