/**
 * The fields an implementation request is routed by, on the Jira and JSM emulator over real HTTP: JSM's own
 * "Request Type" and "Organizations" (derived from the request: how it was raised, who it is shared with) and the
 * "Phases wanted" checkboxes of the "Implementation services" request type. Found by name; read back through
 * GET issue, the JQL search, JSM's GET request and the Forge event payload; written through JSM's create request,
 * the portal form and the platform edit. Every Jira call is checked against Atlassian's specs (assertContracts).
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { resetSandbox } from '../../sandbox/seed/load-seed';
import { accountOf, assertContracts, startHttpSandbox, type HttpSandbox } from '../support/sandbox';
import { recorderOf } from '../support/contract-recorder';

type Answer = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Who = Parameters<typeof accountOf>[0];

let sandbox: HttpSandbox;
let host: ForgeHost;
let base: string;
const events: Array<{ eventType: string; payload: any }> = []; // eslint-disable-line @typescript-eslint/no-explicit-any

const PHASES = ['Q&A sessions', 'Business blueprint', 'Prototyping with assessment', 'Refining', 'Final review before end-user training', 'Customisation specification'];
/** Field ids, looked up by name as scripts and the app do (filled in by the first test). */
const ids: Record<'requestType' | 'organizations' | 'phases' | 'endCustomer', string> = { requestType: '', organizations: '', phases: '', endCustomer: '' };

beforeAll(async () => {
  sandbox = await startHttpSandbox();
  ({ host, base } = sandbox);
  await resetSandbox(host, 'empty');
  const emit = host.emitProductEvent.bind(host);
  host.emitProductEvent = (eventType, payload, causedByApp) => {
    events.push({ eventType, payload });
    emit(eventType, payload, causedByApp);
  };
  const fields = (await as('agent', 'GET', '/rest/api/3/field')).body as Array<{ id: string; name: string }>;
  const idOf = (name: string) => fields.find((f) => f.name === name)?.id ?? '';
  Object.assign(ids, { requestType: idOf('Request Type'), organizations: idOf('Organizations'), phases: idOf('Phases wanted'), endCustomer: idOf('End Customer') });
});
afterAll(async () => {
  await host.idle(10_000);
  await sandbox.close();
  assertContracts(host);
});

async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const as = (who: Who, method: string, path: string, body?: unknown) => http(method, path, body, { 'X-Sandbox-Account': accountOf(who) });

/** A partner's "Implementation services" request through JSM, with the phases given as JSM takes them. */
const implementation = (summary: string, phases?: unknown) => ({
  serviceDeskId: '1',
  requestTypeId: '20',
  requestFieldValues: { summary, [ids.endCustomer]: 'Contoso Foods', ...(phases === undefined ? {} : { [ids.phases]: phases }) },
});

const search = (jql: string, fields = 'key') => as('agent', 'GET', `/rest/api/3/search/jql?${new URLSearchParams({ jql, fields })}`);
const keysOf = (answer: Answer): string[] => (answer.body.issues as Array<{ key: string }>).map((i) => i.key);

/**
 * Calls that send, on purpose, what Jira refuses: their 400s are documented, so nothing should be reported; the
 * recorder is still checked before and after so that a problem elsewhere is not hidden.
 */
function noContractProblems(): void {
  expect(recorderOf(host)!.problems()).toEqual([]);
}

describe('the intake fields, found by name', () => {
  it('lists Request Type, Organizations and Phases wanted beside the fields scripts rely on', async () => {
    const fields = await as('agent', 'GET', '/rest/api/3/field');
    expect(fields.status).toBe(200);
    const byName = Object.fromEntries((fields.body as Array<{ name: string }>).map((f) => [f.name, f]));
    expect(byName['Type of Inquiry']).toMatchObject({ id: 'customfield_10010' });
    expect(byName['End Customer']).toMatchObject({ id: 'customfield_10011' });
    expect(byName['Estimated hours']).toMatchObject({ id: 'customfield_10012' });
    expect(byName['Implementation stage']).toMatchObject({ id: 'customfield_10013' });
    expect(byName['Request Type']).toMatchObject({
      id: ids.requestType,
      custom: true,
      schema: { type: 'sd-customerrequesttype', custom: 'com.atlassian.servicedesk:vp-origin' },
      clauseNames: expect.arrayContaining(['Request Type', 'Customer Request Type']),
    });
    expect(byName.Organizations).toMatchObject({
      id: ids.organizations,
      schema: { type: 'array', items: 'sd-customerorganization', custom: 'com.atlassian.servicedesk:sd-customer-organizations' },
    });
    expect(byName['Phases wanted']).toMatchObject({
      id: ids.phases,
      schema: { type: 'array', items: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes' },
    });
    expect(new Set([ids.requestType, ids.organizations, ids.phases]).size).toBe(3);
  });

  it('reads the phases, in order, through the field’s context', async () => {
    const contexts = await as('admin', 'GET', `/rest/api/3/field/${ids.phases}/context`);
    expect(contexts.status).toBe(200);
    const options = await as('admin', 'GET', `/rest/api/3/field/${ids.phases}/context/${contexts.body.values[0].id}/option`);
    expect(options.body.values.map((o: { value: string }) => o.value)).toEqual(PHASES);
  });

  it('offers Phases wanted, optional, on the Implementation services form only', async () => {
    const meta = await as('partner', 'GET', '/rest/servicedeskapi/servicedesk/1/requesttype/20/field');
    expect(meta.status).toBe(200);
    const phases = meta.body.requestTypeFields.find((f: { fieldId: string }) => f.fieldId === ids.phases);
    expect(phases).toMatchObject({ name: 'Phases wanted', required: false, visible: true, jiraSchema: { type: 'array', items: 'option' } });
    expect(phases.validValues.map((v: { label: string }) => v.label)).toEqual(PHASES);
    const general = await as('partner', 'GET', '/rest/servicedeskapi/servicedesk/1/requesttype/21/field');
    expect(general.body.requestTypeFields.map((f: { fieldId: string }) => f.fieldId)).not.toContain(ids.phases);
  });

  it('puts Phases wanted and Organizations on the service project’s screens, and Request Type on none', async () => {
    const ps = await as('agent', 'GET', '/rest/api/3/issue/createmeta/PS/issuetypes/10100');
    const psFields = Object.fromEntries((ps.body.fields as Array<{ fieldId: string }>).map((f) => [f.fieldId, f]));
    expect(psFields[ids.phases]).toMatchObject({ required: false, operations: ['add', 'set', 'remove'], allowedValues: PHASES.map((value) => expect.objectContaining({ value })) });
    expect(psFields[ids.organizations]).toMatchObject({ required: false, operations: ['add', 'set', 'remove'] });
    expect(psFields).not.toHaveProperty(ids.requestType);
    const del = await as('lead', 'GET', '/rest/api/3/issue/createmeta/DEL/issuetypes/10102');
    const delFields = (del.body.fields as Array<{ fieldId: string }>).map((f) => f.fieldId);
    expect(delFields).toEqual(expect.arrayContaining(['summary', 'customfield_10011']));
    for (const id of [ids.phases, ids.organizations, ids.requestType]) expect(delFields).not.toContain(id);
  });
});

describe('a portal request raised by a partner customer', () => {
  let key: string;
  let issueId: string;

  it('is created with the phases it ticks, given by value or by id', async () => {
    events.length = 0;
    const created = await as('partner', 'POST', '/rest/servicedeskapi/request', implementation('Roll-out at Contoso', [{ value: 'Refining' }, { id: '10030' }, { value: 'Refining' }]));
    expect(created.status).toBe(201);
    ({ issueKey: key, issueId } = created.body);
    expect(created.body.requestFieldValues).toContainEqual({
      fieldId: ids.phases,
      label: 'Phases wanted',
      value: [
        { self: expect.stringContaining('/customFieldOption/10033'), id: '10033', value: 'Refining' },
        { self: expect.stringContaining('/customFieldOption/10030'), id: '10030', value: 'Q&A sessions' },
      ],
    });
    const read = await as('partner', 'GET', `/rest/servicedeskapi/request/${key}`);
    expect(read.body.requestFieldValues.map((f: { fieldId: string }) => f.fieldId)).toEqual(['summary', ids.endCustomer, ids.phases]);
  });

  it('shows Request Type, Organizations and Phases wanted on GET issue', async () => {
    const issue = await as('agent', 'GET', `/rest/api/3/issue/${key}?expand=names,schema`);
    expect(issue.status).toBe(200);
    const fields = issue.body.fields;
    expect(fields[ids.requestType]).toEqual({
      _links: {
        jiraRest: `${base}/rest/api/2/issue/${issueId}`,
        web: `${base}/servicedesk/customer/portal/1/${key}`,
        agent: `${base}/browse/${key}`,
        self: `${base}/rest/servicedeskapi/request/${issueId}`,
      },
      requestType: expect.objectContaining({
        id: '20',
        name: 'Implementation services',
        description: expect.any(String),
        helpText: expect.any(String),
        issueTypeId: '10100',
        serviceDeskId: '1',
        groupIds: [],
        _links: { self: `${base}/rest/servicedeskapi/servicedesk/1/requesttype/20` },
      }),
      currentStatus: { status: 'Waiting for support', statusCategory: 'NEW', statusDate: expect.objectContaining({ iso8601: expect.any(String) }) },
    });
    expect(fields[ids.organizations]).toEqual([{ id: '1', name: 'Northwind Partners', _links: { self: `${base}/rest/servicedeskapi/organization/1` } }]);
    expect(fields[ids.phases]).toEqual([
      { self: `${base}/rest/api/3/customFieldOption/10033`, id: '10033', value: 'Refining' },
      { self: `${base}/rest/api/3/customFieldOption/10030`, id: '10030', value: 'Q&A sessions' },
    ]);
    expect(issue.body.names).toMatchObject({ [ids.requestType]: 'Request Type', [ids.organizations]: 'Organizations', [ids.phases]: 'Phases wanted' });
    expect(issue.body.schema[ids.phases]).toMatchObject({ type: 'array', items: 'option' });
  });

  it('carries the three fields in the created event', async () => {
    const created = events.filter((e) => e.eventType === 'avi:jira:created:issue');
    expect(created).toHaveLength(1);
    const fields = created[0]!.payload.issue.fields;
    expect(created[0]!.payload).toMatchObject({ issue: { id: issueId, key }, atlassianId: accountOf('partner') });
    expect(fields[ids.requestType]).toMatchObject({ requestType: { id: '20', name: 'Implementation services' }, currentStatus: { status: 'Waiting for support' } });
    expect(fields[ids.organizations]).toEqual([expect.objectContaining({ id: '1', name: 'Northwind Partners' })]);
    expect(fields[ids.phases]).toEqual([
      { id: '10033', value: 'Refining' },
      { id: '10030', value: 'Q&A sessions' },
    ]);
  });

  it('finds it by phase, request type and organisation in JQL, with the values in the results', async () => {
    const other = await as('partnerFr', 'POST', '/rest/servicedeskapi/request', implementation('Blueprint at Fabrikam', ['Business blueprint']));
    expect(other.status).toBe(201);
    const none = await as('partner', 'POST', '/rest/servicedeskapi/request', implementation('No phases said', []));
    expect(none.status).toBe(201);
    expect(none.body.requestFieldValues.map((f: { fieldId: string }) => f.fieldId)).not.toContain(ids.phases);
    const general = await as('partner', 'POST', '/rest/servicedeskapi/request', { serviceDeskId: '1', requestTypeId: '21', requestFieldValues: { summary: 'A question' } });

    expect(keysOf(await search('"Phases wanted" = "Refining"'))).toEqual([key]);
    expect(keysOf(await search(`cf[10016] in ("Business blueprint", 10030) ORDER BY key ASC`))).toEqual([key, other.body.issueKey]);
    expect(keysOf(await search('project = PS AND "Phases wanted" is EMPTY ORDER BY key ASC'))).toEqual([none.body.issueKey, general.body.issueKey]);
    expect(keysOf(await search('project = PS AND "Phases wanted" != Refining ORDER BY key ASC'))).toEqual([other.body.issueKey]);
    expect(keysOf(await search('"Request Type" = "General question"'))).toEqual([general.body.issueKey]);
    expect(keysOf(await search(`${ids.requestType.replace('customfield_', 'cf[')}] = 20 ORDER BY key ASC`))).toEqual([key, other.body.issueKey, none.body.issueKey]);
    expect(keysOf(await search('Organizations = "Lumière Conseil"'))).toEqual([other.body.issueKey]);

    const withFields = await search(`key = ${key}`, `${ids.requestType},${ids.organizations},${ids.phases}`);
    expect(withFields.body.issues[0].fields).toEqual({
      [ids.requestType]: expect.objectContaining({ requestType: expect.objectContaining({ id: '20' }) }),
      [ids.organizations]: [expect.objectContaining({ name: 'Northwind Partners' })],
      [ids.phases]: [expect.objectContaining({ value: 'Refining' }), expect.objectContaining({ value: 'Q&A sessions' })],
    });
    const unknown = await search('"Phases wanted" = "Go-live party"');
    expect(unknown).toMatchObject({ status: 400, body: { errorMessages: [expect.stringContaining('Go-live party')] } });
  });

  it('leaves Request Type null and Organizations empty where the issue has none', async () => {
    const created = await as('agent', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'PS' }, issuetype: { id: '10100' }, summary: 'Raised in Jira' } });
    expect(created.status).toBe(201);
    const read = await as('agent', 'GET', `/rest/api/3/issue/${created.body.key}`);
    expect(read.body.fields).toMatchObject({ [ids.requestType]: null, [ids.organizations]: [], [ids.phases]: null });
    const event = events.filter((e) => e.eventType === 'avi:jira:created:issue').at(-1)!;
    expect(event.payload.issue.key).toBe(created.body.key);
    for (const id of [ids.requestType, ids.organizations, ids.phases]) expect(event.payload.issue.fields).not.toHaveProperty(id);
    const task = await as('lead', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'DEL' }, issuetype: { id: '10102' }, summary: 'Delivery work' } });
    expect((await as('lead', 'GET', `/rest/api/3/issue/${task.body.key}`)).body.fields).toMatchObject({ [ids.requestType]: null, [ids.organizations]: null });
  });
});

describe('refusals', () => {
  it.each([
    ['an option the field does not have', [{ value: 'Go-live party' }]],
    ['an unknown option id', [{ id: '10099' }]],
    ['one phase instead of a list', { value: 'Refining' }],
  ])('refuses %s with JSM’s 400 and creates nothing', async (_what, phases) => {
    const count = host.jiraStore.issues().length;
    noContractProblems();
    const answer = await as('partner', 'POST', '/rest/servicedeskapi/request', implementation('Bad phases', phases));
    expect(answer).toEqual({ status: 400, body: { errorMessage: expect.stringContaining('Phases wanted') } });
    noContractProblems();
    expect(host.jiraStore.issues()).toHaveLength(count);
  });

  it('refuses Request Type on the platform edit, and a bad phase or organisation with Jira’s field errors', async () => {
    const issueKey = (await as('partner', 'POST', '/rest/servicedeskapi/request', implementation('Edit me'))).body.issueKey as string;
    const edit = (fields: Record<string, unknown>) => as('agent', 'PUT', `/rest/api/3/issue/${issueKey}`, { fields });
    expect(await edit({ [ids.requestType]: '21' })).toEqual({
      status: 400,
      body: { errorMessages: [], errors: { [ids.requestType]: `Field '${ids.requestType}' cannot be set. It is not on the appropriate screen, or unknown.` } },
    });
    expect(await edit({ [ids.phases]: [{ value: 'Go-live party' }] })).toMatchObject({ status: 400, body: { errors: { [ids.phases]: "Option value 'Go-live party' is not valid" } } });
    expect(await edit({ [ids.phases]: { value: 'Refining' } })).toMatchObject({ status: 400, body: { errors: { [ids.phases]: 'data was not an array' } } });
    expect(await edit({ [ids.organizations]: [99] })).toMatchObject({ status: 400, body: { errors: { [ids.organizations]: expect.stringContaining('99') } } });
    // Not on a delivery task's screen: the field belongs to the service project's requests.
    const task = await as('lead', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'DEL' }, issuetype: { id: '10102' }, summary: 'No phases here' } });
    expect(await as('lead', 'PUT', `/rest/api/3/issue/${task.body.key}`, { fields: { [ids.phases]: [{ value: 'Refining' }] } })).toMatchObject({
      status: 400,
      body: { errors: { [ids.phases]: expect.stringContaining('cannot be set') } },
    });
  });
});

describe('the platform edit of the intake fields', () => {
  it('adds and removes phases and shares the request with another organisation, with changelog and events', async () => {
    const created = await as('partner', 'POST', '/rest/servicedeskapi/request', implementation('Phases to change', [{ value: 'Q&A sessions' }]));
    const key = created.body.issueKey as string;
    events.length = 0;
    const edited = await as('agent', 'PUT', `/rest/api/3/issue/${key}`, {
      update: { [ids.phases]: [{ add: { value: 'Refining' } }, { remove: { id: '10030' } }], [ids.organizations]: [{ add: 2 }] },
    });
    expect(edited.status).toBe(204);
    const read = await as('agent', 'GET', `/rest/api/3/issue/${key}?fields=${ids.phases},${ids.organizations}`);
    expect(read.body.fields[ids.phases]).toEqual([expect.objectContaining({ id: '10033', value: 'Refining' })]);
    expect(read.body.fields[ids.organizations].map((o: { name: string }) => o.name)).toEqual(['Northwind Partners', 'Lumière Conseil']);

    const updated = events.filter((e) => e.eventType === 'avi:jira:updated:issue');
    expect(updated).toHaveLength(1);
    expect(updated[0]!.payload.changelog.items).toEqual([
      { field: 'Organizations', fieldId: ids.organizations, fieldtype: 'custom', from: '[1]', fromString: 'Northwind Partners', to: '[1, 2]', toString: 'Northwind Partners,Lumière Conseil' },
      { field: 'Phases wanted', fieldId: ids.phases, fieldtype: 'custom', from: '[10030]', fromString: 'Q&A sessions', to: '[10033]', toString: 'Refining' },
    ]);
    expect(updated[0]!.payload.issue.fields[ids.organizations]).toHaveLength(2);
    // Shared with Lumière Conseil now: its partner customer sees it on the portal.
    expect((await as('partnerFr', 'GET', `/rest/servicedeskapi/request/${key}`)).status).toBe(200);

    expect((await as('agent', 'PUT', `/rest/api/3/issue/${key}`, { fields: { [ids.phases]: [] } })).status).toBe(204);
    expect((await as('agent', 'GET', `/rest/api/3/issue/${key}?fields=${ids.phases}`)).body.fields[ids.phases]).toBeNull();
  });
});

describe('the help center form', () => {
  const cookie = (who: Who) => ({ cookie: `sandbox-account=${encodeURIComponent(accountOf(who))}` });

  it('shows the phases as a group of checkboxes with a legend, beside End Customer and the description', async () => {
    const page = await fetch(`${base}/servicedesk/customer/portal/1/create/20`, { headers: cookie('partner') });
    expect(page.status).toBe(200);
    const markup = await page.text();
    const group = /<fieldset[^>]*id="field-customfield_10016"[^>]*>([\s\S]*?)<\/fieldset>/.exec(markup)?.[1] ?? '';
    expect(group).toMatch(/<legend>Phases wanted/);
    const boxes = [...group.matchAll(/<input type="checkbox" id="([^"]+)" name="customfield_10016" value="(\d+)">\s*<label for="([^"]+)">([^<]+)<\/label>/g)];
    expect(boxes.map((b) => b[4]!.replace('&amp;', '&'))).toEqual(PHASES);
    for (const box of boxes) expect(box[1]).toBe(box[3]);
    expect(markup).toMatch(/<label for="field-customfield_10011">End Customer/);
    expect(markup).toMatch(/<textarea id="field-description" name="description"/);
  });

  it('raises the request with the phases ticked, and keeps them ticked when the form comes back with an error', async () => {
    const post = (form: URLSearchParams) =>
      fetch(`${base}/servicedesk/customer/portal/1/create/20`, { method: 'POST', redirect: 'manual', headers: { ...cookie('partner'), 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    const missing = await post(new URLSearchParams([['summary', 'From the portal'], ['customfield_10016', '10031'], ['customfield_10016', '10034']]));
    expect(missing.status).toBe(400);
    const again = await missing.text();
    expect(again).toMatch(/value="10031" checked>/);
    expect(again).toMatch(/value="10034" checked>/);
    expect(again).toMatch(/value="10030">/);

    const sent = await post(new URLSearchParams([['summary', 'From the portal'], ['customfield_10011', 'Tailspin Retail'], ['customfield_10016', '10031'], ['customfield_10016', '10034']]));
    expect(sent.status).toBe(303);
    const key = /\/portal\/1\/(PS-\d+)$/.exec(sent.headers.get('location') ?? '')?.[1];
    expect(key).toBeDefined();
    const issue = await as('agent', 'GET', `/rest/api/3/issue/${key}?fields=${ids.phases},${ids.endCustomer}`);
    expect(issue.body.fields[ids.phases].map((o: { value: string }) => o.value)).toEqual(['Business blueprint', 'Final review before end-user training']);
    expect(issue.body.fields[ids.endCustomer]).toBe('Tailspin Retail');
  });
});
