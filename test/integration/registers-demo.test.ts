/**
 * The demo seed's registers: what the admin page, the portal and the issue panel open on after
 * `POST /__sandbox/api/reset {"seed":"demo"}`, and that the empty seed holds no register.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { demoUser } from '../../sandbox/seed/demo-directory';
import { resetSandbox } from '../../sandbox/seed/load-seed';
import { MODULES, assertContracts, invoke, startTestHost } from '../support/sandbox';

let host: ForgeHost;
beforeAll(async () => {
  host = await startTestHost('demo');
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

const olga = demoUser('olga@contoso-foods.example').accountId;
const asOlga = async (functionKey: string, payload: unknown = {}) => {
  const outcome = await host.invokeResolver({ moduleKey: MODULES.portal, functionKey, payload, accountId: olga, extension: {} });
  if (outcome.kind !== 'answer') throw new Error(outcome.message);
  return outcome.value as { ok: boolean; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

describe('the demo registers', () => {
  it('show coverage gaps worst first: Fabrikam’s missing technician is a premium-service opportunity, Tailspin is covered', async () => {
    const list = (await invoke(host, 'admin', 'coverage/list', 'admin', { limit: 10 })).body.items;
    expect(list.map((i: { name: string }) => i.name).sort()).toEqual(['Contoso Foods', 'Fabrikam Metal', 'Lumière Conseil', 'Northwind Partners', 'Tailspin Retail']);
    const fabrikam = list.find((i: { name: string }) => i.name === 'Fabrikam Metal');
    expect(fabrikam.gaps).toContainEqual(expect.objectContaining({ ref: 'key-contacts/operations-technician', status: 'missing', premiumOpportunity: true }));
    const contoso = list.find((i: { name: string }) => i.name === 'Contoso Foods');
    expect(contoso.summary.absentTodayWithoutBackup).toBeGreaterThan(0);
    expect(list.find((i: { name: string }) => i.name === 'Tailspin Retail').score).toBe(100);
    expect(list.at(-1).name).toBe('Tailspin Retail');
  });

  it('let Contoso’s customer see their register and pending proposal, and an agent approve it on her question', async () => {
    const mine = await asOlga('register/mine');
    const [contoso] = mine.body.organisations;
    expect(contoso.name).toBe('Contoso Foods');
    expect(contoso.view.register.people.map((p: { name: string }) => p.name)).toEqual(['Olga Owner', 'Tobias Berger']);
    expect(contoso.view.pendingProposals).toEqual([expect.objectContaining({ change: expect.objectContaining({ kind: 'add' }) })]);

    const question = host.jiraStore.issues().find((i) => i.summary === 'How do we add a second Service Owner?')!;
    const issue = { id: question.id, key: question.key };
    const panel = await invoke(host, 'issue-panel', 'register/for-issue', 'agent', {}, { issue });
    expect(panel.body).toMatchObject({ source: 'request', canDecide: true, view: { register: { name: 'Contoso Foods' } } });
    const proposalId = panel.body.view.pendingProposals[0].id;
    expect((await invoke(host, 'issue-panel', 'proposal/decide', 'agent', { proposalId, decision: 'approve' }, { issue })).ok).toBe(true);
    const after = await asOlga('register/mine');
    expect(after.body.organisations[0].view.register.people.map((p: { name: string }) => p.name)).toContain('Lena Gruber');
    const owner = after.body.organisations[0].view.coverage.roles.find((r: { ref: string }) => r.ref === 'key-contacts/service-owner');
    expect(owner.status).toBe('met');
  });

  it('are not in the empty seed', async () => {
    await resetSandbox(host, 'empty');
    expect((await invoke(host, 'admin', 'organisations/list', 'admin', {})).body.items).toEqual([]);
    expect((await asOlga('register/mine')).body.organisations).toEqual([expect.objectContaining({ name: 'Contoso Foods', view: null })]);
  });
});
