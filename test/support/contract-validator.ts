/**
 * Checks Jira traffic against Atlassian's OpenAPI specs (the Jira platform v3 spec and the JSM spec, found by
 * test/support/contracts.ts): a request the app sends against the operation's parameters and request body, and the
 * emulator's answer against the operation's response for that status.
 *
 * Operations are matched by method + path template over both specs (platform paths start /rest/api/3, JSM paths
 * /rest/servicedeskapi), never by operationId: the JSM spec repeats some ids. openapi-backend does the validating,
 * after the specs are adjusted where plain JSON Schema (Ajv, draft-07) reads them differently from OpenAPI 3.0:
 * - `nullable: true` becomes a `null` type (and a `null` enum member), or `if: not null, then: the schema` where
 *   the schema has no type (Ajv refuses `nullable` without `type`, and ignores it beside `enum`).
 * - `discriminator` with a `mapping` picks the mapped schema by the property's value (Ajv ignores it otherwise);
 *   a value outside the mapping falls back to the schemas listed in oneOf/anyOf, which then need not be exclusive.
 * - `additionalProperties: false` beside allOf/anyOf/oneOf admits the properties those subschemas declare.
 * - `readOnly` properties are not required in a request, `writeOnly` properties not in a response.
 * - formats: ajv-formats, no-op int32/int64/float/double, and a no-op for any other format the specs use that
 *   neither knows (so Ajv never warns about an unknown format).
 * - where a schema contradicts the operation's own documentation, the documentation wins (patchPlatformSpec).
 * Specs are loaded once per process (per test file under jest) and each operation's schemas compiled once, lazily.
 */
import fs from 'node:fs';
import OpenAPIBackend, { type AjvCustomizer, type Document, type Operation, type ValidationResult } from 'openapi-backend';
import addFormats from 'ajv-formats';
import { jiraSpecPath, jsmSpecPath } from './contracts';

export interface ContractRequest {
  method: string;
  /** Path without query, e.g. `/rest/api/3/myself`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface ContractReply {
  status: number;
  body?: unknown;
}

export interface SpecSource {
  /** Shown in messages, e.g. `platform` or `JSM`. */
  name: string;
  /** The parsed OpenAPI 3.0 document; it is not modified. */
  document: unknown;
  /** Corrections applied to the copy before anything else. */
  patch?: (document: Json) => void;
}

/** An operation of one of the specs, as matched by method and path template. */
export interface MatchedOperation {
  spec: string;
  method: string;
  /** The spec's path template, e.g. `/rest/api/3/issue/{issueIdOrKey}`. */
  template: string;
  /** The spec's operationId (not unique in the JSM spec). */
  operationId: string;
  /**
   * Documented statuses (`200`, `4XX`, `default`, …): whether each has a JSON schema, and whether that schema is
   * empty (`{}`: any JSON or no body at all, as for Jira's 201 of issueLink or 200/201 of setIssueProperty).
   */
  responses: Record<string, { schema: boolean; empty: boolean }>;
  hasRequestBody: boolean;
  /** Required query parameters, each with a value taken from the spec (example, enum, default, or its type). */
  requiredQuery: Array<{ name: string; sample: string }>;
  /** The spec's example JSON request body, if it gives one. */
  exampleBody?: unknown;
}

export type Json = Record<string, unknown>;
type ErrorObject = NonNullable<ValidationResult['errors']>[number];

const COMPONENT_PREFIX = '#/components/schemas/';
const REQUEST_SUFFIX = '__request';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Keys whose values are data, not schemas: never rewritten. */
const DATA_KEYS = new Set(['example', 'examples', 'enum', 'const', 'default', 'x-example']);
/** OpenAPI's number formats, as no-ops: `type: integer` already checks the value; Jira's int64 ids are beyond a range check. */
const NO_OP_NUMBER_FORMATS = ['int32', 'int64', 'float', 'double'];
/** Schema keys that constrain nothing: a schema of only these is empty. */
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'xml', 'externalDocs']);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- schema adjustments (pure; exported for the unit tests) -----------------------------------------------------

/** Visits every schema-like object under `node` (not data under example/enum/default), children first. */
function walk(node: unknown, visit: (schema: Json) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (!DATA_KEYS.has(key)) walk(value, visit);
  }
  visit(node);
}

function componentName(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith(COMPONENT_PREFIX)) return undefined;
  return ref.slice(COMPONENT_PREFIX.length).replace(/~1/g, '/').replace(/~0/g, '~');
}

const componentRef = (name: string): string => COMPONENT_PREFIX + name.replace(/~/g, '~0').replace(/\//g, '~1');

function schemasOf(document: Json): Json {
  const components = isObject(document.components) ? document.components : (document.components = {});
  return isObject(components.schemas) ? components.schemas : (components.schemas = {});
}

/** Follows `$ref`s to the schema they name. */
function resolve(schema: unknown, schemas: Json, seen = new Set<unknown>()): Json | undefined {
  if (!isObject(schema) || seen.has(schema)) return undefined;
  seen.add(schema);
  const name = componentName(schema.$ref);
  if (name !== undefined) return resolve(schemas[name], schemas, seen);
  return schema;
}

/** Whether a property is readOnly/writeOnly: itself, the schema it `$ref`s, or a lone `allOf` wrapper (the specs' way of annotating a `$ref`). */
function hasFlag(schema: unknown, flag: 'readOnly' | 'writeOnly', schemas: Json): boolean {
  if (!isObject(schema)) return false;
  if (schema[flag] === true) return true;
  const target = resolve(schema, schemas);
  if (target && target !== schema && target[flag] === true) return true;
  const allOf = schema.allOf;
  return Array.isArray(allOf) && allOf.length === 1 && hasFlag(allOf[0], flag, schemas);
}

/** Every property name a schema declares, through $ref and allOf/anyOf/oneOf. */
function declaredProperties(schema: unknown, schemas: Json, seen = new Set<unknown>()): Set<string> {
  const names = new Set<string>();
  const target = resolve(schema, schemas);
  if (!target || seen.has(target)) return names;
  seen.add(target);
  if (isObject(target.properties)) for (const name of Object.keys(target.properties)) names.add(name);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const branches = target[key];
    if (Array.isArray(branches)) for (const b of branches) for (const n of declaredProperties(b, schemas, seen)) names.add(n);
  }
  return names;
}

/** `nullable` as JSON Schema: a `null` type, or `if not null then schema` where the schema has no type. */
export function normalizeNullable(schema: Json): void {
  const nullable = schema.nullable;
  if (typeof nullable !== 'boolean') return;
  delete schema.nullable;
  if (!nullable) return;
  if (typeof schema.type === 'string' || Array.isArray(schema.type)) {
    const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
    if (!types.includes('null')) schema.type = [...types, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...(schema.enum as unknown[]), null];
    return;
  }
  const inner: Json = { ...schema };
  for (const key of Object.keys(schema)) delete schema[key];
  for (const key of ['description', 'readOnly', 'writeOnly', 'deprecated']) {
    if (key in inner) schema[key] = inner[key];
  }
  // Not `anyOf [null, schema]`: its errors would repeat "must be null" for every non-null mistake.
  schema.if = { not: { type: 'null' } };
  schema.then = inner;
}

/**
 * A `discriminator` with oneOf/anyOf: the value of the discriminating property picks its mapped schema (explicit
 * `mapping`, or the implicit one: a branch's component name). Other values fall back to any of the branches.
 */
export function normalizeDiscriminator(schema: Json, schemas: Json): void {
  const discriminator = schema.discriminator;
  // (A property named `discriminator` in a `properties` map is a schema without propertyName: left alone.)
  if (!isObject(discriminator) || typeof discriminator.propertyName !== 'string') return;
  delete schema.discriminator;
  const property = discriminator.propertyName;
  const branches = (schema.oneOf ?? schema.anyOf) as unknown;
  if (!Array.isArray(branches)) return;
  const mapping = new Map<string, string>();
  if (isObject(discriminator.mapping)) {
    for (const [value, ref] of Object.entries(discriminator.mapping)) if (typeof ref === 'string') mapping.set(value, ref);
  }
  const mapped = new Set(mapping.values());
  for (const branch of branches) {
    const name = isObject(branch) ? componentName(branch.$ref) : undefined;
    if (name !== undefined && !mapped.has(componentRef(name)) && !mapping.has(name)) mapping.set(name, componentRef(name));
  }
  if (schema.additionalProperties === false) {
    const names = declaredProperties({ ...schema, oneOf: undefined, anyOf: undefined }, schemas);
    for (const b of branches) for (const n of declaredProperties(b, schemas)) names.add(n);
    schema.properties = { ...Object.fromEntries([...names].map((n) => [n, {}])), ...(isObject(schema.properties) ? schema.properties : {}) };
  }
  delete schema.oneOf;
  delete schema.anyOf;
  const values = [...mapping.keys()];
  schema.if = { required: [property], properties: { [property]: { enum: values } } };
  schema.then = { allOf: values.map((v) => ({ if: { properties: { [property]: { const: v } } }, then: { $ref: mapping.get(v) } })) };
  schema.else = { anyOf: branches };
}

/** `additionalProperties: false` beside allOf/anyOf/oneOf: the properties the subschemas declare are allowed too. */
export function admitComposedProperties(schema: Json, schemas: Json): void {
  if (schema.additionalProperties !== false) return;
  if (!['allOf', 'anyOf', 'oneOf'].some((k) => Array.isArray(schema[k]))) return;
  const names = declaredProperties(schema, schemas);
  const own = isObject(schema.properties) ? schema.properties : {};
  schema.properties = { ...Object.fromEntries([...names].filter((n) => !(n in own)).map((n) => [n, {}])), ...own };
}

/** Drops from `required` the properties marked `flag` (readOnly in a request, writeOnly in a response). */
function relaxRequired(root: unknown, flag: 'readOnly' | 'writeOnly', schemas: Json): void {
  walk(root, (schema) => {
    if (!Array.isArray(schema.required) || !isObject(schema.properties)) return;
    const properties = schema.properties;
    const kept = (schema.required as unknown[]).filter((name) => typeof name !== 'string' || !hasFlag(properties[name], flag, schemas));
    if (kept.length === 0) delete schema.required;
    else schema.required = kept;
  });
}

/** Points every component `$ref` under `node` to the request copy of that component; answers the components named. */
function retargetToRequestCopies(node: unknown): Set<string> {
  const named = new Set<string>();
  walk(node, (schema) => {
    const name = componentName(schema.$ref);
    if (name === undefined || name.endsWith(REQUEST_SUFFIX)) return;
    named.add(name);
    schema.$ref = componentRef(name + REQUEST_SUFFIX);
  });
  return named;
}

function operationsOf(document: Json): Array<{ method: string; path: string; operation: Json }> {
  const paths = isObject(document.paths) ? document.paths : {};
  const found: Array<{ method: string; path: string; operation: Json }> = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) found.push({ method, path, operation });
    }
  }
  return found;
}

/**
 * A copy of `source` that plain JSON Schema validation reads as OpenAPI means it (see the file comment), with
 * request bodies on `<Name>__request` copies of the components, and every operationId unique (`METHOD path`), the
 * spec's own id kept in `x-spec-operation-id`.
 */
export function prepareDocument(source: unknown, patch?: (document: Json) => void): Json {
  const document = structuredClone(source) as Json;
  patch?.(document);
  const schemas = schemasOf(document);
  walk(document, (schema) => {
    normalizeNullable(schema);
    normalizeDiscriminator(schema, schemas);
    admitComposedProperties(schema, schemas);
  });

  // Request copies: made before writeOnly is relaxed on the originals, which stay the response (and parameter) side.
  const bodySchemas: unknown[] = [];
  const pending: string[] = [];
  for (const { operation } of operationsOf(document)) {
    const body = operation.requestBody;
    const content = isObject(body) && isObject(body.content) ? body.content : {};
    for (const media of Object.values(content)) {
      if (!isObject(media) || media.schema === undefined) continue;
      bodySchemas.push(media.schema);
      pending.push(...retargetToRequestCopies(media.schema));
    }
  }
  const copies: unknown[] = [];
  const originals = Object.keys(schemas);
  const copied = new Set<string>();
  while (pending.length) {
    const name = pending.pop()!;
    if (copied.has(name) || !originals.includes(name)) continue;
    copied.add(name);
    const copy = structuredClone(schemas[name]);
    pending.push(...retargetToRequestCopies(copy));
    schemas[name + REQUEST_SUFFIX] = copy;
    copies.push(copy);
  }
  relaxRequired([...bodySchemas, ...copies], 'readOnly', schemas);
  for (const name of originals) relaxRequired(schemas[name], 'writeOnly', schemas);
  for (const { operation } of operationsOf(document)) {
    if (isObject(operation.responses)) relaxRequired(operation.responses, 'writeOnly', schemas);
  }

  for (const { method, path, operation } of operationsOf(document)) {
    operation['x-spec-operation-id'] = operation.operationId ?? `${method.toUpperCase()} ${path}`;
    operation.operationId = `${method.toUpperCase()} ${path}`;
  }
  return document;
}

/** Every `format` a document uses. */
export function formatsUsed(document: unknown): Set<string> {
  const formats = new Set<string>();
  walk(document, (schema) => {
    if (typeof schema.format === 'string') formats.add(schema.format);
  });
  return formats;
}

// ---- matching and validating ------------------------------------------------------------------------------------

interface IndexedOperation extends MatchedOperation {
  backend: OpenAPIBackend;
  operation: Operation;
  pattern: RegExp;
  /** Per path segment: 1 for a literal segment, 0 for one with a parameter. More literal wins. */
  rank: number[];
}

function compileTemplate(template: string): { pattern: RegExp; rank: number[] } {
  const segments = template.split('/').slice(1);
  const source = segments
    .map((segment) => segment.split(/(\{[^}]+\})/).map((part) => (/^\{[^}]+\}$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join(''))
    .join('/');
  return { pattern: new RegExp(`^/${source}/?$`), rank: segments.map((s) => (s.includes('{') ? 0 : 1)) };
}

function moreLiteral(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    result[key] = values.length === 1 ? values[0]! : values;
  }
  return result;
}

function describeError(error: ErrorObject, side: 'request' | 'response'): string | undefined {
  if (error.keyword === 'if') return undefined; // the errors of the branch it chose say what is wrong
  const params = error.params as Record<string, unknown>;
  let where = error.instancePath;
  if (side === 'request') {
    const [, area = '', ...rest] = where.split('/');
    // A JiraRequest carries no headers or cookies: those parameters cannot be checked here.
    if (area === 'header' || area === 'cookie') return undefined;
    if (!area && error.keyword === 'required' && (params.missingProperty === 'header' || params.missingProperty === 'cookie')) return undefined;
    const label = area === 'requestBody' ? 'body' : area === 'query' ? 'query' : area === 'path' ? 'path' : area;
    where = [label, ...rest].filter(Boolean).join('/');
    if (!area && error.keyword === 'required' && params.missingProperty === 'requestBody') return 'request: the operation requires a JSON body';
    if (!area && error.keyword === 'required') return `request: missing ${String(params.missingProperty)} parameters`;
    if ((area === 'query' || area === 'path') && rest.length === 0 && error.keyword === 'additionalProperties') {
      return `request: ${area} parameter '${String(params.additionalProperty)}' is not documented for this operation`;
    }
    if ((area === 'query' || area === 'path') && rest.length === 0 && error.keyword === 'required') {
      return `request: missing required ${area} parameter '${String(params.missingProperty)}'`;
    }
    where = `request ${where || '(root)'}`;
  } else {
    where = `body${where}`;
  }
  const detail =
    error.keyword === 'additionalProperties' ? ` '${String(params.additionalProperty)}'` : error.keyword === 'enum' ? ` ${JSON.stringify(params.allowedValues)}` : '';
  return `${where}: ${error.message ?? error.keyword}${detail}`;
}

function describeErrors(errors: ErrorObject[] | null | undefined, side: 'request' | 'response', prefix = ''): string[] {
  const messages = (errors ?? []).map((e) => describeError(e, side)).filter((m): m is string => m !== undefined);
  return [...new Set(messages)].map((m) => prefix + m);
}

export class ContractValidator {
  private readonly operations: IndexedOperation[] = [];

  constructor(sources: SpecSource[]) {
    for (const source of sources) {
      const definition = prepareDocument(source.document, source.patch);
      const used = formatsUsed(definition); // before openapi-backend dereferences the document (cycles)
      const customizeAjv: AjvCustomizer = (ajv) => {
        addFormats(ajv);
        for (const format of NO_OP_NUMBER_FORMATS) ajv.addFormat(format, { type: 'number', validate: () => true });
        for (const format of used) if (!ajv.formats[format]) ajv.addFormat(format, true);
        return ajv;
      };
      // quick: skip openapi-backend's own document check and async $ref parsing (dereferences synchronously); the
      // validators are then compiled lazily, per operation, on first use, and kept.
      const backend = new OpenAPIBackend({ definition: definition as unknown as Document, quick: true, validate: true, ajvOpts: { allErrors: true, strict: false }, customizeAjv });
      void backend.init().catch(() => undefined);
      const operations = backend.initialized ? backend.router.getOperations() : [];
      if (operations.length === 0) throw new Error(`openapi-backend loaded no operation from the ${source.name} spec (is quick: true set?).`);
      for (const operation of operations) {
        const template = operation.path;
        const responses: Record<string, { schema: boolean; empty: boolean }> = {};
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const content = isObject(response) && isObject(response.content) ? response.content : {};
          const json = content['application/json'];
          const schema = isObject(json) ? json.schema : undefined;
          responses[status] = { schema: schema !== undefined, empty: isObject(schema) && Object.keys(schema).every((k) => ANNOTATIONS.has(k)) };
        }
        // Dereferenced: parameters and bodies are plain objects here, whatever openapi-types says.
        const parameters = (operation.parameters ?? []) as unknown as Json[];
        const requiredQuery = parameters
          .filter((p) => p.in === 'query' && p.required === true && typeof p.name === 'string')
          .map((p) => ({ name: String(p.name), sample: sampleValue(p) }));
        const requestBody = operation.requestBody as unknown;
        const bodyMedia = isObject(requestBody) && isObject(requestBody.content) ? requestBody.content['application/json'] : undefined;
        const exampleBody = isObject(bodyMedia) ? parseExample(bodyMedia.example) : undefined;
        this.operations.push({
          spec: source.name,
          requiredQuery,
          ...(exampleBody !== undefined ? { exampleBody } : {}),
          method: operation.method.toUpperCase(),
          template,
          operationId: String((operation as unknown as Json)['x-spec-operation-id'] ?? operation.operationId),
          responses,
          hasRequestBody: operation.requestBody !== undefined,
          backend,
          operation,
          ...compileTemplate(template),
        });
      }
    }
  }

  /** The operation for `method` + `path`: the most literal template that fits wins (`/issue/createmeta` over `/issue/{id}`). */
  match(method: string, path: string): MatchedOperation | undefined {
    const found = this.find(method.toUpperCase(), path).operation;
    if (!found) return undefined;
    const { backend: _b, operation: _o, pattern: _p, rank: _r, ...matched } = found;
    return matched;
  }

  /** Every operation of the specs, e.g. to list what the emulator could still add. */
  allOperations(): MatchedOperation[] {
    return this.operations.map(({ backend: _b, operation: _o, pattern: _p, rank: _r, ...matched }) => matched);
  }

  validateRequest(request: ContractRequest): string[] {
    const method = request.method.toUpperCase();
    const { operation, allowed } = this.find(method, request.path);
    if (!operation) return [unknownOperation(method, request.path, allowed)];
    const problems: string[] = [];
    if (request.body !== undefined && !operation.hasRequestBody) problems.push('request: sends a body, but the operation takes none');
    const result = operation.backend.validator.validateRequest(
      {
        method,
        path: request.path,
        query: queryObject(request.query),
        headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
        // openapi-backend JSON.parses a non-object body: give it the JSON text of what was sent.
        body: request.body === undefined || isObject(request.body) || Array.isArray(request.body) || request.body === null ? request.body : JSON.stringify(request.body),
      },
      operation.operation,
    );
    return [...problems, ...describeErrors(result.errors, 'request')];
  }

  validateResponse(request: Pick<ContractRequest, 'method' | 'path'>, reply: ContractReply): string[] {
    const method = request.method.toUpperCase();
    const { operation, allowed } = this.find(method, request.path);
    if (!operation) return [unknownOperation(method, request.path, allowed)];
    const documented = Object.keys(operation.responses);
    const key = [String(reply.status), `${Math.floor(reply.status / 100)}XX`, 'default'].find((k) => k in operation.responses);
    if (key === undefined) {
      const kind = reply.status >= 200 && reply.status < 300 ? 'success status' : 'status';
      return [`response: undocumented ${kind} ${reply.status} (the spec documents ${documented.join(', ')})`];
    }
    const hasBody = reply.body !== undefined && reply.body !== null && reply.body !== '';
    const documentedBody = operation.responses[key]!;
    if (reply.status === 204) return hasBody ? ['response: 204 No Content with a body'] : [];
    if (!documentedBody.schema) return [];
    if (!hasBody) return documentedBody.empty ? [] : [`response ${reply.status}: no body, but the spec documents a JSON body`];
    const result = operation.backend.validator.validateResponse(reply.body, operation.operation, reply.status);
    return describeErrors(result.errors, 'response', `response ${reply.status} `);
  }

  private find(method: string, path: string): { operation?: IndexedOperation; allowed: string[] } {
    let best: IndexedOperation | undefined;
    const allowed = new Set<string>();
    for (const candidate of this.operations) {
      if (!candidate.pattern.test(path)) continue;
      if (candidate.method !== method) {
        allowed.add(candidate.method);
        continue;
      }
      if (!best || moreLiteral(candidate.rank, best.rank)) best = candidate;
    }
    // A more literal template for another method means the path names that resource, not this one.
    if (best) {
      const shadow = this.operations.find((o) => o.method !== method && o.pattern.test(path) && moreLiteral(o.rank, best!.rank));
      if (shadow) return { allowed: [...allowed] };
    }
    return { operation: best, allowed: [...allowed] };
  }
}

/** A query value from a parameter's spec: its example, first enum value, default, or one of its type. */
function sampleValue(parameter: Json): string {
  const schema = isObject(parameter.schema) ? parameter.schema : {};
  const items = isObject(schema.items) ? schema.items : {};
  const candidates = [parameter.example, schema.example, Array.isArray(schema.enum) ? schema.enum[0] : undefined, schema.default, items.example, Array.isArray(items.enum) ? items.enum[0] : undefined];
  const found = candidates.find((c) => c !== undefined && c !== null);
  if (found !== undefined) return Array.isArray(found) ? found.map(String).join(',') : String(found);
  const type = schema.type === 'array' ? items.type : schema.type;
  return type === 'integer' || type === 'number' ? '1' : type === 'boolean' ? 'true' : 'a';
}

function parseExample(example: unknown): unknown {
  if (typeof example !== 'string') return example;
  try {
    return JSON.parse(example);
  } catch {
    return example;
  }
}

function unknownOperation(method: string, path: string, allowed: string[]): string {
  return allowed.length
    ? `request: no ${method} operation at ${path} in the specs (documented methods there: ${allowed.sort().join(', ')})`
    : `request: no operation in the Jira platform or JSM spec matches ${method} ${path}`;
}

// ---- the shared instance ----------------------------------------------------------------------------------------

/**
 * The platform spec's schemas where its operations' documentation says otherwise.
 * - assignIssue (PUT /rest/api/3/issue/{issueIdOrKey}/assignee): "If accountId is set to null, the issue is set to
 *   unassigned", but the body is a `User`, whose accountId is a non-nullable string. The body gets a copy of User
 *   whose accountId may be null.
 */
export function patchPlatformSpec(document: Json): void {
  const schemas = schemasOf(document);
  const paths = isObject(document.paths) ? document.paths : {};
  const item = paths['/rest/api/3/issue/{issueIdOrKey}/assignee'];
  const body = isObject(item) && isObject(item.put) && isObject(item.put.requestBody) ? item.put.requestBody : undefined;
  const media = body && isObject(body.content) && isObject(body.content['application/json']) ? body.content['application/json'] : undefined;
  const user = schemas.User;
  if (!media || !isObject(user) || !isObject(user.properties) || !isObject(user.properties.accountId)) return;
  schemas.AssignIssueUser = { ...structuredClone(user), properties: { ...structuredClone(user.properties), accountId: { ...user.properties.accountId, nullable: true } } };
  media.schema = { $ref: componentRef('AssignIssueUser') };
}

let shared: ContractValidator | undefined;

/** The validator for the two stored specs, loaded on first use and kept for the process (a jest test file). */
export function contractValidator(): ContractValidator {
  if (!shared) {
    const read = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
    shared = new ContractValidator([
      { name: 'platform', document: read(jiraSpecPath()), patch: patchPlatformSpec },
      { name: 'JSM', document: read(jsmSpecPath()) },
    ]);
  }
  return shared;
}

/** The problems with a request the app (or a test, or a script over HTTP) sends to Jira; [] when it fits the spec. */
export function validateJiraRequest(request: ContractRequest): string[] {
  return contractValidator().validateRequest(request);
}

/** The problems with the emulator's answer to `request`; [] when the spec documents that status and body. */
export function validateJiraResponse(request: Pick<ContractRequest, 'method' | 'path'>, reply: ContractReply): string[] {
  return contractValidator().validateResponse(request, reply);
}
