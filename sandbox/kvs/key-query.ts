import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor';
import { badRequest, invalid } from './errors';
import { itemBody, type EngineContext } from './item-ops';
import { ALIVE, rowToItem } from './item-store';
import type { queryBody } from './request-schemas';
import type { KvsReply } from './types';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
/**
 * The successor bound of a prefix: every string starting with `p` sorts in [p, p + U+10FFFF). Only strings holding
 * the noncharacter U+10FFFF right after the prefix would escape, and keys cannot contain it.
 */
export const PREFIX_END = '\u{10FFFF}';

const keyCursor = z.object({ v: z.literal(1), k: z.string() });

interface KeyRow {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

/** The key prefix of a `where` list: at most one clause, on `key`, BEGINS_WITH one string. */
function prefixOf(where: z.infer<typeof queryBody>['where']): string {
  if (!where || where.length === 0) return '';
  if (where.length > 1) throw invalid('QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
  const [clause] = where as [NonNullable<typeof where>[number]];
  if (clause.property !== 'key') throw invalid('QUERY_WHERE_FIELD_INVALID', `Queries can only filter on 'key', not '${clause.property}'.`);
  if (clause.condition !== 'BEGINS_WITH') throw invalid('INVALID_FILTER_CONDITION', `Queries support only BEGINS_WITH, not '${clause.condition}'.`);
  const [prefix] = clause.values;
  if (clause.values.length !== 1 || typeof prefix !== 'string') throw invalid('INVALID_FILTER_VALUES', 'BEGINS_WITH takes exactly one string.');
  return prefix;
}

/**
 * Lists live plain keys (never secrets or entities) in key order, a page at a time. The cursor names the last key
 * returned and the next page starts strictly after it; the last page carries no cursor.
 */
export function queryKeys(ctx: EngineContext, body: z.infer<typeof queryBody>): KvsReply {
  const limit = body.limit ?? DEFAULT_PAGE_SIZE;
  if (limit > MAX_PAGE_SIZE) throw invalid('LIST_QUERY_LIMIT_EXCEEDED', `The query limit is ${limit}; it can be at most ${MAX_PAGE_SIZE}.`);
  if (!Number.isInteger(limit) || limit < 1) throw badRequest(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${limit}.`);
  const prefix = prefixOf(body.where);
  const after = body.after === undefined ? undefined : decodeCursor(body.after, keyCursor).k;

  const rows = ctx.store
    .statement<KeyRow>(
      `SELECT key, value, created_at, updated_at, expire_at FROM kvs_items
       WHERE namespace = 'kvs' AND key >= @prefix AND key < @prefixEnd ${after === undefined ? '' : 'AND key > @after'} AND ${ALIVE}
       ORDER BY key LIMIT @take`,
    )
    .all({ prefix, prefixEnd: prefix + PREFIX_END, after, now: ctx.now(), take: limit + 1 });

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const fields = body.options?.metadataFields ?? [];
  return {
    status: 200,
    body: {
      data: page.map((row) => itemBody(rowToItem(row), fields)),
      ...(rows.length > limit && last ? { cursor: encodeCursor({ v: 1, k: last.key }) } : {}),
    },
  };
}
