/**
 * Personal data on request: a contact's details exported from every register that holds them, then erased from the
 * registers, their proposals and their history, found through the contact index (by email or Atlassian account).
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { Queue } from '@forge/events';
import { WORK_QUEUE } from '../../src/shared/work-messages';
import { accountOf, assertContracts, invoke, startTestHost } from '../support/sandbox';

let host: ForgeHost;
let first: string;
let second: string;
let bystander: string;

const admin = (key: string, payload: unknown = {}) => invoke(host, 'admin', key, 'admin', payload);
const EMAIL = 'erin.erasable@example.com';

beforeAll(async () => {
  host = await startTestHost('empty');
  const create = async (name: string) => (await admin('organisations/create', { source: { kind: 'name', name }, deploymentType: 'hosted', templateKeys: ['key-contacts'] })).body.register.id;
  first = await create('First Holding');
  // The second is a JSM organisation's, so that its customer can propose a change about Erin on the portal.
  const northwind = host.jiraStore.organizationByName('Northwind Partners')!.id;
  second = (await admin('organisations/create', { source: { kind: 'jsm', jsmOrganizationId: northwind }, deploymentType: 'hosted', templateKeys: ['key-contacts'] })).body.register.id;
  bystander = await create('Bystander Inc');
  const erin = { name: 'Erin Erasable', email: EMAIL, phone: '+44 20 7946 0001', accountId: accountOf('consultant'), roles: ['key-contacts/service-owner'], backupFor: [], absences: [] };
  const other = { name: 'Olly Other', email: 'olly@example.com', phone: null, accountId: null, roles: ['key-contacts/expert-user'], backupFor: [], absences: [] };
  const a = await admin('register/update', { registerId: first, expectedVersion: 1, changes: [{ kind: 'person/add', person: erin }, { kind: 'person/add', person: other }] });
  const erinId = a.body.register.people[0].id;
  // Olly backs Erin up: erasing Erin must take her out of Olly's list too.
  await admin('register/update', { registerId: first, expectedVersion: 2, changes: [{ kind: 'person/edit', personId: a.body.register.people[1].id, person: { ...other, backupFor: [erinId] } }] });
  const b = await admin('register/update', { registerId: second, expectedVersion: 1, changes: [{ kind: 'person/add', person: { ...erin, email: 'ERIN.erasable@example.com', roles: ['key-contacts/contract-manager'] } }] });
  const { id: _id, accountId: _a, ...proposed } = b.body.register.people[0];
  const proposal = await invoke(host, 'portal', 'proposal/create', 'partner', { registerId: second, change: { kind: 'change', personId: b.body.register.people[0].id, person: { ...proposed, phone: '+44 20 7946 0002' } } });
  expect(proposal.ok).toBe(true);
  await admin('register/update', { registerId: bystander, expectedVersion: 1, changes: [{ kind: 'person/add', person: other }] });
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

describe('personal data requests', () => {
  it('exports a person from every register that holds them, by email without case or by account', async () => {
    const byEmail = await admin('person/export', { lookup: { email: EMAIL.toUpperCase() } });
    expect(byEmail.ok).toBe(true);
    expect(byEmail.body.records.map((r: { registerId: string }) => r.registerId).sort()).toEqual([first, second].sort());
    expect(byEmail.body.records[0].person).toMatchObject({ name: 'Erin Erasable', phone: '+44 20 7946 0001' });
    const byAccount = await admin('person/export', { lookup: { accountId: accountOf('consultant') } });
    expect(byAccount.body.records).toHaveLength(2);
    expect(byAccount.body.proposals).toEqual([expect.objectContaining({ registerId: second, status: 'pending' })]);
    expect((await admin('person/export', { lookup: { email: 'nobody@example.com' } })).body.records).toEqual([]);
  });

  it('erases them from registers, backup lists and history, and leaves everyone else', async () => {
    const erased = await admin('person/erase', { lookup: { accountId: accountOf('consultant') } });
    expect(erased.ok).toBe(true);
    expect(erased.body.erased.map((e: { registerId: string }) => e.registerId).sort()).toEqual([first, second].sort());
    expect(erased.body.redactedHistoryEntries).toBeGreaterThanOrEqual(3);
    expect(erased.body.redactedProposals).toBe(1);
    expect((await admin('register/get', { registerId: second })).body.pendingProposals).toEqual([]);

    const firstNow = (await admin('register/get', { registerId: first })).body.register;
    expect(firstNow.people).toEqual([expect.objectContaining({ name: 'Olly Other', backupFor: [] })]);
    expect((await admin('register/get', { registerId: second })).body.register.people).toEqual([]);
    expect((await admin('register/get', { registerId: bystander })).body.register.people).toHaveLength(1);

    for (const registerId of [first, second]) {
      const history = JSON.stringify((await admin('register/history', { registerId, limit: 100 })).body.items);
      expect(history.toLowerCase()).not.toContain('erin');
      expect(history).not.toContain('7946 000');
      expect(history).toContain('"erased":true');
    }
    expect(JSON.stringify((await admin('register/history', { registerId: first, limit: 100 })).body.items)).toContain('Olly Other');
    expect((await admin('person/export', { lookup: { email: EMAIL } })).body.records).toEqual([]);
  });

  it('erases accounts reported closed when the queue says so, and nothing when told again', async () => {
    const withAccount = { name: 'Carl Closed', email: 'carl.closed@example.com', phone: null, accountId: accountOf('lead'), roles: ['key-contacts/expert-user'], backupFor: [], absences: [] };
    const version = (await admin('register/get', { registerId: bystander })).body.register.version;
    expect((await admin('register/update', { registerId: bystander, expectedVersion: version, changes: [{ kind: 'person/add', person: withAccount }] })).ok).toBe(true);
    const message = { kind: 'erase-closed-accounts', accountIds: [accountOf('lead'), '557058:00000000-0000-0000-0000-000000000000'] };
    for (let i = 0; i < 2; i += 1) {
      await new Queue({ key: WORK_QUEUE }).push({ body: message });
      expect(await host.idle(10_000)).toBe(true);
    }
    const runs = host.log.since(0).entries.filter((e) => e.kind === 'consumer');
    expect(runs.slice(-2).map((r) => r.outcome)).toEqual(['ok', 'ok']);
    const people = (await admin('register/get', { registerId: bystander })).body.register.people;
    expect(people.map((p: { name: string }) => p.name)).toEqual(['Olly Other']);
    const history = (await admin('register/history', { registerId: bystander, limit: 1 })).body.items;
    expect(history[0]).toMatchObject({ action: 'person.erase', actor: 'app:closed-account' });
  });
});
