/**
 * Jira Cloud's enhanced JQL search on the emulator, over real HTTP as any Jira REST client reaches it:
 * GET and POST /rest/api/3/search/jql and POST /rest/api/3/search/approximate-count. Issues are created straight in
 * the store on the 'empty' site; every 200 answer is checked against Atlassian's platform spec.
 */
import type { FastifyInstance } from 'fastify';
import type { IssueRecord } from '../../sandbox/jira/jira-store';
import { ForgeHost } from '../../sandbox/runtime/host';
import { buildHttpApi } from '../../sandbox/server/http-api';
import { validateJiraResponse } from '../support/contract-validator';
import { accountOf, APP_DIR } from '../support/sandbox';

let host: ForgeHost;
let server: FastifyInstance;
let base: string;

const SEARCH = '/rest/api/3/search/jql';
const COUNT = '/rest/api/3/search/approximate-count';
const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

const agent = accountOf('agent');
const lead = accountOf('lead');
const consultant = accountOf('consultant');
const partner = accountOf('partner');

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(method: 'GET' | 'POST', path: string, as: string, body?: unknown): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'X-Sandbox-Account': as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const reply = { status: response.status, body: text ? JSON.parse(text) : undefined };
  if (reply.status === 200 && path.startsWith('/rest/')) expect(validateJiraResponse({ method, path: path.split('?')[0]! }, reply)).toEqual([]);
  return reply;
}

const get = (query: Record<string, string>, as = agent) => call('GET', `${SEARCH}?${new URLSearchParams(query)}`, as);
const post = (body: unknown, as = agent) => call('POST', SEARCH, as, body);
const keysOf = (reply: Reply): string[] => (reply.body.issues as Array<{ key: string }>).map((i) => i.key);
const advance = (seconds: number) => call('POST', '/__sandbox/api/clock', agent, { advanceSeconds: seconds });

const ps: IssueRecord[] = [];
const del: IssueRecord[] = [];

beforeAll(async () => {
  host = new ForgeHost({ appDir: APP_DIR, database: ':memory:' });
  server = buildHttpApi(host);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  host.setBaseUrl(base);
  expect((await call('POST', '/__sandbox/api/reset', agent, { seed: 'empty' })).status).toBe(200);

  // Seven partner requests an hour apart, then five delivery tasks: PS-1 is the oldest, DEL-5 the newest.
  const customers = ['Contoso Foods', 'Fabrikam Metal', 'Tailspin Retail'];
  for (let n = 1; n <= 7; n += 1) {
    ps.push(
      host.jiraStore.createIssue({
        projectKey: 'PS',
        summary: `Request for Implementation services for End Customer ${customers[n % 3]}`,
        reporter: partner,
        assignee: n <= 2 ? agent : null,
        labels: n === 1 ? ['urgent'] : [],
        customFields: {
          customfield_10010: { id: n % 2 ? '10020' : '10021' },
          customfield_10011: customers[n % 3],
          customfield_10012: n * 2,
        },
        requestTypeId: '20',
        organizationIds: ['1'],
      }),
    );
    await advance(3600);
  }
  for (let n = 1; n <= 5; n += 1) {
    del.push(host.jiraStore.createIssue({ projectKey: 'DEL', summary: `Delivery phase ${n}`, reporter: lead, assignee: n <= 3 ? consultant : lead, parentId: null }));
    await advance(60);
  }
  host.jiraStore.setProperty(ps[0]!.id, 'engagement-desk.stage', { stage: 'estimate' });
});

afterAll(async () => {
  await server.close();
  await host.close();
});

describe('GET and POST /rest/api/3/search/jql', () => {
  it('answers only issue ids by default, newest first, on one last page', async () => {
    const reply = await get({ jql: 'project = PS' });
    expect(reply.status).toBe(200);
    expect(reply.body.isLast).toBe(true);
    expect(reply.body).not.toHaveProperty('nextPageToken');
    expect(reply.body.issues.map((i: { id: string }) => i.id)).toEqual([...ps].reverse().map((i) => i.id));
    for (const issue of reply.body.issues) expect(issue.fields ?? {}).toEqual({});
  });

  it('pages through three pages with nextPageToken, continuing exactly after the last issue', async () => {
    const jql = 'project = PS ORDER BY key ASC';
    const first = await post({ jql, maxResults: 3, fields: ['key'] });
    expect(first.body).toMatchObject({ isLast: false, nextPageToken: expect.any(String) });
    const second = await post({ jql, maxResults: 3, fields: ['key'], nextPageToken: first.body.nextPageToken });
    expect(second.body).toMatchObject({ isLast: false, nextPageToken: expect.any(String) });
    // The GET form takes the same token.
    const third = await get({ jql, maxResults: '3', fields: 'key', nextPageToken: second.body.nextPageToken });
    expect(third.body.isLast).toBe(true);
    expect(third.body).not.toHaveProperty('nextPageToken');
    expect([keysOf(first), keysOf(second), keysOf(third)]).toEqual([
      ['PS-1', 'PS-2', 'PS-3'],
      ['PS-4', 'PS-5', 'PS-6'],
      ['PS-7'],
    ]);
  });

  it('keeps its place when issues are created between pages', async () => {
    const first = await post({ jql: 'project = DEL', maxResults: 2 });
    expect(keysOf(first)).toEqual(['DEL-5', 'DEL-4']);
    const extra = host.jiraStore.createIssue({ projectKey: 'DEL', summary: 'Created between two pages', reporter: lead });
    const rest = await post({ jql: 'project = DEL', maxResults: 10, nextPageToken: first.body.nextPageToken });
    expect(keysOf(rest)).toEqual(['DEL-3', 'DEL-2', 'DEL-1']);
    expect(keysOf(await post({ jql: 'project = DEL', maxResults: 1 }))).toEqual([extra.key]);
    host.jiraStore.updateIssue(extra.id, { labels: ['between-pages'] });
  });

  it('refuses a token of another query, a forged one, and one older than 7 days', async () => {
    const first = await post({ jql: 'project = PS', maxResults: 1 });
    const token = first.body.nextPageToken as string;
    expect(await post({ jql: 'project = DEL', nextPageToken: token })).toMatchObject({ status: 400, body: { errorMessages: [expect.stringMatching(/token/)] } });
    expect(await post({ jql: 'project = PS', nextPageToken: 'not-a-token' })).toMatchObject({ status: 400 });
    await advance(8 * 24 * 3600);
    expect(await post({ jql: 'project = PS', nextPageToken: token })).toMatchObject({ status: 400, body: { errorMessages: [expect.stringMatching(/expired/)] } });
  });

  it('returns the fields asked for, with names and schema once on the result', async () => {
    const reply = await get({ jql: 'key = PS-1', fields: 'summary,status,customfield_10010', expand: 'names,schema' });
    const [issue] = reply.body.issues;
    expect(Object.keys(issue.fields).sort()).toEqual(['customfield_10010', 'status', 'summary']);
    expect(issue.fields.customfield_10010).toMatchObject({ value: 'Implementation Issue', id: '10020' });
    expect(issue.fields.status).toMatchObject({ name: 'Waiting for support' });
    expect(issue).not.toHaveProperty('names');
    expect(reply.body.names).toMatchObject({ summary: 'Summary', customfield_10010: 'Type of Inquiry' });
    expect(reply.body.schema).toHaveProperty('summary');

    const all = await post({ jql: 'key = PS-1', fields: ['*all', '-comment'], properties: ['engagement-desk.stage'] });
    expect(all.body.issues[0].fields).toHaveProperty('assignee');
    expect(all.body.issues[0].fields).not.toHaveProperty('comment');
    expect(all.body.issues[0].properties).toEqual({ 'engagement-desk.stage': { stage: 'estimate' } });
  });

  it('caps a page at 100 issues with fields and 5000 with ids only', async () => {
    for (let n = 0; n < 101; n += 1) host.jiraStore.createIssue({ projectKey: 'DEL', summary: `Bulk task ${n}`, reporter: lead, labels: ['bulk'] });
    const withFields = await post({ jql: 'labels = bulk', maxResults: 500, fields: ['summary'] });
    expect(withFields.body.issues).toHaveLength(100);
    expect(withFields.body.isLast).toBe(false);
    const idsOnly = await post({ jql: 'labels = bulk', maxResults: 500 });
    expect(idsOnly.body.issues).toHaveLength(101);
    expect(idsOnly.body.isLast).toBe(true);
    expect((await get({ jql: 'labels = bulk' })).body.issues).toHaveLength(50); // default maxResults
  });

  it('filters, orders and reads custom fields by name over HTTP', async () => {
    expect(keysOf(await post({ jql: '"Type of Inquiry" = "Implementation Issue" AND "Estimated hours" > 4 ORDER BY "Estimated hours" DESC', fields: ['key'] }))).toEqual([
      'PS-7',
      'PS-5',
      'PS-3',
    ]);
    expect(keysOf(await post({ jql: '"End Customer" ~ contoso ORDER BY key', fields: ['key'] }))).toEqual(['PS-3', 'PS-6']);
    expect(keysOf(await post({ jql: 'summary ~ "Tailspin" AND labels is EMPTY ORDER BY created ASC', fields: ['key'] }))).toEqual(['PS-2', 'PS-5']);
    expect(keysOf(await post({ jql: 'project = PS AND (labels = urgent OR assignee = currentUser()) ORDER BY key', fields: ['key'] }))).toEqual(['PS-1', 'PS-2']);
  });
});

describe('who sees what', () => {
  it('an agent finds their own work with currentUser()', async () => {
    expect(keysOf(await post({ jql: 'assignee = currentUser() ORDER BY key' }, agent))).toEqual(['PS-1', 'PS-2']);
  });

  it('a delivery person finds issues in both projects, and their own', async () => {
    expect(keysOf(await post({ jql: 'assignee = currentUser() ORDER BY key' }, consultant))).toEqual(['DEL-1', 'DEL-2', 'DEL-3']);
    const count = await call('POST', COUNT, lead, { jql: 'project in (PS, DEL) AND labels is EMPTY' });
    expect(count).toEqual({ status: 200, body: { count: 6 + 5 } }); // PS-1 is labelled; so are the later DEL issues
  });

  it('a JSM customer, with no project permission, finds nothing (and an issue key names nothing)', async () => {
    const reply = await post({ jql: 'project = PS' }, partner);
    expect(reply.body).toEqual({ issues: [], isLast: true });
    expect(await call('POST', COUNT, partner, { jql: 'reporter = currentUser()' })).toEqual({ status: 200, body: { count: 0 } });
    expect(await post({ jql: 'key = PS-1' }, partner)).toEqual({
      status: 400,
      body: { errorMessages: ["An issue with key 'PS-1' does not exist for field 'key'."], errors: {} },
    });
  });

  it('the app acting as itself sees every issue', async () => {
    const reply = await host.jira.handle({ method: 'POST', path: COUNT, query: new URLSearchParams(), body: { jql: 'project in (PS, DEL)' }, actor: { kind: 'app' } });
    expect(reply).toEqual({ status: 200, body: { count: 7 + 5 + 1 + 101 } });
  });
});

describe('refusals', () => {
  it.each([
    ['no jql', {}],
    ['an empty jql', { jql: '' }],
    ['only ORDER BY', { jql: 'ORDER BY key DESC' }],
  ])('refuses an unbounded query (%s)', async (_name, body) => {
    expect(await post(body)).toEqual({ status: 400, body: { errorMessages: [UNBOUNDED], errors: {} } });
    expect(await call('POST', COUNT, agent, body)).toEqual({ status: 400, body: { errorMessages: [UNBOUNDED], errors: {} } });
  });

  it('refuses an unbounded GET', async () => {
    expect(await call('GET', SEARCH, agent)).toMatchObject({ status: 400, body: { errorMessages: [UNBOUNDED] } });
  });

  it('answers Jira’s 400 for syntax errors, unknown fields and values', async () => {
    expect(await get({ jql: 'project = PS AND' })).toEqual({
      status: 400,
      body: { errorMessages: ['Error in the JQL Query: Expecting a field name but got the end of the query. (line 1, character 17)'], errors: {} },
    });
    expect(await post({ jql: 'colour = red AND status = Open' })).toEqual({
      status: 400,
      body: {
        errorMessages: ["Field 'colour' does not exist or you do not have permission to view it.", "The value 'Open' does not exist for the field 'status'."],
        errors: {},
      },
    });
    expect(await call('POST', COUNT, agent, { jql: 'assignee = nobody()' })).toMatchObject({ status: 400, body: { errorMessages: ["Unable to find JQL function 'nobody()'."] } });
  });

  it('refuses bodies and parameters outside the spec', async () => {
    expect(await post({ jql: 'project = PS', startAt: 10 })).toMatchObject({ status: 400 });
    expect(await post({ jql: 'project = PS', maxResults: -1 })).toMatchObject({ status: 400 });
    expect(await post({ jql: 'project = PS', properties: ['a', 'b', 'c', 'd', 'e', 'f'] })).toMatchObject({ status: 400 });
    expect(await get({ jql: 'project = PS', maxResults: 'many' })).toMatchObject({ status: 400 });
    expect(await call('POST', COUNT, agent, { jql: 'project = PS', maxResults: 1 })).toMatchObject({ status: 400 });
  });
});
