/**
 * Engagement governance end to end on the sandbox: escalations told to the account manager (or head of sales) in an
 * internal comment that mentions them; change requests told to the client's Engagement Sponsor in a public comment
 * and decided by the sponsor on the portal — only an approval changes the budget; progress points acknowledged by
 * customers. Comments are read back through the Jira and JSM emulator, as their readers would see them.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { accountOf, assertContracts, startTestHost } from '../support/sandbox';
import { call, jiraAs, kvsWritesSince, NINA, northwindRegister, northwindRequest, type Account } from './engagement-fixture';

let host: ForgeHost;
let issue: { id: string; key: string };
let version: number;

const panel = (key: string, who: Account, payload: unknown = {}) => call(host, 'issue-panel', key, who, payload, { issue });
const portal = (key: string, who: Account, payload: unknown = {}, request = { key: issue.key }) => call(host, 'portal', key, who, payload, { request });

async function save(key: string, payload: Record<string, unknown>) {
  const answer = await panel(key, 'agent', { ...payload, expectedVersion: version });
  if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
  version = answer.body.version;
  return answer.body;
}

type Comment = { id: string; author: { accountId: string }; jsdPublic: boolean; body: { content: Array<{ content?: Array<{ type: string; text?: string; attrs?: { id: string; text?: string } }> }> } };

async function comments(): Promise<Comment[]> {
  const reply = await jiraAs(host, 'app', 'GET', `/rest/api/3/issue/${issue.key}/comment`);
  return (reply.body as { comments: Comment[] }).comments;
}

const mentionsIn = (comment: Comment) => comment.body.content.flatMap((p) => p.content ?? []).filter((n) => n.type === 'mention').map((n) => n.attrs!.id);
const textOf = (comment: Comment) => comment.body.content.flatMap((p) => p.content ?? []).map((n) => n.text ?? n.attrs?.text ?? '').join('');

beforeAll(async () => {
  host = await startTestHost('empty');
  host.jiraStore.addUser(NINA);
  const { registerId, paulaId } = await northwindRegister(host);
  issue = northwindRequest(host, 'Implementation services for Contoso Foods');
  await panel('engagement/start', 'agent', { title: 'Contoso Foods roll-out' });
  version = 1;
  await save('engagement/link', { organisationId: registerId, templateKey: 'service-engagement' });
  await save('role/assign', { roleKey: 'account-manager', people: [{ kind: 'account', accountId: accountOf('admin') }] });
  await save('role/assign', { roleKey: 'service-provider', people: [{ kind: 'account', accountId: accountOf('agent') }] });
  await save('role/assign', { roleKey: 'engagement-sponsor', people: [{ kind: 'register', personId: paulaId }] });
  await save('budget/update', { soldHours: 40, estimateHours: 32 });
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

describe('escalations', () => {
  let escalationId: string;
  let escalationVersion: number;

  it('raised by the service provider reach the account manager in an internal comment that mentions them', async () => {
    const before = (await comments()).length;
    const answer = await panel('escalation/raise', 'agent', { category: 'risk', title: 'Test data arrives late', description: 'The client has not sent the item list.', roleKey: 'service-provider', expectedVersion: version });
    expect(answer).toMatchObject({ ok: true, body: { escalation: { state: 'open', route: 'account-manager', recipients: [{ accountId: accountOf('admin'), name: 'Ada Admin' }] }, notice: { notified: true } } });
    escalationId = answer.body.escalation.id;
    escalationVersion = answer.body.escalation.version;
    const written = (await comments()).slice(before);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ id: answer.body.notice.commentId, jsdPublic: false, author: { accountId: accountOf('agent') } });
    expect(mentionsIn(written[0]!)).toEqual([accountOf('admin')]);
    expect(textOf(written[0]!)).toContain('Test data arrives late');
    expect(answer.body.escalation.commentId).toBe(answer.body.notice.commentId);
  });

  it('stay hidden from the customer on the portal (an internal comment)', async () => {
    const reply = await jiraAs(host, 'partner', 'GET', `/rest/servicedeskapi/request/${issue.key}/comment`);
    expect(reply.status).toBe(200);
    expect(JSON.stringify(reply.body)).not.toContain('Test data arrives late');
  });

  it('go to the head of sales, mentioned, when marked so', async () => {
    await save('head-of-sales/assign', { accountId: accountOf('lead') });
    const answer = await panel('escalation/raise', 'agent', { category: 'deviation', title: 'Methodology skipped', roleKey: 'service-provider', toHeadOfSales: true, expectedVersion: version });
    expect(answer.body.escalation).toMatchObject({ route: 'head-of-sales', recipients: [{ accountId: accountOf('lead'), name: 'Dana Delivery' }] });
    const last = (await comments()).at(-1)!;
    expect(mentionsIn(last)).toEqual([accountOf('lead')]);
    expect(last.jsdPublic).toBe(false);
  });

  it('are raised once when the page submits the same form twice (the page’s item id)', async () => {
    const before = (await comments()).length;
    const payload = { category: 'issue', title: 'Printer drivers missing', roleKey: 'service-provider', itemId: 'dbl0click0001', expectedVersion: version };
    expect(await panel('escalation/raise', 'agent', payload)).toMatchObject({ ok: true, body: { escalation: { id: 'dbl0click0001' } } });
    expect(await panel('escalation/raise', 'agent', payload)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await comments()).length).toBe(before + 1);
  });

  it('are kept when Jira refuses the comment, and the people are told when asked again', async () => {
    const before = (await comments()).length;
    host.faults.add({ target: 'jira', status: 503, remaining: 1, match: /\/comment$/ });
    const raised = await panel('escalation/raise', 'agent', { category: 'risk', title: 'Server room flooded', roleKey: 'service-provider', expectedVersion: version });
    expect(raised).toMatchObject({ ok: true, body: { escalation: { state: 'open', commentId: null }, notice: { notified: false } } });
    expect((await comments()).length).toBe(before);
    const told = await panel('escalation/update', 'agent', { escalationId: raised.body.escalation.id, action: 'notify', expectedVersion: raised.body.escalation.version });
    expect(told).toMatchObject({ ok: true, body: { notice: { notified: true }, escalation: { commentId: expect.any(String) } } });
    expect(mentionsIn((await comments()).at(-1)!)).toEqual([accountOf('admin')]);
    expect(await panel('escalation/update', 'agent', { escalationId: raised.body.escalation.id, action: 'notify', expectedVersion: told.body.escalation.version })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('cannot be raised as a vendor role by someone who does not hold it', async () => {
    const seq = host.log.since(0).next;
    expect(await panel('escalation/raise', 'admin', { category: 'issue', title: 'x', roleKey: 'service-provider', expectedVersion: version })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(kvsWritesSince(host, seq)).toBe(0);
  });

  it('are tracked open → acknowledged → closed on the panel', async () => {
    expect(await panel('escalation/update', 'admin', { escalationId, action: 'close', resolution: 'x', expectedVersion: escalationVersion })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const acknowledged = await panel('escalation/update', 'admin', { escalationId, action: 'acknowledge', expectedVersion: escalationVersion });
    expect(acknowledged.body.escalation).toMatchObject({ state: 'acknowledged', acknowledged: { accountId: accountOf('admin'), name: 'Ada Admin' } });
    expect(await panel('escalation/update', 'agent', { escalationId, action: 'close', resolution: 'Data arrived', expectedVersion: escalationVersion })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const closed = await panel('escalation/update', 'agent', { escalationId, action: 'close', resolution: 'Data arrived', expectedVersion: acknowledged.body.escalation.version });
    expect(closed.body.escalation).toMatchObject({ state: 'closed', closed: { accountId: accountOf('agent'), resolution: 'Data arrived' } });
    const shown = (await panel('panel/get', 'agent')).body.engagement.escalations.find((e: { id: string }) => e.id === escalationId);
    expect(shown).toMatchObject({ state: 'closed' });
  });
});

describe('change approval by the Engagement Sponsor on the portal', () => {
  let changeId: string;
  let changeVersion: number;

  it('tells the sponsor in a public comment that mentions them, which the customer sees on the portal', async () => {
    const answer = await panel('change/propose', 'agent', { category: 'budget', summary: 'Two more training days', reason: 'More end users than planned', soldHoursDelta: 16, expectedVersion: version });
    expect(answer).toMatchObject({ ok: true, body: { change: { state: 'proposed', soldHoursDelta: 16 }, notice: { notified: true } } });
    changeId = answer.body.change.id;
    changeVersion = answer.body.change.version;
    const last = (await comments()).at(-1)!;
    expect(last).toMatchObject({ jsdPublic: true, author: { accountId: accountOf('agent') } });
    expect(mentionsIn(last)).toEqual([accountOf('partner')]);
    const portalComments = await jiraAs(host, 'partner', 'GET', `/rest/servicedeskapi/request/${issue.key}/comment`);
    expect(JSON.stringify(portalComments.body)).toContain('Two more training days');
    // Proposed, not approved: the budget has not moved.
    expect((await panel('panel/get', 'agent')).body.engagement.budgetStatus).toMatchObject({ soldHours: 40, pendingChangeHours: 16 });
  });

  it('shows the customer the engagement, and whether they are its sponsor', async () => {
    const mine = await portal('engagement/mine', 'partner');
    expect(mine).toMatchObject({
      ok: true,
      body: { request: { key: issue.key }, engagement: { title: 'Contoso Foods roll-out', organisationName: 'Northwind Partners', viewerIsSponsor: true, sponsorName: 'Paula Partner', soldHours: 40 } },
    });
    expect(mine.body.engagement.changes).toEqual([expect.objectContaining({ id: changeId, state: 'proposed' })]);
    expect(Object.keys(mine.body.engagement)).not.toContain('escalations');
    expect((await portal('engagement/mine', NINA)).body.engagement.viewerIsSponsor).toBe(false);
  });

  it('is FORBIDDEN to a customer of the same organisation who is not the sponsor, and nothing changes', async () => {
    const seq = host.log.since(0).next;
    expect(await portal('change/decide', NINA, { changeId, decision: 'approve', expectedVersion: changeVersion })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await portal('change/decide', NINA, { changeId, decision: 'reject', expectedVersion: changeVersion })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect((await portal('engagement/mine', 'partner')).body.engagement).toMatchObject({ soldHours: 40, changes: [{ state: 'proposed' }] });
  });

  it('answers NOT_FOUND to a customer of another organisation, even with this request in a forged extension', async () => {
    const seq = host.log.since(0).next;
    expect(await portal('engagement/mine', 'partnerFr')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await portal('change/decide', 'partnerFr', { changeId, decision: 'approve', expectedVersion: changeVersion })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(kvsWritesSince(host, seq)).toBe(0);
  });

  it('answers NOT_FOUND for a change id of another engagement on the sponsor’s own request', async () => {
    const other = northwindRequest(host, 'Another request of Northwind');
    expect(await portal('change/decide', 'partner', { changeId, decision: 'approve', expectedVersion: changeVersion }, { key: other.key })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('changes the budget when the sponsor approves, once, and records it in the history', async () => {
    const approved = await portal('change/decide', 'partner', { changeId, decision: 'approve', note: 'Agreed with finance', expectedVersion: changeVersion });
    expect(approved).toMatchObject({ ok: true, body: { state: 'approved', decision: { accountId: accountOf('partner'), name: 'Paula Partner', note: 'Agreed with finance' } } });
    expect(await portal('change/decide', 'partner', { changeId, decision: 'reject', expectedVersion: approved.body.version })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await portal('change/decide', 'partner', { changeId, decision: 'reject', expectedVersion: changeVersion })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const opened = (await panel('panel/get', 'agent')).body;
    expect(opened.engagement.budgetStatus).toMatchObject({ soldHours: 56, pendingChangeHours: 0 });
    expect(opened.engagement.version).toBe(version + 1);
    expect(opened.history.entries[0]).toMatchObject({ action: 'change.approve', actor: accountOf('partner'), before: { state: 'proposed', soldHours: 40 }, after: { state: 'approved', soldHours: 56 } });
    version = opened.engagement.version;
  });

  it('leaves the budget alone when the sponsor rejects', async () => {
    const proposed = await panel('change/propose', 'agent', { category: 'budget', summary: 'Ten more hours', soldHoursDelta: 10, expectedVersion: version });
    const rejected = await portal('change/decide', 'partner', { changeId: proposed.body.change.id, decision: 'reject', expectedVersion: proposed.body.change.version });
    expect(rejected.body).toMatchObject({ state: 'rejected' });
    expect((await panel('panel/get', 'agent')).body.engagement.budgetStatus.soldHours).toBe(56);
  });

  it('applies an approval to the engagement as it is when decided, not as it was when proposed', async () => {
    const proposed = await panel('change/propose', 'agent', { category: 'budget', summary: 'Four more hours', soldHoursDelta: 4, expectedVersion: version });
    await save('budget/update', { estimateHours: 50 });
    const approved = await portal('change/decide', 'partner', { changeId: proposed.body.change.id, decision: 'approve', expectedVersion: proposed.body.change.version });
    expect(approved.body.state).toBe('approved');
    expect((await panel('panel/get', 'agent')).body.engagement.budget).toEqual({ soldHours: 60, estimateHours: 50, salesOrder: null });
  });

  it('cannot be proposed without a sponsor who has an account', async () => {
    const noSponsor = await panel('role/assign', 'agent', { roleKey: 'engagement-sponsor', people: [{ kind: 'contact', name: 'No Account', email: 'na@northwind-partners.example' }], expectedVersion: (await panel('panel/get', 'agent')).body.engagement.version });
    expect(await panel('change/propose', 'agent', { category: 'services', summary: 'Add a workshop', expectedVersion: noSponsor.body.version })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    version = noSponsor.body.version;
  });
});

describe('progress points', () => {
  it('are acknowledged by any customer who sees the request, once, with who and when', async () => {
    const withMilestone = await save('milestone/add', { title: 'Business blueprint' });
    const milestoneId = withMilestone.milestones[0].id;
    const added = await panel('progress-point/add', 'agent', { milestoneId, title: 'Blueprint workshop held', expectedVersion: version });
    expect(added).toMatchObject({ ok: true, body: { state: 'awaiting-acknowledgement', acknowledgement: null } });
    const point = added.body;

    expect(await portal('progress-point/acknowledge', 'partnerFr', { pointId: point.id, expectedVersion: point.version })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const acknowledged = await portal('progress-point/acknowledge', NINA, { pointId: point.id, note: 'Thanks, all clear', expectedVersion: point.version });
    expect(acknowledged).toMatchObject({ ok: true, body: { state: 'acknowledged', acknowledgement: { accountId: NINA.accountId, name: 'Nina Northwind', note: 'Thanks, all clear' } } });
    expect(await portal('progress-point/acknowledge', 'partner', { pointId: point.id, expectedVersion: acknowledged.body.version })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const mine = (await portal('engagement/mine', 'partner')).body.engagement;
    expect(mine.milestones[0]).toMatchObject({ id: milestoneId, progressPoints: [{ id: point.id, state: 'acknowledged' }] });
    const opened = (await panel('panel/get', 'agent')).body;
    expect(opened.engagement.progressPoints).toEqual([expect.objectContaining({ id: point.id, acknowledgement: expect.objectContaining({ accountId: NINA.accountId }) })]);
    expect(opened.history.entries[0]).toMatchObject({ action: 'progress-point.acknowledge', actor: NINA.accountId, before: { state: 'awaiting-acknowledgement' }, after: { state: 'acknowledged' } });
  });

  it('cannot be added under a milestone that is not on the engagement', async () => {
    expect(await panel('progress-point/add', 'agent', { milestoneId: 'abcdef123456', title: 'x', expectedVersion: version })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuse a stale engagement version (the milestone list the agent saw changed)', async () => {
    const withMilestone = await save('milestone/add', { title: 'Prototype' });
    expect(await panel('progress-point/add', 'agent', { milestoneId: withMilestone.milestones[1].id, title: 'x', expectedVersion: version - 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
