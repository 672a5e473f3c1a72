import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { IssueRecord } from '../jira-store';
import { compileJql, JqlError, storeEnvironment, type CompiledJql, type SortValue } from '../jql';
import { jiraError, type JiraContext, type Route } from '../router';
import type { JiraReply } from '../types';
import { renderIssue } from './issue-bean';
import { browsable, parseBody, queryList } from './route-kit';

/**
 * Jira Cloud's enhanced JQL search: GET and POST /rest/api/3/search/jql (SearchAndReconcileResults) and
 * POST /rest/api/3/search/approximate-count (JQLCountResultsBean).
 *
 * As on a site: the query must be bounded (an empty query or a bare ORDER BY is refused); results hold only issues
 * the acting user may browse (the app acting as itself sees all; JSM customers, who have no project permission,
 * see none); issues carry only their id unless `fields` asks for more; pages are chained with an opaque
 * `nextPageToken`, absent on the last page (`isLast: true`). The token names the position after the last issue
 * returned (its sort values), so the next page continues exactly there even if issues were created or changed in
 * between; it belongs to its query and expires after 7 days on the sandbox clock.
 * `reconcileIssues` is accepted and needs no work: the emulator's search is always read-after-write consistent.
 * `fieldsByKeys` changes nothing (a custom field's key is its id here) and `failFast` neither (every field value is
 * always available); both are accepted. Without ORDER BY, results are newest first (see jql/engine.ts).
 */

const DEFAULT_MAX = 50;
/** Jira returns up to 5000 issues a page when only `id` / `key` are asked for, and fewer with fields. */
const MAX_IDS_ONLY = 5000;
const MAX_WITH_FIELDS = 100;
const MAX_PROPERTIES = 5;
const MAX_RECONCILE = 50;
const TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;

const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
const BAD_TOKEN = 'The provided next page token is invalid or has expired.';

interface SearchParams {
  jql: string;
  nextPageToken: string | undefined;
  maxResults: number;
  fields: string[];
  expand: string[];
  properties: string[];
  reconcileIssues: number[];
}

const splitList = (values: string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

const searchBody = z
  .object({
    jql: z.string().optional(),
    // Clients send `null` for the first page ("The first page has a nextPageToken of null").
    nextPageToken: z.string().nullable().optional(),
    maxResults: z.number().int().nonnegative().optional(),
    fields: z.array(z.string()).optional(),
    expand: z.string().optional(),
    properties: z.array(z.string()).optional(),
    fieldsByKeys: z.boolean().optional(),
    failFast: z.boolean().optional(),
    reconcileIssues: z.array(z.number().int()).optional(),
  })
  .strict();

const countBody = z.object({ jql: z.string().optional() }).strict();

type Outcome<T> = { ok: true; value: T } | { ok: false; reply: JiraReply };

function fromQuery(query: URLSearchParams): Outcome<SearchParams> {
  const rawMax = query.get('maxResults');
  if (rawMax !== null && rawMax !== '' && !/^\d+$/.test(rawMax)) return { ok: false, reply: jiraError(400, `The 'maxResults' parameter must be a non-negative integer.`) };
  const reconcile = queryList(query, 'reconcileIssues');
  if (reconcile.some((v) => !/^-?\d+$/.test(v))) return { ok: false, reply: jiraError(400, `The 'reconcileIssues' parameter must be a list of issue ids.`) };
  return {
    ok: true,
    value: {
      jql: query.get('jql') ?? '',
      nextPageToken: query.get('nextPageToken') || undefined,
      maxResults: rawMax === null || rawMax === '' ? DEFAULT_MAX : Number(rawMax),
      fields: queryList(query, 'fields'),
      expand: queryList(query, 'expand'),
      properties: queryList(query, 'properties'),
      reconcileIssues: reconcile.map(Number),
    },
  };
}

function fromBody(body: unknown): Outcome<SearchParams> {
  const parsed = parseBody(searchBody, body);
  if (!parsed.ok) return parsed;
  const b = parsed.value;
  return {
    ok: true,
    value: {
      jql: b.jql ?? '',
      nextPageToken: b.nextPageToken ?? undefined,
      maxResults: b.maxResults ?? DEFAULT_MAX,
      fields: splitList(b.fields),
      expand: splitList(b.expand === undefined ? undefined : [b.expand]),
      properties: splitList(b.properties),
      reconcileIssues: b.reconcileIssues ?? [],
    },
  };
}

/** Compiles the query as the acting user sees the site; a bad or unbounded query is Jira's 400. */
function compile(context: JiraContext, jql: string): Outcome<CompiledJql> {
  if (jql.trim() === '') return { ok: false, reply: jiraError(400, UNBOUNDED) };
  const canSee = visibility(context);
  try {
    const compiled = compileJql(jql, storeEnvironment(context.store, { now: context.now(), user: context.user, canSee }));
    if (!compiled.bounded) return { ok: false, reply: jiraError(400, UNBOUNDED) };
    return { ok: true, value: compiled };
  } catch (error) {
    if (error instanceof JqlError) return { ok: false, reply: { status: 400, body: { errorMessages: error.messages, errors: {} } } };
    throw error;
  }
}

/** Whether the acting user may browse an issue (decided once per project). */
function visibility(context: JiraContext): (issue: IssueRecord) => boolean {
  const byProject = new Map<string, boolean>();
  return (issue) => {
    let allowed = byProject.get(issue.projectId);
    if (allowed === undefined) {
      const project = context.store.project(issue.projectId);
      allowed = !!project && browsable(context, project);
      byProject.set(issue.projectId, allowed);
    }
    return allowed;
  };
}

/** The visible issues that match, in result order, with their sort keys. */
function results(context: JiraContext, compiled: CompiledJql): Array<{ issue: IssueRecord; key: SortValue[] }> {
  const canSee = visibility(context);
  return context.store
    .issues()
    .filter((issue) => canSee(issue) && compiled.matches(issue))
    .map((issue) => ({ issue, key: compiled.sortKey(issue) }))
    .sort((a, b) => compiled.compareKeys(a.key, b.key));
}

// ---- page tokens -----------------------------------------------------------------------------------------------

interface PageToken {
  v: 1;
  /** Fingerprint of the query the token belongs to. */
  q: string;
  /** Sort key of the last issue already returned; null before the first. */
  after: SortValue[] | null;
  /** When it was issued (sandbox clock). */
  t: number;
}

const fingerprint = (jql: string): string => createHash('sha256').update(jql.trim()).digest('base64url').slice(0, 16);

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(raw: string, jql: string, now: number): PageToken | undefined {
  try {
    const token = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<PageToken>;
    if (token.v !== 1 || token.q !== fingerprint(jql) || typeof token.t !== 'number' || now - token.t > TOKEN_TTL_MS) return undefined;
    if (token.after !== null && !Array.isArray(token.after)) return undefined;
    return token as PageToken;
  } catch {
    return undefined;
  }
}

// ---- handlers ----------------------------------------------------------------------------------------------------

function search(context: JiraContext, input: Outcome<SearchParams>): JiraReply {
  if (!input.ok) return input.reply;
  const params = input.value;
  if (params.properties.length > MAX_PROPERTIES) return jiraError(400, `At most ${MAX_PROPERTIES} issue properties can be requested.`);
  if (params.reconcileIssues.length > MAX_RECONCILE) return jiraError(400, `At most ${MAX_RECONCILE} issue ids can be reconciled.`);
  const compiled = compile(context, params.jql);
  if (!compiled.ok) return compiled.reply;

  let after: SortValue[] | null = null;
  if (params.nextPageToken !== undefined) {
    const token = decodeToken(params.nextPageToken, params.jql, context.now());
    if (!token) return jiraError(400, BAD_TOKEN);
    after = token.after;
  }

  const fields = params.fields.length ? params.fields : ['id'];
  const idsOnly = fields.every((f) => f === 'id' || f === 'key') && params.properties.length === 0 && params.expand.length === 0;
  const pageSize = Math.min(params.maxResults, idsOnly ? MAX_IDS_ONLY : MAX_WITH_FIELDS);

  const matched = results(context, compiled.value);
  const start = after === null ? 0 : firstAfter(matched, after, compiled.value);
  const page = matched.slice(start, start + pageSize);
  const isLast = start + page.length >= matched.length;

  const names: Record<string, string> = {};
  const schema: Record<string, unknown> = {};
  const issues = page.map(({ issue }) => {
    const bean = renderIssue(context, issue, fields, params.expand, { properties: params.properties });
    // Jira puts `names` and `schema` once on the search result, not on every issue.
    if (bean.names) Object.assign(names, bean.names);
    if (bean.schema) Object.assign(schema, bean.schema);
    delete bean.names;
    delete bean.schema;
    return bean;
  });

  const body: Record<string, unknown> = { issues };
  if (params.expand.includes('names')) body.names = names;
  if (params.expand.includes('schema')) body.schema = schema;
  if (!isLast) {
    const last = page[page.length - 1];
    body.nextPageToken = encodeToken({ v: 1, q: fingerprint(params.jql), after: last ? last.key : after, t: context.now() });
  }
  body.isLast = isLast;
  return { status: 200, body };
}

/** Index of the first result that sorts after `after` (binary search over the ordered results). */
function firstAfter(matched: Array<{ key: SortValue[] }>, after: SortValue[], compiled: CompiledJql): number {
  let lo = 0;
  let hi = matched.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compiled.compareKeys(matched[mid]!.key, after) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function approximateCount(context: JiraContext): JiraReply {
  const parsed = parseBody(countBody, context.request.body);
  if (!parsed.ok) return parsed.reply;
  const compiled = compile(context, parsed.value.jql ?? '');
  if (!compiled.ok) return compiled.reply;
  const canSee = visibility(context);
  const count = context.store.issues().filter((issue) => canSee(issue) && compiled.value.matches(issue)).length;
  return { status: 200, body: { count } };
}

export const searchRoutes: Route[] = [
  { method: 'GET', path: '/rest/api/3/search/jql', handle: (context) => search(context, fromQuery(context.request.query)) },
  { method: 'POST', path: '/rest/api/3/search/jql', handle: (context) => search(context, fromBody(context.request.body)) },
  { method: 'POST', path: '/rest/api/3/search/approximate-count', handle: approximateCount },
];
