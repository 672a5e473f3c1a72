/**
 * A delivery set-up for routing tests: one team (the demo lead and consultants) and the two rules of seed 004 —
 * the portal's "Implementation services" request (issue type + Type of Inquiry) and a summary written the article's
 * way. Written through the app's own storage code (the sandbox's seams are global in the test process), as an admin
 * would through the admin page.
 */
import { demoUser } from '../../sandbox/seed/demo-directory';
import { SEED_SUMMARY_PATTERN } from '../../src/domain/routing-rules';
import type { DeliveryTeamInput, RoutingRule } from '../../src/shared/delivery';
import { readSetup, saveRules, saveTeam } from '../../src/storage/delivery-setup-repository';
import { accountOf } from '../support/sandbox';

export const CONSULTANT_EMAILS = ['carl@engagement-desk.example', 'chloe@engagement-desk.example', 'kofi@engagement-desk.example', 'mei@engagement-desk.example'];
export const consultants = (): string[] => CONSULTANT_EMAILS.map((e) => demoUser(e).accountId);

export function demoTeam(overrides: Partial<DeliveryTeamInput> = {}): DeliveryTeamInput {
  return {
    name: 'Implementation team',
    leadAccountId: accountOf('lead'),
    members: consultants().map((accountId, i) => ({ accountId, skills: i === 0 ? ['finance'] : ['logistics'], weeklyCapacityHours: 30, absences: [] })),
    triage: 'lead',
    assignment: 'direct',
    strategy: 'round-robin',
    continuity: false,
    ...overrides,
  };
}

export function seedRules(teamId: string): RoutingRule[] {
  const comment = {
    'en-US': 'Thank you. The {team} will estimate your request for {endCustomer}; {assignee} is looking after it.',
    'fr-FR': 'Merci. L’équipe {team} va chiffrer votre demande pour {endCustomer} ; {assignee} s’en occupe.',
  };
  return [
    {
      id: 'portal-implementation',
      name: 'Implementation services from the portal',
      enabled: true,
      conditions: { issueTypeIds: ['10100'], requestTypeIds: [], fields: [{ fieldId: 'customfield_10010', equals: 'Implementation Issue' }], summaryPattern: null, organizationIds: [] },
      teamId,
      labels: ['implementation'],
      requiredSkills: [],
      comment,
    },
    {
      id: 'seed-summary',
      name: 'Summary written the article’s way',
      enabled: true,
      conditions: { issueTypeIds: [], requestTypeIds: [], fields: [], summaryPattern: SEED_SUMMARY_PATTERN, organizationIds: [] },
      teamId,
      labels: ['implementation'],
      requiredSkills: [],
      comment,
    },
  ];
}

/** Saves the team and the rules; answers the team's id. */
export async function setUpDelivery(team: DeliveryTeamInput = demoTeam(), rules: (teamId: string) => RoutingRule[] = seedRules): Promise<string> {
  const before = await readSetup();
  const { setup, teamId } = await saveTeam(null, team, before.version, 'test-admin');
  await saveRules(rules(teamId), setup.version, 'test-admin');
  return teamId;
}
