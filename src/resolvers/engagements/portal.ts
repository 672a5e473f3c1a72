import { decideChange } from '../../domain/engagement-changes';
import { acknowledgeProgressPoint } from '../../domain/engagement-milestones';
import { isSponsor } from '../../domain/engagement-roles';
import { splitItems, toPortalEngagement } from '../../domain/engagement-view';
import { myDisplayName } from '../../jira/accounts';
import { AppError } from '../../shared/errors';
import { readItems, saveItem, type StoredEngagement } from '../../storage/engagement-repository';
import { readIssueOpening, type IssueOpening } from '../../storage/issue-opening';
import type { Handlers } from '../define-surface';
import { loadedFrom, partnerView } from '../requests/request-views';
import { existingEngagement, requireRequestViewer } from './access';
import { itemAt } from './governance';

type Portal = Handlers<'portal'>;

/**
 * The customer's side, on the request's portal page. Every operation first reads the request AS THE CUSTOMER: Jira
 * answers it only for their own requests and those shared with their organisation, so a forged request key in the
 * extension (another organisation's request) is NOT_FOUND before anything is read or written.
 */

/**
 * One call opens the portal page: the request (1 Jira read as the user), then one batch read of the viewer's
 * preferences, settings, engagement, implementation request and delivery set-up (1 KVS request); then the
 * engagement's items (1 KVS query) when there is an engagement, and the implementation request's partner view when
 * the issue is one (its partner's hold: 1 KVS get; hours per phase, the consultant's name and whether this customer
 * speaks for the partner: Jira reads only at the stages that show them). At most 3 KVS requests.
 */
export const engagementMine: Portal['engagement/mine'] = async (_input, context) => {
  const request = await requireRequestViewer(context);
  const opening = await readIssueOpening(request.issueId, context.accountId);
  const [engagement, implementation] = await Promise.all([portalEngagementOf(request.issueId, opening.engagement, context.accountId), implementationOf(opening, context.accountId)]);
  return {
    viewer: { accountId: context.accountId, preferredLocale: opening.preferences.preferredLocale, preferencesVersion: opening.preferences.version },
    request: { key: request.issueKey, summary: request.summary },
    engagement,
    implementation,
  };
};

async function portalEngagementOf(issueId: string, stored: StoredEngagement | null, accountId: string) {
  if (!stored) return null;
  const items = await readItems(issueId);
  return toPortalEngagement(stored.state, splitItems(items.items, items.cursor), accountId);
}

async function implementationOf(opening: IssueOpening, accountId: string) {
  const loaded = await loadedFrom(opening.request, opening.setup, opening.settings);
  return loaded ? partnerView(loaded, loaded.request, accountId) : null;
}

/** Any customer who can see the request acknowledges a progress point, once; who and when are recorded. */
export const progressPointAcknowledge: Portal['progress-point/acknowledge'] = async (input, context) => {
  const request = await requireRequestViewer(context);
  const point = await itemAt(request.issueId, input.pointId, 'progress-point', input.expectedVersion);
  const next = acknowledgeProgressPoint(point, { accountId: context.accountId, name: await myDisplayName() }, input.note ?? '', new Date().toISOString());
  await saveItem(request.issueId, point.version, next, {
    actor: context.accountId,
    action: 'progress-point.acknowledge',
    before: { id: point.id, state: point.state },
    after: { id: next.id, state: next.state, acknowledgement: next.acknowledgement },
  });
  return next;
};

/** Rounds of re-reading the engagement when an agent saved it while the sponsor's approval was being written. */
const DECIDE_ATTEMPTS = 3;

/**
 * The Engagement Sponsor approves or rejects a proposed change. Anyone else — another customer of the same
 * organisation, an agent on the portal — is FORBIDDEN and nothing is written. An approval that changes the
 * engagement (budget, schedule) writes the change and the engagement in one transaction; if an agent saved the
 * engagement meanwhile, the approval is applied again to their version (it adds hours or moves a date, so it
 * composes), as long as the change itself is still the one the sponsor saw.
 */
export const changeDecide: Portal['change/decide'] = async (input, context) => {
  const request = await requireRequestViewer(context);
  for (let attempt = 1; ; attempt++) {
    const current = await existingEngagement(request.issueId);
    if (!isSponsor(current.state, context.accountId)) throw new AppError('FORBIDDEN', 'Only the Engagement Sponsor of this engagement can approve or reject its changes.');
    const change = await itemAt(request.issueId, input.changeId, 'change', input.expectedVersion);
    const who = { accountId: context.accountId, name: await myDisplayName() };
    const decided = decideChange(current.state, change, input.decision, who, input.note ?? '', new Date().toISOString());
    // What the approval changed on the engagement, before and after: the sold hours, or the milestone's due date.
    const effect = (state: typeof current.state) =>
      !decided.engagement ? {} : change.category === 'budget' ? { soldHours: state.budget.soldHours } : { milestone: state.milestones.find((m) => m.id === change.milestoneId) ?? null };
    const audit = {
      actor: context.accountId,
      action: `change.${input.decision}`,
      before: { id: change.id, state: change.state, ...effect(current.state) },
      after: { id: change.id, state: decided.change.state, note: decided.change.decision?.note ?? '', ...(decided.engagement ? effect(decided.engagement) : {}) },
    };
    try {
      await saveItem(request.issueId, change.version, decided.change, audit, decided.engagement ? { current, next: decided.engagement } : undefined);
      return decided.change;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'CONFLICT' || !decided.engagement || attempt >= DECIDE_ATTEMPTS) throw error;
    }
  }
};
