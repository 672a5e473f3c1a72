import type { KvsReply } from './types';

/**
 * Every error code the engine answers with, and where each comes from.
 *
 * Documented by Atlassian ("Error handling for the Key-Value Store" and "… for the Custom Entity Store",
 * developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs and …-customentities, and the quotas
 * page for RATE_LIMIT_EXCEEDED):
 *   KEY_TOO_SHORT, KEY_TOO_LONG, INVALID_KEY, EMPTY_KEY, MAX_SIZE, MAX_DEPTH, ENTITY_TYPE_TOO_SHORT,
 *   ENTITY_TYPE_TOO_LARGE, INVALID_ENTITY_TYPE, INVALID_ENTITY_VALUE, INVALID_ENTITY_INDEX,
 *   COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE, EMPTY_FILTER_OPERATOR, INVALID_FILTER_OPERATORS_COMBINATION,
 *   INSUFFICIENT_FILTER_VALUES, INVALID_FILTER_CONDITION, INVALID_FILTER_VALUES, LIST_QUERY_LIMIT_EXCEEDED,
 *   QUERY_WHERE_INVALID, QUERY_WHERE_FIELD_INVALID, RATE_LIMIT_EXCEEDED.
 * Taken from the @forge/kvs SDK itself (it swallows KEY_NOT_FOUND on get/delete; its fixtures answer a malformed
 * body with BAD_REQUEST and a server fault with INTERNAL_SERVER_ERROR):
 *   KEY_NOT_FOUND, BAD_REQUEST, INTERNAL_SERVER_ERROR.
 * Chosen here because the docs are silent (each named for what went wrong):
 *   NOT_FOUND (no such operation path), KEY_ALREADY_EXISTS (FAIL_IF_EXISTS hit a live key), INVALID_TTL,
 *   INVALID_CURSOR, ENTITY_NOT_DEFINED (entity name not declared in the manifest), INVALID_PARTITION,
 *   EMPTY_BATCH, BATCH_LIMIT_EXCEEDED, DUPLICATE_BATCH_KEY, EMPTY_TRANSACTION, TRANSACTION_LIMIT_EXCEEDED,
 *   DUPLICATE_TRANSACTION_KEY, PAYLOAD_TOO_LARGE (request over 4 MB), CONDITION_CHECK_FAILED.
 */
export type KvsErrorCode =
  | 'KEY_TOO_SHORT'
  | 'KEY_TOO_LONG'
  | 'INVALID_KEY'
  | 'EMPTY_KEY'
  | 'MAX_SIZE'
  | 'MAX_DEPTH'
  | 'ENTITY_TYPE_TOO_SHORT'
  | 'ENTITY_TYPE_TOO_LARGE'
  | 'INVALID_ENTITY_TYPE'
  | 'INVALID_ENTITY_VALUE'
  | 'INVALID_ENTITY_INDEX'
  | 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE'
  | 'EMPTY_FILTER_OPERATOR'
  | 'INVALID_FILTER_OPERATORS_COMBINATION'
  | 'INSUFFICIENT_FILTER_VALUES'
  | 'INVALID_FILTER_CONDITION'
  | 'INVALID_FILTER_VALUES'
  | 'LIST_QUERY_LIMIT_EXCEEDED'
  | 'QUERY_WHERE_INVALID'
  | 'QUERY_WHERE_FIELD_INVALID'
  | 'RATE_LIMIT_EXCEEDED'
  | 'KEY_NOT_FOUND'
  | 'BAD_REQUEST'
  | 'INTERNAL_SERVER_ERROR'
  | 'NOT_FOUND'
  | 'KEY_ALREADY_EXISTS'
  | 'INVALID_TTL'
  | 'INVALID_CURSOR'
  | 'ENTITY_NOT_DEFINED'
  | 'INVALID_PARTITION'
  | 'EMPTY_BATCH'
  | 'BATCH_LIMIT_EXCEEDED'
  | 'DUPLICATE_BATCH_KEY'
  | 'EMPTY_TRANSACTION'
  | 'TRANSACTION_LIMIT_EXCEEDED'
  | 'DUPLICATE_TRANSACTION_KEY'
  | 'PAYLOAD_TOO_LARGE'
  | 'CONDITION_CHECK_FAILED';

/** A refusal the service answers with `{ code, message }`; thrown inside the engine and turned into a reply once. */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: KvsErrorCode,
    message: string,
    readonly context?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'KvsError';
  }

  toReply(): KvsReply {
    return { status: this.status, body: { code: this.code, message: this.message, ...(this.context ? { context: this.context } : {}) } };
  }
}

/** The usual 400: most validation failures are "bad request" with a specific code. */
export function invalid(code: KvsErrorCode, message: string): KvsError {
  return new KvsError(400, code, message);
}

export function badRequest(message: string): KvsError {
  return new KvsError(400, 'BAD_REQUEST', `Provided request body is invalid: ${message}`);
}
