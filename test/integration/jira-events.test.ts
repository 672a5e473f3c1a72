/**
 * Writes over Jira REST reach the app's trigger as Forge delivers them: once per event; twice with the duplicate
 * switch; never for the app's own asApp() writes (the trigger has ignoreSelf). The app's real handler runs.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { resetSandbox } from '../../sandbox/seed/load-seed';
import { accountOf, assertContracts, startHttpSandbox, type HttpSandbox } from '../support/sandbox';

let sandbox: HttpSandbox;
let host: ForgeHost;
let base: string;

beforeAll(async () => {
  sandbox = await startHttpSandbox();
  ({ host, base } = sandbox);
});
beforeEach(async () => resetSandbox(host, 'empty'));
afterAll(async () => sandbox.close());
afterAll(() => assertContracts(host));

const newIssue = { fields: { project: { key: 'PS' }, issuetype: { name: 'General Issues and Questions' }, summary: 'Request for Implementation services for End Customer Contoso Foods' } };

async function createAs(who: 'agent' | 'lead'): Promise<string> {
  const response = await fetch(`${base}/rest/api/3/issue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-account': accountOf(who) },
    body: JSON.stringify(newIssue),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { key: string }).key;
}

function triggerRuns(issueKey: string) {
  return host.log.since(0).entries.filter((e) => e.kind === 'trigger' && e.issueKey === issueKey);
}

describe('Jira events reaching the app', () => {
  it('delivers an issue created over REST to the trigger exactly once', async () => {
    const key = await createAs('agent');
    expect(await host.idle(5_000)).toBe(true);
    expect(triggerRuns(key)).toEqual([expect.objectContaining({ key: 'issue-events', functionKey: 'issue-event-handler', outcome: 'ok' })]);
  });

  it('delivers it twice with the duplicate-delivery switch on', async () => {
    host.faults.duplicateEvents = true;
    const key = await createAs('agent');
    await host.idle(5_000);
    expect(triggerRuns(key)).toHaveLength(2);
  });

  it('does not deliver the app’s own writes', async () => {
    const created = await host.jira.handle({ method: 'POST', path: '/rest/api/3/issue', query: new URLSearchParams(), body: newIssue, actor: { kind: 'app' } });
    expect(created.status).toBe(201);
    const key = (created.body as { key: string }).key;
    const edited = await host.jira.handle({
      method: 'PUT',
      path: `/rest/api/3/issue/${key}`,
      query: new URLSearchParams(),
      body: { fields: { summary: 'Edited by the app' } },
      actor: { kind: 'app' },
    });
    expect(edited.status).toBe(204);
    await host.idle(5_000);
    expect(triggerRuns(key)).toEqual([]);
  });

  it('delivers an assignment as both assigned and updated events', async () => {
    const key = await createAs('agent');
    await host.idle(5_000);
    const before = triggerRuns(key).length;
    const response = await fetch(`${base}/rest/api/3/issue/${key}/assignee`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-sandbox-account': accountOf('agent') },
      body: JSON.stringify({ accountId: accountOf('agent') }),
    });
    expect(response.status).toBe(204);
    await host.idle(5_000);
    expect(triggerRuns(key).length - before).toBe(2);
  });
});
