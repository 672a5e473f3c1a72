import { lookupAccounts } from '../../jira/accounts';
import { readJsmOrganization } from '../../jira/jsm-organizations';
import type { DeliverySetup, FinanceHold, FinanceHoldInput, SaveTeamInput } from '../../shared/delivery';
import { AppError } from '../../shared/errors';
import { readSetup, saveTeam, type StoredSetup } from '../../storage/delivery-setup-repository';
import { listHolds, setHold } from '../../storage/hold-repository';

/**
 * The admin page's delivery set-up: what it shows, and the checks that need Jira before a team or a hold is stored
 * (the repositories check the rest: versions, rules pointing at teams). Callers have checked that the user is a
 * Jira administrator.
 */

/** The set-up as the page sees it: the Jira field ids the app keeps beside it are the app's business. */
export function toSetup(stored: StoredSetup): DeliverySetup {
  return { rules: stored.rules, teams: stored.teams, version: stored.version, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
}

export async function deliveryView(): Promise<{ setup: DeliverySetup; holds: FinanceHold[] }> {
  const [setup, holds] = await Promise.all([readSetup(), listHolds()]);
  return { setup: toSetup(setup), holds };
}

/**
 * Creates or replaces a team once every person named (lead, members, backups) is an Atlassian account Jira knows:
 * the trigger will assign issues to them. Unknown ones are INVALID_INPUT at their payload path; nothing is stored.
 */
export async function saveCheckedTeam(input: SaveTeamInput, actor: string): Promise<{ setup: DeliverySetup; teamId: string }> {
  const team = input.team;
  const named = [team.leadAccountId, ...team.members.map((m) => m.accountId)];
  const known = await lookupAccounts(named);
  const unknown = (id: string) => !known.has(id);
  const issues = [
    ...(unknown(team.leadAccountId) ? [{ path: 'team.leadAccountId', message: 'No Atlassian account with this id' }] : []),
    ...team.members.flatMap((m, i) => (unknown(m.accountId) ? [{ path: `team.members.${i}.accountId`, message: 'No Atlassian account with this id' }] : [])),
  ];
  if (issues.length > 0) throw new AppError('INVALID_INPUT', 'Some of the people named are not Atlassian accounts Jira knows.', issues);
  const saved = await saveTeam(input.id, team, input.expectedVersion, actor);
  return { setup: toSetup(saved.setup), teamId: saved.teamId };
}

/** Puts a partner on hold; the organisation must exist in JSM (its name is kept with the hold for every surface). */
export async function setHoldOn(input: FinanceHoldInput, actor: string): Promise<FinanceHold> {
  const organization = await readJsmOrganization(input.organizationId);
  if (!organization) {
    throw new AppError('INVALID_INPUT', 'There is no JSM organisation with this id.', [{ path: 'organizationId', message: 'No such JSM organisation' }]);
  }
  return setHold(input, organization.name, actor);
}
