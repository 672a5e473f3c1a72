/**
 * The Jira platform REST emulator over real HTTP, as scripts and Jira clients drive it: issues (create, read with
 * `fields`/`expand`, edit with `update` and `properties`, assign, transition, meta), comments (public and internal),
 * worklogs, links, properties, the app's own field, fields, projects, users and issue types — each with the refusals
 * Jira answers, and the Forge events each write raises. Successful answers are checked against Atlassian's spec.
 */
import type { FastifyInstance } from 'fastify';
import { ForgeHost } from '../../sandbox/runtime/host';
import { buildHttpApi } from '../../sandbox/server/http-api';
import { validateJiraResponse } from '../support/contract-validator';
import { APP_DIR, accountOf, EMAILS } from '../support/sandbox';

type Who = keyof typeof EMAILS;
interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}
interface RecordedEvent {
  type: string;
  payload: Record<string, unknown>;
  causedByApp: boolean;
}

let host: ForgeHost;
let server: FastifyInstance;
let base: string;
const events: RecordedEvent[] = [];

beforeAll(async () => {
  host = new ForgeHost({ appDir: APP_DIR, database: ':memory:' });
  server = buildHttpApi(host);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  host.setBaseUrl(base);
  expect((await http('POST', '/__sandbox/api/reset', { seed: 'empty' })).status).toBe(200);
  const original = host.emitProductEvent.bind(host);
  host.emitProductEvent = (type, payload, causedByApp) => {
    events.push({ type, payload, causedByApp });
    original(type, payload, causedByApp);
  };
});
beforeEach(() => {
  events.length = 0;
});
afterAll(async () => {
  await host.idle(5_000);
  await server.close();
  await host.close();
});

async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
}

/** A Jira call as a demo user, over HTTP with X-Sandbox-Account. */
const as = (who: Who, method: string, path: string, body?: unknown) => http(method, path, body, { 'X-Sandbox-Account': accountOf(who) });

/** A Jira call as the app itself (asApp), straight into the emulator as the Forge seam makes it. */
async function asApp(method: string, pathAndQuery: string, body?: unknown): Promise<Answer> {
  const url = new URL(pathAndQuery, 'http://sandbox');
  const reply = await host.jira.handle({ method, path: url.pathname, query: url.searchParams, body, actor: { kind: 'app' } });
  return { status: reply.status, body: reply.body, text: reply.body === undefined ? '' : JSON.stringify(reply.body) };
}

/** The answer fits the spec's response schema for its operation and status. */
function conforms(method: string, pathAndQuery: string, answer: Answer): void {
  const path = pathAndQuery.split('?')[0]!;
  expect(validateJiraResponse({ method, path }, { status: answer.status, body: answer.body })).toEqual([]);
}

const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const eventsOf = (type: string) => events.filter((e) => e.type === type);
const INTERNAL = [{ key: 'sd.public.comment', value: { internal: true } }];

async function createIssue(who: Who | 'app', fields: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<{ id: string; key: string }> {
  const body = { fields, ...extra };
  const answer = who === 'app' ? await asApp('POST', '/rest/api/3/issue', body) : await as(who, 'POST', '/rest/api/3/issue', body);
  expect(answer).toMatchObject({ status: 201 });
  return answer.body as { id: string; key: string };
}

const psRequest = (summary = 'Request for Implementation services for End Customer Contoso Foods') => ({
  project: { key: 'PS' },
  issuetype: { name: 'General Issues and Questions' },
  summary,
});
const delTask = (summary = 'Implement Contoso Foods') => ({ project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary });

describe('create and read', () => {
  it('creates an issue with custom fields and answers CreatedIssue', async () => {
    const answer = await as('agent', 'POST', '/rest/api/3/issue', {
      fields: {
        ...psRequest(),
        description: doc('Please help with the roll-out.'),
        labels: ['partner', 'implementation'],
        customfield_10010: { value: 'Implementation Issue' },
        customfield_10011: 'Contoso Foods',
        customfield_10012: 12,
      },
      properties: [{ key: 'engagement', value: { stage: 'new' } }],
    });
    expect(answer.status).toBe(201);
    expect(Object.keys(answer.body).sort()).toEqual(['id', 'key', 'self']);
    expect(answer.body).toEqual({ id: expect.stringMatching(/^\d+$/), key: expect.stringMatching(/^PS-\d+$/), self: `${base}/rest/api/3/issue/${answer.body.id}` });
    conforms('POST', '/rest/api/3/issue', answer);

    const read = await as('agent', 'GET', `/rest/api/3/issue/${answer.body.key}?properties=engagement`);
    expect(read.status).toBe(200);
    conforms('GET', `/rest/api/3/issue/${answer.body.key}`, read);
    expect(read.body).toMatchObject({ id: answer.body.id, key: answer.body.key, properties: { engagement: { stage: 'new' } } });
    expect(read.body.fields).toMatchObject({
      summary: 'Request for Implementation services for End Customer Contoso Foods',
      description: doc('Please help with the roll-out.'),
      labels: ['partner', 'implementation'],
      issuetype: { id: '10100', name: 'General Issues and Questions', subtask: false },
      project: { key: 'PS', projectTypeKey: 'service_desk' },
      status: { name: 'Waiting for support', statusCategory: { key: 'new' } },
      reporter: { accountId: accountOf('agent'), displayName: 'Sam Support', active: true, accountType: 'atlassian', timeZone: 'Europe/London' },
      creator: { accountId: accountOf('agent') },
      assignee: null,
      customfield_10010: { id: '10020', value: 'Implementation Issue', self: expect.stringContaining('/customFieldOption/10020') },
      customfield_10011: 'Contoso Foods',
      customfield_10012: 12,
      customfield_10013: null,
      comment: { comments: [], total: 0, startAt: 0 },
      worklog: { worklogs: [], total: 0 },
      issuelinks: [],
      subtasks: [],
      timespent: null,
    });
    expect(read.body.fields.reporter.avatarUrls['48x48']).toMatch(/^http/);

    expect(events).toEqual([expect.objectContaining({ type: 'avi:jira:created:issue', causedByApp: false })]);
    const created = events[0]!.payload as { issue: { key: string }; atlassianId: string };
    expect(created.issue.key).toBe(answer.body.key);
    expect(created.atlassianId).toBe(accountOf('agent'));
  });

  it('selects fields with *navigable, lists and exclusions, and expands names, schema and transitions', async () => {
    const { key } = await createIssue('agent', psRequest());
    const only = await as('agent', 'GET', `/rest/api/3/issue/${key}?fields=summary,status&fields=customfield_10010`);
    expect(Object.keys(only.body.fields).sort()).toEqual(['customfield_10010', 'status', 'summary']);
    const navigable = await as('agent', 'GET', `/rest/api/3/issue/${key}?fields=*navigable,-description`);
    expect(navigable.body.fields).toHaveProperty('summary');
    expect(navigable.body.fields).not.toHaveProperty('comment');
    expect(navigable.body.fields).not.toHaveProperty('description');
    const all = await as('agent', 'GET', `/rest/api/3/issue/${key}?fields=*all,-comment&expand=names,schema,transitions,editmeta`);
    expect(all.body.fields).toHaveProperty('worklog');
    expect(all.body.fields).not.toHaveProperty('comment');
    expect(all.body.names).toMatchObject({ summary: 'Summary', customfield_10010: 'Type of Inquiry' });
    expect(all.body.schema.customfield_10012).toEqual({ type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', customId: 10012 });
    expect(all.body.transitions.map((t: { name: string }) => t.name)).toEqual(['Respond to customer', 'Start progress', 'Resolve']);
    expect(Object.keys(all.body.editmeta.fields)).toEqual(expect.arrayContaining(['summary', 'labels', 'assignee', 'customfield_10010', 'comment']));
    expect(all.body.editmeta.fields).not.toHaveProperty('customfield_10013');
    conforms('GET', `/rest/api/3/issue/${key}`, all);
  });

  it('creates a sub-task under its parent, which then lists it', async () => {
    const parent = await createIssue('lead', delTask());
    const child = await createIssue('lead', { project: { key: 'DEL' }, issuetype: { id: '10103' }, parent: { key: parent.key }, summary: 'Business blueprint' });
    const readParent = await as('lead', 'GET', `/rest/api/3/issue/${parent.key}?fields=subtasks`);
    expect(readParent.body.fields.subtasks).toEqual([expect.objectContaining({ id: child.id, key: child.key, fields: expect.objectContaining({ summary: 'Business blueprint' }) })]);
    const readChild = await as('lead', 'GET', `/rest/api/3/issue/${child.key}?fields=parent,issuetype`);
    expect(readChild.body.fields.parent).toMatchObject({ id: parent.id, key: parent.key, fields: { summary: 'Implement Contoso Foods' } });
    expect(readChild.body.fields.issuetype).toMatchObject({ subtask: true, hierarchyLevel: -1 });
  });

  it('marks the app’s own create as caused by the app, with no acting user', async () => {
    const { key } = await createIssue('app', delTask('Created by the app'));
    expect(events).toEqual([expect.objectContaining({ type: 'avi:jira:created:issue', causedByApp: true })]);
    expect(events[0]!.payload).not.toHaveProperty('atlassianId');
    const read = await asApp('GET', `/rest/api/3/issue/${key}?fields=reporter,creator`);
    expect(read.body.fields).toEqual({ reporter: null, creator: null });
  });

  it.each([
    ['no summary', { project: { key: 'PS' }, issuetype: { name: 'General Issues and Questions' } }, 'summary'],
    ['no project', { issuetype: { name: 'Task' }, summary: 'x' }, 'project'],
    ['no issue type', { project: { key: 'DEL' }, summary: 'x' }, 'issuetype'],
    ['an issue type of another project', { project: { key: 'DEL' }, issuetype: { name: 'Service Request' }, summary: 'x' }, 'issuetype'],
    ['a sub-task without parent', { project: { key: 'DEL' }, issuetype: { name: 'Sub-task' }, summary: 'x' }, 'parent'],
    ['an unknown field', { ...delTask(), customfield_99999: 'x' }, 'customfield_99999'],
    ['an unknown option', { ...psRequest(), customfield_10010: { value: 'Nothing' } }, 'customfield_10010'],
    ['an unknown option id', { ...psRequest(), customfield_10010: { id: '1' } }, 'customfield_10010'],
    ['a number field given text', { ...psRequest(), customfield_10012: 'twelve' }, 'customfield_10012'],
    ['a description that is not ADF', { ...psRequest(), description: 'plain text' }, 'description'],
    ['a label with a space', { ...psRequest(), labels: ['two words'] }, 'labels'],
    ['the app-owned field', { ...psRequest(), customfield_10013: 'Kick-off' }, 'customfield_10013'],
  ])('refuses a create with %s: 400 with errors[field], nothing created', async (_what, fields, field) => {
    const before = host.jiraStore.issues().length;
    const answer = await as('agent', 'POST', '/rest/api/3/issue', { fields });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errorMessages: [], errors: expect.objectContaining({ [field]: expect.any(String) }) });
    conforms('POST', '/rest/api/3/issue', answer);
    expect(host.jiraStore.issues()).toHaveLength(before);
    expect(events).toEqual([]);
  });

  it('refuses a create by someone without Create Issues, and a body that is not an object', async () => {
    expect(await as('consultant', 'POST', '/rest/api/3/issue', { fields: psRequest() })).toMatchObject({ status: 400, body: { errors: { project: expect.stringMatching(/permission/) } } });
    expect(await as('partner', 'POST', '/rest/api/3/issue', { fields: psRequest() })).toMatchObject({ status: 400, body: { errors: { project: 'valid project is required' } } });
    expect(await as('agent', 'POST', '/rest/api/3/issue', ['not', 'an', 'object'])).toMatchObject({ status: 400, body: { errorMessages: [expect.any(String)] } });
  });

  it('answers 404 to a customer reading an issue, even one they reported, and 401 to an unknown account', async () => {
    const { key } = await createIssue('agent', { ...psRequest(), reporter: { accountId: accountOf('partner') } });
    const answer = await as('partner', 'GET', `/rest/api/3/issue/${key}`);
    expect(answer).toEqual({ status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }, text: expect.any(String) });
    expect((await as('agent', 'GET', '/rest/api/3/issue/PS-9999')).status).toBe(404);
    expect((await http('GET', `/rest/api/3/issue/${key}`, undefined, { 'X-Sandbox-Account': 'stranger' })).status).toBe(401);
    const basic = Buffer.from(`${EMAILS.agent}:token`).toString('base64');
    expect((await http('GET', `/rest/api/3/issue/${key}`, undefined, { Authorization: `Basic ${basic}` })).status).toBe(200);
  });
});

describe('edit', () => {
  it('sets fields, labels, an internal comment and a property in one call, raising updated and commented', async () => {
    const { id, key } = await createIssue('agent', { ...psRequest(), labels: ['partner'] });
    events.length = 0;
    const answer = await as('agent', 'PUT', `/rest/api/3/issue/${key}`, {
      fields: { summary: 'Routed: Contoso Foods', customfield_10010: { id: '10020' } },
      update: {
        labels: [{ add: 'routed' }, { remove: 'partner' }],
        comment: [{ add: { body: doc('Routed to the delivery team.'), properties: INTERNAL } }],
      },
      properties: [{ key: 'routing', value: { team: 'delivery' } }],
    });
    expect(answer).toMatchObject({ status: 204, text: '' });

    const read = await as('agent', 'GET', `/rest/api/3/issue/${key}?fields=summary,labels,comment,customfield_10010&properties=*all`);
    expect(read.body.fields).toMatchObject({ summary: 'Routed: Contoso Foods', labels: ['routed'], customfield_10010: { value: 'Implementation Issue' } });
    expect(read.body.fields.comment.comments).toEqual([expect.objectContaining({ body: doc('Routed to the delivery team.'), jsdPublic: false, author: expect.objectContaining({ accountId: accountOf('agent') }) })]);
    expect(read.body.properties).toEqual({ routing: { team: 'delivery' } });

    expect(events.map((e) => e.type)).toEqual(['avi:jira:updated:issue', 'avi:jira:commented:issue']);
    const updated = events[0]!.payload as { changelog: { items: unknown[] }; associatedStatuses?: unknown; issue: { id: string } };
    expect(updated.issue.id).toBe(id);
    expect(updated.associatedStatuses).toBeUndefined();
    expect(updated.changelog.items).toEqual([
      { field: 'summary', fieldId: 'summary', fieldtype: 'jira', from: null, fromString: 'Request for Implementation services for End Customer Contoso Foods', to: null, toString: 'Routed: Contoso Foods' },
      { field: 'labels', fieldId: 'labels', fieldtype: 'jira', from: null, fromString: 'partner', to: null, toString: 'routed' },
      { field: 'Type of Inquiry', fieldId: 'customfield_10010', fieldtype: 'custom', from: null, fromString: null, to: '10020', toString: 'Implementation Issue' },
    ]);
    expect(events[1]!.payload).toMatchObject({ issue: { key }, atlassianId: accountOf('agent'), comment: { jsdPublic: false, body: doc('Routed to the delivery team.') } });
  });

  it('answers the edited issue with returnIssue=true, and nothing changes for a no-op edit', async () => {
    const { key } = await createIssue('agent', psRequest());
    events.length = 0;
    const answer = await as('agent', 'PUT', `/rest/api/3/issue/${key}?returnIssue=true`, { fields: { customfield_10012: 6 } });
    expect(answer.status).toBe(200);
    expect(answer.body.fields.customfield_10012).toBe(6);
    conforms('GET', `/rest/api/3/issue/${key}`, answer);
    events.length = 0;
    expect((await as('agent', 'PUT', `/rest/api/3/issue/${key}`, { fields: { customfield_10012: 6 } })).status).toBe(204);
    expect(events).toEqual([]);
  });

  it('refuses a delivery consultant editing a service-project issue (no Edit Issues): 403, nothing changed', async () => {
    const { key } = await createIssue('agent', psRequest());
    events.length = 0;
    const answer = await as('consultant', 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'Hijacked' } });
    expect(answer).toMatchObject({ status: 403, body: { errorMessages: ['You do not have permission to edit issues in this project.'], errors: {} } });
    expect((await as('agent', 'GET', `/rest/api/3/issue/${key}?fields=summary`)).body.fields.summary).not.toBe('Hijacked');
    expect(events).toEqual([]);
  });

  it.each([
    ['an unknown field', { fields: { customfield_12345: 'x' } }, 'customfield_12345'],
    ['a read-only field', { fields: { status: { id: '3' } } }, 'status'],
    ['the app-owned field', { fields: { customfield_10013: 'Kick-off' } }, 'customfield_10013'],
    ['a field in both fields and update', { fields: { summary: 'a' }, update: { summary: [{ set: 'b' }] } }, 'summary'],
    ['an empty summary', { update: { summary: [{ set: '' }] } }, 'summary'],
    ['a comment that is not ADF', { update: { comment: [{ add: { body: 'text' } }] } }, 'comment'],
    ['an unassignable assignee', { fields: { assignee: { accountId: accountOf('partner') } } }, 'assignee'],
  ])('refuses an edit with %s: 400 errors[field], nothing changed', async (_what, body, field) => {
    const { key } = await createIssue('agent', psRequest());
    events.length = 0;
    const answer = await as('agent', 'PUT', `/rest/api/3/issue/${key}`, body);
    expect(answer).toMatchObject({ status: 400, body: { errorMessages: [], errors: { [field]: expect.any(String) } } });
    expect(events).toEqual([]);
    expect(host.jiraStore.comments(host.jiraStore.issue(key)!.id)).toEqual([]);
  });

  it('keeps the app-owned field out of edit even for the app, which sets it through the app field API', async () => {
    const { id, key } = await createIssue('agent', psRequest());
    expect(await asApp('PUT', `/rest/api/3/issue/${key}`, { fields: { customfield_10013: 'Kick-off' } })).toMatchObject({
      status: 400,
      body: { errors: { customfield_10013: "Field 'customfield_10013' cannot be set. It is not on the appropriate screen, or unknown." } },
    });
    events.length = 0;
    const set = await asApp('PUT', '/rest/api/3/app/field/customfield_10013/value', { updates: [{ issueIds: [Number(id)], value: 'Kick-off' }] });
    expect(set.status).toBe(204);
    expect((await as('agent', 'GET', `/rest/api/3/issue/${key}?fields=customfield_10013`)).body.fields.customfield_10013).toBe('Kick-off');
    expect(events).toEqual([expect.objectContaining({ type: 'avi:jira:updated:issue', causedByApp: true })]);
    expect((events[0]!.payload as { changelog: { items: unknown[] } }).changelog.items).toEqual([
      { field: 'Implementation stage', fieldId: 'customfield_10013', fieldtype: 'custom', from: null, fromString: null, to: null, toString: 'Kick-off' },
    ]);
  });

  it('refuses the app field API to users (403), for unknown fields (404), fields the app does not own (403) and bad input (400)', async () => {
    const { id } = await createIssue('agent', psRequest());
    events.length = 0;
    const body = { updates: [{ issueIds: [Number(id)], value: 'Blueprint' }] };
    expect(await as('admin', 'PUT', '/rest/api/3/app/field/customfield_10013/value', body)).toMatchObject({ status: 403 });
    expect(await asApp('PUT', '/rest/api/3/app/field/customfield_77777/value', body)).toMatchObject({ status: 404 });
    expect(await asApp('PUT', '/rest/api/3/app/field/customfield_10011/value', body)).toMatchObject({ status: 403 });
    expect(await asApp('PUT', '/rest/api/3/app/field/customfield_10013/value', { updates: [{ issueIds: [Number(id)], value: 7 }] })).toMatchObject({ status: 400 });
    expect(await asApp('PUT', '/rest/api/3/app/field/customfield_10013/value', { updates: [{ issueIds: [999999], value: 'x' }] })).toMatchObject({ status: 400 });
    expect(events).toEqual([]);
  });
});

describe('assign and transition', () => {
  it('assigns and unassigns, raising assigned and updated with account ids in the changelog', async () => {
    const { key } = await createIssue('lead', delTask());
    events.length = 0;
    expect(await as('lead', 'PUT', `/rest/api/3/issue/${key}/assignee`, { accountId: accountOf('consultant') })).toMatchObject({ status: 204 });
    expect((await as('lead', 'GET', `/rest/api/3/issue/${key}?fields=assignee`)).body.fields.assignee).toMatchObject({ accountId: accountOf('consultant'), displayName: 'Carl Consultant' });
    expect(events.map((e) => e.type)).toEqual(['avi:jira:assigned:issue', 'avi:jira:updated:issue']);
    const item = { field: 'assignee', fieldId: 'assignee', fieldtype: 'jira', from: null, fromString: null, to: accountOf('consultant'), toString: 'Carl Consultant' };
    for (const e of events) expect((e.payload as { changelog: { items: unknown[] } }).changelog.items).toEqual([item]);

    events.length = 0;
    expect(await as('lead', 'PUT', `/rest/api/3/issue/${key}/assignee`, { accountId: null })).toMatchObject({ status: 204 });
    expect((await as('lead', 'GET', `/rest/api/3/issue/${key}?fields=assignee`)).body.fields.assignee).toBeNull();
    const assigned = eventsOf('avi:jira:assigned:issue')[0]!.payload as { changelog: { items: Array<Record<string, unknown>> } };
    expect(assigned.changelog.items[0]).toMatchObject({ from: accountOf('consultant'), to: null, toString: null });

    await as('lead', 'PUT', `/rest/api/3/issue/${key}/assignee`, { accountId: accountOf('consultant') });
    expect(await as('lead', 'PUT', `/rest/api/3/issue/${key}/assignee`, { accountId: '-1' })).toMatchObject({ status: 204 });
    expect(host.jiraStore.issue(key)!.assignee).toBeNull();
  });

  it('refuses assignees without Assignable User (400), callers without Assign Issues (403) and a body without accountId (400)', async () => {
    const ps = await createIssue('agent', psRequest());
    events.length = 0;
    // JSM customers are never Assignable Users (delivery people are, on the service project too: a rota may pick them).
    expect(await as('agent', 'PUT', `/rest/api/3/issue/${ps.key}/assignee`, { accountId: accountOf('partner') })).toMatchObject({
      status: 400,
      body: { errors: { assignee: "User 'Paula Partner' cannot be assigned issues." } },
    });
    expect(await as('agent', 'PUT', `/rest/api/3/issue/${ps.key}/assignee`, { accountId: 'nobody' })).toMatchObject({ status: 400 });
    expect(await as('consultant', 'PUT', `/rest/api/3/issue/${ps.key}/assignee`, { accountId: accountOf('agent') })).toMatchObject({ status: 403 });
    expect(await as('agent', 'PUT', `/rest/api/3/issue/${ps.key}/assignee`, {})).toMatchObject({ status: 400 });
    expect(await as('partner', 'PUT', `/rest/api/3/issue/${ps.key}/assignee`, { accountId: accountOf('agent') })).toMatchObject({ status: 404 });
    expect(events).toEqual([]);
    expect(await as('agent', 'PUT', `/rest/api/3/issue/${ps.key}/assignee`, { accountId: accountOf('agent') })).toMatchObject({ status: 204 });
  });

  it('lists transitions and performs one with a comment, raising updated with associatedStatuses and commented', async () => {
    const { key } = await createIssue('agent', psRequest());
    const list = await as('agent', 'GET', `/rest/api/3/issue/${key}/transitions`);
    expect(list.status).toBe(200);
    conforms('GET', `/rest/api/3/issue/${key}/transitions`, list);
    expect(list.body.transitions).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: '21', name: 'Start progress', to: expect.objectContaining({ id: '3', name: 'In Progress' }), isLooped: false })]),
    );
    expect((await as('partner', 'GET', `/rest/api/3/issue/${key}/transitions`)).status).toBe(404);
    expect((await as('consultant', 'GET', `/rest/api/3/issue/${key}/transitions`)).body.transitions).toEqual([]);

    events.length = 0;
    const done = await as('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' }, update: { comment: [{ add: { body: doc('Working on it.') } }] } });
    expect(done).toMatchObject({ status: 204 });
    expect((await as('agent', 'GET', `/rest/api/3/issue/${key}?fields=status`)).body.fields.status).toMatchObject({ id: '3', name: 'In Progress' });
    expect(events.map((e) => e.type)).toEqual(['avi:jira:updated:issue', 'avi:jira:commented:issue']);
    const updated = events[0]!.payload as { changelog: { items: unknown[] }; associatedStatuses: Array<{ id: string }> };
    expect(updated.changelog.items).toEqual([{ field: 'status', fieldId: 'status', fieldtype: 'jira', from: '1', fromString: 'Waiting for support', to: '3', toString: 'In Progress' }]);
    expect(updated.associatedStatuses.map((s) => s.id)).toEqual(['1', '3']);
    expect(eventsOf('avi:jira:commented:issue')[0]!.payload).toMatchObject({ comment: { jsdPublic: true } });
  });

  it.each([
    ['no transition', {}],
    ['a transition not available from here', { transition: { id: '999' } }],
    ['a field while the transition has no screen', { transition: { id: '31' }, fields: { summary: 'x' } }],
  ])('refuses a transition with %s: 400, status unchanged', async (_what, body) => {
    const { key } = await createIssue('agent', psRequest());
    events.length = 0;
    expect((await as('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, body)).status).toBe(400);
    expect(host.jiraStore.issue(key)!.statusId).toBe('1');
    expect(events).toEqual([]);
  });

  it('refuses a transition by someone without Transition Issues (400: nothing is available to them)', async () => {
    const { key } = await createIssue('agent', psRequest());
    expect(await as('consultant', 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' } })).toMatchObject({ status: 400 });
    expect(host.jiraStore.issue(key)!.statusId).toBe('1');
  });
});

describe('comments', () => {
  it('adds public and internal comments, lists and pages them, and ignores a jsdPublic sent in the body', async () => {
    const { key } = await createIssue('agent', psRequest());
    events.length = 0;
    const publicOne = await as('agent', 'POST', `/rest/api/3/issue/${key}/comment`, { body: doc('We will call you.') });
    expect(publicOne.status).toBe(201);
    conforms('POST', `/rest/api/3/issue/${key}/comment`, publicOne);
    expect(publicOne.body).toMatchObject({ id: expect.any(String), jsdPublic: true, body: doc('We will call you.'), author: { accountId: accountOf('agent') } });
    expect(publicOne.body.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    const internal = await as('agent', 'POST', `/rest/api/3/issue/${key}/comment?expand=properties`, { body: doc('Partner owes an invoice.'), properties: INTERNAL });
    expect(internal.body).toMatchObject({ jsdPublic: false, properties: INTERNAL });
    const ignored = await as('agent', 'POST', `/rest/api/3/issue/${key}/comment`, { body: doc('Still public.'), jsdPublic: false });
    expect(ignored.body.jsdPublic).toBe(true);

    const page = await as('agent', 'GET', `/rest/api/3/issue/${key}/comment?startAt=1&maxResults=1&orderBy=-created`);
    expect(page.status).toBe(200);
    conforms('GET', `/rest/api/3/issue/${key}/comment`, page);
    expect(page.body).toMatchObject({ startAt: 1, maxResults: 1, total: 3, comments: [expect.objectContaining({ id: internal.body.id })] });
    expect(eventsOf('avi:jira:commented:issue')).toHaveLength(3);
    expect(eventsOf('avi:jira:updated:issue')).toHaveLength(0);
    expect((await as('agent', 'GET', `/rest/api/3/issue/${key}/comment?orderBy=author`)).status).toBe(400);
  });

  it('keeps comments on a software project public whatever the property says', async () => {
    const { key } = await createIssue('lead', delTask());
    const answer = await as('lead', 'POST', `/rest/api/3/issue/${key}/comment`, { body: doc('Blueprint done.'), properties: INTERNAL });
    expect(answer.body.jsdPublic).toBe(true);
  });

  it('edits and deletes one’s own comment; others may not (400)', async () => {
    const { key } = await createIssue('agent', psRequest());
    const mine = (await as('consultant', 'POST', `/rest/api/3/issue/${key}/comment`, { body: doc('Consultant note.') })).body as { id: string };
    events.length = 0;
    const edited = await as('consultant', 'PUT', `/rest/api/3/issue/${key}/comment/${mine.id}`, { body: doc('Consultant note, edited.') });
    expect(edited).toMatchObject({ status: 200, body: { body: doc('Consultant note, edited.') } });
    conforms('PUT', `/rest/api/3/issue/${key}/comment/${mine.id}`, edited);
    expect(eventsOf('avi:jira:commented:issue')).toHaveLength(1);
    expect(await as('lead', 'PUT', `/rest/api/3/issue/${key}/comment/${mine.id}`, { body: doc('Not mine.') })).toMatchObject({ status: 400 });
    expect(await as('lead', 'DELETE', `/rest/api/3/issue/${key}/comment/${mine.id}`)).toMatchObject({ status: 400 });
    expect((await as('agent', 'GET', `/rest/api/3/issue/${key}/comment/${mine.id}`)).body.body).toEqual(doc('Consultant note, edited.'));
    expect(await as('consultant', 'DELETE', `/rest/api/3/issue/${key}/comment/${mine.id}`)).toMatchObject({ status: 204 });
    expect((await as('agent', 'GET', `/rest/api/3/issue/${key}/comment/${mine.id}`)).status).toBe(404);
    expect(eventsOf('avi:jira:deleted:comment')).toHaveLength(1);
  });

  it.each([
    ['a string body', { body: 'plain' }],
    ['an empty document', { body: { type: 'doc', version: 1, content: [] } }],
    ['a visibility restriction', { body: doc('x'), visibility: { type: 'role', value: 'Administrators' } }],
  ])('refuses a comment with %s (400) and writes nothing', async (_what, body) => {
    const { key } = await createIssue('agent', psRequest());
    events.length = 0;
    const answer = await as('agent', 'POST', `/rest/api/3/issue/${key}/comment`, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errorMessages: expect.any(Array), errors: expect.any(Object) });
    expect(events).toEqual([]);
  });

  it('answers 404 to a customer adding a comment through the platform API', async () => {
    const { key } = await createIssue('agent', { ...psRequest(), reporter: { accountId: accountOf('partner') } });
    expect((await as('partner', 'POST', `/rest/api/3/issue/${key}/comment`, { body: doc('Hello?') })).status).toBe(404);
  });
});

describe('worklogs', () => {
  it('logs work as "2h 30m" and in seconds, sums it on the issue, and raises worklog and updated events', async () => {
    const { key } = await createIssue('lead', delTask());
    events.length = 0;
    const first = await as('consultant', 'POST', `/rest/api/3/issue/${key}/worklog`, { timeSpent: '2h 30m', started: '2021-01-17T12:34:00.000+0000', comment: doc('Workshop.') });
    expect(first.status).toBe(201);
    conforms('POST', `/rest/api/3/issue/${key}/worklog`, first);
    expect(first.body).toMatchObject({ timeSpent: '2h 30m', timeSpentSeconds: 9000, started: '2021-01-17T12:34:00.000+0000', author: { accountId: accountOf('consultant') }, comment: doc('Workshop.') });
    const second = await as('consultant', 'POST', `/rest/api/3/issue/${key}/worklog`, { timeSpentSeconds: 36000, started: '2021-01-18T09:00:00.000+0100' });
    expect(second.body).toMatchObject({ timeSpent: '1d 2h', started: '2021-01-18T08:00:00.000+0000' });

    const read = await as('lead', 'GET', `/rest/api/3/issue/${key}?fields=timespent,timetracking,worklog`);
    expect(read.body.fields).toMatchObject({ timespent: 45000, timetracking: { timeSpent: '1d 4h 30m', timeSpentSeconds: 45000 }, worklog: { total: 2 } });
    const list = await as('lead', 'GET', `/rest/api/3/issue/${key}/worklog`);
    conforms('GET', `/rest/api/3/issue/${key}/worklog`, list);
    expect(list.body).toMatchObject({ total: 2, worklogs: [expect.objectContaining({ id: first.body.id }), expect.objectContaining({ id: second.body.id })] });

    expect(events.map((e) => e.type)).toEqual(['avi:jira:created:worklog', 'avi:jira:updated:issue', 'avi:jira:created:worklog', 'avi:jira:updated:issue']);
    expect((events[3]!.payload as { changelog: { items: unknown[] } }).changelog.items).toEqual([
      { field: 'timespent', fieldId: 'timespent', fieldtype: 'jira', from: '9000', fromString: '9000', to: '45000', toString: '45000' },
      { field: 'WorklogId', fieldId: 'WorklogId', fieldtype: 'jira', from: null, fromString: null, to: second.body.id, toString: second.body.id },
    ]);
    expect(events[0]!.payload).toMatchObject({ worklog: { id: first.body.id, timeSpentSeconds: 9000 } });
  });

  it('updates and deletes a worklog, keeping the sum right; another consultant may not (400)', async () => {
    const { key } = await createIssue('lead', delTask());
    const log = (await as('consultant', 'POST', `/rest/api/3/issue/${key}/worklog`, { timeSpent: '1h', started: '2021-01-17T12:34:00.000+0000' })).body as { id: string };
    const updated = await as('consultant', 'PUT', `/rest/api/3/issue/${key}/worklog/${log.id}`, { timeSpent: '3h' });
    expect(updated).toMatchObject({ status: 200, body: { timeSpentSeconds: 10800, started: '2021-01-17T12:34:00.000+0000' } });
    expect(host.jiraStore.worklogs(host.jiraStore.issue(key)!.id).map((w) => w.timeSpentSeconds)).toEqual([10800]);
    const other = host.jiraStore.users().find((u) => u.displayName === 'Kofi Mensah')!.accountId;
    expect((await http('PUT', `/rest/api/3/issue/${key}/worklog/${log.id}`, { timeSpent: '9h' }, { 'X-Sandbox-Account': other })).status).toBe(400);
    events.length = 0;
    expect(await as('consultant', 'DELETE', `/rest/api/3/issue/${key}/worklog/${log.id}`)).toMatchObject({ status: 204 });
    expect((await as('lead', 'GET', `/rest/api/3/issue/${key}?fields=timespent`)).body.fields.timespent).toBeNull();
    expect(events.map((e) => e.type)).toEqual(['avi:jira:deleted:worklog', 'avi:jira:updated:issue']);
    expect((await as('lead', 'GET', `/rest/api/3/issue/${key}/worklog/${log.id}`)).status).toBe(404);
  });

  it.each([
    ['no start', { timeSpent: '1h' }, 'started'],
    ['an ISO start with Z', { timeSpent: '1h', started: '2021-01-17T12:34:00.000Z' }, 'started'],
    ['no time', { started: '2021-01-17T12:34:00.000+0000' }, 'timeLogged'],
    ['an unreadable time', { timeSpent: 'two hours', started: '2021-01-17T12:34:00.000+0000' }, 'timeLogged'],
    ['zero seconds', { timeSpentSeconds: 0, started: '2021-01-17T12:34:00.000+0000' }, 'timeLogged'],
  ])('refuses a worklog with %s: 400 errors[%s]', async (_what, body, field) => {
    const { key } = await createIssue('lead', delTask());
    events.length = 0;
    expect(await as('consultant', 'POST', `/rest/api/3/issue/${key}/worklog`, body)).toMatchObject({ status: 400, body: { errors: { [field]: expect.any(String) } } });
    expect(events).toEqual([]);
  });

  it('refuses both timeSpent and timeSpentSeconds, and a customer (404)', async () => {
    const { key } = await createIssue('agent', psRequest());
    expect(await as('agent', 'POST', `/rest/api/3/issue/${key}/worklog`, { timeSpent: '1h', timeSpentSeconds: 3600, started: '2021-01-17T12:34:00.000+0000' })).toMatchObject({ status: 400 });
    expect((await as('partner', 'POST', `/rest/api/3/issue/${key}/worklog`, { timeSpent: '1h', started: '2021-01-17T12:34:00.000+0000' })).status).toBe(404);
  });
});

describe('links', () => {
  it('links a request to its delivery issue; each end shows the other; one created:issuelink event', async () => {
    const request = await createIssue('agent', psRequest());
    const delivery = await createIssue('lead', delTask());
    events.length = 0;
    const answer = await as('lead', 'POST', '/rest/api/3/issueLink', { type: { name: 'Implements' }, inwardIssue: { key: delivery.key }, outwardIssue: { key: request.key } });
    expect(answer).toMatchObject({ status: 201, text: '' });
    const fromDelivery = await as('lead', 'GET', `/rest/api/3/issue/${delivery.key}?fields=issuelinks`);
    expect(fromDelivery.body.fields.issuelinks).toEqual([
      expect.objectContaining({ type: expect.objectContaining({ name: 'Implements', outward: 'implements' }), outwardIssue: expect.objectContaining({ key: request.key }) }),
    ]);
    const fromRequest = await as('agent', 'GET', `/rest/api/3/issue/${request.key}?fields=issuelinks`);
    expect(fromRequest.body.fields.issuelinks).toEqual([expect.objectContaining({ inwardIssue: expect.objectContaining({ key: delivery.key }) })]);
    conforms('GET', `/rest/api/3/issue/${request.key}`, fromRequest);
    expect(events).toEqual([expect.objectContaining({ type: 'avi:jira:created:issuelink' })]);
    expect(events[0]!.payload).toMatchObject({ sourceIssueId: delivery.id, destinationIssueId: request.id, issueLinkType: { name: 'Implements' } });

    // The same link again is "created" and changes nothing.
    expect((await as('lead', 'POST', '/rest/api/3/issueLink', { type: { id: '10002' }, inwardIssue: { id: delivery.id }, outwardIssue: { id: request.id } })).status).toBe(201);
    expect(host.jiraStore.links(delivery.id)).toHaveLength(1);
  });

  it('adds the link comment to the source issue', async () => {
    const a = await createIssue('lead', delTask('A'));
    const b = await createIssue('lead', delTask('B'));
    await as('lead', 'POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: a.key }, outwardIssue: { key: b.key }, comment: { body: doc('A blocks B.') } });
    expect(host.jiraStore.comments(a.id).map((c) => c.body)).toEqual([doc('A blocks B.')]);
  });

  it('answers 404 for an unknown type, a missing issue, or a customer; lists link types', async () => {
    const a = await createIssue('lead', delTask('A'));
    const b = await createIssue('lead', delTask('B'));
    expect((await as('lead', 'POST', '/rest/api/3/issueLink', { type: { name: 'Duplicates' }, inwardIssue: { key: a.key }, outwardIssue: { key: b.key } })).status).toBe(404);
    expect((await as('lead', 'POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: a.key }, outwardIssue: { key: 'DEL-9999' } })).status).toBe(404);
    expect((await as('partner', 'POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: a.key }, outwardIssue: { key: b.key } })).status).toBe(404);
    expect((await as('lead', 'POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: a.key } })).status).toBe(400);
    const types = await as('lead', 'GET', '/rest/api/3/issueLinkType');
    conforms('GET', '/rest/api/3/issueLinkType', types);
    expect(types.body.issueLinkTypes.map((t: { name: string }) => t.name)).toEqual(['Relates', 'Blocks', 'Implements']);
  });
});

describe('issue properties', () => {
  it('creates (201), replaces (200), reads, lists and deletes a property, raising no event', async () => {
    const { key } = await createIssue('agent', psRequest());
    events.length = 0;
    expect((await as('agent', 'PUT', `/rest/api/3/issue/${key}/properties/engagement`, { stage: 'triage' })).status).toBe(201);
    expect((await as('agent', 'PUT', `/rest/api/3/issue/${key}/properties/engagement`, { stage: 'estimate' })).status).toBe(200);
    const read = await as('consultant', 'GET', `/rest/api/3/issue/${key}/properties/engagement`);
    expect(read).toMatchObject({ status: 200, body: { key: 'engagement', value: { stage: 'estimate' } } });
    conforms('GET', `/rest/api/3/issue/${key}/properties/engagement`, read);
    const keys = await as('agent', 'GET', `/rest/api/3/issue/${key}/properties`);
    expect(keys.body).toEqual({ keys: [{ key: 'engagement', self: expect.stringContaining('/properties/engagement') }] });
    conforms('GET', `/rest/api/3/issue/${key}/properties`, keys);
    expect((await as('agent', 'DELETE', `/rest/api/3/issue/${key}/properties/engagement`)).status).toBe(204);
    expect((await as('agent', 'GET', `/rest/api/3/issue/${key}/properties/engagement`)).status).toBe(404);
    expect(events).toEqual([]);
  });

  it('refuses a value over 32 KB (400), a writer without Edit Issues (403; 404 on delete) and customers (404)', async () => {
    const { key } = await createIssue('agent', psRequest());
    expect((await as('agent', 'PUT', `/rest/api/3/issue/${key}/properties/big`, { text: 'x'.repeat(32_800) })).status).toBe(400);
    expect((await as('agent', 'PUT', `/rest/api/3/issue/${key}/properties/${'k'.repeat(256)}`, 1)).status).toBe(400);
    expect((await as('consultant', 'PUT', `/rest/api/3/issue/${key}/properties/note`, { a: 1 })).status).toBe(403);
    await as('agent', 'PUT', `/rest/api/3/issue/${key}/properties/note`, { a: 1 });
    expect((await as('consultant', 'DELETE', `/rest/api/3/issue/${key}/properties/note`)).status).toBe(404);
    expect((await as('partner', 'GET', `/rest/api/3/issue/${key}/properties/note`)).status).toBe(404);
    expect(host.jiraStore.propertyKeys(host.jiraStore.issue(key)!.id)).toEqual(['note']);
  });
});

describe('fields, projects, users and issue types', () => {
  it('finds "Type of Inquiry" by name and reads its options through its context', async () => {
    const fields = await as('agent', 'GET', '/rest/api/3/field');
    conforms('GET', '/rest/api/3/field', fields);
    const inquiry = (fields.body as Array<{ name: string; id: string }>).find((f) => f.name === 'Type of Inquiry');
    expect(inquiry).toMatchObject({ id: 'customfield_10010', custom: true, schema: { type: 'option' }, clauseNames: expect.arrayContaining(['cf[10010]']) });
    expect((fields.body as Array<{ name: string }>).map((f) => f.name)).toEqual(expect.arrayContaining(['End Customer', 'Estimated hours', 'Implementation stage']));

    const contexts = await asApp('GET', `/rest/api/3/field/${inquiry!.id}/context`);
    conforms('GET', `/rest/api/3/field/${inquiry!.id}/context`, contexts);
    const contextId = contexts.body.values[0].id as string;
    const options = await as('admin', 'GET', `/rest/api/3/field/${inquiry!.id}/context/${contextId}/option`);
    conforms('GET', `/rest/api/3/field/${inquiry!.id}/context/${contextId}/option`, options);
    expect(options.body.values.map((o: { value: string }) => o.value)).toEqual(['Implementation Issue', 'General Question', 'License Issue']);
    expect((await as('agent', 'GET', `/rest/api/3/field/${inquiry!.id}/context/${contextId}/option`)).status).toBe(403);
    expect((await as('admin', 'GET', `/rest/api/3/field/${inquiry!.id}/context/1/option`)).status).toBe(404);
  });

  it('shows projects to those who can browse them, pages the search, and hides them from customers', async () => {
    const one = await as('lead', 'GET', '/rest/api/3/project/DEL');
    expect(one).toMatchObject({ status: 200, body: { key: 'DEL', name: 'Delivery', projectTypeKey: 'software', lead: { displayName: 'Dana Delivery' } } });
    conforms('GET', '/rest/api/3/project/DEL', one);
    const page = await as('agent', 'GET', '/rest/api/3/project/search?maxResults=1');
    conforms('GET', '/rest/api/3/project/search', page);
    expect(page.body).toMatchObject({ total: 2, isLast: false, maxResults: 1, values: [expect.objectContaining({ key: 'DEL' })], nextPage: expect.stringContaining('startAt=1') });
    expect((await as('agent', 'GET', '/rest/api/3/project/search?typeKey=service_desk')).body.values.map((p: { key: string }) => p.key)).toEqual(['PS']);
    expect((await as('partner', 'GET', '/rest/api/3/project/search')).body).toMatchObject({ total: 0, values: [] });
    expect((await as('partner', 'GET', '/rest/api/3/project/PS')).status).toBe(404);
    expect((await as('partner', 'GET', '/rest/api/3/project')).body).toEqual([]);
    const all = await asApp('GET', '/rest/api/3/project');
    conforms('GET', '/rest/api/3/project', all);
    expect(all.body.map((p: { key: string }) => p.key)).toEqual(['PS', 'DEL']);
  });

  it('finds users, assignable users per project (never customers) and users in bulk', async () => {
    const found = await as('agent', 'GET', '/rest/api/3/user/search?query=carl');
    conforms('GET', '/rest/api/3/user/search', found);
    expect(found.body).toEqual([expect.objectContaining({ accountId: accountOf('consultant'), displayName: 'Carl Consultant', active: true })]);
    expect((await as('agent', 'GET', '/rest/api/3/user/search?query=paula')).body).toEqual([expect.objectContaining({ accountType: 'customer' })]);
    expect((await as('agent', 'GET', '/rest/api/3/user/search')).status).toBe(400);

    const forDel = (await as('lead', 'GET', '/rest/api/3/user/assignable/search?project=DEL')).body as Array<{ accountId: string }>;
    expect(forDel.map((u) => u.accountId)).toEqual(expect.arrayContaining([accountOf('consultant'), accountOf('lead')]));
    expect(forDel.map((u) => u.accountId)).not.toContain(accountOf('partner'));
    const { key } = await createIssue('agent', psRequest());
    const forPs = (await as('agent', 'GET', `/rest/api/3/user/assignable/search?issueKey=${key}`)).body as Array<{ accountId: string }>;
    expect(forPs.map((u) => u.accountId)).toEqual(expect.arrayContaining([accountOf('admin'), accountOf('agent'), accountOf('lead'), accountOf('consultant')]));
    expect(forPs.map((u) => u.accountId)).not.toContain(accountOf('partner'));
    expect((await as('agent', 'GET', '/rest/api/3/user/assignable/search')).status).toBe(400);

    const bulk = await as('agent', 'GET', `/rest/api/3/user/bulk?accountId=${encodeURIComponent(accountOf('lead'))}&accountId=${encodeURIComponent(accountOf('partner'))}`);
    conforms('GET', '/rest/api/3/user/bulk', bulk);
    expect(bulk.body).toMatchObject({ total: 2, isLast: true, values: [expect.objectContaining({ displayName: 'Dana Delivery' }), expect.objectContaining({ displayName: 'Paula Partner' })] });
    const one = await as('agent', 'GET', `/rest/api/3/user?accountId=${encodeURIComponent(accountOf('partnerFr'))}`);
    conforms('GET', '/rest/api/3/user', one);
    expect(one.body).toMatchObject({ displayName: 'Pierre Partenaire', locale: 'fr_FR' });
    expect((await as('agent', 'GET', '/rest/api/3/user?accountId=nobody')).status).toBe(404);
    const picker = await as('agent', 'GET', '/rest/api/3/user/picker?query=dan');
    conforms('GET', '/rest/api/3/user/picker', picker);
    expect(picker.body).toMatchObject({ total: 1, users: [{ displayName: 'Dana Delivery', html: expect.stringContaining('<strong>Dan</strong>') }] });
    expect((await as('agent', 'GET', '/rest/api/3/users/search?maxResults=100')).body).toHaveLength(12);
    expect((await as('partner', 'GET', '/rest/api/3/users/search')).status).toBe(403);
    expect((await as('partner', 'GET', '/rest/api/3/user/search?query=carl')).body).toEqual([]);
  });

  it('lists issue types per project and the create and edit metadata', async () => {
    const types = await as('lead', 'GET', '/rest/api/3/issuetype/project?projectId=10001');
    conforms('GET', '/rest/api/3/issuetype/project', types);
    expect(types.body.map((t: { name: string }) => t.name)).toEqual(['Task', 'Sub-task']);
    expect((await as('lead', 'GET', '/rest/api/3/issuetype/project?projectId=10001&level=-1')).body.map((t: { name: string }) => t.name)).toEqual(['Sub-task']);
    expect((await as('partner', 'GET', '/rest/api/3/issuetype/project?projectId=10001')).status).toBe(404);
    expect((await as('partner', 'GET', '/rest/api/3/issuetype')).body).toEqual([]);

    const meta = await as('agent', 'GET', '/rest/api/3/issue/createmeta/PS/issuetypes');
    conforms('GET', '/rest/api/3/issue/createmeta/PS/issuetypes', meta);
    expect(meta.body.issueTypes.map((t: { name: string }) => t.name)).toEqual(['General Issues and Questions', 'Service Request', 'Sub-task']);
    const fieldsMeta = await as('agent', 'GET', '/rest/api/3/issue/createmeta/PS/issuetypes/10100');
    conforms('GET', '/rest/api/3/issue/createmeta/PS/issuetypes/10100', fieldsMeta);
    const byId = Object.fromEntries((fieldsMeta.body.fields as Array<{ fieldId: string }>).map((f) => [f.fieldId, f]));
    expect(byId.summary).toMatchObject({ required: true, operations: ['set'] });
    expect(byId.customfield_10010).toMatchObject({ required: false, allowedValues: expect.arrayContaining([expect.objectContaining({ value: 'License Issue' })]) });
    expect(byId).not.toHaveProperty('customfield_10013');
    expect((await as('consultant', 'GET', '/rest/api/3/issue/createmeta/PS/issuetypes')).status).toBe(400);

    const { key } = await createIssue('agent', psRequest());
    const editable = await as('agent', 'GET', `/rest/api/3/issue/${key}/editmeta`);
    conforms('GET', `/rest/api/3/issue/${key}/editmeta`, editable);
    expect(editable.body.fields.labels.operations).toEqual(['add', 'set', 'remove']);
    expect((await as('consultant', 'GET', `/rest/api/3/issue/${key}/editmeta`)).body).toEqual({ fields: {} });
  });
});
