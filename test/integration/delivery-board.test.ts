/**
 * The delivery board on the project page (issue 6 item 8), through the project-page resolver on the sandbox:
 * requests of a team by stage, paged through the `by-team-stage` index; each consultant's load against capacity,
 * absences with backups, the holds; reassignment with a reason by the team's lead (the delivery issue follows),
 * refused under a finance hold, on a stale version, to a non-member, without a reason, by a member who is not the
 * lead; and who may see a board at all (a customer, a member of another team, a forged project or team).
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import type { ImplementationRequest } from '../../src/shared/implementation';
import { remirrorRequest } from '../../src/resolvers/requests/request-service';
import { readRequest } from '../../src/storage/request-repository';
import { assertContracts, startTestHost } from '../support/sandbox';
import { board, holdPartner, idOf, jira, PARTNERS, partnerId, seedRequest, seedTeams, seedTeamState } from './delivery-fixture';

jest.setTimeout(60_000);

let host: ForgeHost;
let teams: { implementation: string; integration: string };
const r: Record<string, ImplementationRequest> = {};

beforeAll(async () => {
  host = await startTestHost('empty');
  teams = await seedTeams();
  const implementation = teams.implementation;
  // Filed in this order; the board sorts by stage, then by the time of the last change within a stage.
  r.a1 = await seedRequest(host, { teamId: implementation, partner: 'northwind', endCustomer: 'Contoso Foods', stage: 'routed' });
  r.a2 = await seedRequest(host, { teamId: implementation, partner: 'lumiere', endCustomer: 'Fabrikam Metal', stage: 'routed' });
  r.a3 = await seedRequest(host, { teamId: implementation, partner: 'northwind', endCustomer: 'Tailspin Retail', stage: 'estimated', estimateHours: 6 });
  r.a4 = await seedRequest(host, { teamId: implementation, partner: 'northwind', endCustomer: 'Alpine Ski', stage: 'sow-signed', estimateHours: 12, sow: { hoursPerStage: { 'qa-sessions': 4, 'business-blueprint': 8 }, travel: 'One visit on site' } });
  r.a5 = await seedRequest(host, {
    teamId: implementation,
    partner: 'northwind',
    endCustomer: 'Bakery Co',
    stage: 'consultant-assigned',
    estimateHours: 10,
    consultant: 'carl',
    purchase: false,
    sow: { hoursPerStage: { 'qa-sessions': 4, 'business-blueprint': 6 }, travel: 'Remote only' },
    deliveryPhases: ['qa-sessions', 'business-blueprint'],
  });
  r.a6 = await seedRequest(host, { teamId: implementation, partner: 'lumiere', endCustomer: 'Café Lumière', stage: 'in-delivery', estimateHours: 16, consultant: 'chloe', deliveryPhases: ['qa-sessions'] });
  r.a7 = await seedRequest(host, { teamId: implementation, partner: 'northwind', endCustomer: 'Delta Foods', stage: 'consultant-assigned', estimateHours: 8, consultant: 'chloe', purchase: true, deliveryPhases: ['qa-sessions'] });
  r.b1 = await seedRequest(host, { teamId: teams.integration, partner: 'northwind', endCustomer: 'Echo Systems', stage: 'routed' });
  await seedTeamState(implementation, { carl: 10, chloe: 24 });
  await holdPartner(host, 'lumiere');
  await host.idle(30_000);
});

afterAll(async () => {
  assertContracts(host);
  await host.close();
});

const keysOf = (requests: Array<{ issueKey: string }>) => requests.map((x) => x.issueKey);
const nextSeq = () => host.log.since(Number.MAX_SAFE_INTEGER).next;

describe('the board by stage', () => {
  it('opens with one call: the lead’s own team, its requests by stage, loads, absences and holds, within budget', async () => {
    const seq = nextSeq();
    const page = await board(host, 'board/get', 'lead');
    expect(page.ok).toBe(true);
    const entries = host.log.since(seq).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.kvs.requests).toBeLessThanOrEqual(5);
    expect(entries[0]!.jira).toEqual({ reads: 1, writes: 0 });

    const body = page.body;
    expect(body.viewer).toEqual({ accountId: idOf('lead'), preferredLocale: null, preferencesVersion: 0 });
    expect(body.project).toEqual({ key: 'DEL' });
    expect(body.teams).toEqual([{ id: teams.implementation, name: 'Implementation' }]);
    expect(body.teamId).toBe(teams.implementation);
    expect(keysOf(body.requests)).toEqual(keysOf([r.a1!, r.a2!, r.a3!, r.a4!, r.a5!, r.a7!, r.a6!]));
    expect(body.requests.map((x: ImplementationRequest) => x.stage)).toEqual(['routed', 'routed', 'estimated', 'sow-signed', 'consultant-assigned', 'consultant-assigned', 'in-delivery']);
    expect(body.requests[4]).toMatchObject({ partnerName: PARTNERS.northwind, endCustomer: 'Bakery Co', estimateHours: 10, consultantAccountId: idOf('carl') });
    expect(body.cursor).toBeNull();
    expect(body.loads).toEqual([
      { accountId: idOf('carl'), openHours: 10, weeklyCapacityHours: 20, absentToday: false, backupAccountId: null, skills: ['ERP'] },
      { accountId: idOf('chloe'), openHours: 24, weeklyCapacityHours: 30, absentToday: false, backupAccountId: null, skills: ['ERP', 'SAP'] },
      { accountId: idOf('kofi'), openHours: 0, weeklyCapacityHours: 10, absentToday: true, backupAccountId: idOf('carl'), skills: [] },
      { accountId: idOf('mei'), openHours: 0, weeklyCapacityHours: 20, absentToday: false, backupAccountId: null, skills: [] },
    ]);
    expect(body.holds).toEqual([expect.objectContaining({ organizationId: partnerId(host, 'lumiere'), organizationName: PARTNERS.lumiere, amount: 12500, currency: 'EUR' })]);
  });

  it('pages through the team’s requests in stage order, each page at the same cost, every request once', async () => {
    const seen: string[] = [];
    const costs: number[] = [];
    let cursor: string | null = null;
    do {
      const seq = nextSeq();
      const page: Awaited<ReturnType<typeof board>> = await board(host, 'board/page', 'lead', { teamId: teams.implementation, cursor, limit: 3 });
      expect(page.ok).toBe(true);
      costs.push(host.log.since(seq).entries[0]!.kvs.requests);
      seen.push(...keysOf(page.body.requests));
      cursor = page.body.cursor;
    } while (cursor);
    expect(seen).toEqual(keysOf([r.a1!, r.a2!, r.a3!, r.a4!, r.a5!, r.a7!, r.a6!]));
    expect(new Set(costs)).toEqual(new Set([costs[0]]));
    expect(costs[0]).toBeLessThanOrEqual(5);
  });

  it('switches team for a Jira admin, who sees every team', async () => {
    const first = await board(host, 'board/get', 'admin');
    expect(first.body.teams.map((t: { name: string }) => t.name)).toEqual(['Implementation', 'Integration']);
    const other = await board(host, 'board/page', 'admin', { teamId: teams.integration });
    expect(other).toMatchObject({ ok: true, body: { teamId: teams.integration } });
    expect(keysOf(other.body.requests)).toEqual([r.b1!.issueKey]);
    expect(other.body.loads.map((l: { accountId: string }) => l.accountId)).toEqual([idOf('mei')]);
  });

  it('shows the stage on the delivery issue in DEL once the app mirrors it', async () => {
    await remirrorRequest(r.a5!.issueId);
    const fields = await jira(host, 'lead', 'GET', '/rest/api/3/field');
    const stageField = (fields.body as Array<{ id: string; name: string }>).find((f) => f.name === 'Implementation stage')!.id;
    const issue = await jira(host, 'lead', 'GET', `/rest/api/3/issue/${r.a5!.delivery!.issueKey}?fields=${stageField}`);
    expect((issue.body as { fields: Record<string, unknown> }).fields[stageField]).toBe('Consultant assigned');
  });
});

describe('who may see a board', () => {
  it('answers a customer with nothing, whatever project the page claims', async () => {
    expect(await board(host, 'board/get', 'paula')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await board(host, 'board/get', 'paula', {}, 'PS')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await board(host, 'board/page', 'paula', { teamId: teams.implementation })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('shows no team to someone in none, and refuses them a team they name', async () => {
    const page = await board(host, 'board/get', 'agent');
    expect(page).toMatchObject({ ok: true, body: { teams: [], teamId: null, requests: [], loads: [], holds: [] } });
    expect(await board(host, 'board/page', 'agent', { teamId: teams.implementation })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a member another team’s board, and a team that does not exist', async () => {
    expect(await board(host, 'board/page', 'carl', { teamId: teams.integration })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await board(host, 'board/page', 'carl', { teamId: 'no-such-team' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const own = await board(host, 'board/get', 'carl');
    expect(own).toMatchObject({ ok: true, body: { teamId: teams.implementation, teams: [{ id: teams.implementation, name: 'Implementation' }] } });
  });

  it('refuses a forged project and a payload that is not the operation’s', async () => {
    expect(await board(host, 'board/get', 'lead', {}, 'NOPE')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const noProject = await host.invokeResolver({ moduleKey: 'delivery-board', functionKey: 'board/get', payload: {}, accountId: idOf('lead'), extension: { project: { key: 'del; drop' } } });
    expect(noProject).toMatchObject({ kind: 'answer', value: { ok: false, error: { code: 'INVALID_INPUT' } } });
    expect(await board(host, 'board/page', 'lead', { teamId: teams.implementation, limit: 500 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await board(host, 'board/get', 'lead', { teamId: teams.integration })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('reassigning with a reason', () => {
  const reassign = (who: Parameters<typeof board>[2], payload: Record<string, unknown>) => board(host, 'board/reassign', who, payload);

  it('moves the request, its load and its delivery issue to the new consultant, with the reason kept', async () => {
    const answer = await reassign('lead', { issueKey: r.a5!.issueKey, accountId: idOf('mei'), reason: 'Carl is on the Contoso go-live', expectedVersion: r.a5!.version });
    expect(answer.ok).toBe(true);
    expect(answer.body.request).toMatchObject({ issueKey: r.a5!.issueKey, consultantAccountId: idOf('mei'), stage: 'consultant-assigned', version: r.a5!.version + 1 });
    expect(answer.body.request.decision).toMatchObject({ chosen: idOf('mei'), basis: 'manual', decidedBy: idOf('lead'), reason: 'Carl is on the Contoso go-live' });

    const stored = await readRequest(r.a5!.issueId);
    expect(stored).toMatchObject({ consultantAccountId: idOf('mei'), version: r.a5!.version + 1, consultantKey: idOf('mei') });
    const delivery = await jira(host, 'lead', 'GET', `/rest/api/3/issue/${r.a5!.delivery!.issueKey}?fields=assignee`);
    expect((delivery.body as { fields: { assignee: { accountId: string } | null } }).fields.assignee?.accountId).toBe(idOf('mei'));

    const after = await board(host, 'board/get', 'lead');
    const load = (who: string) => after.body.loads.find((l: { accountId: string }) => l.accountId === who).openHours;
    expect(load(idOf('carl'))).toBe(0);
    expect(load(idOf('mei'))).toBe(10);
    r.a5 = answer.body.request;
  });

  it('needs a reason and a member of the team', async () => {
    const noReason = await reassign('lead', { issueKey: r.a7!.issueKey, accountId: idOf('mei'), reason: '  ', expectedVersion: r.a7!.version });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [expect.objectContaining({ path: 'reason' })] } });
    const outsider = await reassign('lead', { issueKey: r.a7!.issueKey, accountId: idOf('agent'), reason: 'Try someone else', expectedVersion: r.a7!.version });
    expect(outsider).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await readRequest(r.a7!.issueId)).toMatchObject({ consultantAccountId: idOf('chloe'), version: r.a7!.version });
  });

  it('is refused under a finance hold, and nothing changes', async () => {
    const held = await reassign('lead', { issueKey: r.a6!.issueKey, accountId: idOf('carl'), reason: 'Chloé is overloaded', expectedVersion: r.a6!.version });
    expect(held).toMatchObject({ ok: false, error: { code: 'FINANCE_HOLD' } });
    expect(held.error!.message).toContain(PARTNERS.lumiere);
    expect(await readRequest(r.a6!.issueId)).toMatchObject({ consultantAccountId: idOf('chloe'), version: r.a6!.version });
  });

  it('answers CONFLICT on a version someone else already changed', async () => {
    const stale = await reassign('lead', { issueKey: r.a5!.issueKey, accountId: idOf('carl'), reason: 'Back to Carl', expectedVersion: r.a5!.version - 1 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await readRequest(r.a5!.issueId)).toMatchObject({ consultantAccountId: idOf('mei'), version: r.a5!.version });
  });

  it('is for the team’s lead or a Jira admin only, and never for a key the user cannot see', async () => {
    const payload = { issueKey: r.a7!.issueKey, accountId: idOf('carl'), reason: 'I will take it', expectedVersion: r.a7!.version };
    expect(await reassign('carl', payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await reassign('mei', payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await reassign('paula', payload)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await reassign('lead', { ...payload, issueKey: 'PS-9999' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await readRequest(r.a7!.issueId)).toMatchObject({ consultantAccountId: idOf('chloe'), version: r.a7!.version });
    const byAdmin = await reassign('admin', payload);
    expect(byAdmin).toMatchObject({ ok: true, body: { request: { consultantAccountId: idOf('carl') } } });
  });
});
