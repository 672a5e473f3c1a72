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
