/**
 * The scripted workload: what people cause on the demo site, each step an operation the bench measures. Everything
 * goes through the host as the platform would call it (resolvers with the injected context, Jira REST as a user, the
 * scheduled trigger), and things are found by the demo's stable names, never by generated ids.
 */
import type { ForgeHost } from '../sandbox/runtime/host';
import { SURFACE_MODULES } from '../sandbox/runtime/surfaces';
import type { LogEntry } from '../sandbox/runtime/invocation-log';
import { demoUser } from '../sandbox/seed/demo-directory';
import { REQUEST_TYPES, SERVICE_DESK } from '../sandbox/jira/site-config';
import { saveTeam, readSetup } from '../src/storage/delivery-setup-repository';
import { writeRequest } from '../src/storage/request-repository';
import { previousMonth } from '../src/domain/month-end';
import { BUDGETS } from './budgets';
import { BENCH_ROUTING, benchRequest, benchTeam } from './delivery-seed';
import type { Budget } from './stats';

/** The manifest's module keys per surface (manifest.yml; the same map as test/support/sandbox.ts). */
export const MODULES = SURFACE_MODULES;
type Surface = keyof typeof MODULES;

const PEOPLE = {
  admin: 'admin@engagement-desk.example',
  agent: 'agent@engagement-desk.example',
  lead: 'lead@engagement-desk.example',
  partner: 'paula@northwind-partners.example',
  carl: 'carl@engagement-desk.example',
  chloe: 'chloe@engagement-desk.example',
  kofi: 'kofi@engagement-desk.example',
  mei: 'mei@engagement-desk.example',
} as const;
type Who = keyof typeof PEOPLE;
const accountOf = (who: Who): string => demoUser(PEOPLE[who]).accountId;

export interface Operation {
  id: string;
  /** What the person does, in words. */
  label: string;
  /** The invocation this operation is about: each run must log exactly one of it (others it causes are counted too). */
  expects: { kind: LogEntry['kind']; key: string };
  budget?: Budget;
  /** Does it; answers the resolver's answer (`ok` or an error code), nothing for events and jobs. */
  run(run: number): Promise<string | undefined>;
}

/** A mistake in the workload itself (the demo changed, a call failed): the bench cannot measure and stops. */
export class WorkloadError extends Error {}

/**
 * Finds what the workload acts on (the demo request, the settings' version) and answers the operations in the order
 * each run does them. The set-up's own calls happen before measuring starts, so none of them is counted.
 */
export async function prepareWorkload(host: ForgeHost): Promise<Operation[]> {
  const demoRequest = host.jiraStore
    .issues()
    .find((i) => i.key.startsWith('PS-') && i.reporter === accountOf('partner') && i.summary.endsWith('End Customer Contoso Foods'));
  if (!demoRequest) throw new WorkloadError("The demo has no PS request from Paula Partner for Contoso Foods: did the demo seed change?");
  const demoIssue = { id: demoRequest.id, key: demoRequest.key };
  const implementation = REQUEST_TYPES.find((t) => t.name === 'Implementation services');
  if (!implementation) throw new WorkloadError("The site has no 'Implementation services' request type.");

  const invoke = async (surface: Surface, functionKey: string, who: Who, payload: unknown, extension: Record<string, unknown> = {}) => {
    const outcome = await host.invokeResolver({ moduleKey: MODULES[surface], functionKey, payload, accountId: accountOf(who), extension });
    if (outcome.kind === 'failure') return { answer: outcome.code, body: undefined };
    const envelope = outcome.value as { ok?: boolean; body?: unknown; error?: { code?: string } } | undefined;
    return envelope?.ok === true ? { answer: 'ok', body: envelope.body } : { answer: envelope?.error?.code ?? 'NO_ENVELOPE', body: undefined };
  };

  // settings/update needs the version it edits; read it once, then follow the versions the saves answer.
  const initial = await invoke('admin', 'settings/get', 'admin', {});
  let settingsVersion = (initial.body as { settings?: { version?: number } } | undefined)?.settings?.version;
  if (typeof settingsVersion !== 'number') throw new WorkloadError(`admin settings/get answered ${initial.answer}; the bench needs the settings' version.`);
  // The delivery board needs a team and its requests: the demo's lead and consultants, and 60 requests at every stage
  // (written through the app's repository, as routing and the workflow would leave them), so that the board's first
  // page is full and a second page exists.
  const boardTeamId = await seedBoard(host);
  const boardExtension = { project: { key: 'DEL' } };
  // The second page's cursor, read once before measuring (the board does not change during the workload).
  const firstPage = await invoke('project-page', 'board/page', 'lead', { teamId: boardTeamId, limit: 25 }, boardExtension);
  const secondPage = (firstPage.body as { cursor?: string | null } | undefined)?.cursor;
  if (!secondPage) throw new WorkloadError(`The bench board has no second page (board/page answered ${firstPage.answer}).`);
  // engagement/start needs an issue with no engagement: each run starts one on the request its partner just filed.
  const filed: Array<{ id: string; key: string }> = [];

  return [
    {
      id: 'issue-panel panel/get',
      label: 'agent opens the issue panel on a demo PS request',
      expects: { kind: 'resolver', key: MODULES['issue-panel'] },
      budget: BUDGETS.panelOpen,
      run: async () => (await invoke('issue-panel', 'panel/get', 'agent', {}, { issue: demoIssue })).answer,
    },
    {
      id: 'portal request/get',
      label: 'partner opens their own request on the portal',
      expects: { kind: 'resolver', key: MODULES.portal },
      budget: BUDGETS.panelOpen,
      run: async () => (await invoke('portal', 'request/get', 'partner', {}, { request: { key: demoIssue.key } })).answer,
    },
    {
      id: 'project-page board/get',
      label: 'delivery lead opens the DEL project page',
      expects: { kind: 'resolver', key: MODULES['project-page'] },
      budget: BUDGETS.panelOpen,
      run: async () => (await invoke('project-page', 'board/get', 'lead', {}, { project: { key: 'DEL' } })).answer,
    },
    {
      id: 'project-page board/page',
      label: "delivery lead pages the board (the second page of 25, following the first page's cursor)",
      expects: { kind: 'resolver', key: MODULES['project-page'] },
      budget: BUDGETS.listPage,
      run: async () => (await invoke('project-page', 'board/page', 'lead', { teamId: boardTeamId, cursor: secondPage, limit: 25 }, boardExtension)).answer,
    },
    {
      id: 'project-page statements/list',
      label: "delivery lead opens last month's month-end statements",
      expects: { kind: 'resolver', key: MODULES['project-page'] },
      budget: BUDGETS.listPage,
      run: async () => (await invoke('project-page', 'statements/list', 'lead', { month: previousMonth(new Date()) }, boardExtension)).answer,
    },
    {
      id: 'admin settings/get',
      label: 'admin opens the admin page',
      expects: { kind: 'resolver', key: MODULES.admin },
      budget: BUDGETS.panelOpen,
      run: async () => (await invoke('admin', 'settings/get', 'admin', {})).answer,
    },
    {
      id: 'admin settings/update',
      label: 'admin saves the settings (the version they read)',
      expects: { kind: 'resolver', key: MODULES.admin },
      run: async (run) => {
        const saved = await invoke('admin', 'settings/update', 'admin', { sowThresholdHours: run % 2 === 0 ? 10 : 8, siteLocale: 'en-US', expectedVersion: settingsVersion });
        const version = (saved.body as { version?: number } | undefined)?.version;
        if (typeof version === 'number') settingsVersion = version;
        return saved.answer;
      },
    },
    {
      id: 'trigger issue-events (created)',
      label: 'partner files an Implementation services request (Jira REST) → the issue-created trigger',
      expects: { kind: 'trigger', key: 'issue-events' },
      budget: BUDGETS.routedEvent,
      run: async (run) => {
        const reply = await host.jira.handle({
          method: 'POST',
          path: '/rest/servicedeskapi/request',
          query: new URLSearchParams(),
          body: {
            serviceDeskId: SERVICE_DESK.id,
            requestTypeId: implementation.id,
            requestFieldValues: { summary: `Bench request ${run + 1} for End Customer Contoso Foods`, customfield_10011: 'Contoso Foods', description: 'Filed by the bench.' },
          },
          actor: { kind: 'user', accountId: accountOf('partner') },
        });
        const created = reply.body as { issueId?: unknown; issueKey?: unknown } | undefined;
        if (reply.status !== 201 || typeof created?.issueId !== 'string' || typeof created.issueKey !== 'string') {
          throw new WorkloadError(`Filing a request answered HTTP ${reply.status}: ${JSON.stringify(reply.body)}`);
        }
        filed.push({ id: created.issueId, key: created.issueKey });
        return undefined;
      },
    },
    {
      id: 'issue-panel engagement/start',
      label: 'agent starts an engagement on the request just filed',
      expects: { kind: 'resolver', key: MODULES['issue-panel'] },
      run: async (run) => {
        const issue = filed[run];
        if (!issue) throw new WorkloadError(`Run ${run + 1} filed no request to start an engagement on.`);
        return (await invoke('issue-panel', 'engagement/start', 'agent', { title: `Bench engagement ${run + 1}` }, { issue })).answer;
      },
    },
    {
      id: 'scheduled daily-refresh',
      label: 'the daily scheduled job runs',
      expects: { kind: 'scheduled', key: 'daily-refresh' },
      run: async () => {
        if (!(await host.runScheduled('daily-refresh'))) throw new WorkloadError("The manifest has no scheduled trigger 'daily-refresh'.");
        return undefined;
      },
    },
  ];
}

/** A delivery team (the demo's lead, four consultants) and 60 of its requests at every stage, on new PS issues. */
async function seedBoard(host: ForgeHost): Promise<string> {
  const at = new Date().toISOString();
  const members = (['carl', 'chloe', 'kofi', 'mei'] as const).map(accountOf);
  const saved = await saveTeam(null, benchTeam(accountOf('lead'), members, at.slice(0, 10)), (await readSetup()).version, 'bench-seed');
  const partner = demoUser(PEOPLE.partner);
  const org = host.jiraStore.organizationByName(partner.organization ?? '');
  for (let n = 0; n < 60; n += 1) {
    const issue = host.jiraStore.createIssue({ projectKey: 'PS', summary: `Bench board request ${n + 1}`, reporter: partner.accountId, organizationIds: org ? [org.id] : [] });
    const request = benchRequest(n, issue, { id: saved.teamId, lead: accountOf('lead'), members }, { id: org?.id ?? null, name: org?.name ?? null, reporter: partner.accountId }, at);
    await writeRequest({ request, routing: BENCH_ROUTING(at), expectedVersion: 0, change: { actor: 'bench-seed', action: 'request.bench-seed', before: null, after: { stage: request.stage } } });
  }
  return saved.teamId;
}
