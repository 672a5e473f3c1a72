/**
 * A Jira REST client nobody on this project wrote — jira.js 5 — pointed at the sandbox's base URL, as different
 * users with HTTP Basic auth: if the emulator speaks Jira Cloud's REST faithfully, the library works unchanged.
 */
import { Version3Client } from 'jira.js';
import type { ForgeHost } from '../../sandbox/runtime/host';
import { EMAILS, accountOf, assertContracts, startHttpSandbox, type HttpSandbox } from '../support/sandbox';

let sandbox: HttpSandbox;
let host: ForgeHost;
let base: string;

beforeAll(async () => {
  sandbox = await startHttpSandbox('empty');
  ({ host, base } = sandbox);
});
afterAll(async () => sandbox.close());
afterAll(() => assertContracts(host));

const clientFor = (who: keyof typeof EMAILS) => new Version3Client({ host: base, authentication: { basic: { email: EMAILS[who], apiToken: 'not-checked' } } });

const adf = (text: string) => ({ type: 'doc' as const, version: 1 as const, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

/** The HTTP status jira.js reports for a failed call. */
async function statusOf(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
    return 200;
  } catch (error) {
    const e = error as { status?: number; response?: { status?: number }; cause?: { status?: number } };
    return e.status ?? e.response?.status ?? e.cause?.status;
  }
}

describe('jira.js 5 against the sandbox', () => {
  // Clients are made once the server listens (describe bodies run before beforeAll).
  let lead: Version3Client;
  let agent: Version3Client;
  beforeAll(() => {
    lead = clientFor('lead');
    agent = clientFor('agent');
  });
  let taskKey = '';
  let otherKey = '';

  it('creates and reads issues as a delivery lead', async () => {
    const created = await lead.issues.createIssue({
      fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary: 'Prototype the purchasing flow', description: adf('Build it') },
    });
    expect(created.key).toMatch(/^DEL-\d+$/);
    taskKey = created.key;
    const read = await lead.issues.getIssue({ issueIdOrKey: taskKey, fields: ['summary', 'status', 'reporter', 'description'] });
    expect(read.fields.summary).toBe('Prototype the purchasing flow');
    expect(read.fields.reporter?.accountId).toBe(accountOf('lead'));
    expect(read.fields.status?.name).toBe('To Do');
    otherKey = (await lead.issues.createIssue({ fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary: 'Refine the blueprint' } })).key;
  });

  it('edits fields and comments in one call, then assigns', async () => {
    await lead.issues.editIssue({
      issueIdOrKey: taskKey,
      fields: { summary: 'Prototype the purchasing flow (v2)', labels: ['prototype'] },
      update: { comment: [{ add: { body: adf('Scope agreed with the partner') } }] },
    });
    await lead.issues.assignIssue({ issueIdOrKey: taskKey, accountId: accountOf('consultant') });
    const read = await lead.issues.getIssue({ issueIdOrKey: taskKey, fields: ['summary', 'labels', 'assignee', 'comment'] });
    expect(read.fields.summary).toBe('Prototype the purchasing flow (v2)');
    expect(read.fields.labels).toEqual(['prototype']);
    expect(read.fields.assignee?.accountId).toBe(accountOf('consultant'));
    expect(read.fields.comment?.comments?.map((c) => c.author?.accountId)).toEqual([accountOf('lead')]);
  });

  it('comments, links and logs work as different users', async () => {
    const consultant = clientFor('consultant');
    await consultant.issueComments.addComment({ issueIdOrKey: taskKey, comment: adf('Started the prototype') });
    await consultant.issueWorklogs.addWorklog({ issueIdOrKey: taskKey, timeSpentSeconds: 5400, started: '2026-11-28T09:00:00.000+0000' });
    await consultant.issueWorklogs.addWorklog({ issueIdOrKey: taskKey, timeSpent: '2h', started: '2026-11-28T14:00:00.000+0000' });
    await lead.issueLinks.linkIssues({ type: { name: 'Blocks' }, inwardIssue: { key: otherKey }, outwardIssue: { key: taskKey } });

    const comments = await lead.issueComments.getComments({ issueIdOrKey: taskKey });
    expect(comments.comments?.map((c) => c.author?.accountId)).toEqual([accountOf('lead'), accountOf('consultant')]);
    const worklogs = await lead.issueWorklogs.getIssueWorklog({ issueIdOrKey: taskKey });
    expect(worklogs.worklogs?.reduce((sum, w) => sum + (w.timeSpentSeconds ?? 0), 0)).toBe(5400 + 7200);
    const read = await lead.issues.getIssue({ issueIdOrKey: taskKey, fields: ['issuelinks'] });
    expect(read.fields.issuelinks?.map((l) => [l.type?.name, l.inwardIssue?.key ?? l.outwardIssue?.key])).toEqual([['Blocks', otherKey]]);
  });

  it('searches with JQL and pages through the results', async () => {
    const first = await lead.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = DEL ORDER BY key ASC', fields: ['summary'], maxResults: 1 });
    expect(first.issues?.map((i) => i.key)).toEqual([taskKey]);
    expect(first.nextPageToken).toBeTruthy();
    const second = await lead.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql: 'project = DEL ORDER BY key ASC',
      fields: ['summary'],
      maxResults: 1,
      nextPageToken: first.nextPageToken,
    });
    expect(second.issues?.map((i) => i.key)).toEqual([otherKey]);
    const mine = await clientFor('consultant').issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'assignee = currentUser()', fields: ['summary'] });
    expect(mine.issues?.map((i) => i.key)).toEqual([taskKey]);
  });

  it('answers Jira’s 404 to a customer, who cannot browse the project, and 403 to an edit without permission', async () => {
    expect(await statusOf(clientFor('partner').issues.getIssue({ issueIdOrKey: taskKey }))).toBe(404);
    const psIssue = await agent.issues.createIssue({ fields: { project: { key: 'PS' }, issuetype: { name: 'General Issues and Questions' }, summary: 'Licence question' } });
    // A consultant browses the service project but may not edit its requests (the delivery lead is an agent there).
    expect(await statusOf(clientFor('consultant').issues.editIssue({ issueIdOrKey: psIssue.key, fields: { summary: 'Hijacked' } }))).toBe(403);
    expect((await agent.issues.getIssue({ issueIdOrKey: psIssue.key, fields: ['summary'] })).fields.summary).toBe('Licence question');
  });

  it('refuses an unknown user with 401', async () => {
    const stranger = new Version3Client({ host: base, authentication: { basic: { email: 'nobody@example.com', apiToken: 'x' } } });
    expect(await statusOf(stranger.myself.getCurrentUser())).toBe(401);
  });
});
