/**
 * Delivery teams and implementation requests for the delivery board and month-end suites, until the routing trigger
 * and the workflow steps land: teams are saved and request records written with the app's own storage code
 * (saveTeam, writeRequest, setHold — records parsed with the app's zod schemas and written through the host's KVS, as
 * bench/scale.ts seeds a site), while everything in Jira (the PS request, the DEL delivery issue and its phase
 * sub-tasks, worklogs) is created through the emulator's REST as a person would. Nothing asserts on this file's own
 * writes: the suites read the state back through the resolvers, the queue and Jira.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { demoUser } from '../../sandbox/seed/demo-directory';
import { REQUEST_TYPES } from '../../sandbox/jira/site-config';
import type { DeliveryTeamInput } from '../../src/shared/delivery';
import type { ImplementationRequest, Phase, Stage } from '../../src/shared/implementation';
import kvs from '@forge/kvs';
import { readSetup, saveTeam, toTeamStateRecord, type StoredTeamState } from '../../src/storage/delivery-setup-repository';
import { DELIVERY_ENTITIES, deliveryKeys } from '../../src/storage/keys';
import { setHold } from '../../src/storage/hold-repository';
import { writeRequest } from '../../src/storage/request-repository';

export const PEOPLE = {
  admin: 'admin@engagement-desk.example',
  agent: 'agent@engagement-desk.example',
  lead: 'lead@engagement-desk.example',
  carl: 'carl@engagement-desk.example',
  chloe: 'chloe@engagement-desk.example',
  kofi: 'kofi@engagement-desk.example',
  mei: 'mei@engagement-desk.example',
  paula: 'paula@northwind-partners.example',
  pierre: 'pierre@lumiere-conseil.example',
} as const;
export type Person = keyof typeof PEOPLE;
export const idOf = (who: Person): string => demoUser(PEOPLE[who]).accountId;

export const PARTNERS = { northwind: 'Northwind Partners', lumiere: 'Lumière Conseil' } as const;
export type Partner = keyof typeof PARTNERS;
export const partnerId = (host: ForgeHost, partner: Partner): string => host.jiraStore.organizationByName(PARTNERS[partner])!.id;

const SUBTASK_TYPE = '10103';
const TASK_TYPE = '10102';

/** Today in UTC as the sandbox sees it, and a day `offset` days away. */
export function sandboxDay(offset = 0): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/**
 * Two teams. "Implementation" (Dana leads; Carl, Chloé, Kofi and Mei; Kofi is away today with Carl as backup;
 * Chloé knows SAP) and "Integration" (Mei leads, alone). Answers their ids.
 */
export async function seedTeams(): Promise<{ implementation: string; integration: string }> {
  const implementation: DeliveryTeamInput = {
    name: 'Implementation',
    leadAccountId: idOf('lead'),
    members: [
      { accountId: idOf('carl'), skills: ['ERP'], weeklyCapacityHours: 20, absences: [] },
      { accountId: idOf('chloe'), skills: ['ERP', 'SAP'], weeklyCapacityHours: 30, absences: [] },
      { accountId: idOf('kofi'), skills: [], weeklyCapacityHours: 10, absences: [{ from: sandboxDay(-1), to: sandboxDay(2), backupAccountId: idOf('carl') }] },
      { accountId: idOf('mei'), skills: [], weeklyCapacityHours: 20, absences: [] },
    ],
    triage: 'lead',
    assignment: 'direct',
    strategy: 'round-robin',
    continuity: false,
  };
  const first = await saveTeam(null, implementation, (await readSetup()).version, 'fixture');
  const integration: DeliveryTeamInput = {
    name: 'Integration',
    leadAccountId: idOf('mei'),
    members: [{ accountId: idOf('mei'), skills: [], weeklyCapacityHours: 40, absences: [] }],
    triage: 'lead',
    assignment: 'propose',
    strategy: 'least-loaded',
    continuity: true,
  };
  const second = await saveTeam(null, integration, first.setup.version, 'fixture');
  return { implementation: first.teamId, integration: second.teamId };
}

/** A Jira REST call as a person (or the app), through the emulator the app talks to. */
export async function jira(host: ForgeHost, who: Person | 'app', method: string, path: string, body?: unknown) {
  const url = new URL(path, 'http://sandbox.local');
  const actor = who === 'app' ? { kind: 'app' as const } : { kind: 'user' as const, accountId: idOf(who) };
  return host.jira.handle({ method, path: url.pathname, query: url.searchParams, body, actor });
}

/** The partner files a request on the portal (JSM REST), as the seed describes it. */
export async function fileRequest(host: ForgeHost, partner: Partner, endCustomer: string): Promise<{ id: string; key: string }> {
  const implementation = REQUEST_TYPES.find((t) => t.name === 'Implementation services')!;
  const who: Person = partner === 'northwind' ? 'paula' : 'pierre';
  const reply = await jira(host, who, 'POST', '/rest/servicedeskapi/request', {
    serviceDeskId: '1',
    requestTypeId: implementation.id,
    requestFieldValues: { summary: `Request for Implementation services for End Customer ${endCustomer}`, customfield_10011: endCustomer, description: 'Filed by the delivery suites.' },
  });
  if (reply.status !== 201) throw new Error(`Filing a request answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  const body = reply.body as { issueId: string; issueKey: string };
  return { id: body.issueId, key: body.issueKey };
}

/** Back office: the delivery issue in DEL with one sub-task per phase, created by the lead over REST. */
export async function createDeliveryIssue(host: ForgeHost, requestKey: string, phases: Phase[]): Promise<NonNullable<ImplementationRequest['delivery']>> {
  const create = async (fields: Record<string, unknown>) => {
    const reply = await jira(host, 'lead', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'DEL' }, ...fields } });
    if (reply.status !== 201) throw new Error(`Creating a DEL issue answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply.body as { id: string; key: string };
  };
  const parent = await create({ issuetype: { id: TASK_TYPE }, summary: `Deliver ${requestKey}` });
  const subtasks = [];
  for (const phase of phases) {
    const sub = await create({ issuetype: { id: SUBTASK_TYPE }, parent: { key: parent.key }, summary: `${requestKey}: ${phase}` });
    subtasks.push({ phase, issueId: sub.id, issueKey: sub.key });
  }
  return { issueId: parent.id, issueKey: parent.key, subtasks };
}

/** Logs work on an issue as a person, started at `started` (ISO). */
export async function logWork(host: ForgeHost, who: Person, issueId: string, started: string, hours: number): Promise<void> {
  const jiraTime = started.replace('Z', '+0000');
  const reply = await jira(host, who, 'POST', `/rest/api/3/issue/${issueId}/worklog`, { started: jiraTime, timeSpentSeconds: Math.round(hours * 3600) });
  if (reply.status !== 201) throw new Error(`Logging work answered ${reply.status}: ${JSON.stringify(reply.body)}`);
}

export interface RequestSpec {
  teamId: string;
  partner: Partner;
  endCustomer: string;
  stage: Stage;
  estimateHours?: number | null;
  consultant?: Person | null;
  /** A SOW (signed unless `signed: false`) with hours per stage and travel. */
  sow?: { hoursPerStage: Partial<Record<Phase, number>>; travel: string; signed?: boolean };
  purchase?: boolean;
  /** Create the delivery issue and these phase sub-tasks in DEL. */
  deliveryPhases?: Phase[];
  phasesWanted?: Phase[];
}

/**
 * Files a request on the portal and writes its record at the stage asked for, as routing and the workflow would have
 * left it. Answers the stored request.
 */
export async function seedRequest(host: ForgeHost, spec: RequestSpec): Promise<ImplementationRequest> {
  const issue = await fileRequest(host, spec.partner, spec.endCustomer);
  const at = new Date().toISOString();
  const phasesWanted = spec.phasesWanted ?? spec.deliveryPhases ?? ['qa-sessions', 'business-blueprint', 'prototyping', 'refining', 'final-review'];
  const delivery = spec.deliveryPhases ? await createDeliveryIssue(host, issue.key, spec.deliveryPhases) : null;
  const consultant = spec.consultant ? idOf(spec.consultant) : null;
  const request: ImplementationRequest = {
    issueId: issue.id,
    issueKey: issue.key,
    summary: `Request for Implementation services for End Customer ${spec.endCustomer}`,
    teamId: spec.teamId,
    ruleId: 'fixture-rule',
    partnerOrganizationId: partnerId(host, spec.partner),
    partnerName: PARTNERS[spec.partner],
    reporterAccountId: idOf(spec.partner === 'northwind' ? 'paula' : 'pierre'),
    triageAccountId: idOf('lead'),
    endCustomer: spec.endCustomer,
    phasesWanted,
    requiredSkills: [],
    stage: spec.stage,
    estimateHours: spec.estimateHours ?? null,
    sow: spec.sow
      ? { hoursPerStage: spec.sow.hoursPerStage, travel: spec.sow.travel, draftedAt: at, draftedBy: idOf('lead'), signedAt: spec.sow.signed === false ? null : at, signedBy: spec.sow.signed === false ? null : idOf('paula') }
      : null,
    purchase: spec.purchase ? { hours: spec.estimateHours ?? 0, quotedAt: at, quotedBy: idOf('lead'), purchasedAt: at, purchasedBy: idOf('paula') } : null,
    delivery,
    consultantAccountId: consultant,
    decision: consultant ? { chosen: consultant, basis: 'round-robin', standingInFor: null, excluded: [], decidedAt: at, decidedBy: 'app', reason: null } : null,
    phasesDone: [],
    createdAt: at,
    updatedAt: at,
    completedAt: null,
    version: 0,
  };
  const stored = await writeRequest({
    request,
    routing: { state: 'done', token: 'fixture', until: at },
    expectedVersion: 0,
    change: { actor: 'fixture', action: 'request.fixture', before: null, after: { stage: spec.stage } },
  });
  return { ...request, version: stored.version };
}

/** The team's running state, as the workflow keeps it: each consultant's open estimated hours. */
export async function seedTeamState(teamId: string, openHours: Partial<Record<Person, number>>): Promise<void> {
  const members: StoredTeamState['members'] = {};
  for (const [who, hours] of Object.entries(openHours)) members[idOf(who as Person)] = { turns: 1, lastTurnSeq: 1, openHours: hours ?? 0 };
  // The record as the app's own schema builds it (toTeamStateRecord), written where the workflow keeps it.
  await kvs.entity(DELIVERY_ENTITIES.teamState).set(deliveryKeys.teamState(teamId), toTeamStateRecord({ teamId, seq: 1, members, triageTurns: {}, version: 0 }));
}

/** A finance hold on the partner, set as an admin would. */
export async function holdPartner(host: ForgeHost, partner: Partner): Promise<void> {
  await setHold({ organizationId: partnerId(host, partner), amount: 12500, currency: 'EUR', overdueSince: sandboxDay(-30), note: 'Two invoices unpaid' }, PARTNERS[partner], idOf('admin'));
}

/** Calls a project-page resolver as `who` on project `projectKey` (the extension the page would send). */
export async function board(host: ForgeHost, functionKey: string, who: Person, payload: unknown = {}, projectKey = 'DEL') {
  const outcome = await host.invokeResolver({ moduleKey: 'delivery-board', functionKey, payload, accountId: idOf(who), extension: { project: { key: projectKey } } });
  if (outcome.kind === 'failure') throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.value as { ok: boolean; body?: any; error?: { code: string; message: string; issues?: unknown } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
