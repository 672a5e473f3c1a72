/**
 * Month-end statements (issue 6 item 10) on the sandbox clock: the first daily run on or after the 1st writes, for
 * each request under a signed SOW, a statement of the previous month — hours per stage from the worklogs STARTED in
 * that month on the phase sub-tasks, and travel — stores it, posts it as an internal comment on the request and offers
 * a CSV per partner. Then: the daily job again, the page message delivered again, a crash between posting and marking
 * the comment, a Jira failure on the comment (the consumer's retry) — nothing is doubled.
 *
 * The clock first moves to the 10th of next month, so that every date below is in the past or the next month
 * whatever day the suite runs on. Delivery issues, sub-tasks and worklogs are created over Jira REST as people would.
 */
import Papa from 'papaparse';
import kvs from '@forge/kvs';
import type { ForgeHost } from '../../sandbox/runtime/host';
import type { ImplementationRequest } from '../../src/shared/implementation';
import { CSV_COLUMNS } from '../../src/domain/month-end';
import { monthEndRunRecord, statementRecord } from '../../src/storage/delivery-records';
import { DELIVERY_ENTITIES, deliveryKeys } from '../../src/storage/keys';
import { readMonthEndRun, readStatement } from '../../src/storage/statement-repository';
import { assertContracts, startTestHost } from '../support/sandbox';
import { board, jira, logWork, PARTNERS, partnerId, seedRequest, seedTeams, type Person } from './delivery-fixture';

jest.setTimeout(180_000);

let host: ForgeHost;
const r: Record<string, ImplementationRequest> = {};
/** Month n from the suite's start (0: the month it starts in), as YYYY-MM, and an instant in it. */
let base: { year: number; month: number };
const at = (n: number, day: number, hour = 0, minute = 0) => new Date(Date.UTC(base.year, base.month + n, day, hour, minute)).toISOString();
const monthOf = (n: number) => at(n, 1).slice(0, 7);

const comments = async (issueId: string) => {
  const reply = await jira(host, 'agent', 'GET', `/rest/api/3/issue/${issueId}/comment`);
  return (reply.body as { comments: Array<{ jsdPublic: boolean; author: { accountId: string }; body: unknown }> }).comments;
};
const text = (node: unknown): string => {
  if (typeof node !== 'object' || node === null) return '';
  const n = node as { type?: string; text?: string; content?: unknown[] };
  return `${n.text ?? ''}${(n.content ?? []).map(text).join(n.type === 'doc' ? '\n' : '')}`;
};
const statementsOf = async (month: string, who: Person = 'lead') => board(host, 'statements/list', who, { month });
const redeliver = async (month: string) => {
  host.deliveries.add({
    kind: 'consumer',
    moduleKey: 'engagement-work-consumer',
    functionKey: 'queue-consumer',
    event: { queueName: 'engagement-work', jobId: `redelivered-${month}`, eventId: `redelivered-${Date.now()}`, body: { kind: 'month-end-page', month, cursor: null, counted: 0 } },
    dueAt: host.clock.now(),
    retryCount: 0,
  });
  expect(await host.idle(60_000)).toBe(true);
};

beforeAll(async () => {
  host = await startTestHost('empty');
  const start = new Date(host.clock.now());
  base = { year: start.getUTCFullYear(), month: start.getUTCMonth() };
  await host.advanceClockTo(Date.parse(at(1, 10, 12)));
  expect(await host.idle(60_000)).toBe(true);

  const teams = await seedTeams();
  const team = teams.implementation;
  r.contoso = await seedRequest(host, {
    teamId: team,
    partner: 'northwind',
    endCustomer: 'Contoso Foods',
    stage: 'in-delivery',
    estimateHours: 14,
    consultant: 'carl',
    sow: { hoursPerStage: { 'qa-sessions': 4, 'business-blueprint': 6, prototyping: 4 }, travel: 'Two days on site in Vienna' },
    deliveryPhases: ['qa-sessions', 'business-blueprint', 'prototyping'],
  });
  r.fabrikam = await seedRequest(host, {
    teamId: team,
    partner: 'lumiere',
    endCustomer: 'Fabrikam Metal',
    stage: 'consultant-assigned',
    estimateHours: 10,
    consultant: 'chloe',
    sow: { hoursPerStage: { 'qa-sessions': 5, refining: 5 }, travel: '' },
    deliveryPhases: ['qa-sessions', 'refining'],
  });
  // Purchased hours (no SOW), a SOW not signed, a signed SOW with no hours this month: no statement for any of them.
  r.tailspin = await seedRequest(host, { teamId: team, partner: 'northwind', endCustomer: 'Tailspin Retail', stage: 'in-delivery', estimateHours: 6, consultant: 'carl', purchase: true, deliveryPhases: ['qa-sessions'] });
  r.alpine = await seedRequest(host, { teamId: team, partner: 'northwind', endCustomer: 'Alpine Ski', stage: 'sow-drafted', estimateHours: 12, sow: { hoursPerStage: { 'qa-sessions': 12 }, travel: 'None', signed: false } });
  r.quiet = await seedRequest(host, { teamId: team, partner: 'northwind', endCustomer: 'Quiet Co', stage: 'in-delivery', estimateHours: 9, consultant: 'carl', sow: { hoursPerStage: { 'qa-sessions': 9 }, travel: 'None' }, deliveryPhases: ['qa-sessions'] });

  const sub = (request: ImplementationRequest, phase: string) => request.delivery!.subtasks.find((s) => s.phase === phase)!.issueId;
  await logWork(host, 'carl', sub(r.contoso, 'qa-sessions'), at(1, 3, 9), 2);
  await logWork(host, 'carl', sub(r.contoso, 'qa-sessions'), at(1, 9, 14), 1.5);
  await logWork(host, 'carl', sub(r.contoso, 'business-blueprint'), at(1, 5, 10), 3);
  await logWork(host, 'carl', sub(r.contoso, 'prototyping'), at(1, 0, 23, 30), 1); // the last evening of the month before
  await logWork(host, 'carl', sub(r.contoso, 'prototyping'), at(2, 1, 0, 30), 4); // the first night of the month after
  await logWork(host, 'chloe', sub(r.fabrikam, 'qa-sessions'), at(1, 2, 0, 0), 1);
  await logWork(host, 'chloe', sub(r.fabrikam, 'refining'), at(2, 0, 23, 45), 0.25); // the month's last quarter hour
  await logWork(host, 'carl', sub(r.tailspin, 'qa-sessions'), at(1, 4, 9), 2);
  await logWork(host, 'carl', sub(r.quiet, 'qa-sessions'), at(0, 15, 9), 1);
  expect(await host.idle(60_000)).toBe(true);

  // Past the 1st: the daily job of that day runs the month-end for the month just ended.
  await host.advanceClockTo(Date.parse(at(2, 1, 23, 59)));
  expect(await host.idle(60_000)).toBe(true);
});

afterAll(async () => {
  assertContracts(host);
  await host.close();
});

describe('the first daily run after the 1st', () => {
  it('writes a statement of the month just ended for each request under a signed SOW with hours in it', async () => {
    const month = monthOf(1);
    const list = await statementsOf(month);
    expect(list.ok).toBe(true);
    expect(list.body.runFinished).toBe(true);
    expect(list.body.cursor).toBeNull();
    const byKey = Object.fromEntries(list.body.statements.map((s: { issueKey: string }) => [s.issueKey, s]));
    expect(Object.keys(byKey).sort()).toEqual([r.contoso!.issueKey, r.fabrikam!.issueKey].sort());
    expect(byKey[r.contoso!.issueKey]).toEqual({
      month,
      issueKey: r.contoso!.issueKey,
      partnerOrganizationId: partnerId(host, 'northwind'),
      partnerName: PARTNERS.northwind,
      endCustomer: 'Contoso Foods',
      hoursPerStage: { 'qa-sessions': 3.5, 'business-blueprint': 3, prototyping: 0 },
      totalHours: 6.5,
      travel: 'Two days on site in Vienna',
    });
    expect(byKey[r.fabrikam!.issueKey]).toMatchObject({ partnerName: PARTNERS.lumiere, hoursPerStage: { 'qa-sessions': 1, refining: 0.25 }, totalHours: 1.25, travel: '' });
    expect(await readMonthEndRun(month)).toMatchObject({ state: 'finished', statements: 2 });
  });

  it('posts each statement once as an internal comment on the request, which the partner does not see', async () => {
    const [comment, ...more] = await comments(r.contoso!.issueId);
    expect(more).toEqual([]);
    expect(comment!.jsdPublic).toBe(false);
    const words = text(comment!.body);
    for (const line of ['Month-end statement', 'Q&A sessions: 3.5 h', 'Business blueprint: 3 h', 'Prototyping with assessment: 0 h', 'Total: 6.5 h', 'Travel: Two days on site in Vienna']) expect(words).toContain(line);
    expect(await comments(r.fabrikam!.issueId)).toHaveLength(1);
    for (const none of [r.tailspin!, r.alpine!, r.quiet!]) expect(await comments(none.issueId)).toEqual([]);

    const portal = await jira(host, 'paula', 'GET', `/rest/servicedeskapi/request/${r.contoso!.issueKey}/comment`);
    expect(portal.status).toBe(200);
    expect((portal.body as { values: unknown[] }).values).toEqual([]);
  });

  it('offers a CSV per partner with that partner’s statements only', async () => {
    const month = monthOf(1);
    const northwind = await board(host, 'statements/csv', 'lead', { month, organizationId: partnerId(host, 'northwind') });
    expect(northwind.ok).toBe(true);
    expect(northwind.body.filename).toBe(`statements-${month}-northwind-partners.csv`);
    const parsed = Papa.parse<Record<string, string>>(northwind.body.csv.trim(), { header: true });
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(parsed.data).toEqual([
      {
        month,
        request: r.contoso!.issueKey,
        partner: PARTNERS.northwind,
        end_customer: 'Contoso Foods',
        hours_qa_sessions: '3.5',
        hours_business_blueprint: '3',
        hours_prototyping: '0',
        hours_refining: '0',
        hours_final_review: '0',
        hours_customisation_spec: '0',
        total_hours: '6.5',
        travel: 'Two days on site in Vienna',
      },
    ]);
    const lumiere = await board(host, 'statements/csv', 'lead', { month, organizationId: partnerId(host, 'lumiere') });
    expect(lumiere.body.filename).toBe(`statements-${month}-lumiere-conseil.csv`);
    expect(Papa.parse<Record<string, string>>(lumiere.body.csv.trim(), { header: true }).data.map((row) => row.request)).toEqual([r.fabrikam!.issueKey]);
  });

  it('keeps statements for the people who invoice: leads and Jira admins', async () => {
    const month = monthOf(1);
    expect((await statementsOf(month, 'admin')).body.statements).toHaveLength(2);
    expect(await statementsOf(month, 'carl')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await statementsOf(month, 'paula')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await board(host, 'statements/csv', 'carl', { month, organizationId: partnerId(host, 'northwind') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await board(host, 'statements/csv', 'lead', { month: monthOf(0), organizationId: partnerId(host, 'northwind') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await board(host, 'statements/list', 'lead', { month: '2026-13' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('running it again for that month changes nothing', () => {
  const snapshot = async () => ({
    statements: (await statementsOf(monthOf(1))).body.statements,
    records: [await readStatement(monthOf(1), r.contoso!.issueId), await readStatement(monthOf(1), r.fabrikam!.issueId)],
    run: await readMonthEndRun(monthOf(1)),
    comments: [(await comments(r.contoso!.issueId)).length, (await comments(r.fabrikam!.issueId)).length],
  });

  it('when the daily job runs again and the page message is delivered again', async () => {
    const before = await snapshot();
    expect(before.comments).toEqual([1, 1]);
    expect(await host.runScheduled('daily-refresh')).toBe(true);
    expect(await host.idle(60_000)).toBe(true);
    expect(await snapshot()).toEqual(before);
    await redeliver(monthOf(1));
    expect(await snapshot()).toEqual(before);
  });

  it('when a run stopped between posting a comment and marking it: the comment is found, not posted twice', async () => {
    const before = await snapshot();
    // The state such a crash leaves: the run not finished, the statement stored and commented on, but not marked.
    const run = monthEndRunRecord.parse({ ...before.run, state: 'running', finishedAt: null, statements: 0 });
    await kvs.entity(DELIVERY_ENTITIES.monthEnd).set(deliveryKeys.monthEnd(monthOf(1)), run);
    const unmarked = statementRecord.parse({ ...before.records[0], commented: false });
    await kvs.entity(DELIVERY_ENTITIES.statement).set(deliveryKeys.statement(monthOf(1), r.contoso!.issueId), unmarked);

    await redeliver(monthOf(1));
    const after = await snapshot();
    expect(after.comments).toEqual([1, 1]);
    expect(after.records).toEqual(before.records);
    expect(after.run).toMatchObject({ state: 'finished', statements: 2 });
  });
});

describe('the next month', () => {
  it('retries a comment Jira failed to take, and still posts each statement once', async () => {
    host.faults.add({ target: 'jira', status: 503, remaining: 1, match: /\/comment$/ });
    const seq = host.log.since(Number.MAX_SAFE_INTEGER).next;
    await host.advanceClockTo(Date.parse(at(3, 1, 23, 59)));
    expect(await host.idle(60_000)).toBe(true);
    const consumers = host.log.since(seq).entries.filter((e) => e.kind === 'consumer');
    expect(consumers.some((e) => e.outcome === 'retry')).toBe(true);

    const month = monthOf(2);
    const list = await statementsOf(month);
    // Only the work started in that month: Contoso's 4 hours of prototyping logged on its first night.
    expect(list.body.statements).toEqual([expect.objectContaining({ issueKey: r.contoso!.issueKey, hoursPerStage: { 'qa-sessions': 0, 'business-blueprint': 0, prototyping: 4 }, totalHours: 4 })]);
    expect(list.body.runFinished).toBe(true);
    const posted = await comments(r.contoso!.issueId);
    expect(posted).toHaveLength(2);
    expect(text(posted[1]!.body)).toContain('Total: 4 h');
    expect(await readStatement(month, r.contoso!.issueId)).toMatchObject({ commented: true });
  });
});
