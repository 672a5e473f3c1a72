import { z } from 'zod';
import {
  clearHoldInput,
  financeHoldInput,
  removeTeamInput,
  saveRulesInput,
  saveTeamInput,
  testRuleInput,
  type DeliverySetup,
  type FinanceHold,
} from '../delivery';
import {
  assignConsultantInput,
  completePhaseInput,
  draftSowInput,
  estimateInput,
  reassignInput,
  versionOnlyInput,
  type RequestView,
} from '../implementation';
import type { Viewer } from '../viewer';

/**
 * Operations of implementation requests and delivery (issue 6), per surface. Composed into src/shared/operations.ts.
 *
 * Issue panel (agents and the delivery team; Edit Issues on the request, checked as the user, and for delivery steps
 * membership of the request's team): the request's view and its workflow steps. Every step answers the request's
 * view as saved.
 * Portal (the partner; the request read AS THE USER proves they may see it): the partner view, signing the SOW,
 * purchasing the quoted hours.
 * Project page (the delivery team): the board, its pages, reassignment with a reason, month-end statements and
 * their CSV per partner.
 * Admin (Jira admins): rules, teams, holds, "Test this rule".
 */
const none = z.object({}).strict();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month as YYYY-MM');
const cursor = z.string().min(1).max(4000).nullable().default(null);

// ---- answers -------------------------------------------------------------------------------------------------------

/** What "Test this rule" says about one issue: whether it matches, each condition's verdict, what routing would do. */
export interface RuleTestResult {
  issueKey: string;
  matched: boolean;
  checks: Array<{ kind: 'issue-type' | 'request-type' | 'field' | 'summary' | 'organization'; ok: boolean; expected: string; found: string; fieldId?: string }>;
  /** What the trigger would do on a match (nothing is written by a test). */
  outcome: { teamName: string; assigneeAccountId: string; labels: string[]; endCustomer: string | null; commentLocale: 'en-US' | 'fr-FR'; comment: string } | null;
  /** When the issue is routed already, by which rule. */
  alreadyRoutedBy: string | null;
}

export interface ConsultantLoad {
  accountId: string;
  openHours: number;
  weeklyCapacityHours: number;
  absentToday: boolean;
  /** Today's backup while absent. */
  backupAccountId: string | null;
  skills: string[];
}

export interface BoardPage {
  viewer: Viewer;
  project: { key: string };
  teams: Array<{ id: string; name: string }>;
  /** The team shown (the viewer's own, else the first); null when no team exists yet. */
  teamId: string | null;
  requests: RequestView['request'][];
  cursor: string | null;
  loads: ConsultantLoad[];
  holds: FinanceHold[];
  /** Whether the viewer may reassign this team's requests (its lead, or a Jira admin): the page offers "Reassign" then. */
  canReassign: boolean;
}

export interface StatementRow {
  month: string;
  issueKey: string;
  partnerOrganizationId: string | null;
  partnerName: string | null;
  endCustomer: string | null;
  hoursPerStage: Record<string, number>;
  totalHours: number;
  travel: string;
}

// ---- operations ----------------------------------------------------------------------------------------------------

export const requestOperations = {
  'issue-panel': {
    'request/get': { input: none, answer: {} as RequestView | null },
    'request/estimate': { input: estimateInput, answer: {} as RequestView },
    'request/draft-sow': { input: draftSowInput, answer: {} as RequestView },
    'request/quote-hours': { input: versionOnlyInput, answer: {} as RequestView },
    'request/set-up-back-office': { input: versionOnlyInput, answer: {} as RequestView },
    'request/assign-consultant': { input: assignConsultantInput, answer: {} as RequestView },
    'request/confirm-consultant': { input: versionOnlyInput, answer: {} as RequestView },
    'request/reject-consultant': { input: versionOnlyInput, answer: {} as RequestView },
    'request/complete-phase': { input: completePhaseInput, answer: {} as RequestView },
    'request/complete': { input: versionOnlyInput, answer: {} as RequestView },
  },
  portal: {
    'request/mine': { input: none, answer: {} as RequestView | null },
    'request/sign-sow': { input: versionOnlyInput, answer: {} as RequestView },
    'request/purchase-hours': { input: versionOnlyInput, answer: {} as RequestView },
  },
  'project-page': {
    'board/page': { input: z.object({ teamId: z.string().min(1).max(60).nullable().default(null), cursor, limit: z.number().int().min(1).max(100).default(50) }).strict(), answer: {} as BoardPage },
    'board/reassign': { input: reassignInput, answer: {} as RequestView },
    'statements/list': { input: z.object({ month, cursor }).strict(), answer: {} as { statements: StatementRow[]; cursor: string | null; runFinished: boolean } },
    'statements/csv': { input: z.object({ month, organizationId: z.string().regex(/^\d+$/) }).strict(), answer: {} as { filename: string; csv: string } },
  },
  admin: {
    'delivery/get': { input: none, answer: {} as { setup: DeliverySetup; holds: FinanceHold[] } },
    'rules/save': { input: saveRulesInput, answer: {} as DeliverySetup },
    'rule/test': { input: testRuleInput, answer: {} as RuleTestResult },
    'team/save': { input: saveTeamInput, answer: {} as { setup: DeliverySetup; teamId: string } },
    'team/remove': { input: removeTeamInput, answer: {} as DeliverySetup },
    'hold/set': { input: financeHoldInput, answer: {} as FinanceHold },
    'hold/clear': { input: clearHoldInput, answer: {} as FinanceHold | null },
  },
} as const;
