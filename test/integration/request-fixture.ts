/**
 * Set-up of the implementation-request suites (issue 6): a delivery team and a routing rule in app storage, and
 * routed requests — a request in PS shared with a partner organisation, and its request record at stage `routed`,
 * as the routing trigger leaves it.
 *
 * Until the routing trigger (src/triggers/issue-event-handler.ts) lands, the request record is written here straight
 * through the app's own storage code (writeRequest, saveTeam, saveRules, setHold): the sandbox host installs the
 * Forge seams for the whole process, so app code called from a test reaches the host's KVS exactly as a resolver
 * would. The PS issue is made in the emulator's store, which raises no event, so no trigger routes it a second time.
 * Once the trigger lands, `routedRequest` should file the request and let the trigger route it instead.
 */
import { randomUUID } from 'node:crypto';
import type { ForgeHost } from '../../sandbox/runtime/host';
import type { DeliveryTeamInput, FinanceHoldInput } from '../../src/shared/delivery';
import { DEFAULT_PHASES, type ImplementationRequest, type Phase } from '../../src/shared/implementation';
import { readSetup, saveRules, saveTeam } from '../../src/storage/delivery-setup-repository';
import { clearHold, setHold } from '../../src/storage/hold-repository';
import { readRequest, writeRequest } from '../../src/storage/request-repository';
import { accountOf } from '../support/sandbox';

export const PEOPLE = {
  lead: accountOf('lead'),
  carl: accountOf('consultant'),
  chloe: '712020:5e1d0c00-0000-4000-8000-000000000005',
  kofi: '712020:5e1d0c00-0000-4000-8000-000000000006',
  mei: '712020:5e1d0c00-0000-4000-8000-000000000007',
};

/** The delivery team: Dana leads; Carl, Chloé and Kofi deliver. Mei, a consultant too, is in no team here. */
export function teamInput(assignment: 'propose' | 'direct', name = assignment === 'propose' ? 'Delivery (proposals)' : 'Delivery (direct)'): DeliveryTeamInput {
  return {
    name,
    leadAccountId: PEOPLE.lead,
    members: [
      { accountId: PEOPLE.carl, skills: ['SAP', 'Finance'], weeklyCapacityHours: 30, absences: [] },
      { accountId: PEOPLE.chloe, skills: ['SAP'], weeklyCapacityHours: 30, absences: [] },
      { accountId: PEOPLE.kofi, skills: ['Logistics'], weeklyCapacityHours: 30, absences: [] },
    ],
    triage: 'lead',
    assignment,
    strategy: 'round-robin',
    continuity: false,
  };
}

/** Creates a team (and a rule routing to it, as an admin would); answers the team id. */
export async function createTeam(team: DeliveryTeamInput): Promise<string> {
  const before = await readSetup();
  const { setup, teamId } = await saveTeam(null, team, before.version, accountOf('admin'));
  await saveRules(
    [
      ...setup.rules,
      {
        id: `rule-${teamId.slice(-6)}`,
        name: `To ${team.name}`,
        enabled: true,
        conditions: { issueTypeIds: [], requestTypeIds: [], fields: [], summaryPattern: null, organizationIds: [] },
        teamId,
        labels: [],
        requiredSkills: [],
        comment: { 'en-US': 'The {team} team has your request.', 'fr-FR': 'L’équipe {team} a votre demande.' },
      },
    ],
    setup.version,
    accountOf('admin'),
  );
  return teamId;
}

export interface RoutedRequest {
  id: string;
  key: string;
}

export interface RoutedOptions {
  teamId: string;
  /** The organisation the request is shared with in JSM (Northwind Partners by default). */
  organization?: string;
  /** The partner organisation the request record names (the organisation it is shared with by default). */
  partner?: string;
  reporter?: string;
  endCustomer?: string;
  phases?: Phase[];
}

/** A request in PS, shared with the partner, and its record at stage `routed` for the team. */
export async function routedRequest(host: ForgeHost, options: RoutedOptions): Promise<RoutedRequest> {
  const organization = options.organization ?? 'Northwind Partners';
  const endCustomer = options.endCustomer ?? 'Contoso Foods';
  const reporter = options.reporter ?? accountOf('partner');
  const summary = `Request for Implementation services for End Customer ${endCustomer}`;
  const row = host.jiraStore.addIssue('PS', { summary, reporterAccountId: reporter, organization });
  const org = host.jiraStore.organizationByName(options.partner ?? organization);
  const now = new Date().toISOString();
  const request: ImplementationRequest = {
    issueId: row.id,
    issueKey: row.key,
    summary,
    teamId: options.teamId,
    ruleId: 'fixture',
    partnerOrganizationId: org?.id ?? null,
    partnerName: org?.name ?? null,
    reporterAccountId: reporter,
    endCustomer,
    phasesWanted: options.phases ?? DEFAULT_PHASES,
    requiredSkills: [],
    stage: 'routed',
    triageAccountId: PEOPLE.lead,
    estimateHours: null,
    sow: null,
    purchase: null,
    delivery: null,
    consultantAccountId: null,
    decision: null,
    phasesDone: [],
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    version: 0,
  };
  await writeRequest({
    request,
    routing: { state: 'done', token: randomUUID(), until: now },
    expectedVersion: 0,
    change: { actor: 'app', action: 'request.routed', before: null, after: { teamId: options.teamId } },
  });
  return { id: row.id, key: row.key };
}

/** The stored record, read back through the app's repository. */
export const storedRequest = (issueId: string) => readRequest(issueId);

/** An admin marks the partner's invoices overdue (the admin page's `hold/set` does the same write). */
export async function holdPartner(host: ForgeHost, organization: string, amount = 4200, currency = 'EUR', overdueSince = '2026-10-31'): Promise<void> {
  const input: FinanceHoldInput = { organizationId: organizationIdOf(host, organization), amount, currency, overdueSince, note: 'Invoices of September and October unpaid' };
  await setHold(input, organization, accountOf('admin'));
}

export async function releaseHold(host: ForgeHost, organization: string): Promise<void> {
  await clearHold(organizationIdOf(host, organization), accountOf('admin'));
}

function organizationIdOf(host: ForgeHost, name: string): string {
  const org = host.jiraStore.organizationByName(name);
  if (!org) throw new Error(`No organisation ${name}`);
  return org.id;
}
