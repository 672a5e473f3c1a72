import { APP_LABEL } from '../../shared/delivery';
import { chooseTriageOwner } from '../../domain/consultant-choice';
import { endCustomerOf, evaluateRule, routingComment } from '../../domain/routing-rules';
import { lookupAccounts } from '../../jira/accounts';
import { findFieldIds } from '../../jira/request-fields';
import { readRoutingIssue, readUserLocale } from '../../jira/routing-facts';
import type { JiraFieldIds, TestRuleInput } from '../../shared/delivery';
import { AppError } from '../../shared/errors';
import { toSupportedLocale, type SupportedLocale } from '../../shared/locales';
import type { RuleTestResult } from '../../shared/operations/requests';
import { readSetup, readTeamState, type StoredSetup } from '../../storage/delivery-setup-repository';
import { readRequest } from '../../storage/request-repository';
import { readSettings } from '../../storage/settings-repository';

/** The label every routed request gets, besides the rule's own. */

/**
 * "Test this rule" on an existing issue: reads the issue AS THE ADMIN (an issue they cannot see is NOT_FOUND), evaluates
 * the rule as it stands in the form (saved or not; a rule switched off is tried as if it were on, and the page says it
 * is off), and says what routing would do: team, assignee (the team's triage owner today), labels, end customer and
 * the partner's comment in the reporter's language. Nothing is written, in Jira or in storage — not even the field
 * ids found by name.
 */
export async function testRule(input: TestRuleInput): Promise<RuleTestResult> {
  const [setup, settings] = await Promise.all([readSetup(), readSettings()]);
  const rule = { ...input.rule, enabled: true };
  const team = setup.teams.find((t) => t.id === rule.teamId);
  if (!team) throw new AppError('INVALID_INPUT', 'The rule routes to a team that does not exist.', [{ path: 'rule.teamId', message: 'No such team' }]);

  const ids = await fieldIdsForTest(setup);
  const issue = await readRoutingIssue(input.issueKey, { ...ids, conditions: rule.conditions.fields.map((f) => f.fieldId) }, 'user');
  const evaluation = evaluateRule(rule, issue.snapshot.facts);
  const routed = await readRequest(issue.issueId);
  const alreadyRoutedBy = routed ? (setup.rules.find((r) => r.id === routed.ruleId)?.name ?? routed.ruleId) : null;
  const answer = { issueKey: issue.issueKey, matched: evaluation.matched, checks: evaluation.checks, alreadyRoutedBy };
  if (!evaluation.matched) return { ...answer, outcome: null };

  const today = new Date().toISOString().slice(0, 10);
  const [state, reporterLocale] = await Promise.all([readTeamState(team.id), issue.snapshot.reporterAccountId ? readUserLocale(issue.snapshot.reporterAccountId) : Promise.resolve(null)]);
  const assignee = chooseTriageOwner(team, state, today);
  const names = await lookupAccounts([assignee]);
  const locale: SupportedLocale = reporterLocale ? toSupportedLocale(reporterLocale) : settings.siteLocale;
  const endCustomer = endCustomerOf(issue.snapshot.endCustomerField, evaluation);
  return {
    ...answer,
    outcome: {
      teamName: team.name,
      assigneeAccountId: assignee,
      labels: [...new Set([APP_LABEL, ...rule.labels])],
      endCustomer,
      commentLocale: locale,
      comment: routingComment(rule.comment, locale, { team: team.name, endCustomer, assignee: names.get(assignee)?.displayName || assignee }),
    },
  };
}

/** The ids kept in the set-up when they are complete, else found by name now (and not stored: a test writes nothing). */
async function fieldIdsForTest(setup: StoredSetup): Promise<JiraFieldIds> {
  const kept = setup.fieldIds;
  if (kept && kept.endCustomer && kept.requestType && kept.organizations) return kept;
  return findFieldIds();
}
