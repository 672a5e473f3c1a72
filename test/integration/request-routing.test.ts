/**
 * The routing trigger (issue 6 item 4) end to end on the sandbox: a partner files a request on the portal, Forge
 * delivers the created event, the app's real handler routes it. Asserted on what people see in Jira (assignee,
 * labels, the public reply, "Implementation stage", "End Customer") and on the app's stored request; and on what
 * must NOT happen: a second reply on duplicate or retried delivery, routing of the app's own writes, a route for an
 * issue no rule is about.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { readRequest } from '../../src/storage/request-repository';
import { readTeamState } from '../../src/storage/delivery-setup-repository';
import { accountOf, assertContracts, startTestHost } from '../support/sandbox';
import { demoTeam, setUpDelivery } from './routing-fixture';

let host: ForgeHost;

beforeEach(async () => {
  host = await startTestHost('empty');
});
afterEach(async () => {
  assertContracts(host);
  await host.close();
});

type Who = 'partner' | 'partnerFr' | 'agent' | 'lead';

async function jira(who: Who | 'app', method: string, path: string, body?: unknown) {
  const [p, q] = path.split('?');
  const actor = who === 'app' ? ({ kind: 'app' } as const) : ({ kind: 'user', accountId: accountOf(who) } as const);
  return host.jira.handle({ method, path: p!, query: new URLSearchParams(q ?? ''), body, actor } as Parameters<ForgeHost['jira']['handle']>[0]);
}

async function fileRequest(who: Who, summary: string, endCustomer: string | null = 'Contoso Foods'): Promise<{ key: string; id: string }> {
  const created = await jira(who, 'POST', '/rest/servicedeskapi/request', {
    serviceDeskId: '1',
    requestTypeId: '20',
    requestFieldValues: { summary, description: 'Two sites, go-live in March.', ...(endCustomer ? { customfield_10011: endCustomer } : {}) },
  });
  expect(created.status).toBe(201);
  const body = created.body as { issueKey: string; issueId: string };
  return { key: body.issueKey, id: body.issueId };
}

async function issueOf(key: string) {
  const got = await jira('agent', 'GET', `/rest/api/3/issue/${key}?fields=assignee,labels,customfield_10011,customfield_10013,comment`);
  expect(got.status).toBe(200);
  return (got.body as { fields: Record<string, any> }).fields; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const commentTexts = (fields: Record<string, any>): string[] => // eslint-disable-line @typescript-eslint/no-explicit-any
  (fields.comment.comments as Array<{ body: unknown }>).map((c) => JSON.stringify(c.body));

const triggerRuns = (key: string) => host.log.since(0).entries.filter((e) => e.kind === 'trigger' && e.issueKey === key);

describe('routing a partner’s request to the delivery team', () => {
  it('assigns the triage owner, labels it, replies in English, sets the stage, and records the request', async () => {
    const teamId = await setUpDelivery();
    const { key, id } = await fileRequest('partner', 'Roll-out at Contoso');
    expect(await host.idle(10_000)).toBe(true);

    const fields = await issueOf(key);
    expect(fields.assignee.accountId).toBe(accountOf('lead'));
    expect(fields.labels).toEqual(expect.arrayContaining(['engagement-desk', 'implementation']));
    expect(fields.customfield_10013).toBe('Routed');
    const comments = commentTexts(fields);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('will estimate your request for Contoso Foods');
    expect(comments[0]).toContain(`"id":"${accountOf('lead')}"`); // the assignee is mentioned, so Jira notifies them

    const stored = await readRequest(id);
    expect(stored).toMatchObject({ issueKey: key, teamId, ruleId: 'portal-implementation', stage: 'routed', endCustomer: 'Contoso Foods', triageAccountId: accountOf('lead'), routing: { state: 'done' } });
    expect(stored!.partnerName).toBe('Northwind Partners');
  });

  it('replies in French to a partner whose Jira speaks French', async () => {
    await setUpDelivery();
    const { key } = await fileRequest('partnerFr', 'Déploiement chez Fabrikam', 'Fabrikam Metal');
    await host.idle(10_000);
    const [comment] = commentTexts(await issueOf(key));
    expect(comment).toContain('va chiffrer votre demande pour Fabrikam Metal');
  });

  it('recognises a request filed the article’s way and reads the end customer from its summary', async () => {
    await setUpDelivery();
    const created = await jira('agent', 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'PS' }, issuetype: { name: 'General Issues and Questions' }, summary: 'Request for Implementation services for End Customer Tailspin Retail' },
    });
    expect(created.status).toBe(201);
    const { key, id } = created.body as { key: string; id: string };
    await host.idle(10_000);
    const fields = await issueOf(key);
    expect(fields.customfield_10011).toBe('Tailspin Retail');
    expect(fields.customfield_10013).toBe('Routed');
    expect(await readRequest(id)).toMatchObject({ ruleId: 'seed-summary', endCustomer: 'Tailspin Retail' });
  });

  it('leaves a general question alone: no write to Jira, no record', async () => {
    await setUpDelivery();
    const created = await jira('partner', 'POST', '/rest/servicedeskapi/request', { serviceDeskId: '1', requestTypeId: '21', requestFieldValues: { summary: 'How do I reset my password?' } });
    const { issueKey, issueId } = created.body as { issueKey: string; issueId: string };
    await host.idle(10_000);
    const runs = triggerRuns(issueKey);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.jira).toEqual({ reads: 0, writes: 0 });
    expect(await readRequest(issueId)).toBeNull();
    expect(commentTexts(await issueOf(issueKey))).toHaveLength(0);
  });

  it('routes a request once its fields start to match (an agent sets Type of Inquiry)', async () => {
    await setUpDelivery();
    const created = await jira('partner', 'POST', '/rest/servicedeskapi/request', { serviceDeskId: '1', requestTypeId: '21', requestFieldValues: { summary: 'We need help with a roll-out' } });
    const { issueKey, issueId } = created.body as { issueKey: string; issueId: string };
    await host.idle(10_000);
    expect(await readRequest(issueId)).toBeNull();
    const edited = await jira('agent', 'PUT', `/rest/api/3/issue/${issueKey}`, { fields: { customfield_10010: { value: 'Implementation Issue' } } });
    expect(edited.status).toBe(204);
    await host.idle(10_000);
    expect(await readRequest(issueId)).toMatchObject({ stage: 'routed', ruleId: 'portal-implementation' });
  });

  it('stays within DESIGN’s budget for a routed event: ≤ 2 Jira writes, ≤ 2 Jira reads, ≤ 4 KVS requests', async () => {
    await setUpDelivery();
    const { key } = await fileRequest('partner', 'Budgeted roll-out');
    await host.idle(10_000);
    const [run] = triggerRuns(key);
    expect(run!.outcome).toBe('ok');
    expect(run!.jira.writes).toBeLessThanOrEqual(2);
    expect(run!.jira.reads).toBeLessThanOrEqual(2);
    expect(run!.kvs.requests).toBeLessThanOrEqual(4);
  });
});

describe('exactly once, whatever the delivery', () => {
  it('routes once and replies once when every event is delivered twice', async () => {
    const teamId = await setUpDelivery(demoTeam({ triage: 'rota' }));
    host.faults.duplicateEvents = true;
    const { key, id } = await fileRequest('partner', 'Twice delivered');
    await host.idle(10_000);
    expect(triggerRuns(key).length).toBeGreaterThanOrEqual(2);
    expect(commentTexts(await issueOf(key))).toHaveLength(1);
    expect(await readRequest(id)).toMatchObject({ routing: { state: 'done' } });
    // One triage turn taken, not two.
    const state = await readTeamState(teamId);
    expect(Object.values(state.triageTurns).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('retries after Jira answers 429 on the routing edit, and then routes once', async () => {
    await setUpDelivery();
    host.faults.add({ target: 'jira', status: 429, remaining: 1, retryAfterSeconds: 20, match: /^\/rest\/api\/3\/issue\/\d+$/ });
    const { key, id } = await fileRequest('partner', 'Throttled roll-out');
    await host.idle(10_000);
    expect(triggerRuns(key).map((r) => r.outcome)).toEqual(['retry']);
    expect(await readRequest(id)).toMatchObject({ routing: { state: 'claimed' } });
    expect(commentTexts(await issueOf(key))).toHaveLength(0);

    await host.advanceClockTo(host.clock.now() + 25_000);
    await host.idle(10_000);
    expect(triggerRuns(key).map((r) => r.outcome)).toEqual(['retry', 'ok']);
    const fields = await issueOf(key);
    expect(commentTexts(fields)).toHaveLength(1);
    expect(fields.customfield_10013).toBe('Routed');
    expect(await readRequest(id)).toMatchObject({ routing: { state: 'done' } });
  });

  it('does not reply twice when the edit went through and the stage write failed', async () => {
    await setUpDelivery();
    host.faults.add({ target: 'jira', status: 500, remaining: 1, match: /\/app\/field\/.+\/value$/ });
    const { key } = await fileRequest('partner', 'Half-done roll-out');
    await host.idle(10_000);
    expect(triggerRuns(key).map((r) => r.outcome)).toEqual(['retry']);
    expect(commentTexts(await issueOf(key))).toHaveLength(1);

    await host.advanceClockTo(host.clock.now() + 60_000);
    await host.idle(10_000);
    const fields = await issueOf(key);
    expect(commentTexts(fields)).toHaveLength(1);
    expect(fields.customfield_10013).toBe('Routed');
  });

  it('a duplicate that meets a live claim waits, and finds the request routed when it comes back', async () => {
    await setUpDelivery();
    host.faults.add({ target: 'jira', status: 503, remaining: 1, match: /^\/rest\/api\/3\/issue\/\d+$/ });
    host.faults.duplicateEvents = true;
    const { key } = await fileRequest('partner', 'Busy roll-out');
    await host.idle(10_000);
    // First delivery claimed and failed on the edit; the duplicate met the live claim: both wait.
    expect(triggerRuns(key).map((r) => r.outcome)).toEqual(['retry', 'retry']);
    await host.advanceClockTo(host.clock.now() + 17 * 60_000);
    await host.idle(10_000);
    expect(commentTexts(await issueOf(key))).toHaveLength(1);
  });

  it('never routes the app’s own writes (the routing edit raises events the trigger does not get)', async () => {
    await setUpDelivery();
    const { key } = await fileRequest('partner', 'Quiet roll-out');
    await host.idle(10_000);
    expect(triggerRuns(key)).toHaveLength(1);
  });

  it('shares triage in a rota: successive requests go to members in turn', async () => {
    await setUpDelivery(demoTeam({ triage: 'rota' }));
    const assignees: string[] = [];
    for (const n of [1, 2, 3]) {
      const { key } = await fileRequest('partner', `Rota request ${n}`);
      await host.idle(10_000);
      assignees.push((await issueOf(key)).assignee.accountId);
    }
    expect(new Set(assignees).size).toBe(3);
  });

  it('ignores an event of a forged shape, and stops at one KVS read for a request routed already', async () => {
    await setUpDelivery();
    const { key } = await fileRequest('partner', 'Already routed roll-out');
    await host.idle(10_000);
    const before = host.log.since(0).next;
    host.emitProductEvent('avi:jira:created:issue', { issue: { id: 'not-a-number', key: 'PS-999' } }, false);
    await host.idle(10_000);
    expect(await jira('agent', 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'Already routed roll-out, two sites' } })).toMatchObject({ status: 204 });
    await host.idle(10_000);
    const runs = host.log.since(before).entries.filter((e) => e.kind === 'trigger');
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ outcome: 'ok', kvs: { requests: 0 }, jira: { reads: 0, writes: 0 } });
    expect(runs[1]).toMatchObject({ outcome: 'ok', kvs: { requests: 1 }, jira: { reads: 0, writes: 0 } });
    expect(commentTexts(await issueOf(key))).toHaveLength(1);
  });
});
