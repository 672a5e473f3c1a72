/**
 * Accounts that Atlassian reports closed are erased from the registers (DESIGN.md Security): the daily job asks
 * Forge's personal data reporting (`privacy.reportPersonalData`, emulated by the sandbox from its directory) about
 * the accounts the registers hold, page by page through the queue, and erases the closed ones.
 */
import { __requestAtlassianAsApp, privacy } from '@forge/api';
import type { ForgeHost } from '../../sandbox/runtime/host';
import { CLOSED_ACCOUNT_ACTOR } from '../../src/triggers/erase-closed-accounts';
import { accountOf, assertContracts, invoke, startHttpSandbox, startTestHost, type HttpSandbox } from '../support/sandbox';

let host: ForgeHost;
let registerId: string;

const admin = (key: string, payload: unknown = {}) => invoke(host, 'admin', key, 'admin', payload);
const person = (name: string, email: string, accountId: string | null) => ({ name, email, phone: null, accountId, roles: ['key-contacts/expert-user'], backupFor: [], absences: [] });

async function dailyRun(): Promise<void> {
  expect(await host.runScheduled('daily-refresh')).toBe(true);
  expect(await host.idle(30_000)).toBe(true);
}

beforeAll(async () => {
  host = await startTestHost('demo');
  const created = await admin('organisations/create', { source: { kind: 'name', name: 'Closed Accounts Ltd' }, deploymentType: 'hosted', templateKeys: ['key-contacts'] });
  expect(created.ok).toBe(true);
  registerId = created.body.register.id;
  const people = [person('Cora Closing', 'cora@example.com', accountOf('consultant')), person('Otto Open', 'otto@example.com', accountOf('agent')), person('Nell Noaccount', 'nell@example.com', null)];
  const updated = await admin('register/update', { registerId, expectedVersion: 1, changes: people.map((p) => ({ kind: 'person/add', person: p })) });
  expect(updated.ok).toBe(true);
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

describe('closed Atlassian accounts', () => {
  it('reports closed accounts through the unmodified SDK, and nothing while none is closed', async () => {
    const ask = [{ accountId: accountOf('consultant'), updatedAt: '2024-01-01T00:00:00.000Z' }, { accountId: accountOf('agent'), updatedAt: '2024-01-01T00:00:00.000Z' }];
    expect(await privacy.reportPersonalData(ask)).toEqual([]);
    // More than 90 accounts in one request is refused (the SDK itself splits longer lists).
    const tooMany = Array.from({ length: 91 }, (_, i) => ({ accountId: `acc-${i}`, updatedAt: '2024-01-01T00:00:00.000Z' }));
    const refused = await __requestAtlassianAsApp('/app/report-accounts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accounts: tooMany }) });
    expect(refused.status).toBe(400);
    expect(await privacy.reportPersonalData(tooMany)).toEqual([]);
  });

  it('leaves every register alone while no account is closed', async () => {
    const before = (await admin('register/get', { registerId })).body.register;
    await dailyRun();
    const after = (await admin('register/get', { registerId })).body.register;
    expect(after.version).toBe(before.version);
    expect(after.people).toHaveLength(3);
  });

  it('erases a person whose account closed, with an audit entry, and keeps the open ones', async () => {
    expect(host.jiraStore.closeAccount(accountOf('consultant'))).toBe(true);
    expect(await privacy.reportPersonalData([{ accountId: accountOf('consultant'), updatedAt: new Date().toISOString() }])).toEqual([{ accountId: accountOf('consultant'), status: 'closed' }]);
    await dailyRun();

    const register = (await admin('register/get', { registerId })).body.register;
    expect(register.people.map((p: { name: string }) => p.name).sort()).toEqual(['Nell Noaccount', 'Otto Open']);
    const history = (await admin('register/history', { registerId, limit: 100 })).body.items as unknown[];
    const text = JSON.stringify(history);
    expect(text).toContain('person.erase');
    expect(text).toContain(CLOSED_ACCOUNT_ACTOR);
    expect(text).not.toContain('Cora Closing');
    // Nowhere else either: the contact index finds the account in no register.
    expect((await admin('person/export', { lookup: { accountId: accountOf('consultant') } })).body.records).toEqual([]);
    expect((await admin('person/export', { lookup: { accountId: accountOf('agent') } })).body.records.length).toBeGreaterThanOrEqual(1);
  });

  it('changes nothing more when it runs again', async () => {
    const before = (await admin('register/get', { registerId })).body.register;
    const historyBefore = (await admin('register/history', { registerId, limit: 100 })).body.items as unknown[];
    await dailyRun();
    const after = (await admin('register/get', { registerId })).body.register;
    expect(after.version).toBe(before.version);
    expect(after.people).toEqual(before.people);
    expect((await admin('register/history', { registerId, limit: 100 })).body.items).toHaveLength(historyBefore.length);
  });

  it('pages through the registers on the queue: a register past the first page is checked too', async () => {
    const create = async (name: string) => (await admin('organisations/create', { source: { kind: 'name', name }, deploymentType: 'hosted', templateKeys: ['key-contacts'] })).body.register.id as string;
    for (let i = 0; i < 10; i += 1) await create(`Filler ${String(i).padStart(2, '0')}`);
    const last = await create('Zzz Last Register');
    expect((await admin('register/update', { registerId: last, expectedVersion: 1, changes: [{ kind: 'person/add', person: person('Lena Late', 'lena@example.com', accountOf('lead')) }] })).ok).toBe(true);
    host.jiraStore.closeAccount(accountOf('lead'));
    const since = host.log.since(0).next;
    await dailyRun();
    expect((await admin('register/get', { registerId: last })).body.register.people).toEqual([]);
    // The second page ran in a consumer of its own.
    expect(host.log.since(since).entries.filter((e) => e.kind === 'consumer').length).toBeGreaterThanOrEqual(2);
  });
});

describe('POST /__sandbox/api/accounts/close', () => {
  let sandbox: HttpSandbox;
  beforeAll(async () => {
    sandbox = await startHttpSandbox('demo');
  });
  afterAll(async () => sandbox.close());
  afterAll(() => assertContracts(sandbox.host));

  const post = async (body: unknown) => {
    const response = await fetch(`${sandbox.base}/__sandbox/api/accounts/close`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('closes a known account, and refuses unknown accounts and bad input', async () => {
    const lead = accountOf('lead');
    expect(await post({ accountId: lead })).toEqual({ status: 200, body: { ok: true } });
    expect(sandbox.host.jiraStore.closedAccounts().map((a) => a.accountId)).toEqual([lead]);
    expect(await post({ accountId: lead })).toEqual({ status: 200, body: { ok: true } });
    expect(await post({ accountId: 'no-such-account' })).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_ACCOUNT' } } });
    expect(await post({ accountId: '' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    expect(await post({ id: lead })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    expect(sandbox.host.jiraStore.closedAccounts()).toHaveLength(1);
  });
});
