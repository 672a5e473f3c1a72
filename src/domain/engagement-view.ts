import type {
  ChangeRequest,
  EngagementCore,
  EngagementItem,
  EngagementView,
  Escalation,
  ItemsPage,
  PortalEngagement,
  ProgressPoint,
} from '../shared/engagement';
import { budgetStatus } from './engagement-budget';
import { engagementFile } from './engagement-documents';
import { holdersOf, isSponsor, roleViews, SPONSOR_ROLE_KEY } from './engagement-roles';
import type { EngagementState } from './engagement-state';

/** What the panel and the portal show of an engagement: the stored state with the rules applied. */

export function toCore(state: EngagementState, version: number): EngagementCore {
  const template = state.template;
  return {
    issueId: state.issueId,
    title: state.title,
    createdAt: state.createdAt,
    createdBy: state.createdBy,
    updatedAt: state.updatedAt,
    updatedBy: state.updatedBy,
    version,
    organisation: state.organisation ? { id: state.organisation.id, name: state.organisation.name } : null,
    projectKind: state.projectKind,
    template: template ? { key: template.key, kind: template.kind, name: template.name } : null,
    roles: roleViews(state),
    headOfSales: state.headOfSales,
    milestones: state.milestones,
    kickoff: state.kickoff,
    retrospective: state.retrospective,
    budget: state.budget,
    documents: state.documents,
    engagementFile: engagementFile(state.documents),
  };
}

/** Sorts a page of items (newest first, as read) into its three lists. */
export function splitItems(items: readonly EngagementItem[], cursor: string | null): ItemsPage {
  return {
    progressPoints: items.filter((i): i is ProgressPoint => i.kind === 'progress-point'),
    escalations: items.filter((i): i is Escalation => i.kind === 'escalation'),
    changes: items.filter((i): i is ChangeRequest => i.kind === 'change'),
    cursor,
  };
}

export function toView(state: EngagementState, version: number, items: ItemsPage, loggedHours: number | null): EngagementView {
  return {
    ...toCore(state, version),
    progressPoints: items.progressPoints,
    escalations: items.escalations,
    changes: items.changes,
    itemsCursor: items.cursor,
    budgetStatus: budgetStatus(state.budget, loggedHours, items.changes),
  };
}

/**
 * The customer's view: the plan they acknowledge and the changes their sponsor decides. Escalations (internal),
 * the engagement file, estimates, logged hours and people's contact details stay on the vendor's side.
 */
export function toPortalEngagement(state: EngagementState, items: ItemsPage, viewerAccountId: string): PortalEngagement {
  const sponsor = holdersOf(state, SPONSOR_ROLE_KEY)[0];
  return {
    title: state.title,
    organisationName: state.organisation?.name ?? null,
    milestones: state.milestones.map((m) => ({ ...m, progressPoints: items.progressPoints.filter((p) => p.milestoneId === m.id) })),
    changes: items.changes,
    soldHours: state.budget.soldHours,
    kickoffDate: state.kickoff.date,
    viewerIsSponsor: isSponsor(state, viewerAccountId),
    sponsorName: sponsor?.name ?? null,
  };
}
