/**
 * Who may do what with registers, checked from Forge's trusted context only: Jira admins on the admin page, agents
 * with edit permission on the issue, customers for their own JSM organisation. Forged payloads and forged
 * `extension`s change nothing; every refusal is read back.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { accountOf, assertContracts, invoke, kvsWritesSince, startTestHost } from '../support/sandbox';

let host: ForgeHost;
let northwind: string;
let lumiere: string;
let northwindIssue: { id: string; key: string };
let northwindRequestKey: string;

const admin = (key: string, payload: unknown = {}) => invoke(host, 'admin', key, 'admin', payload);
const snapshot = async () => {
  const [a, b] = await Promise.all([admin('register/get', { registerId: northwind }), admin('register/get', { registerId: lumiere })]);
  return { northwind: a.body, lumiere: b.body };
};

beforeAll(async () => {
  host = await startTestHost('empty');
  const orgId = (name: string) => host.jiraStore.organizationByName(name)!.id;
  northwind = `jsm-${orgId('Northwind Partners')}`;
  lumiere = `jsm-${orgId('Lumière Conseil')}`;
  for (const id of [orgId('Northwind Partners'), orgId('Lumière Conseil')]) {
    await admin('organisations/create', { source: { kind: 'jsm', jsmOrganizationId: id }, deploymentType: 'hosted', templateKeys: ['key-contacts'] });
  }
  await admin('register/update', {
    registerId: lumiere,
    expectedVersion: 1,
    changes: [{ kind: 'person/add', person: { name: 'Pierre Partenaire', email: 'pierre@lumiere-conseil.example', phone: '+33 1 23 45 67 89', accountId: null, roles: ['key-contacts/service-owner'], backupFor: [], absences: [] } }],
  });
  const row = host.jiraStore.addIssue('PS', { summary: 'Northwind request', reporterAccountId: accountOf('partner'), organization: 'Northwind Partners' });
  northwindIssue = { id: row.id, key: row.key };
  northwindRequestKey = row.key;
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

const person = { name: 'Mallory', email: 'mallory@example.com', phone: '+44 20 7946 0000', roles: ['key-contacts/service-owner'], backupFor: [], absences: [] };

describe('admin operations', () => {
  const calls: Array<[string, () => unknown]> = [
    ['templates/list', () => ({})],
    ['templates/copy', () => ({ sourceKey: 'key-contacts', newKey: 'mine', name: { 'en-US': 'Mine', 'fr-FR': 'À moi' } })],
    ['templates/update', () => ({ templateKey: 'mine', expectedVersion: 1, edit: { kind: 'role/remove', roleKey: 'expert-user' } })],
    ['organisations/list', () => ({})],
    ['jsm-organisations/list', () => ({})],
    ['organisations/create', () => ({ source: { kind: 'name', name: 'Intruder Ltd' }, deploymentType: 'hosted', templateKeys: ['key-contacts'] })],
    ['register/get', () => ({ registerId: lumiere })],
    ['register/update', () => ({ registerId: lumiere, expectedVersion: 2, changes: [{ kind: 'person/add', person: { ...person, accountId: null } }] })],
    ['register/history', () => ({ registerId: lumiere })],
    ['coverage/list', () => ({})],
    ['register/export-csv', () => ({ registerId: lumiere })],
    ['coverage/export-csv', () => ({})],
    ['contacts/import-csv', () => ({ registerId: lumiere, csv: 'name,email\nMallory,mallory@example.com\n' })],
    ['proposal/decide', () => ({ registerId: lumiere, proposalId: 'pr-000000000000', decision: 'approve' })],
    ['person/export', () => ({ lookup: { email: 'pierre@lumiere-conseil.example' } })],
    ['person/erase', () => ({ lookup: { email: 'pierre@lumiere-conseil.example' } })],
  ];

  it.each(['agent', 'lead', 'partner', 'partnerFr'] as const)('are all FORBIDDEN to the %s account, which is not a Jira admin, and change nothing', async (who) => {
    const before = await snapshot();
    const seq = host.log.since(0).next;
    for (const [key, payload] of calls) {
      expect([key, await invoke(host, 'admin', key, who, payload())]).toEqual([key, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    }
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('cannot be reached from the issue panel or the portal', async () => {
    for (const surface of ['issue-panel', 'portal'] as const) {
      await expect(invoke(host, surface, 'register/update', 'admin', { registerId: lumiere, expectedVersion: 2, changes: [] })).rejects.toThrow(/no definition for 'register\/update'/);
      await expect(invoke(host, surface, 'person/erase', 'admin', { lookup: { email: 'x@example.com' } })).rejects.toThrow(/no definition/);
    }
  });
});

describe('a customer of another organisation', () => {
  it('sees only their own organisation, whatever the page claims', async () => {
    const mine = await invoke(host, 'portal', 'register/mine', 'partnerFr', { }, { request: { key: northwindRequestKey }, organization: { id: '1' } });
    expect(mine.body.organisations.map((o: { registerId: string }) => o.registerId)).toEqual([lumiere]);
    expect(await invoke(host, 'portal', 'register/mine', 'partnerFr', { registerId: northwind })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it.each([
    ['a forged register id', () => ({ registerId: northwind, change: { kind: 'add', person } }), {}],
    ['a forged register id and the other organisation’s request as extension', () => ({ registerId: northwind, change: { kind: 'add', person } }), () => ({ request: { key: northwindRequestKey } })],
    ['a register with no JSM organisation', () => ({ registerId: 'org-abcd1234', change: { kind: 'add', person } }), {}],
  ])('gets FORBIDDEN proposing with %s, and nothing changes', async (_what, payload, extension) => {
    const before = await snapshot();
    const seq = host.log.since(0).next;
    const ext = typeof extension === 'function' ? extension() : extension;
    expect(await invoke(host, 'portal', 'proposal/create', 'partnerFr', payload(), ext)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect(await snapshot()).toEqual(before);
    expect((await snapshot()).northwind.pendingProposals).toEqual([]);
  });

  it('gets NOT_FOUND on the issue panel, even with the other organisation’s issue as extension', async () => {
    const seq = host.log.since(0).next;
    for (const [key, payload] of [
      ['register/for-issue', {}],
      ['proposals/list', {}],
      ['register/history', {}],
      ['proposal/decide', { proposalId: 'pr-000000000000', decision: 'approve' }],
    ] as const) {
      expect([key, await invoke(host, 'issue-panel', key, 'partnerFr', payload, { issue: northwindIssue })]).toEqual([key, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    }
    expect(kvsWritesSince(host, seq)).toBe(0);
  });

  it('cannot decide proposals of its own organisation either (agents decide)', async () => {
    const proposed = await invoke(host, 'portal', 'proposal/create', 'partner', { registerId: northwind, change: { kind: 'add', person } });
    expect(proposed.ok).toBe(true);
    expect(await invoke(host, 'issue-panel', 'proposal/decide', 'partner', { proposalId: proposed.body.id, decision: 'approve' }, { issue: northwindIssue })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await snapshot()).northwind.register.people).toEqual([]);
  });
});

describe('agents', () => {
  it('need edit permission on the issue to list organisations or decide; browsing shows the register read-only', async () => {
    expect(await invoke(host, 'issue-panel', 'organisations/list', 'consultant', {}, { issue: northwindIssue })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(host, 'issue-panel', 'organisations/list', 'agent', {}, { issue: northwindIssue })).toMatchObject({ ok: true });
    const read = await invoke(host, 'issue-panel', 'register/for-issue', 'consultant', {}, { issue: northwindIssue });
    expect(read).toMatchObject({ ok: true, body: { canDecide: false, view: { register: { id: northwind } } } });
  });

  it('get INVALID_INPUT when the page names no issue', async () => {
    expect(await invoke(host, 'issue-panel', 'register/for-issue', 'agent', {}, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
