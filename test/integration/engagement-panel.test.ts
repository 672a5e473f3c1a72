/**
 * The engagement panel end to end on the sandbox (real @forge/resolver, @forge/kvs, @forge/api): an agent links an
 * issue to an organisation and the service-engagement template, fills roles, ticks duties, keeps the budget against
 * hours logged in Jira worklogs (on the issue and a sub-task), and everything lands in the history. Also: the cost
 * of opening the panel, conflicts, who may write, and the schema 1 → 2 migration.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { accountOf, assertContracts, startTestHost } from '../support/sandbox';
import { call, callsSince, jiraAs, kvsWritesSince, northwindRegister, northwindRequest } from './engagement-fixture';

let host: ForgeHost;
let issue: { id: string; key: string };
let register: { registerId: string; paulaId: string };
let version: number;

const panel = (key: string, who: Parameters<typeof call>[3], payload: unknown = {}) => call(host, 'issue-panel', key, who, payload, { issue });

/** Saves as the agent from the current version and moves the test's version on. */
async function save(key: string, payload: Record<string, unknown>) {
  const answer = await panel(key, 'agent', { ...payload, expectedVersion: version });
  if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
  version = answer.body.version;
  return answer.body;
}

beforeAll(async () => {
  host = await startTestHost('empty');
  register = await northwindRegister(host);
  issue = northwindRequest(host, 'Request for Implementation services for End Customer Contoso Foods');
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

describe('linking and filling an engagement', () => {
  it('starts, then links the issue to Northwind Partners and the service-engagement template', async () => {
    const started = await panel('engagement/start', 'agent', { title: 'Contoso Foods roll-out' });
    expect(started).toMatchObject({ ok: true, body: { version: 1, organisation: null, template: null, roles: [], budgetStatus: { loggedHours: 0 } } });
    version = 1;
    const options = await panel('engagement/options', 'agent');
    expect(options.body.templates.map((t: { key: string }) => t.key)).toEqual(expect.arrayContaining(['service-engagement', 'onboarding']));
    expect(options.body.templates.map((t: { key: string }) => t.key)).not.toContain('key-contacts');

    const linked = await save('engagement/link', { organisationId: register.registerId, templateKey: 'service-engagement' });
    expect(linked).toMatchObject({ version: 2, organisation: { id: register.registerId, name: 'Northwind Partners' }, template: { key: 'service-engagement', kind: 'engagement' } });
    expect(linked.roles.map((r: { key: string; side: string }) => `${r.side}:${r.key}`)).toEqual([
      'client:engagement-sponsor',
      'client:engagement-lead',
      'client:technical-support-staff',
      'vendor:account-manager',
      'vendor:service-provider',
      'vendor:service-coordinator',
    ]);
    expect(linked.roles.every((r: { status: string }) => r.status === 'missing')).toBe(true);
  });

  it('refuses a key-contacts template, an unknown organisation and an unknown template, changing nothing', async () => {
    for (const [payload, code] of [
      [{ organisationId: register.registerId, templateKey: 'key-contacts' }, 'INVALID_INPUT'],
      [{ organisationId: 'org-nope1234', templateKey: 'service-engagement' }, 'NOT_FOUND'],
      [{ organisationId: register.registerId, templateKey: 'no-such-template' }, 'NOT_FOUND'],
    ] as const) {
      expect(await panel('engagement/link', 'agent', { ...payload, expectedVersion: version })).toMatchObject({ ok: false, error: { code } });
    }
    expect((await panel('panel/get', 'agent')).body.engagement.version).toBe(version);
  });

  it('fills vendor roles with Jira accounts (names from Jira) and client roles from the register or typed in', async () => {
    await save('role/assign', { roleKey: 'account-manager', people: [{ kind: 'account', accountId: accountOf('admin') }] });
    await save('role/assign', { roleKey: 'service-provider', people: [{ kind: 'account', accountId: accountOf('agent') }] });
    await save('role/assign', { roleKey: 'engagement-sponsor', people: [{ kind: 'register', personId: register.paulaId }] });
    const core = await save('role/assign', {
      roleKey: 'engagement-lead',
      people: [{ kind: 'contact', name: 'Leo Lead', email: 'Leo@Northwind-Partners.example', phone: '+1 555 010 1234' }],
    });
    const role = (key: string) => core.roles.find((r: { key: string }) => r.key === key);
    expect(role('account-manager')).toMatchObject({ status: 'met', people: [{ kind: 'account', name: 'Ada Admin', accountId: accountOf('admin'), email: null }] });
    expect(role('engagement-sponsor')).toMatchObject({
      status: 'met',
      people: [{ kind: 'register', name: 'Paula Partner', accountId: accountOf('partner'), registerPersonId: register.paulaId, email: 'paula@northwind-partners.example' }],
    });
    expect(role('engagement-lead')).toMatchObject({ status: 'below-recommended', people: [{ kind: 'contact', name: 'Leo Lead', email: 'leo@northwind-partners.example', accountId: null }] });
  });

  it.each([
    ['an account Jira does not know', { roleKey: 'service-coordinator', people: [{ kind: 'account', accountId: '712020:does-not-exist' }] }, 'INVALID_INPUT'],
    ['a typed-in contact in a vendor role', { roleKey: 'service-coordinator', people: [{ kind: 'contact', name: 'X', email: 'x@example.com' }] }, 'INVALID_INPUT'],
    ['a person who is not in the register', { roleKey: 'engagement-lead', people: [{ kind: 'register', personId: 'p-nobody' }] }, 'INVALID_INPUT'],
    ['a bad email', { roleKey: 'engagement-lead', people: [{ kind: 'contact', name: 'X', email: 'not-an-email' }] }, 'INVALID_INPUT'],
    ['a role the template does not have', { roleKey: 'chief-wizard', people: [] }, 'INVALID_INPUT'],
  ])('refuses %s and writes nothing', async (_what, payload, code) => {
    const seq = host.log.since(0).next;
    expect(await panel('role/assign', 'agent', { ...payload, expectedVersion: version })).toMatchObject({ ok: false, error: { code } });
    expect(kvsWritesSince(host, seq)).toBe(0);
  });

  it('ticks a duty with its owner and due date, and unticks it', async () => {
    const owner = `acc-${accountOf('admin')}`;
    const ticked = await save('duty/toggle', { roleKey: 'account-manager', dutyKey: 'own-invoicing-and-budget', done: true, ownerId: owner, dueDate: '2026-04-30' });
    const duty = (core: { roles: Array<{ key: string; duties: Array<{ key: string }>; dutiesDone: number }> }) => core.roles.find((r) => r.key === 'account-manager')!;
    expect(duty(ticked).duties.find((d) => d.key === 'own-invoicing-and-budget')).toMatchObject({ done: true, doneBy: accountOf('agent'), ownerId: owner, dueDate: '2026-04-30' });
    expect(duty(ticked).dutiesDone).toBe(1);
    const unticked = await save('duty/toggle', { roleKey: 'account-manager', dutyKey: 'own-invoicing-and-budget', done: false });
    expect(duty(unticked).duties.find((d) => d.key === 'own-invoicing-and-budget')).toMatchObject({ done: false, doneAt: null, ownerId: owner });
    expect(await panel('duty/toggle', 'agent', { roleKey: 'account-manager', dutyKey: 'no-such-duty', done: true, expectedVersion: version })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('keeps milestones, the kick-off, the retrospective and the engagement file', async () => {
    const withMilestone = await save('milestone/add', { title: 'Business blueprint', dueDate: '2026-04-15' });
    const milestoneId = withMilestone.milestones[0].id;
    expect((await save('milestone/update', { milestoneId, state: 'in-progress' })).milestones[0]).toMatchObject({ state: 'in-progress', dueDate: '2026-04-15' });
    expect((await save('kickoff/update', { date: '2026-03-20', notes: 'Scope and timeline agreed', done: true })).kickoff).toMatchObject({ done: true, doneBy: accountOf('agent') });
    expect((await save('retrospective/update', { date: '2026-06-30' })).retrospective).toMatchObject({ date: '2026-06-30', done: false });
    const filed = await save('document/add', { kind: 'contract', title: 'Signed contract', url: 'https://docs.example/contract.pdf', ownerId: `acc-${accountOf('admin')}` });
    expect(filed.engagementFile).toEqual(expect.arrayContaining([{ kind: 'contract', present: true }, { kind: 'billing', present: false }]));
    const documentId = filed.documents[0].id;
    expect((await save('document/update', { documentId, title: 'Contract (signed)' })).documents[0]).toMatchObject({ title: 'Contract (signed)', kind: 'contract' });
    expect(await panel('document/add', 'agent', { kind: 'contract', title: 'x', url: 'javascript:alert(1)', expectedVersion: version })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await save('document/remove', { documentId })).engagementFile[0]).toEqual({ kind: 'contract', present: false });
  });
});

describe('budget against Jira worklogs', () => {
  let subtask: { id: string; key: string };
  beforeAll(async () => {
    const row = host.jiraStore.createIssue({ projectKey: 'PS', issueTypeId: '10103', parentId: issue.id, summary: 'Prototype', reporter: accountOf('agent') });
    subtask = { id: row.id, key: row.key };
    const log = (key: string, timeSpent: string) => jiraAs(host, 'agent', 'POST', `/rest/api/3/issue/${key}/worklog`, { started: '2026-03-12T09:00:00.000+0000', timeSpent });
    expect((await log(issue.key, '6h')).status).toBe(201);
    expect((await log(subtask.key, '4h 30m')).status).toBe(201);
    // Another issue's worklog does not count.
    const other = northwindRequest(host, 'Unrelated request');
    expect((await log(other.key, '7h')).status).toBe(201);
  });

  it('shows sold, estimate, logged (issue + sub-task), remaining, and no warning while within the estimate', async () => {
    await save('budget/update', { soldHours: 40, estimateHours: 12, salesOrder: 'SO-2026-014' });
    const answer = await panel('panel/get', 'agent');
    expect(answer.body.engagement.budgetStatus).toEqual({
      soldHours: 40,
      estimateHours: 12,
      loggedHours: 10.5,
      remainingHours: 29.5,
      estimateRemainingHours: 1.5,
      overEstimate: false,
      overSold: false,
      pendingChangeHours: 0,
    });
  });

  it('warns once the hours logged pass the estimate', async () => {
    expect((await jiraAs(host, 'agent', 'POST', `/rest/api/3/issue/${subtask.key}/worklog`, { started: '2026-03-13T09:00:00.000+0000', timeSpent: '2h' })).status).toBe(201);
    const status = (await panel('panel/get', 'lead')).body.engagement.budgetStatus;
    expect(status).toMatchObject({ loggedHours: 12.5, estimateRemainingHours: -0.5, overEstimate: true, remainingHours: 27.5 });
  });

  it('refuses to change the sold hours outside a change approved by the sponsor; the estimate stays editable', async () => {
    expect(await panel('budget/update', 'agent', { soldHours: 60, expectedVersion: version })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await save('budget/update', { estimateHours: 20 })).budget).toEqual({ soldHours: 40, estimateHours: 20, salesOrder: 'SO-2026-014' });
  });

  it('opens with one resolver call, at most 5 KVS requests, the permission check and one search', async () => {
    const seq = host.log.since(0).next;
    const answer = await panel('panel/get', 'agent');
    expect(answer.ok).toBe(true);
    const calls = callsSince(host, seq);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'resolver', key: 'engagement-panel', functionKey: 'panel/get', outcome: 'ok' });
    expect(calls[0]!.kvs.requests).toBeLessThanOrEqual(5);
    expect(calls[0]!.kvs.writes).toBe(0);
    expect(calls[0]!.jira).toEqual({ reads: 2, writes: 0 });
  });

  it('opens an issue without an engagement or request with 1 KVS request (one batch read) and the permission check only', async () => {
    const bare = northwindRequest(host, 'A question');
    const seq = host.log.since(0).next;
    expect(await call(host, 'issue-panel', 'panel/get', 'agent', {}, { issue: bare })).toMatchObject({ ok: true, body: { engagement: null } });
    expect(callsSince(host, seq)[0]).toMatchObject({ kvs: { requests: 1 }, jira: { reads: 1, writes: 0 } });
  });

  it('still opens, with logged hours unknown, when Jira fails the search', async () => {
    host.faults.add({ target: 'jira', status: 503, remaining: 1, match: /\/search\/jql/ });
    const status = (await panel('panel/get', 'agent')).body.engagement.budgetStatus;
    expect(status).toMatchObject({ soldHours: 40, loggedHours: null, remainingHours: null, overEstimate: false });
  });
});

describe('conflicts and permissions', () => {
  it('lets one of two agents saving from the same version win; the other gets CONFLICT and nothing of theirs is kept', async () => {
    const [first, second] = [
      await panel('milestone/add', 'agent', { title: 'Prototype review', expectedVersion: version }),
      await panel('milestone/add', 'admin', { title: 'Final review', expectedVersion: version }),
    ];
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    version = first.body.version;
    const titles = (await panel('panel/get', 'admin')).body.engagement.milestones.map((m: { title: string }) => m.title);
    expect(titles).toEqual(['Business blueprint', 'Prototype review']);
  });

  it('lets a delivery consultant without Edit Issues read the panel but not write, and writes nothing', async () => {
    const read = await panel('panel/get', 'consultant');
    expect(read).toMatchObject({ ok: true, body: { canEdit: false, engagement: { version } } });
    const seq = host.log.since(0).next;
    for (const [key, payload] of [
      ['role/assign', { roleKey: 'service-coordinator', people: [{ kind: 'account', accountId: accountOf('consultant') }] }],
      ['duty/toggle', { roleKey: 'service-provider', dutyKey: 'escalate-risks', done: true }],
      ['budget/update', { estimateHours: 1 }],
      ['milestone/add', { title: 'Sneaky' }],
    ] as const) {
      expect(await panel(key, 'consultant', { ...payload, expectedVersion: version })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(kvsWritesSince(host, seq)).toBe(0);
  });

  it('answers a customer NOT_FOUND on the issue panel, even with the issue in a forged extension', async () => {
    expect(await panel('panel/get', 'partner')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await panel('budget/update', 'partner', { estimateHours: 1, expectedVersion: version })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('history', () => {
  it('lists every change newest first with who, before and after, and pages through the rest', async () => {
    for (const dutyKey of ['partner-with-client', 'prescribe-methodology', 'set-realistic-expectations']) {
      await save('duty/toggle', { roleKey: 'account-manager', dutyKey, done: true });
    }
    const first = (await panel('panel/get', 'agent')).body.history;
    expect(first.entries).toHaveLength(20);
    expect(first.entries[0]).toMatchObject({
      action: 'duty.toggle',
      actor: accountOf('agent'),
      before: { roleKey: 'account-manager', dutyKey: 'set-realistic-expectations', done: false },
      after: { roleKey: 'account-manager', dutyKey: 'set-realistic-expectations', done: true, doneBy: accountOf('agent') },
    });
    expect(first.entries[3]).toMatchObject({ action: 'milestone.add', before: null, after: { title: 'Prototype review' } });
    const budget = first.entries.find((e: { action: string }) => e.action === 'budget.update');
    expect(budget).toMatchObject({ before: { soldHours: 40, estimateHours: 12 }, after: { soldHours: 40, estimateHours: 20 } });
    expect(first.cursor).toEqual(expect.any(String));
    const rest = await panel('history/list', 'agent', { cursor: first.cursor });
    const all = [...first.entries, ...rest.body.entries];
    expect(all.map((e: { at: string }) => e.at)).toEqual([...all.map((e: { at: string }) => e.at)].sort().reverse());
    expect(all[all.length - 1]).toMatchObject({ action: 'engagement.start', after: { title: 'Contoso Foods roll-out' } });
    const sponsor = all.find((e: { action: string; after: { roleKey?: string } }) => e.action === 'role.assign' && e.after.roleKey === 'engagement-sponsor');
    expect(sponsor).toMatchObject({ before: { people: [] }, after: { people: [{ name: 'Paula Partner' }] } });
    // Contact details stay out of the history, which keeps no personal data beyond names.
    expect(JSON.stringify(all)).not.toContain('leo@northwind-partners.example');
  });
});

describe('schema 1 records', () => {
  it('are read as schema 2 before the sweep, and rewritten at schema 2 (same version) by the upgrade', async () => {
    const old = northwindRequest(host, 'An engagement from the first release');
    const set = (key: string, value: unknown, entityName?: string) =>
      host.kvs.handle(entityName ? '/api/v1/entity/set' : '/api/v1/set', { ...(entityName ? { entityName } : {}), key, value });
    expect(set(`eng:${old.id}`, { schemaVersion: 1, version: 3, issueId: old.id, title: 'Old engagement', createdAt: '2025-01-01T00:00:00.000Z', createdBy: accountOf('agent') }, 'engagement').status).toBeLessThan(300);
    const before = await call(host, 'issue-panel', 'panel/get', 'agent', {}, { issue: old });
    expect(before.body.engagement).toMatchObject({ title: 'Old engagement', version: 3, roles: [], milestones: [], budget: { soldHours: null } });

    await host.fireLifecycle('upgraded');
    await host.idle(30_000);
    const stored = host.kvs.handle('/api/v1/entity/get', { entityName: 'engagement', key: `eng:${old.id}` }).body as { value: Record<string, unknown> };
    expect(stored.value).toMatchObject({ schemaVersion: 2, version: 3, title: 'Old engagement', milestones: [], template: null });
    // A record upgrade: the installation's own schema version does not move.
    expect((host.kvs.handle('/api/v1/get', { key: 'meta:storage' }).body as { value: { schemaVersion: number } }).value.schemaVersion).toBe(1);
    // The panel's version did not move: an open panel can still save.
    expect(await call(host, 'issue-panel', 'milestone/add', 'agent', { title: 'Restart', expectedVersion: 3 }, { issue: old })).toMatchObject({ ok: true, body: { version: 4 } });
  });
});
