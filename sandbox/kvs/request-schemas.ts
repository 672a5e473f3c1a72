import { z } from 'zod';
import { badRequest } from './errors';

/**
 * The request bodies @forge/kvs 1.6.5 sends (see its storage-api.js and interfaces/kvs-api.d.ts). Shapes only:
 * limits and rules with their own error codes are checked afterwards. Unknown fields are dropped, as a JSON API would.
 */
const metadataFields = z.array(z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']));
const readOptions = z.object({ metadataFields: metadataFields.optional() });
const ttl = z.object({ value: z.number(), unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) });
const writeOptions = z.object({ ttl: ttl.optional() });
/** `value` must be present and not null: the REST API takes a string, boolean, number, array or object. */
const storedValue = z.custom<NonNullable<unknown>>((value) => value !== undefined && value !== null, { message: 'value is required and cannot be null' });
const conditions = z.object({ and: z.unknown().optional(), or: z.unknown().optional() });
const clause = z.object({ condition: z.string(), values: z.array(z.unknown()) });

export const getBody = z.object({ key: z.string(), options: readOptions.optional() });
export const entityGetBody = getBody.extend({ entityName: z.string() });

export const setBody = z.object({
  key: z.string(),
  value: storedValue,
  options: writeOptions
    .extend({
      keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
      returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
      returnMetadataFields: metadataFields.optional(),
    })
    .optional(),
});
export const entitySetBody = setBody.extend({ entityName: z.string() });

export const deleteBody = z.object({ key: z.string() });
export const entityDeleteBody = deleteBody.extend({ entityName: z.string() });

export const queryBody = z.object({
  limit: z.number().optional(),
  after: z.string().optional(),
  where: z.array(z.object({ property: z.string(), condition: z.string(), values: z.array(z.unknown()) })).optional(),
  options: readOptions.optional(),
});

export const entityQueryBody = z.object({
  entityName: z.string(),
  indexName: z.string(),
  partition: z.array(z.unknown()).optional(),
  range: clause.optional(),
  filters: conditions.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  cursor: z.string().optional(),
  limit: z.number().optional(),
  options: readOptions.optional(),
  // interfaces/kvs-api.d.ts declares metadataFields at the top level although the SDK sends options.metadataFields.
  metadataFields: metadataFields.optional(),
});

const batchTarget = z.object({ key: z.string(), entityName: z.string().optional() });
export const batchSetBody = z.array(batchTarget.extend({ value: storedValue, options: writeOptions.optional() }));
export const batchGetBody = z.array(batchTarget.extend({ options: readOptions.optional() }));
export const batchDeleteBody = z.array(batchTarget);

export const transactionBody = z.object({
  set: z.array(batchTarget.extend({ value: storedValue, conditions: conditions.optional(), options: writeOptions.optional() })).optional(),
  delete: z.array(batchTarget.extend({ conditions: conditions.optional() })).optional(),
  check: z.array(batchTarget.extend({ conditions })).optional(),
});

export type WriteOptions = z.infer<typeof writeOptions>;
export type SetOptions = NonNullable<z.infer<typeof setBody>['options']>;
export type Conditions = z.infer<typeof conditions>;

/** Parses a body against its shape or answers 400 BAD_REQUEST naming each offending field. */
export function parseBody<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`);
  throw badRequest(problems.join('; '));
}
