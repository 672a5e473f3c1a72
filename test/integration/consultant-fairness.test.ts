/**
 * Round robin that survives restarts (issue 6 item 6): 1,000 requests assigned one after another, each decision
 * taken on the team state read back from the sandbox's KVS and stored with its request in one transaction — as the
 * app does for every assignment — so nothing carries over in memory between two assignments. No consultant ends
 * more than one request above another; with an absence, the backup takes the absent member's turns.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { chooseConsultant, recordChoice } from '../../src/domain/consultant-choice';
import type { ImplementationRequest } from '../../src/shared/implementation';
import { readSetup, readTeamState } from '../../src/storage/delivery-setup-repository';
import { writeRequest } from '../../src/storage/request-repository';
import { startTestHost } from '../support/sandbox';
import { consultants, demoTeam, setUpDelivery } from './routing-fixture';

jest.setTimeout(120_000);

let host: ForgeHost;
beforeEach(async () => {
  host = await startTestHost('empty', { contracts: false });
});
afterEach(async () => host.close());

const today = '2026-11-28';

function request(n: number, teamId: string): ImplementationRequest {
  const at = new Date(Date.UTC(2026, 10, 28, 0, 0, n)).toISOString();
  return {
    issueId: String(20_000 + n),
    issueKey: `PS-${n}`,
    summary: `Request ${n}`,
    teamId,
    ruleId: 'portal-implementation',
    partnerOrganizationId: '1',
    partnerName: 'Northwind Partners',
    reporterAccountId: null,
    endCustomer: `Customer ${n}`,
    phasesWanted: ['qa-sessions'],
    requiredSkills: [],
    stage: 'consultant-assigned',
    estimateHours: 4,
    sow: null,
    purchase: null,
    delivery: null,
    triageAccountId: null,
    consultantAccountId: null,
    decision: null,
    phasesDone: [],
    createdAt: at,
    updatedAt: at,
    completedAt: null,
    version: 0,
  };
}

async function assignMany(teamId: string, count: number): Promise<Map<string, number>> {
  const team = (await readSetup()).teams.find((t) => t.id === teamId)!;
  const assigned = new Map<string, number>();
  for (let n = 1; n <= count; n++) {
    const state = await readTeamState(teamId); // read back every time: a restart between two assignments loses nothing
    const choice = chooseConsultant(team, state, { requiredSkills: [], estimateHours: 4, lastConsultant: null }, { today, now: `${today}T10:00:00.000Z`, actor: 'lead', onHold: false });
    const chosen = choice.decision.chosen!;
    await writeRequest({
      request: { ...request(n, teamId), consultantAccountId: chosen, decision: choice.decision },
      routing: { state: 'done', token: `t${n}`, until: `${today}T10:00:00.000Z` },
      expectedVersion: 0,
      teamState: { ...state, ...recordChoice(state, choice, 4) },
      change: { actor: 'lead', action: 'request.assign-consultant', before: null, after: { chosen } },
    });
    assigned.set(chosen, (assigned.get(chosen) ?? 0) + 1);
  }
  return assigned;
}

describe('fair round robin over 1,000 requests, state in storage', () => {
  it('gives no consultant more than one request above another, and keeps the open hours per consultant', async () => {
    const teamId = await setUpDelivery();
    const assigned = await assignMany(teamId, 1_000);
    const counts = consultants().map((id) => assigned.get(id) ?? 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    const state = await readTeamState(teamId);
    for (const id of consultants()) expect(state.members[id]!.openHours).toBe((assigned.get(id) ?? 0) * 4);
  });

  it('lets the backup take an absent member’s turns, and the absent member none', async () => {
    const [carl, chloe, kofi, mei] = consultants();
    const team = demoTeam();
    team.members = team.members.map((m) => (m.accountId === mei ? { ...m, absences: [{ from: '2026-11-20', to: '2026-12-05', backupAccountId: kofi! }] } : m));
    const teamId = await setUpDelivery(team);
    const assigned = await assignMany(teamId, 100);
    expect(assigned.get(mei!) ?? 0).toBe(0);
    expect(assigned.get(carl!)).toBe(25);
    expect(assigned.get(chloe!)).toBe(25);
    // Kofi's own turns and Mei's.
    expect(assigned.get(kofi!)).toBe(50);
  });
});
