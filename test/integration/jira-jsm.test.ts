/**
 * The JSM REST emulator over real HTTP: customer requests (create, read, list), comments (public and internal),
 * organisations, service desks and request types. Every success body is checked against the JSM spec's strict
 * schemas, every error against its ErrorResponse. Runs on the empty seed (users, projects and organisations only).
 */
import fs from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { ForgeHost } from '../../sandbox/runtime/host';
import { buildHttpApi } from '../../sandbox/server/http-api';
import { jsmSpecPath } from '../support/contracts';
import { APP_DIR, accountOf, assertContracts, watchContracts } from '../support/sandbox';

let host: ForgeHost;
let recorder: ReturnType<typeof watchContracts>;
let server: FastifyInstance;
let base: string;
const events: Array<{ eventType: string; payload: Record<string, unknown> }> = [];

// A second Northwind Partners customer, so that sharing within an organisation can be seen.
const colleague = {
  accountId: '712020:5e1d0c00-0000-4000-8000-000000000099',
  displayName: 'Nils Northwind',
  emailAddress: 'nils@northwind-partners.example',
  kind: 'customer' as const,
  organization: 'Northwind Partners',
  locale: 'en-US',
  timeZone: 'America/New_York',
};
const olga = '712020:5e1d0c00-0000-4000-8000-000000000010'; // Contoso Foods
const hana = '712020:5e1d0c00-0000-4000-8000-000000000012'; // Tailspin Retail

// ---- the JSM spec's schemas ----------------------------------------------------------------------------------------

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const format of ['int32', 'int64', 'double', 'float']) ajv.addFormat(format, true);
ajv.addSchema({ $id: 'jsm', components: JSON.parse(fs.readFileSync(jsmSpecPath(), 'utf8')).components });
const validators = new Map<string, ValidateFunction>();

function expectSchema(body: unknown, schema: string): void {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.getSchema(`jsm#/components/schemas/${schema}`);
    if (!validate) throw new Error(`No schema ${schema} in the JSM spec`);
    validators.set(schema, validate);
  }
  const ok = validate(body);
  if (!ok) throw new Error(`${schema}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body, null, 2)}`);
}

// ---- HTTP ----------------------------------------------------------------------------------------------------------

type Answer = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(method: string, path: string, as: string | undefined, body?: unknown): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(as ? { 'X-Sandbox-Account': as } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A JSM error: the status and an ErrorResponse body. */
async function expectJsmError(answer: Promise<Answer>, status: number): Promise<string> {
  const { status: got, body } = await answer;
  expect({ status: got, body }).toMatchObject({ status, body: { errorMessage: expect.any(String) } });
  expectSchema(body, 'ErrorResponse');
  return body.errorMessage as string;
}

/**
 * Calls that send, on purpose, what the spec does not allow (an unknown key, a malformed parameter): the contract
 * recorder rightly reports them, so their reports are dropped — after checking nothing else was reported before.
 */
async function offContract<T>(calls: () => Promise<T>): Promise<T> {
  expect(recorder.problems()).toEqual([]);
  const result = await calls();
  recorder.clear();
  return result;
}

const implementation = (summary: string, endCustomer = 'Contoso Foods') => ({
  serviceDeskId: '1',
  requestTypeId: '20',
  requestFieldValues: { summary, customfield_10011: endCustomer, description: 'Go-live in March.\n\nTwo sites.' },
});

const keysOf = (page: { values: Array<{ issueKey: string }> }) => page.values.map((v) => v.issueKey);

beforeAll(async () => {
  host = new ForgeHost({ appDir: APP_DIR, database: ':memory:' });
  const emit = host.emitProductEvent.bind(host);
  host.emitProductEvent = (eventType, payload, causedByApp) => {
    events.push({ eventType, payload });
    emit(eventType, payload, causedByApp);
  };
  recorder = watchContracts(host);
  server = buildHttpApi(host);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  host.setBaseUrl(base);
  expect(await call('POST', '/__sandbox/api/reset', undefined, { seed: 'empty' })).toMatchObject({ status: 200 });
  host.jiraStore.addUser(colleague);
});
afterAll(async () => {
  await host.idle(10_000);
  await server.close();
  await host.close();
  assertContracts(host);
});

describe('JSM service desks and request types', () => {
  it('lists the PS service desk, also found by its project key', async () => {
    const desks = await call('GET', '/rest/servicedeskapi/servicedesk', accountOf('partner'));
    expect(desks.status).toBe(200);
    expectSchema(desks.body, 'PagedDTOServiceDeskDTO');
    expect(desks.body).toMatchObject({ size: 1, start: 0, isLastPage: true, values: [{ id: '1', projectKey: 'PS', projectName: 'Partner Support' }] });
    const byKey = await call('GET', '/rest/servicedeskapi/servicedesk/PS', accountOf('agent'));
    expectSchema(byKey.body, 'ServiceDeskDTO');
    expect(byKey.body.id).toBe('1');
    await expectJsmError(call('GET', '/rest/servicedeskapi/servicedesk/99', accountOf('agent')), 404);
  });

  it('lists the request types of the desk and of the site, with search', async () => {
    const desk = await call('GET', '/rest/servicedeskapi/servicedesk/1/requesttype', accountOf('partner'));
    expectSchema(desk.body, 'PagedDTORequestTypeDTO');
    expect(desk.body.values.map((t: { name: string }) => t.name)).toEqual(['Implementation services', 'General question']);
    expect(desk.body.values[0]).toMatchObject({ id: '20', issueTypeId: '10100', serviceDeskId: '1' });
    const searched = await call('GET', '/rest/servicedeskapi/requesttype?searchQuery=implementation', accountOf('partner'));
    expectSchema(searched.body, 'PagedDTORequestTypeDTO');
    expect(searched.body.values.map((t: { id: string }) => t.id)).toEqual(['20']);
    const one = await call('GET', '/rest/servicedeskapi/servicedesk/1/requesttype/21?expand=field', accountOf('partner'));
    expectSchema(one.body, 'RequestTypeDTO');
    expect(one.body.fields.requestTypeFields.map((f: { fieldId: string }) => f.fieldId)).toEqual(['summary', 'customfield_10010', 'description']);
  });

  it('answers an unknown request type or desk with 404', async () => {
    await expectJsmError(call('GET', '/rest/servicedeskapi/servicedesk/1/requesttype/99', accountOf('partner')), 404);
    await expectJsmError(call('GET', '/rest/servicedeskapi/servicedesk/1/requesttype/99/field', accountOf('partner')), 404);
    await expectJsmError(call('GET', '/rest/servicedeskapi/servicedesk/7/requesttype', accountOf('partner')), 404);
  });

  it('describes a request type’s form fields, with the select field’s options as valid values', async () => {
    const meta = await call('GET', '/rest/servicedeskapi/servicedesk/1/requesttype/20/field', accountOf('partner'));
    expect(meta.status).toBe(200);
    expectSchema(meta.body, 'CustomerRequestCreateMetaDTO');
    expect(meta.body).toMatchObject({ canRaiseOnBehalfOf: false, canAddRequestParticipants: false });
    expect(meta.body.requestTypeFields.map((f: { fieldId: string; required: boolean }) => [f.fieldId, f.required])).toEqual([
      ['summary', true],
      ['customfield_10011', true],
      ['customfield_10016', false],
      ['description', false],
    ]);
    expect(meta.body.requestTypeFields[1]).toMatchObject({ name: 'End Customer', jiraSchema: { type: 'string', customId: 10011 } });

    const general = await call('GET', '/rest/servicedeskapi/servicedesk/1/requesttype/21/field', accountOf('agent'));
    expect(general.body.canRaiseOnBehalfOf).toBe(true);
    const inquiry = general.body.requestTypeFields.find((f: { fieldId: string }) => f.fieldId === 'customfield_10010');
    expect(inquiry.validValues).toEqual([
      { value: '10020', label: 'Implementation Issue', children: [] },
      { value: '10021', label: 'General Question', children: [] },
      { value: '10022', label: 'License Issue', children: [] },
    ]);
  });

  it('shows the hidden preset field (Type of Inquiry) to a service desk admin only', async () => {
    const admin = await call('GET', '/rest/servicedeskapi/servicedesk/1/requesttype/20/field', accountOf('admin'));
    expectSchema(admin.body, 'CustomerRequestCreateMetaDTO');
    expect(admin.body.requestTypeFields).toContainEqual(expect.objectContaining({ fieldId: 'customfield_10010', visible: false, presetValues: ['10020'] }));
    const agent = await call('GET', '/rest/servicedeskapi/servicedesk/1/requesttype/20/field', accountOf('agent'));
    expect(agent.body.requestTypeFields.map((f: { fieldId: string }) => f.fieldId)).not.toContain('customfield_10010');
  });
});

describe('JSM customer requests', () => {
  let requestKey: string;
  let requestId: string;

  it('lets a partner raise an Implementation services request: in PS, preset, shared with their organisation, announced', async () => {
    const before = events.length;
    const created = await call('POST', '/rest/servicedeskapi/request', accountOf('partner'), implementation('Roll-out at Contoso'));
    expect(created.status).toBe(201);
    expectSchema(created.body, 'CustomerRequestDTO');
    expect(created.body).toMatchObject({
      requestTypeId: '20',
      serviceDeskId: '1',
      summary: 'Roll-out at Contoso',
      reporter: { accountId: accountOf('partner') },
      currentStatus: { status: 'Waiting for support', statusCategory: 'NEW' },
    });
    expect(created.body.requestFieldValues).toEqual([
      { fieldId: 'summary', label: 'Summary', value: 'Roll-out at Contoso' },
      { fieldId: 'customfield_10011', label: 'End Customer', value: 'Contoso Foods' },
      { fieldId: 'description', label: 'Description', value: 'Go-live in March.\n\nTwo sites.', renderedValue: { html: '<p>Go-live in March.</p><p>Two sites.</p>' } },
    ]);
    requestKey = created.body.issueKey;
    requestId = created.body.issueId;
    expect(requestKey).toMatch(/^PS-\d+$/);

    const issue = host.jiraStore.issue(requestKey)!;
    expect(issue).toMatchObject({ projectId: host.jiraStore.project('PS')!.id, issueTypeId: '10100', requestTypeId: '20', reporter: accountOf('partner') });
    expect(issue.customFields.customfield_10010).toMatchObject({ id: '10020', value: 'Implementation Issue' });
    expect(issue.customFields.customfield_10011).toBe('Contoso Foods');
    expect(issue.organizationIds).toEqual([host.jiraStore.organizationByName('Northwind Partners')!.id]);

    const raised = events.slice(before).filter((e) => e.eventType === 'avi:jira:created:issue');
    expect(raised).toHaveLength(1);
    expect(raised[0]!.payload).toMatchObject({ issue: { id: requestId, key: requestKey, fields: { summary: 'Roll-out at Contoso' } }, atlassianId: accountOf('partner') });
  });

  it('shows the request to a colleague of the same organisation, in their list and by key', async () => {
    const one = await call('GET', `/rest/servicedeskapi/request/${requestKey}`, colleague.accountId);
    expect(one.status).toBe(200);
    expectSchema(one.body, 'CustomerRequestDTO');
    const list = await call('GET', '/rest/servicedeskapi/request', colleague.accountId);
    expectSchema(list.body, 'PagedDTOCustomerRequestDTO');
    expect(keysOf(list.body)).toEqual([requestKey]);
    // Ownership narrows: the colleague does not own it, but it is shared with their organisation.
    expect(keysOf((await call('GET', '/rest/servicedeskapi/request?requestOwnership=OWNED_REQUESTS', colleague.accountId)).body)).toEqual([]);
    expect(keysOf((await call('GET', '/rest/servicedeskapi/request?requestOwnership=ALL_ORGANIZATIONS', colleague.accountId)).body)).toEqual([requestKey]);
    const orgId = host.jiraStore.organizationByName('Northwind Partners')!.id;
    expect(keysOf((await call('GET', `/rest/servicedeskapi/request?requestOwnership=ORGANIZATION&organizationId=${orgId}`, colleague.accountId)).body)).toEqual([requestKey]);
  });

  it('hides the request from a customer of another organisation: 404 by key or id, absent from their list', async () => {
    await expectJsmError(call('GET', `/rest/servicedeskapi/request/${requestKey}`, accountOf('partnerFr')), 404);
    await expectJsmError(call('GET', `/rest/servicedeskapi/request/${requestId}`, accountOf('partnerFr')), 404);
    await expectJsmError(call('GET', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('partnerFr')), 404);
    await expectJsmError(call('POST', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('partnerFr'), { body: 'Mine?', public: true }), 404);
    const own = await call('POST', '/rest/servicedeskapi/request', accountOf('partnerFr'), implementation('Fabrikam upgrade', 'Fabrikam Metal'));
    expect(own.status).toBe(201);
    expect(keysOf((await call('GET', '/rest/servicedeskapi/request', accountOf('partnerFr'))).body)).toEqual([own.body.issueKey]);
    await expectJsmError(call('GET', `/rest/servicedeskapi/request/${own.body.issueKey}`, accountOf('partner')), 404);
  });

  it('answers an unknown request with 404', async () => {
    await expectJsmError(call('GET', '/rest/servicedeskapi/request/PS-999', accountOf('agent')), 404);
  });

  it('shows agents every request of the desk, newest activity first', async () => {
    const list = await call('GET', '/rest/servicedeskapi/request', accountOf('agent'));
    expectSchema(list.body, 'PagedDTOCustomerRequestDTO');
    expect(list.body.size).toBe(2);
    expect(keysOf(list.body)).toContain(requestKey);
  });

  it('pages, filters by desk, type, status and search term', async () => {
    const first = await call('GET', '/rest/servicedeskapi/request?limit=1', accountOf('agent'));
    expectSchema(first.body, 'PagedDTOCustomerRequestDTO');
    expect(first.body).toMatchObject({ size: 1, start: 0, limit: 1, isLastPage: false, _links: { next: expect.stringContaining('start=1') } });
    const second = await call('GET', '/rest/servicedeskapi/request?limit=1&start=1', accountOf('agent'));
    expect(second.body).toMatchObject({ size: 1, start: 1, isLastPage: true, _links: { prev: expect.stringContaining('start=0') } });
    expect([...keysOf(first.body), ...keysOf(second.body)].sort()).toEqual(keysOf((await call('GET', '/rest/servicedeskapi/request', accountOf('agent'))).body).sort());

    const agent = accountOf('agent');
    expect(keysOf((await call('GET', '/rest/servicedeskapi/request?serviceDeskId=1&requestTypeId=20&searchTerm=contoso', agent)).body)).toEqual([requestKey]);
    expect(keysOf((await call('GET', '/rest/servicedeskapi/request?searchTerm=roll*', agent)).body)).toEqual([requestKey]);
    expect(keysOf((await call('GET', '/rest/servicedeskapi/request?serviceDeskId=1&requestTypeId=21', agent)).body)).toEqual([]);
    expect(keysOf((await call('GET', '/rest/servicedeskapi/request?requestStatus=CLOSED_REQUESTS', agent)).body)).toEqual([]);
    expect((await call('GET', '/rest/servicedeskapi/request?requestStatus=OPEN_REQUESTS', agent)).body.size).toBe(2);
  });

  it.each([
    ['requestOwnership=MINE', 400],
    ['requestStatus=SOMETIMES', 400],
    ['requestTypeId=20', 400],
    ['organizationId=1', 400],
    ['limit=-1', 400],
    ['serviceDeskId=9', 404],
    ['serviceDeskId=1&requestTypeId=99', 404],
  ])('refuses the list query %s with %i', async (query, status) => {
    await offContract(() => expectJsmError(call('GET', `/rest/servicedeskapi/request?${query}`, accountOf('partner')), status));
  });

  it('expands service desk, request type, participants, status, actions and comments within the strict shape', async () => {
    const expanded = await call('GET', `/rest/servicedeskapi/request/${requestKey}?expand=serviceDesk,requestType,participant,status,sla,attachment,action,comment`, accountOf('partner'));
    expectSchema(expanded.body, 'CustomerRequestDTO');
    expect(expanded.body).toMatchObject({
      serviceDesk: { id: '1', projectKey: 'PS' },
      requestType: { id: '20', name: 'Implementation services' },
      participants: { size: 0 },
      status: { values: [{ status: 'Waiting for support' }] },
      actions: { addComment: { allowed: true }, addParticipant: { allowed: false } },
    });
    const plain = await call('GET', `/rest/servicedeskapi/request/${requestKey}`, accountOf('partner'));
    for (const key of ['serviceDesk', 'requestType', 'participants', 'comments', 'actions']) expect(plain.body).not.toHaveProperty(key);
  });

  it('refuses a request with a missing required field, and creates nothing', async () => {
    const count = host.jiraStore.issues().length;
    const message = await expectJsmError(
      call('POST', '/rest/servicedeskapi/request', accountOf('partner'), { serviceDeskId: '1', requestTypeId: '20', requestFieldValues: { summary: 'No end customer' } }),
      400,
    );
    expect(message).toContain('End Customer');
    await expectJsmError(call('POST', '/rest/servicedeskapi/request', accountOf('partner'), { serviceDeskId: '1', requestTypeId: '20', requestFieldValues: { summary: '  ', customfield_10011: 'X' } }), 400);
    expect(host.jiraStore.issues()).toHaveLength(count);
  });

  it.each([
    ['an unknown request type', { serviceDeskId: '1', requestTypeId: '99', requestFieldValues: { summary: 'x' } }],
    ['an unknown service desk', { serviceDeskId: '9', requestTypeId: '20', requestFieldValues: { summary: 'x' } }],
    ['a field not on the form', { ...implementation('x'), requestFieldValues: { ...implementation('x').requestFieldValues, customfield_10010: { id: '10022' } } }],
    ['an invalid select option', { serviceDeskId: '1', requestTypeId: '21', requestFieldValues: { summary: 'x', customfield_10010: { value: 'Nonsense' } } }],
    ['a key RequestCreateDTO does not have', { ...implementation('x'), priority: 'High' }],
    ['ADF text without isAdfRequest', { ...implementation('x'), requestFieldValues: { summary: 'x', customfield_10011: 'y', description: { type: 'doc', version: 1, content: [] } } }],
  ])('refuses %s with 400', async (_what, body) => {
    const count = host.jiraStore.issues().length;
    await offContract(() => expectJsmError(call('POST', '/rest/servicedeskapi/request', accountOf('partner'), body), 400));
    expect(host.jiraStore.issues()).toHaveLength(count);
  });

  it('keeps raising on behalf of others and adding participants to agents', async () => {
    await expectJsmError(call('POST', '/rest/servicedeskapi/request', accountOf('partner'), { ...implementation('For Olga'), raiseOnBehalfOf: olga }), 403);
    await expectJsmError(call('POST', '/rest/servicedeskapi/request', accountOf('partner'), { ...implementation('With Nils'), requestParticipants: [colleague.accountId] }), 403);

    const general = await call('POST', '/rest/servicedeskapi/request', accountOf('agent'), {
      serviceDeskId: '1',
      requestTypeId: '21',
      raiseOnBehalfOf: olga,
      requestParticipants: [hana],
      requestFieldValues: { summary: 'Licence renewal', customfield_10010: { value: 'License Issue' } },
    });
    expect(general.status).toBe(201);
    expectSchema(general.body, 'CustomerRequestDTO');
    expect(general.body.reporter.accountId).toBe(olga);
    expect(general.body.requestFieldValues).toContainEqual({ fieldId: 'customfield_10010', label: 'Type of Inquiry', value: expect.objectContaining({ id: '10022', value: 'License Issue' }) });
    expect(host.jiraStore.issue(general.body.issueKey)!.organizationIds).toEqual([host.jiraStore.organizationByName('Contoso Foods')!.id]);
    // The participant sees it (PARTICIPATED_REQUESTS), the reporter owns it.
    expect(keysOf((await call('GET', '/rest/servicedeskapi/request?requestOwnership=PARTICIPATED_REQUESTS', hana)).body)).toEqual([general.body.issueKey]);
    expect((await call('GET', `/rest/servicedeskapi/request/${general.body.issueKey}?expand=participant`, hana)).body.participants.values).toEqual([
      expect.objectContaining({ accountId: hana }),
    ]);
    expect(keysOf((await call('GET', '/rest/servicedeskapi/request?requestOwnership=OWNED_REQUESTS', olga)).body)).toEqual([general.body.issueKey]);
  });

  it('answers 401 to a request without a known account', async () => {
    expect((await call('GET', '/rest/servicedeskapi/request', undefined)).status).toBe(401);
  });

  describe('comments', () => {
    it('lets an agent add an internal comment the customer does not see, and a public one they do', async () => {
      const before = events.length;
      const internal = await call('POST', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('agent'), { body: 'Check their licence first.', public: false });
      expect(internal.status).toBe(201);
      expectSchema(internal.body, 'CommentDTO');
      expect(internal.body).toMatchObject({ body: 'Check their licence first.', public: false, author: { accountId: accountOf('agent') } });
      const reply = await call('POST', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('agent'), { body: 'We are on it.', public: true });
      expect(reply.status).toBe(201);

      const customerView = await call('GET', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('partner'));
      expectSchema(customerView.body, 'PagedDTOCommentDTO');
      expect(customerView.body.values.map((c: { body: string }) => c.body)).toEqual(['We are on it.']);
      const colleagueView = await call('GET', `/rest/servicedeskapi/request/${requestKey}?expand=comment`, colleague.accountId);
      expect(colleagueView.body.comments.values.map((c: { public: boolean }) => c.public)).toEqual([true]);

      const agentView = await call('GET', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('agent'));
      expect(agentView.body.values.map((c: { body: string; public: boolean }) => [c.body, c.public])).toEqual([
        ['Check their licence first.', false],
        ['We are on it.', true],
      ]);
      const internalOnly = await call('GET', `/rest/servicedeskapi/request/${requestKey}/comment?public=false&expand=renderedBody`, accountOf('agent'));
      expectSchema(internalOnly.body, 'PagedDTOCommentDTO');
      expect(internalOnly.body.values).toEqual([expect.objectContaining({ public: false, renderedBody: { html: '<p>Check their licence first.</p>' } })]);

      // The platform keeps them as Jira comments: ADF bodies, jsdPublic.
      expect(host.jiraStore.comments(requestId).map((c) => c.jsdPublic)).toEqual([false, true]);
      const commented = events.slice(before).filter((e) => e.eventType === 'avi:jira:commented:issue');
      expect(commented).toHaveLength(2);
      expect(commented[0]!.payload).toMatchObject({ issue: { id: requestId, key: requestKey }, atlassianId: accountOf('agent'), comment: { id: internal.body.id, jsdPublic: false, author: { accountId: accountOf('agent') } } });
    });

    it('lets a customer add public comments only', async () => {
      const added = await call('POST', `/rest/servicedeskapi/request/${requestKey}/comment`, colleague.accountId, { body: 'Thanks!', public: true });
      expect(added.status).toBe(201);
      expectSchema(added.body, 'CommentDTO');
      await expectJsmError(call('POST', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('partner'), { body: 'Psst', public: false }), 403);
      expect((await call('GET', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('partner'))).body.values.map((c: { body: string }) => c.body)).toEqual(['We are on it.', 'Thanks!']);
    });

    it('lets a delivery collaborator read all comments and add internal ones only', async () => {
      const view = await call('GET', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('consultant'));
      expect(view.body.size).toBe(3);
      expect((await call('POST', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('consultant'), { body: 'I can start Monday.', public: false })).status).toBe(201);
      await expectJsmError(call('POST', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('consultant'), { body: 'Hello customer', public: true }), 403);
    });

    it.each([
      [{ body: 'No visibility' }],
      [{ body: '', public: true }],
      [{ body: 'x', public: true, internal: false }],
    ])('refuses the comment %j with 400', async (body) => {
      await offContract(() => expectJsmError(call('POST', `/rest/servicedeskapi/request/${requestKey}/comment`, accountOf('agent'), body), 400));
    });
  });
});

describe('JSM organisations', () => {
  const northwind = () => host.jiraStore.organizationByName('Northwind Partners')!.id;
  const lumiere = () => host.jiraStore.organizationByName('Lumière Conseil')!.id;

  it('lists only their own organisation to a customer, and every one to an agent', async () => {
    const mine = await call('GET', '/rest/servicedeskapi/organization', accountOf('partner'));
    expectSchema(mine.body, 'PagedDTOOrganizationDTO');
    expect(mine.body.values.map((o: { name: string }) => o.name)).toEqual(['Northwind Partners']);
    const all = await call('GET', '/rest/servicedeskapi/organization', accountOf('agent'));
    expect(all.body.size).toBe(5);
    const ofPierre = await call('GET', `/rest/servicedeskapi/organization?accountId=${encodeURIComponent(accountOf('partnerFr'))}`, accountOf('agent'));
    expect(ofPierre.body.values.map((o: { name: string }) => o.name)).toEqual(['Lumière Conseil']);
    await expectJsmError(call('GET', `/rest/servicedeskapi/organization?accountId=${encodeURIComponent(accountOf('partnerFr'))}`, accountOf('partner')), 403);
  });

  it('answers another organisation with 404 to a customer', async () => {
    const own = await call('GET', `/rest/servicedeskapi/organization/${northwind()}`, accountOf('partner'));
    expectSchema(own.body, 'OrganizationDTO');
    expect(own.body).toMatchObject({ id: northwind(), name: 'Northwind Partners' });
    await expectJsmError(call('GET', `/rest/servicedeskapi/organization/${lumiere()}`, accountOf('partner')), 404);
    await expectJsmError(call('GET', `/rest/servicedeskapi/organization/${lumiere()}/user`, accountOf('partner')), 404);
    await expectJsmError(call('GET', '/rest/servicedeskapi/organization/999', accountOf('agent')), 404);
  });

  it('lists an organisation’s members and the desk’s organisations to agents only', async () => {
    const members = await call('GET', `/rest/servicedeskapi/organization/${northwind()}/user`, accountOf('agent'));
    expectSchema(members.body, 'PagedDTOUserDTO');
    expect(members.body.values.map((u: { accountId: string }) => u.accountId).sort()).toEqual([accountOf('partner'), colleague.accountId].sort());
    await expectJsmError(call('GET', `/rest/servicedeskapi/organization/${northwind()}/user`, accountOf('partner')), 403);
    const deskOrgs = await call('GET', '/rest/servicedeskapi/servicedesk/1/organization?limit=2', accountOf('agent'));
    expectSchema(deskOrgs.body, 'PagedDTOOrganizationDTO');
    expect(deskOrgs.body).toMatchObject({ size: 2, isLastPage: false });
    await expectJsmError(call('GET', '/rest/servicedeskapi/servicedesk/1/organization', accountOf('partner')), 403);
  });

  it('lets an agent add a customer to an organisation, who then sees its shared requests', async () => {
    const shared = keysOf((await call('GET', '/rest/servicedeskapi/request?requestOwnership=ALL_ORGANIZATIONS', colleague.accountId)).body);
    expect(shared.length).toBeGreaterThan(0);
    await expectJsmError(call('POST', `/rest/servicedeskapi/organization/${northwind()}/user`, accountOf('partner'), { accountIds: [accountOf('partnerFr')] }), 403);
    await expectJsmError(call('POST', `/rest/servicedeskapi/organization/${northwind()}/user`, accountOf('agent'), { accountIds: ['nobody'] }), 400);
    await expectJsmError(call('POST', `/rest/servicedeskapi/organization/${northwind()}/user`, accountOf('agent'), { usernames: ['pierre'] }), 400);
    expect(keysOf((await call('GET', '/rest/servicedeskapi/request', accountOf('partnerFr'))).body)).not.toEqual(expect.arrayContaining(shared));

    const added = await call('POST', `/rest/servicedeskapi/organization/${northwind()}/user`, accountOf('agent'), { accountIds: [accountOf('partnerFr')] });
    expect(added).toEqual({ status: 204, body: undefined });
    expect(host.jiraStore.organizationMembers(northwind())).toContain(accountOf('partnerFr'));
    expect(keysOf((await call('GET', '/rest/servicedeskapi/request', accountOf('partnerFr'))).body)).toEqual(expect.arrayContaining(shared));
    expect((await call('GET', `/rest/servicedeskapi/request/${shared[0]}`, accountOf('partnerFr'))).status).toBe(200);
    const orgs = await call('GET', '/rest/servicedeskapi/organization', accountOf('partnerFr'));
    expect(orgs.body.values.map((o: { name: string }) => o.name)).toEqual(['Northwind Partners', 'Lumière Conseil']);
  });

  it('does not share a request of a customer in two organisations with either', async () => {
    const created = await call('POST', '/rest/servicedeskapi/request', accountOf('partnerFr'), implementation('Which organisation?'));
    expect(created.status).toBe(201);
    expect(host.jiraStore.issue(created.body.issueKey)!.organizationIds).toEqual([]);
    await expectJsmError(call('GET', `/rest/servicedeskapi/request/${created.body.issueKey}`, accountOf('partner')), 404);
  });
});
