import { isAbsent } from '../../domain/consultant-choice';
import { issueIdSeenByUser } from '../../jira/issue-as-user';
import { myPermissions } from '../../jira/permissions';
import type { DeliveryTeam } from '../../shared/delivery';
import { AppError } from '../../shared/errors';
import type { ReassignInput, RequestView } from '../../shared/implementation';
import type { BoardPage, ConsultantLoad } from '../../shared/operations/requests';
import { readBoardBasics } from '../../storage/board-repository';
import { readTeamState, type StoredSetup, type StoredTeamState } from '../../storage/delivery-setup-repository';
import { listHolds } from '../../storage/hold-repository';
import { pageTeamRequests } from '../../storage/request-repository';
import type { CallContext } from '../define-surface';
import { projectOf } from '../extension';
import { assignDeliveryIssue, commitStep, planConsultant, requestAt, toView } from './request-service';

/**
 * The delivery board (issue 6 item 8), on the project page. Who sees what:
 * - the page opens for people who may browse the project (checked as the user, with Jira admin in the same call);
 * - a team's board (its requests, its consultants' loads, the holds) is for the team's members and lead, and for
 *   Jira admins; anyone else who opens the page sees no team;
 * - reassigning is for the team's lead (or a Jira admin), with a reason, and never under a finance hold.
 *
 * Cost: one Jira read (the permission check), then one batch read (preferences and set-up), one index page of the
 * team's requests, the team's state and the holds — 4 KVS requests, the same with 100 requests or 50,000.
 */
export const BOARD_PAGE_SIZE = 50;

const NOT_A_MEMBER = 'Only the members and the lead of this delivery team, and Jira administrators, see its board.';

interface Access {
  projectKey: string;
  admin: boolean;
}

async function boardAccess(context: CallContext): Promise<Access> {
  const project = projectOf(context.extension);
  const granted = await myPermissions({ projectKey: project.key }, ['BROWSE_PROJECTS', 'ADMINISTER']);
  if (!granted.BROWSE_PROJECTS) throw new AppError('FORBIDDEN', 'You do not have access to this project.');
  return { projectKey: project.key, admin: granted.ADMINISTER === true };
}

const belongsTo = (team: DeliveryTeam, accountId: string) => team.leadAccountId === accountId || team.members.some((m) => m.accountId === accountId);

/** The teams whose board the viewer may see: their own, or every team for a Jira admin. */
export function visibleTeams(setup: StoredSetup, accountId: string, admin: boolean): DeliveryTeam[] {
  return admin ? setup.teams : setup.teams.filter((t) => belongsTo(t, accountId));
}

/** Each member's open estimated hours against their weekly capacity, and whether they are away today (with backup). */
export function loadsOf(team: DeliveryTeam, state: StoredTeamState, today: string): ConsultantLoad[] {
  return team.members.map((member) => {
    const absence = member.absences.find((a) => a.from <= today && today <= a.to) ?? null;
    return {
      accountId: member.accountId,
      openHours: Math.round((state.members[member.accountId]?.openHours ?? 0) * 100) / 100,
      weeklyCapacityHours: member.weeklyCapacityHours,
      absentToday: isAbsent(member, today),
      backupAccountId: absence?.backupAccountId ?? null,
      skills: member.skills,
    };
  });
}

/** A page of a team's board: the team asked for (or the viewer's own, else the first they may see). */
export async function openBoard(context: CallContext, input: { teamId: string | null; cursor: string | null; limit: number }): Promise<BoardPage> {
  const access = await boardAccess(context);
  const { preferences, setup } = await readBoardBasics(context.accountId);
  const teams = visibleTeams(setup, context.accountId, access.admin);
  let team: DeliveryTeam | null;
  if (input.teamId !== null) {
    team = setup.teams.find((t) => t.id === input.teamId) ?? null;
    if (!team) throw new AppError('NOT_FOUND', 'This delivery team no longer exists. Reload the page.');
    if (!teams.includes(team)) throw new AppError('FORBIDDEN', NOT_A_MEMBER);
  } else {
    team = teams.find((t) => belongsTo(t, context.accountId)) ?? teams[0] ?? null;
  }
  const base = {
    viewer: { accountId: context.accountId, preferredLocale: preferences.preferredLocale, preferencesVersion: preferences.version },
    project: { key: access.projectKey },
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
  };
  if (!team) return { ...base, teamId: null, requests: [], cursor: null, loads: [], holds: [], canReassign: false };
  const [page, state, holds] = await Promise.all([pageTeamRequests(team.id, input.cursor, input.limit), readTeamState(team.id), listHolds()]);
  const today = new Date().toISOString().slice(0, 10);
  return { ...base, teamId: team.id, requests: page.requests, cursor: page.cursor, loads: loadsOf(team, state, today), holds, canReassign: access.admin || team.leadAccountId === context.accountId };
}

/**
 * Reassigns a request to another member of its team, with a reason. The key comes from the payload: it is resolved
 * to the issue's id AS THE USER (Jira answers 404 for an issue they may not see) before anything is read as the app.
 */
export async function reassignFromBoard(input: ReassignInput, context: CallContext): Promise<RequestView> {
  const access = await boardAccess(context);
  const issue = await issueIdSeenByUser(input.issueKey);
  const loaded = await requestAt(issue.id, input.expectedVersion);
  if (!loaded.team || (loaded.team.leadAccountId !== context.accountId && !access.admin)) {
    throw new AppError('FORBIDDEN', 'Only the lead of the delivery team, or a Jira administrator, reassigns its requests.');
  }
  if (loaded.hold) {
    throw new AppError('FINANCE_HOLD', `${loaded.hold.organizationName} has overdue invoices (${loaded.hold.amount} ${loaded.hold.currency} since ${loaded.hold.overdueSince}): no consultant can be assigned until finance clears the hold.`);
  }
  const step = { actor: context.accountId, now: new Date().toISOString() };
  const plan = await planConsultant(loaded, 'reassign', step, { accountId: input.accountId, reason: input.reason });
  const request = await commitStep(loaded, plan, step);
  // The delivery issue's assignee follows (a Jira failure there is retried through the queue: the change is stored).
  await assignDeliveryIssue(request);
  return toView(loaded, request);
}
