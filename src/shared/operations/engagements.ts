import { z } from 'zod';
import {
  acknowledgeProgressPointInput,
  addDocumentInput,
  addMilestoneInput,
  addProgressPointInput,
  assignHeadOfSalesInput,
  assignRoleInput,
  decideChangeInput,
  historyListInput,
  itemsListInput,
  linkEngagementInput,
  proposeChangeInput,
  raiseEscalationInput,
  removeDocumentInput,
  startEngagementInput,
  toggleDutyInput,
  updateBudgetInput,
  updateDocumentInput,
  updateEscalationInput,
  updateMeetingInput,
  updateMilestoneInput,
  type ChangeRequest,
  type EngagementCore,
  type EngagementOptions,
  type EngagementView,
  type Escalation,
  type HistoryPage,
  type IssuePanelView,
  type ItemsPage,
  type Notice,
  type PortalEngagementView,
  type ProgressPoint,
} from '../engagement';

/**
 * Operations of the engagement panel and its governance (issue 5, items 3, 6, 7), per surface.
 * Composed into src/shared/operations.ts.
 *
 * Issue panel (agents and delivery people; every write needs Edit Issues on the issue, checked as the user):
 * the panel opens with `panel/get` (one call: viewer, engagement, items, budget with logged hours, history);
 * older items and history page with their `…/list`. Writes to the engagement answer the engagement as saved
 * (EngagementCore); writes of an item answer the item (and, for raise/propose, whether Jira was told).
 *
 * Portal (customers; the request read AS THE USER proves they may see it): `engagement/mine`, acknowledging a
 * progress point (any customer who sees the request), deciding a change (its Engagement Sponsor only).
 */
const none = z.object({}).strict();

export const engagementOperations = {
  'issue-panel': {
    'panel/get': { input: none, answer: {} as IssuePanelView },
    'history/list': { input: historyListInput, answer: {} as HistoryPage },
    'engagement-items/list': { input: itemsListInput, answer: {} as ItemsPage },
    'engagement/options': { input: none, answer: {} as EngagementOptions },
    'engagement/start': { input: startEngagementInput, answer: {} as EngagementView },
    'engagement/link': { input: linkEngagementInput, answer: {} as EngagementCore },
    'role/assign': { input: assignRoleInput, answer: {} as EngagementCore },
    'head-of-sales/assign': { input: assignHeadOfSalesInput, answer: {} as EngagementCore },
    'duty/toggle': { input: toggleDutyInput, answer: {} as EngagementCore },
    'milestone/add': { input: addMilestoneInput, answer: {} as EngagementCore },
    'milestone/update': { input: updateMilestoneInput, answer: {} as EngagementCore },
    'progress-point/add': { input: addProgressPointInput, answer: {} as ProgressPoint },
    'kickoff/update': { input: updateMeetingInput, answer: {} as EngagementCore },
    'retrospective/update': { input: updateMeetingInput, answer: {} as EngagementCore },
    'budget/update': { input: updateBudgetInput, answer: {} as EngagementCore },
    'document/add': { input: addDocumentInput, answer: {} as EngagementCore },
    'document/update': { input: updateDocumentInput, answer: {} as EngagementCore },
    'document/remove': { input: removeDocumentInput, answer: {} as EngagementCore },
    'escalation/raise': { input: raiseEscalationInput, answer: {} as { escalation: Escalation; notice: Notice } },
    'escalation/update': { input: updateEscalationInput, answer: {} as { escalation: Escalation; notice: Notice | null } },
    'change/propose': { input: proposeChangeInput, answer: {} as { change: ChangeRequest; notice: Notice } },
  },
  portal: {
    'engagement/mine': { input: none, answer: {} as PortalEngagementView },
    'progress-point/acknowledge': { input: acknowledgeProgressPointInput, answer: {} as ProgressPoint },
    'change/decide': { input: decideChangeInput, answer: {} as ChangeRequest },
  },
  'project-page': {},
  admin: {},
} as const;
