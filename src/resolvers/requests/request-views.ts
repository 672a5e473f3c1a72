import { secondsToHours } from '../../domain/engagement-budget';
import { lookupAccounts } from '../../jira/accounts';
import { loggedSecondsBySubtask, secondsBySubtask, type LoggedTime } from '../../jira/worklog-hours';
import { AppError } from '../../shared/errors';
import type { PartnerRequestView } from '../../shared/engagement';
import type { ImplementationRequest, Phase, RequestView } from '../../shared/implementation';
import { fromRequestRecord, type RequestRecord } from '../../storage/delivery-records';
import type { StoredSetup } from '../../storage/delivery-setup-repository';
import { readHold } from '../../storage/hold-repository';
import type { Settings } from '../../shared/settings';
import { toView, type Loaded } from './request-service';
import { speaksForPartner } from './request-access';

/**
 * The views the issue panel and the portal show of a request: the stored request, what the workflow says comes next,
 * the hold that blocks it, and the hours logged per phase on the delivery sub-tasks (one Jira search, only once the
 * back office has made them).
 */

/**
 * Hours per phase from the sub-tasks' worklogs. When Jira cannot answer just now the view still opens, with no hours
 * logged shown; the next open asks again (a failure of the panel because of a count would be worse).
 */
export async function hoursByPhase(request: ImplementationRequest, known?: LoggedTime | null): Promise<Partial<Record<Phase, number>>> {
  if (!request.delivery || request.delivery.subtasks.length === 0) return {};
  let seconds: Map<string, number>;
  if (known === null) return {};
  if (known !== undefined) {
    seconds = secondsBySubtask(known, request.delivery.issueId);
  } else {
    try {
      seconds = await loggedSecondsBySubtask(request.delivery.issueId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'JIRA_UNAVAILABLE') {
        console.warn(`Hours per phase of ${request.issueKey} are not available just now`, error.message);
        return {};
      }
      throw error;
    }
  }
  return Object.fromEntries(request.delivery.subtasks.map((s) => [s.phase, secondsToHours(seconds.get(s.issueId) ?? 0)]));
}

/** `known`: the panel's one worklog search when it made it (null when Jira failed it); else this view searches. */
export async function viewOf(loaded: Pick<Loaded, 'setup' | 'hold' | 'thresholdHours'>, request: ImplementationRequest, known?: LoggedTime | null): Promise<RequestView> {
  return toView(loaded, request, await hoursByPhase(request, known));
}

/**
 * A Loaded request from records already read in one batch (see storage/issue-opening.ts): only the partner's hold is
 * still to read (its key comes from the request). Null when the issue is not a routed request.
 */
export async function loadedFrom(record: RequestRecord | null, setup: StoredSetup, settings: Pick<Settings, 'sowThresholdHours'>): Promise<Loaded | null> {
  if (!record) return null;
  const hold = await readHold(record.partnerOrganizationId);
  return {
    record,
    request: fromRequestRecord(record),
    setup,
    team: setup.teams.find((t) => t.id === record.teamId) ?? null,
    hold,
    thresholdHours: settings.sowThresholdHours,
  };
}

/** The team as the panel shows it: who leads, who may be chosen by hand. */
export function panelTeamOf(loaded: Loaded | null): { leadAccountId: string; memberAccountIds: string[] } | null {
  if (!loaded?.team) return null;
  return { leadAccountId: loaded.team.leadAccountId, memberAccountIds: loaded.team.members.map((m) => m.accountId) };
}

/**
 * What a partner sees: the decision says who was chosen and on what basis, not who else was considered and why not
 * (their absences and loads are the vendor's own business), and nothing of a proposal the lead has not confirmed; the
 * hold shows amount, currency and since when, not the finance team's note or who set it.
 */
export function forPartner(view: RequestView): RequestView {
  const { request, hold } = view;
  // A proposal is the team's business until the lead confirms it.
  const proposed = request.stage === 'consultant-proposed';
  const decision = request.decision && !proposed ? { ...request.decision, excluded: [], reason: null, standingInFor: null, decidedBy: '' } : null;
  return {
    ...view,
    request: { ...request, decision, consultantAccountId: proposed ? null : request.consultantAccountId },
    hold: hold ? { ...hold, note: '', setBy: '' } : null,
  };
}

/** The partner's view with the consultant's name and whether this customer may sign or purchase now. */
export async function partnerView(loaded: Loaded, request: ImplementationRequest, accountId: string): Promise<PartnerRequestView> {
  const partnerMustAct = request.stage === 'sow-drafted' || request.stage === 'hours-quoted';
  const [view, names, mayDecide] = await Promise.all([
    viewOf(loaded, request),
    request.consultantAccountId && request.stage !== 'consultant-proposed' ? lookupAccounts([request.consultantAccountId]).catch(() => null) : Promise.resolve(null),
    partnerMustAct ? speaksForPartner(request, accountId) : Promise.resolve(false),
  ]);
  const consultantName = request.consultantAccountId ? (names?.get(request.consultantAccountId)?.displayName ?? null) : null;
  return { view: forPartner(view), consultantName: consultantName || null, mayDecide };
}
