import type { ForgeHost } from '../runtime/host';
import { todayOf } from '../../src/domain/register-coverage';
import { SEED_ROUTING_COMMENT, SEED_SUMMARY_PATTERN, type DeliveryTeamInput, type RoutingRule } from '../../src/shared/delivery';
import { readSetup, saveRules, saveTeam } from '../../src/storage/delivery-setup-repository';
import { CUSTOM_FIELDS, ISSUE_TYPES } from '../jira/site-config';
import { demoUser } from './demo-directory';

/**
 * The demo's delivery set-up, written through the app's own storage functions as an admin would on the admin page:
 * one implementation team (the demo lead and four consultants with skills, capacities, and one consultant away
 * this week with a colleague as backup) and the two routing rules of the partner-process article — the portal's
 * "Implementation services" request, and a summary written the article's way. The lead confirms the app's choice
 * of consultant. Requests filed after this are routed by the app's trigger, as on a real site.
 */
const SEED_ACTOR = 'demo-seed';
const account = (email: string) => demoUser(email).accountId;

function day(offset: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return todayOf(d);
}

export async function seedDemoDelivery(_host: ForgeHost): Promise<string> {
  const team: DeliveryTeamInput = {
    name: 'Implementation',
    leadAccountId: account('lead@engagement-desk.example'),
    members: [
      { accountId: account('carl@engagement-desk.example'), skills: ['finance', 'manufacturing'], weeklyCapacityHours: 32, absences: [] },
      { accountId: account('chloe@engagement-desk.example'), skills: ['retail', 'finance'], weeklyCapacityHours: 24, absences: [] },
      { accountId: account('kofi@engagement-desk.example'), skills: ['manufacturing', 'logistics'], weeklyCapacityHours: 32, absences: [] },
      {
        accountId: account('mei@engagement-desk.example'),
        skills: ['retail', 'logistics'],
        weeklyCapacityHours: 16,
        absences: [{ from: day(-1), to: day(4), backupAccountId: account('kofi@engagement-desk.example') }],
      },
    ],
    triage: 'lead',
    assignment: 'propose',
    strategy: 'round-robin',
    continuity: true,
  };
  const before = await readSetup();
  const { setup, teamId } = await saveTeam(null, team, before.version, SEED_ACTOR);
  const inquiry = CUSTOM_FIELDS.find((f) => f.name === 'Type of Inquiry')!;
  const issueType = ISSUE_TYPES.find((t) => t.name === 'General Issues and Questions')!;
  const rules: RoutingRule[] = [
    {
      id: 'portal-implementation-services',
      name: 'Implementation services from the portal',
      enabled: true,
      conditions: { issueTypeIds: [issueType.id], requestTypeIds: [], fields: [{ fieldId: inquiry.id, equals: 'Implementation Issue' }], summaryPattern: null, organizationIds: [] },
      teamId,
      labels: ['implementation'],
      requiredSkills: [],
      comment: SEED_ROUTING_COMMENT,
    },
    {
      id: 'summary-names-end-customer',
      name: 'Summary names the end customer',
      enabled: true,
      conditions: { issueTypeIds: [], requestTypeIds: [], fields: [], summaryPattern: SEED_SUMMARY_PATTERN, organizationIds: [] },
      teamId,
      labels: ['implementation'],
      requiredSkills: [],
      comment: SEED_ROUTING_COMMENT,
    },
  ];
  await saveRules(rules, setup.version, SEED_ACTOR);
  return teamId;
}

// ---- the demo requests' progress --------------------------------------------------------------------------------------

type Surface = 'engagement-panel' | 'partner-request-view';

/**
 * Takes the routed demo requests along the workflow the way people would, through the app's own resolvers (as the
 * lead, the partner, the agent and the consultant), so the issue panel, the portal and the delivery board open on
 * requests at different stages:
 * - Contoso Foods (Paula): 12 hours, over the threshold → SOW drafted and signed → back office → the app proposes a
 *   consultant and the lead confirms → the Q&A sessions are done and hours are logged on two phase sub-tasks;
 * - Fabrikam Metal (Pierre, French): 6 hours, at or below the threshold → quoted: the partner's turn to purchase;
 * - Tailspin Retail (Paula): routed, waiting for the lead's estimate.
 */
export async function progressDemoRequests(host: ForgeHost): Promise<void> {
  const lead = account('lead@engagement-desk.example');
  const agent = account('agent@engagement-desk.example');
  const paula = account('paula@northwind-partners.example');
  const issue = (summaryEnd: string) => {
    const found = host.jiraStore.issues().find((i) => i.summary.endsWith(`End Customer ${summaryEnd}`));
    if (!found) throw new Error(`The demo has no request for ${summaryEnd}`);
    return found;
  };
  const call = async (surface: Surface, functionKey: string, accountId: string, target: { id: string; key: string }, payload: Record<string, unknown> = {}) => {
    const extension = surface === 'engagement-panel' ? { issue: { id: target.id, key: target.key } } : { request: { key: target.key } };
    const outcome = await host.invokeResolver({ moduleKey: surface, functionKey, payload, accountId, extension });
    const envelope = outcome.kind === 'answer' ? (outcome.value as { ok: boolean; body?: { request?: { version: number } }; error?: unknown }) : null;
    if (!envelope?.ok) throw new Error(`Seeding the demo: ${functionKey} on ${target.key} failed: ${JSON.stringify(outcome.kind === 'answer' ? envelope?.error : outcome)}`);
    return envelope.body?.request?.version ?? 0;
  };

  const contoso = issue('Contoso Foods');
  let v = await call('engagement-panel', 'request/get', lead, contoso);
  v = await call('engagement-panel', 'request/estimate', lead, contoso, { hours: 12, expectedVersion: v });
  v = await call('engagement-panel', 'request/draft-sow', lead, contoso, {
    hoursPerStage: { 'qa-sessions': 3, 'business-blueprint': 5, prototyping: 4 },
    travel: 'One on-site day in Lyon for the blueprint workshop; travel billed at cost.',
    expectedVersion: v,
  });
  v = await call('partner-request-view', 'request/sign-sow', paula, contoso, { expectedVersion: v });
  v = await call('engagement-panel', 'request/set-up-back-office', agent, contoso, { expectedVersion: v });
  v = await call('engagement-panel', 'request/assign-consultant', lead, contoso, { accountId: null, expectedVersion: v });
  v = await call('engagement-panel', 'request/confirm-consultant', lead, contoso, { expectedVersion: v });
  await call('engagement-panel', 'request/complete-phase', lead, contoso, { phase: 'qa-sessions', expectedVersion: v });
  await logDemoWork(host, contoso.id);

  const fabrikam = issue('Fabrikam Metal');
  v = await call('engagement-panel', 'request/get', lead, fabrikam);
  v = await call('engagement-panel', 'request/estimate', lead, fabrikam, { hours: 6, expectedVersion: v });
  await call('engagement-panel', 'request/quote-hours', lead, fabrikam, { expectedVersion: v });
  await host.idle(30_000);
}

/** The consultant's hours on the Contoso delivery's first two phase sub-tasks, logged this month. */
async function logDemoWork(host: ForgeHost, requestIssueId: string): Promise<void> {
  const links = host.jiraStore.issues().filter((i) => i.parentId !== null);
  const delivery = host.jiraStore.issues().find((i) => i.summary.includes('Contoso Foods') && i.projectId === host.jiraStore.project('DEL')!.id && i.parentId === null);
  if (!delivery) throw new Error(`The demo request ${requestIssueId} has no delivery issue`);
  const subtasks = links.filter((i) => i.parentId === delivery.id);
  const consultant = delivery.assignee ?? account('carl@engagement-desk.example');
  const started = new Date();
  started.setUTCHours(9, 0, 0, 0);
  for (const [i, hours] of [[0, 3], [1, 2.5]] as const) {
    const subtask = subtasks[i];
    if (!subtask) continue;
    const reply = await host.jira.handle({
      method: 'POST',
      path: `/rest/api/3/issue/${subtask.id}/worklog`,
      query: new URLSearchParams(),
      body: { timeSpentSeconds: hours * 3600, started: started.toISOString().replace('Z', '+0000') },
      actor: { kind: 'user', accountId: consultant },
    });
    if (reply.status >= 300) throw new Error(`Seeding the demo: a worklog answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
}
