/**
 * Customers' contact change proposals: proposed on the portal (the register unchanged), decided by an agent on an
 * issue of that organisation (approve: register changed with an audit entry; reject: unchanged).
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { accountOf, assertContracts, invoke, kvsWritesSince, startTestHost } from '../support/sandbox';

let host: ForgeHost;
let registerId: string;
let issue: { id: string; key: string };
let paulaId: string;
let vendorId: string;

const admin = (key: string, payload: unknown = {}) => invoke(host, 'admin', key, 'admin', payload);
const register = async () => (await admin('register/get', { registerId })).body;

beforeAll(async () => {
  host = await startTestHost('empty');
  const northwind = host.jiraStore.organizationByName('Northwind Partners')!.id;
  registerId = `jsm-${northwind}`;
  await admin('organisations/create', { source: { kind: 'jsm', jsmOrganizationId: northwind }, deploymentType: 'hosted', templateKeys: ['key-contacts', 'service-engagement'] });
  const filled = await admin('register/update', {
    registerId,
    expectedVersion: 1,
    changes: [
      {
        kind: 'person/add',
        person: { name: 'Paula Partner', email: 'paula@northwind-partners.example', phone: '+1 212 555 0142', accountId: accountOf('partner'), roles: ['key-contacts/service-owner'], backupFor: [], absences: [] },
      },
      {
        kind: 'person/add',
        person: { name: 'Dana Delivery', email: 'lead@engagement-desk.example', phone: null, accountId: accountOf('lead'), roles: ['service-engagement/account-manager'], backupFor: [], absences: [] },
      },
    ],
  });
  [paulaId, vendorId] = filled.body.register.people.map((p: { id: string }) => p.id);
  const row = host.jiraStore.addIssue('PS', { summary: 'Please add our second Service Owner', reporterAccountId: accountOf('partner'), organization: 'Northwind Partners' });
  issue = { id: row.id, key: row.key };
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

const newContact = {
  name: 'Quinn Second',
  email: 'quinn@northwind-partners.example',
  phone: '+1 212 555 0199',
  roles: ['key-contacts/service-owner'],
  backupFor: [] as string[],
  absences: [] as Array<{ from: string; to: string }>,
};

describe('the portal', () => {
  it('shows a customer their organisation’s register with client roles only, and its client-side coverage', async () => {
    const mine = await invoke(host, 'portal', 'register/mine', 'partner', {}, { request: { key: 'PS-1' } });
    expect(mine.ok).toBe(true);
    expect(mine.body.organisations).toHaveLength(1);
    const [org] = mine.body.organisations;
    expect(org).toMatchObject({ name: 'Northwind Partners', registerId });
    expect(org.view.register.people.map((p: { id: string }) => p.id)).toEqual([paulaId]);
    expect(org.view.coverage.roles.every((r: { side: string }) => r.side === 'client')).toBe(true);
  });

  it('stores a proposal as pending and leaves the register unchanged', async () => {
    const before = await register();
    const proposed = await invoke(host, 'portal', 'proposal/create', 'partner', { registerId, change: { kind: 'add', person: { ...newContact, backupFor: [paulaId] } } });
    expect(proposed).toMatchObject({ ok: true, body: { status: 'pending', registerId, proposedBy: accountOf('partner'), baseVersion: before.register.version } });
    const after = await register();
    expect(after.register).toEqual(before.register);
    expect(after.pendingProposals.map((p: { id: string }) => p.id)).toEqual([proposed.body.id]);
    const mine = await invoke(host, 'portal', 'register/mine', 'partner');
    expect(mine.body.organisations[0].view.pendingProposals).toHaveLength(1);
  });

  it.each([
    ['a vendor role', { kind: 'add', person: { ...newContact, email: 'v@northwind-partners.example', roles: ['service-engagement/account-manager'] } }, 'INVALID_INPUT'],
    ['an invalid email', { kind: 'add', person: { ...newContact, email: 'not-an-email' } }, 'INVALID_INPUT'],
    ['an invalid phone', { kind: 'add', person: { ...newContact, email: 'p@northwind-partners.example', phone: '555-0199' } }, 'INVALID_INPUT'],
    ['an account id (customers cannot set one)', { kind: 'add', person: { ...newContact, accountId: accountOf('admin') } }, 'INVALID_INPUT'],
    ['a change to a vendor person', { kind: 'change', personId: 'VENDOR', person: newContact }, 'NOT_FOUND'],
    ['removing someone unknown', { kind: 'remove', personId: 'p-nobody' }, 'NOT_FOUND'],
  ])('refuses %s and writes nothing', async (_what, change, code) => {
    const payloadChange = JSON.parse(JSON.stringify(change).replace('VENDOR', vendorId));
    const seq = host.log.since(0).next;
    expect(await invoke(host, 'portal', 'proposal/create', 'partner', { registerId, change: payloadChange })).toMatchObject({ ok: false, error: { code } });
    expect(kvsWritesSince(host, seq)).toBe(0);
  });
});

describe('the agent on the issue', () => {
  it('sees the organisation of the request’s reporter, with its pending proposal', async () => {
    const answer = await invoke(host, 'issue-panel', 'register/for-issue', 'agent', {}, { issue });
    expect(answer).toMatchObject({ ok: true, body: { source: 'request', canDecide: true, view: { register: { id: registerId } } } });
    expect(answer.body.view.pendingProposals).toHaveLength(1);
    // Agents see vendor people too.
    expect(answer.body.view.register.people).toHaveLength(2);
  });

  it('approves: the register gets the person, the proposal is approved, and the history says who and when', async () => {
    const [pending] = (await invoke(host, 'issue-panel', 'proposals/list', 'agent', {}, { issue })).body.items;
    const decided = await invoke(host, 'issue-panel', 'proposal/decide', 'agent', { proposalId: pending.id, decision: 'approve', note: 'Welcome, Quinn' }, { issue });
    expect(decided).toMatchObject({ ok: true, body: { proposal: { status: 'approved', decidedBy: accountOf('agent'), note: 'Welcome, Quinn' } } });
    const after = await register();
    const quinn = after.register.people.find((p: { email: string }) => p.email === newContact.email);
    expect(quinn).toMatchObject({ name: 'Quinn Second', roles: ['key-contacts/service-owner'], backupFor: [paulaId], accountId: null });
    expect(after.coverage.roles.find((r: { ref: string }) => r.ref === 'key-contacts/service-owner')).toMatchObject({ status: 'met' });
    expect(after.pendingProposals).toEqual([]);
    const history = (await invoke(host, 'issue-panel', 'register/history', 'agent', { limit: 5 }, { issue })).body.items;
    expect(history[0]).toMatchObject({ action: 'proposal.approve', actor: accountOf('agent'), before: { proposalId: pending.id, people: [] }, after: { proposalId: pending.id, people: [expect.objectContaining({ name: 'Quinn Second' })] } });
    expect(history[1]).toMatchObject({ action: 'proposal.create', actor: accountOf('partner') });
    expect(await invoke(host, 'issue-panel', 'proposal/decide', 'agent', { proposalId: pending.id, decision: 'reject' }, { issue })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('rejects: the register stays as it was', async () => {
    const proposed = await invoke(host, 'portal', 'proposal/create', 'partner', { registerId, change: { kind: 'change', personId: paulaId, person: { ...newContact, name: 'Paula P.', email: 'paula@northwind-partners.example', phone: '+1 212 555 0000' } } });
    expect(proposed.ok).toBe(true);
    const before = await register();
    const decided = await invoke(host, 'issue-panel', 'proposal/decide', 'agent', { proposalId: proposed.body.id, decision: 'reject', note: 'Please call us' }, { issue });
    expect(decided).toMatchObject({ ok: true, body: { proposal: { status: 'rejected' } } });
    expect((await register()).register).toEqual(before.register);
    const rejected = await invoke(host, 'issue-panel', 'proposals/list', 'agent', { status: 'rejected' }, { issue });
    expect(rejected.body.items.map((p: { id: string }) => p.id)).toEqual([proposed.body.id]);
  });

  it('keeps vendor roles when a customer removes someone who also holds one', async () => {
    // Dana gets a client role too; the customer now sees her and proposes her removal.
    const current = await register();
    const { id: _id, ...dana } = current.register.people.find((p: { id: string }) => p.id === vendorId);
    const edited = await admin('register/update', {
      registerId,
      expectedVersion: current.register.version,
      changes: [{ kind: 'person/edit', personId: vendorId, person: { ...dana, roles: [...dana.roles, 'key-contacts/expert-user'] } }],
    });
    expect(edited.ok).toBe(true);
    const proposed = await invoke(host, 'portal', 'proposal/create', 'partner', { registerId, change: { kind: 'remove', personId: vendorId } });
    expect(proposed.ok).toBe(true);
    await invoke(host, 'issue-panel', 'proposal/decide', 'agent', { proposalId: proposed.body.id, decision: 'approve' }, { issue });
    const after = await register();
    expect(after.register.people.find((p: { id: string }) => p.id === vendorId).roles).toEqual(['service-engagement/account-manager']);
  });

  it('does not let someone without edit permission decide', async () => {
    const proposed = await invoke(host, 'portal', 'proposal/create', 'partner', { registerId, change: { kind: 'add', person: { ...newContact, email: 'r@northwind-partners.example' } } });
    const seq = host.log.since(0).next;
    expect(await invoke(host, 'issue-panel', 'proposal/decide', 'consultant', { proposalId: proposed.body.id, decision: 'approve' }, { issue })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(host, 'issue-panel', 'proposal/decide', 'partner', { proposalId: proposed.body.id, decision: 'approve' }, { issue })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect((await register()).pendingProposals.map((p: { id: string }) => p.id)).toContain(proposed.body.id);
  });
});
