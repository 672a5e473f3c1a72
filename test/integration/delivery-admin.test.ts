/**
 * The admin page's delivery set-up end to end on the sandbox (real @forge/resolver, @forge/kvs, @forge/api): delivery
 * teams, routing rules, finance holds and "Test this rule" on the demo's partner requests. Administrators only;
 * conflicts and bad input change nothing; a test of a rule writes nothing, in storage or in Jira.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { CUSTOM_FIELDS, ISSUE_TYPES, REQUEST_TYPES } from '../../sandbox/jira/site-config';
import { SEED_ROUTING_COMMENT, SEED_SUMMARY_PATTERN } from '../../src/shared/delivery';
import { accountOf, assertContracts, invoke, kvsWritesSince, startTestHost } from '../support/sandbox';
import { demoUser } from '../../sandbox/seed/demo-directory';

let host: ForgeHost;
/** What the demo holds before these tests (it may come with teams, rules or holds of its own): expectations add to it. */
let initial: Awaited<ReturnType<typeof read>>;
beforeAll(async () => {
  host = await startTestHost('demo');
  initial = await read();
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

const admin = (key: string, payload: unknown = {}) => invoke(host, 'admin', key, 'admin', payload);
const read = async () => (await admin('delivery/get')).body as { setup: { rules: Rule[]; teams: Team[]; version: number }; holds: Array<Record<string, unknown>> };
const orgId = (name: string) => host.jiraStore.organizationByName(name)!.id;
const person = (email: string) => demoUser(email).accountId;
const jiraWritesSince = (seq: number) => host.log.since(seq).entries.reduce((n, e) => n + e.jira.writes, 0);

interface Rule {
  id: string;
  name: string;
  teamId: string;
  [key: string]: unknown;
}
interface Team {
  id: string;
  name: string;
  [key: string]: unknown;
}

const LEAD = 'lead@engagement-desk.example';
const CARL = 'carl@engagement-desk.example';
const CHLOE = 'chloe@engagement-desk.example';
const KOFI = 'kofi@engagement-desk.example';
const inquiryField = CUSTOM_FIELDS.find((f) => f.name === 'Type of Inquiry')!.id;
const generalIssues = ISSUE_TYPES.find((t) => t.name === 'General Issues and Questions')!.id;

const member = (email: string, extra: Record<string, unknown> = {}) => ({ accountId: person(email), skills: ['SAP'], weeklyCapacityHours: 30, absences: [], ...extra });
const implementationTeam = {
  name: 'Implementation',
  leadAccountId: person(LEAD),
  members: [member(CARL), member(CHLOE), member(KOFI, { skills: [] })],
  triage: 'lead',
  assignment: 'propose',
  strategy: 'round-robin',
  continuity: true,
};

const seedRule = (teamId: string) => ({
  id: 'seed-portal',
  name: 'Implementation services (portal)',
  enabled: true,
  conditions: { issueTypeIds: [generalIssues], requestTypeIds: [], fields: [{ fieldId: inquiryField, equals: 'Implementation Issue' }], summaryPattern: null, organizationIds: [] },
  teamId,
  labels: ['implementation'],
  requiredSkills: ['SAP'],
  comment: SEED_ROUTING_COMMENT,
});
const summaryRule = (teamId: string) => ({
  ...seedRule(teamId),
  id: 'seed-summary',
  name: 'Implementation services (summary)',
  conditions: { issueTypeIds: [], requestTypeIds: [], fields: [], summaryPattern: SEED_SUMMARY_PATTERN, organizationIds: [] },
});

/** A demo issue by its summary (scripts find things by stable names, never by generated ids). */
const demoIssue = (summary: string) => {
  const issue = host.jiraStore.issues().find((i) => i.summary === summary);
  if (!issue) throw new Error(`No demo issue "${summary}"`);
  return issue;
};

let teamId: string;

describe('delivery teams', () => {
  it('creates a team and reads it back', async () => {
    const version = (await read()).setup.version;
    const saved = await admin('team/save', { id: null, team: implementationTeam, expectedVersion: version });
    expect(saved.error).toBeUndefined();
    teamId = saved.body.teamId;
    expect(teamId).toMatch(/^implementation-[a-z0-9]{6}$/);
    const { setup } = await read();
    expect(setup).toMatchObject({ version: version + 1, updatedBy: accountOf('admin') });
    expect(setup.teams).toEqual([...initial.setup.teams, { id: teamId, ...implementationTeam }]);
  });

  it('edits a team: an absence with a backup, triage in turn', async () => {
    const edited = {
      ...implementationTeam,
      triage: 'rota',
      members: [member(CARL, { absences: [{ from: '2026-12-01', to: '2026-12-24', backupAccountId: person(CHLOE) }] }), member(CHLOE), member(KOFI, { skills: [] })],
    };
    const version = (await read()).setup.version;
    const saved = await admin('team/save', { id: teamId, team: edited, expectedVersion: version });
    expect(saved).toMatchObject({ ok: true, body: { teamId, setup: { version: version + 1 } } });
    expect((await read()).setup.teams.find((t) => t.id === teamId)).toEqual({ id: teamId, ...edited });
    await admin('team/save', { id: teamId, team: implementationTeam, expectedVersion: version + 1 });
  });

  it.each([
    ['a backup who is not in the team', { members: [member(CARL, { absences: [{ from: '2026-12-01', to: '2026-12-02', backupAccountId: person(LEAD) }] })] }, 'team.members.0.absences.0.backupAccountId'],
    ['a member twice', { members: [member(CARL), member(CARL)] }, 'team.members.1.accountId'],
    ['an absence that ends before it starts', { members: [member(CARL, { absences: [{ from: '2026-12-05', to: '2026-12-01', backupAccountId: null }] })] }, 'team.members.0.absences.0.to'],
    ['a negative capacity', { members: [member(CARL, { weeklyCapacityHours: -1 })] }, 'team.members.0.weeklyCapacityHours'],
    ['an account Jira does not know', { members: [member(CARL), { ...member(CHLOE), accountId: '712020:00000000-dead-beef-0000-000000000000' }] }, 'team.members.1.accountId'],
    ['no name', { name: '  ' }, 'team.name'],
  ])('refuses %s with INVALID_INPUT at its path and changes nothing', async (_what, change, path) => {
    const before = await read();
    const seq = host.log.since(0).next;
    const answer = await admin('team/save', { id: teamId, team: { ...implementationTeam, ...change }, expectedVersion: before.setup.version });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((answer.error!.issues as Array<{ path: string }>).map((i) => i.path)).toContain(path);
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect(await read()).toEqual(before);
  });

  it('refuses a stale version with CONFLICT and keeps the newer save', async () => {
    const before = await read();
    const seq = host.log.since(0).next;
    const answer = await admin('team/save', { id: teamId, team: { ...implementationTeam, name: 'Stale' }, expectedVersion: before.setup.version - 1 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect(await read()).toEqual(before);
  });

  it('answers NOT_FOUND for a team that does not exist', async () => {
    const { setup } = await read();
    expect(await admin('team/save', { id: 'no-such-team', team: implementationTeam, expectedVersion: setup.version })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await admin('team/remove', { id: 'no-such-team', expectedVersion: setup.version })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('routing rules', () => {
  it('saves the ordered rules and reads them back; reordering is a save of the new order', async () => {
    const { setup } = await read();
    const saved = await admin('rules/save', { rules: [seedRule(teamId), summaryRule(teamId)], expectedVersion: setup.version });
    expect(saved.ok).toBe(true);
    expect(saved.body.version).toBe(setup.version + 1);
    expect((await read()).setup.rules).toEqual([seedRule(teamId), summaryRule(teamId)]);

    const reordered = await admin('rules/save', { rules: [summaryRule(teamId), seedRule(teamId)], expectedVersion: setup.version + 1 });
    expect(reordered.body.rules.map((r: Rule) => r.id)).toEqual(['seed-summary', 'seed-portal']);
    expect((await read()).setup.rules.map((r) => r.id)).toEqual(['seed-summary', 'seed-portal']);
    await admin('rules/save', { rules: [seedRule(teamId), summaryRule(teamId)], expectedVersion: setup.version + 2 });
  });

  it.each([
    ['a summary pattern that is not a regular expression', () => [{ ...summaryRule(teamId), conditions: { ...summaryRule(teamId).conditions, summaryPattern: '(?<endCustomer>.+' } }], 'rules.0.conditions.summaryPattern'],
    ['a rule to a team that does not exist', () => [{ ...seedRule('no-such-team') }], 'rules.0.teamId'],
    ['a label with a space', () => [{ ...seedRule(teamId), labels: ['two words'] }], 'rules.0.labels.0'],
    ['a comment without its French text', () => [{ ...seedRule(teamId), comment: { 'en-US': 'Hello', 'fr-FR': '' } }], 'rules.0.comment.fr-FR'],
    ['two rules with one id', () => [seedRule(teamId), seedRule(teamId)], 'rules.1.id'],
  ])('refuses %s with INVALID_INPUT at its path and changes nothing', async (_what, rules, path) => {
    const before = await read();
    const seq = host.log.since(0).next;
    const answer = await admin('rules/save', { rules: rules(), expectedVersion: before.setup.version });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((answer.error!.issues as Array<{ path: string }>).map((i) => i.path)).toContain(path);
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect(await read()).toEqual(before);
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const before = await read();
    const seq = host.log.since(0).next;
    expect(await admin('rules/save', { rules: [], expectedVersion: before.setup.version - 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await admin('team/remove', { id: teamId, expectedVersion: before.setup.version - 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect(await read()).toEqual(before);
  });

  it('keeps a team that rules still route to', async () => {
    const before = await read();
    const answer = await admin('team/remove', { id: teamId, expectedVersion: before.setup.version });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'id' }] } });
    expect(await read()).toEqual(before);
  });

  it('removes a team no rule uses', async () => {
    const { setup } = await read();
    const spare = await admin('team/save', { id: null, team: { ...implementationTeam, name: 'Spare' }, expectedVersion: setup.version });
    const removed = await admin('team/remove', { id: spare.body.teamId, expectedVersion: setup.version + 1 });
    expect(removed).toMatchObject({ ok: true, body: { version: setup.version + 2 } });
    expect((await read()).setup.teams.map((t) => t.id)).toEqual([...initial.setup.teams.map((t) => t.id), teamId]);
  });
});

describe('test this rule', () => {
  const test = (issueKey: string, rule: unknown) => admin('rule/test', { issueKey, rule });

  it('matches a partner’s implementation request, names the end customer and says what routing would do — writing nothing', async () => {
    const issue = demoIssue('Request for Implementation services for End Customer Contoso Foods');
    const seq = host.log.since(0).next;
    const answer = await test(issue.key, seedRule(teamId));
    expect(answer.ok).toBe(true);
    expect(answer.body).toMatchObject({
      issueKey: issue.key,
      matched: true,
      checks: [
        { kind: 'issue-type', ok: true, expected: generalIssues, found: generalIssues },
        { kind: 'field', fieldId: inquiryField, ok: true, expected: 'Implementation Issue', found: 'Implementation Issue' },
      ],
      outcome: {
        teamName: 'Implementation',
        assigneeAccountId: person(LEAD),
        labels: ['engagement-desk', 'implementation'],
        endCustomer: 'Contoso Foods',
        commentLocale: 'en-US',
        comment: 'Thank you for your request for implementation services for Contoso Foods. The Implementation team has it, and Dana Delivery will get back to you with an estimate.',
      },
    });
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect(jiraWritesSince(seq)).toBe(0);
    expect(host.jiraStore.issue(issue.id)).toMatchObject({ assignee: issue.assignee, labels: issue.labels });
  });

  it('answers in French for Pierre, the French partner', async () => {
    const issue = demoIssue('Request for Implementation services for End Customer Fabrikam Metal');
    const answer = await test(issue.key, seedRule(teamId));
    expect(answer.body.outcome).toMatchObject({
      endCustomer: 'Fabrikam Metal',
      commentLocale: 'fr-FR',
      comment: 'Merci pour votre demande de services d’implémentation pour Fabrikam Metal. L’équipe Implementation la prend en charge et Dana Delivery reviendra vers vous avec une estimation.',
    });
  });

  it('does not match a general question, and says which condition failed', async () => {
    const issue = demoIssue('How do we add a second Service Owner?');
    const answer = await test(issue.key, seedRule(teamId));
    expect(answer.body).toMatchObject({ matched: false, outcome: null, alreadyRoutedBy: null });
    expect(answer.body.checks).toEqual([
      { kind: 'issue-type', ok: true, expected: generalIssues, found: generalIssues },
      { kind: 'field', fieldId: inquiryField, ok: false, expected: 'Implementation Issue', found: '—' },
    ]);
    // The same with the question's Type of Inquiry filled in: the check names the value the issue has.
    const asked = host.jiraStore.createIssue({ projectKey: 'PS', issueTypeId: generalIssues, summary: 'Is our licence still valid?', reporter: person('olga@contoso-foods.example'), customFields: { [inquiryField]: { id: '10022' } } });
    expect((await test(asked.key, seedRule(teamId))).body.checks[1]).toEqual({ kind: 'field', fieldId: inquiryField, ok: false, expected: 'Implementation Issue', found: 'License Issue' });
  });

  it('says when the issue is routed already, and by which rule', async () => {
    const answer = await test(demoIssue('Request for Implementation services for End Customer Contoso Foods').key, seedRule(teamId));
    // The demo's requests were filed through JSM and routed by the app with the demo's own rules: named by the rule's
    // name while it exists, by its id once it is gone (these tests replaced the demo's rules with their own).
    const demoRule = initial.setup.rules.find((r) => r.id === answer.body.alreadyRoutedBy || r.name === answer.body.alreadyRoutedBy);
    expect(demoRule).toBeDefined();
    const { setup } = await read();
    expect(answer.body.alreadyRoutedBy).toBe(setup.rules.some((r) => r.id === demoRule!.id) ? demoRule!.name : demoRule!.id);
  });

  it('compares the request type and the organisations JSM shares the request with', async () => {
    const implementation = REQUEST_TYPES.find((t) => t.name === 'Implementation services')!.id;
    const rule = { ...seedRule(teamId), conditions: { ...seedRule(teamId).conditions, fields: [], requestTypeIds: [implementation], organizationIds: [orgId('Northwind Partners')] } };
    const paula = await test(demoIssue('Request for Implementation services for End Customer Contoso Foods').key, rule);
    expect(paula.body).toMatchObject({
      matched: true,
      checks: [
        { kind: 'issue-type', ok: true },
        { kind: 'request-type', ok: true, expected: implementation, found: implementation },
        { kind: 'organization', ok: true, found: orgId('Northwind Partners') },
      ],
    });
    const pierre = await test(demoIssue('Request for Implementation services for End Customer Fabrikam Metal').key, rule);
    expect(pierre.body).toMatchObject({ matched: false, outcome: null });
    expect(pierre.body.checks[2]).toEqual({ kind: 'organization', ok: false, expected: orgId('Northwind Partners'), found: orgId('Lumière Conseil') });
    const question = await test(demoIssue('How do we add a second Service Owner?').key, rule);
    expect(question.body.checks[1]).toMatchObject({ kind: 'request-type', ok: false, expected: implementation, found: REQUEST_TYPES.find((t) => t.name === 'General question')!.id });
  });

  it('reads the end customer from the summary when the field is empty, and uses the site’s language when the reporter has none', async () => {
    const settings = (await admin('settings/get')).body.settings;
    await admin('settings/update', { sowThresholdHours: settings.sowThresholdHours, siteLocale: 'fr-FR', expectedVersion: settings.version });
    const created = host.jiraStore.createIssue({
      projectKey: 'PS',
      issueTypeId: generalIssues,
      summary: 'Request for Implementation services for End Customer Adventure Works',
      reporter: null,
      requestTypeId: REQUEST_TYPES.find((t) => t.name === 'General question')!.id,
    });
    const answer = await test(created.key, summaryRule(teamId));
    expect(answer.body).toMatchObject({
      matched: true,
      alreadyRoutedBy: null,
      checks: [{ kind: 'summary', ok: true, expected: SEED_SUMMARY_PATTERN }],
      outcome: { endCustomer: 'Adventure Works', commentLocale: 'fr-FR' },
    });
    expect(answer.body.outcome.comment).toContain('Adventure Works');
  });

  it('names the team member whose triage turn it is when the team triages in turn, and tries a rule that is switched off', async () => {
    const { setup } = await read();
    await admin('team/save', { id: teamId, team: { ...implementationTeam, triage: 'rota' }, expectedVersion: setup.version });
    const issue = demoIssue('Request for Implementation services for End Customer Tailspin Retail');
    const answer = await test(issue.key, { ...seedRule(teamId), enabled: false });
    expect(answer.body).toMatchObject({ matched: true, outcome: { assigneeAccountId: person(CARL), endCustomer: 'Tailspin Retail' } });
    await admin('team/save', { id: teamId, team: implementationTeam, expectedVersion: setup.version + 1 });
  });

  it('answers NOT_FOUND for an issue that does not exist, and INVALID_INPUT for a rule to a missing team', async () => {
    expect(await test('PS-9999', seedRule(teamId))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const issue = demoIssue('How do we add a second Service Owner?');
    expect(await test(issue.key, seedRule('no-such-team'))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'rule.teamId' }] } });
    expect(await test('not a key', seedRule(teamId))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'issueKey' }] } });
  });
});

describe('finance holds', () => {
  const hold = { organizationId: '', amount: 12500, currency: 'EUR', overdueSince: '2026-10-31', note: 'Invoices 2026-09 and 2026-10' };

  it('puts a partner on hold with the organisation’s name, updates it, lists it and clears it', async () => {
    const northwind = orgId('Northwind Partners');
    const set = await admin('hold/set', { ...hold, organizationId: northwind });
    expect(set).toMatchObject({ ok: true, body: { organizationId: northwind, organizationName: 'Northwind Partners', amount: 12500, currency: 'EUR', setBy: accountOf('admin') } });
    await admin('hold/set', { ...hold, organizationId: northwind, amount: 14000 });
    await admin('hold/set', { ...hold, organizationId: orgId('Lumière Conseil'), note: '' });
    const amounts = async () => Object.fromEntries((await read()).holds.map((h) => [h.organizationName, h.amount]));
    expect(await amounts()).toMatchObject({ 'Northwind Partners': 14000, 'Lumière Conseil': 12500 });
    const cleared = await admin('hold/clear', { organizationId: northwind });
    expect(cleared).toMatchObject({ ok: true, body: { organizationName: 'Northwind Partners', amount: 14000 } });
    expect(await admin('hold/clear', { organizationId: northwind })).toEqual({ ok: true, body: null });
    expect(await amounts()).not.toHaveProperty(['Northwind Partners']);
    expect(await amounts()).toHaveProperty(['Lumière Conseil'], 12500);
  });

  it.each([
    ['an organisation JSM does not know', { ...hold, organizationId: '999' }, 'organizationId'],
    ['a currency that is not a code', { ...hold, organizationId: '1', currency: 'euro' }, 'currency'],
    ['no amount', { ...hold, organizationId: '1', amount: 0 }, 'amount'],
    ['a date that is not a date', { ...hold, organizationId: '1', overdueSince: '31/10/2026' }, 'overdueSince'],
  ])('refuses %s with INVALID_INPUT at its path and changes nothing', async (_what, payload, path) => {
    const before = await read();
    const seq = host.log.since(0).next;
    const answer = await admin('hold/set', payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path }] } });
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect(await read()).toEqual(before);
  });
});

describe('who may', () => {
  const calls: Array<[string, () => unknown]> = [
    ['delivery/get', () => ({})],
    ['rules/save', () => ({ rules: [], expectedVersion: 0 })],
    ['rule/test', () => ({ issueKey: demoIssue('How do we add a second Service Owner?').key, rule: seedRule(teamId) })],
    ['team/save', () => ({ id: null, team: { ...implementationTeam, name: 'Intruders' }, expectedVersion: 0 })],
    ['team/remove', () => ({ id: teamId, expectedVersion: 0 })],
    ['hold/set', () => ({ organizationId: orgId('Contoso Foods'), amount: 1, currency: 'EUR', overdueSince: '2026-01-01' })],
    ['hold/clear', () => ({ organizationId: orgId('Lumière Conseil') })],
  ];

  it.each(['agent', 'lead', 'partner'] as const)('refuses every delivery operation to the %s and changes nothing', async (who) => {
    const before = await read();
    const seq = host.log.since(0).next;
    for (const [key, payload] of calls) {
      const { setup } = await read();
      const forged = { ...(payload() as Record<string, unknown>) };
      if ('expectedVersion' in forged) forged.expectedVersion = setup.version;
      expect([key, await invoke(host, 'admin', key, who, forged)]).toMatchObject([key, { ok: false, error: { code: 'FORBIDDEN' } }]);
    }
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect(await read()).toEqual(before);
  });

  it('cannot be reached from another surface: the issue panel and the portal have no delivery set-up operation', async () => {
    await expect(invoke(host, 'issue-panel', 'rules/save', 'admin', { rules: [], expectedVersion: 0 })).rejects.toThrow(/Resolver has no definition for 'rules\/save'/);
    await expect(invoke(host, 'portal', 'hold/clear', 'partner', { organizationId: '1' })).rejects.toThrow(/Resolver has no definition for 'hold\/clear'/);
  });
});
