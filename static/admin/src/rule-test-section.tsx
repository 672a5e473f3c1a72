import { useState } from 'react';
import { testRuleInput, type RoutingRule } from '../../../src/shared/delivery';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { RuleTestResult } from '../../../src/shared/operations/requests';
import { hasIssueAt } from '../../common/error-message';
import { Field } from '../../common/field';
import { useI18n, type Translate } from '../../common/i18n';
import { call } from '../../common/invoke';
import { ActionError } from './admin-common';
import { problemAt, problemsOfServer, useNames, type Named, type RuleLists } from './delivery-common';

const issueKeySchema = testRuleInput.shape.issueKey;

/**
 * "Test this rule": the rule as it stands in the form (saved or not) tried on an existing issue, read as the admin.
 * Shows each condition's verdict (in words, not only colour) and what routing would do. Nothing is changed.
 */
export function RuleTestSection({ lists, enabled, check }: { lists: RuleLists; enabled: boolean; check: () => RoutingRule | null }) {
  const { t } = useI18n();
  const [issueKey, setIssueKey] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [result, setResult] = useState<RuleTestResult | null>(null);
  const key = issueKey.trim().toUpperCase();
  const keyProblem = attempted && !issueKeySchema.safeParse(key).success ? t('routingAdmin.problems.issueKey') : null;
  // An issue the admin cannot see, or that does not exist, is told beside the key.
  const notFound = failure?.code === 'NOT_FOUND' ? t('routingAdmin.test.notFound', { key }) : null;
  const keyError = keyProblem ?? problemAt(t, problemsOfServer(failure), 'issueKey') ?? notFound;

  const run = async () => {
    if (running) return;
    setAttempted(true);
    setResult(null);
    if (!issueKeySchema.safeParse(key).success) {
      document.getElementById('rule-test-key')?.focus();
      return;
    }
    const rule = check();
    if (!rule) return;
    setRunning(true);
    setFailure(null);
    const answer = await call('admin', 'rule/test', { issueKey: key, rule });
    setRunning(false);
    if (answer.ok) setResult(answer.body);
    else setFailure(answer.error);
  };

  const alert = failure && failure.code !== 'NOT_FOUND' && !hasIssueAt(failure, 'issueKey') ? failure : null;
  return (
    <section className="ed-section" aria-labelledby="rule-test-heading">
      <h4 id="rule-test-heading">{t('routingAdmin.test.heading')}</h4>
      <p className="ed-hint">{t('routingAdmin.test.intro')}</p>
      <div className="ed-row">
        <Field id="rule-test-key" label={t('routingAdmin.test.issueKey')} error={keyError}>
          {(c) => (
            <input
              {...c}
              className="ed-input"
              spellCheck={false}
              autoCapitalize="characters"
              value={issueKey}
              placeholder="PS-1"
              onChange={(e) => setIssueKey(e.target.value)}
              onKeyDown={(e) => {
                // Inside the rule's form, Enter tests rather than saving the rule.
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void run();
                }
              }}
            />
          )}
        </Field>
        <button type="button" className="ed-button" disabled={running} aria-busy={running || undefined} onClick={() => void run()}>
          {running ? t('routingAdmin.test.running') : t('routingAdmin.test.run')}
        </button>
      </div>
      {alert ? <ActionError error={alert} /> : null}
      <div role="status" aria-live="polite">
        {result ? <TestResult result={result} lists={lists} enabled={enabled} /> : null}
      </div>
    </section>
  );
}

function TestResult({ result, lists, enabled }: { result: RuleTestResult; lists: RuleLists; enabled: boolean }) {
  const { t } = useI18n();
  const nameOf = useNames(result.outcome ? [result.outcome.assigneeAccountId] : []);
  return (
    <div className="ed-card">
      <p className={`ed-verdict ${result.matched ? 'ed-verdict--passes' : 'ed-verdict--fails'}`}>
        {result.matched ? t('routingAdmin.test.matches', { key: result.issueKey }) : t('routingAdmin.test.noMatch', { key: result.issueKey })}
      </p>
      {!enabled ? <p className="ed-note">{t('routingAdmin.test.off')}</p> : null}
      {result.alreadyRoutedBy ? <p className="ed-note">{t('routingAdmin.test.routed', { key: result.issueKey, rule: result.alreadyRoutedBy })}</p> : null}
      {result.checks.length === 0 ? (
        <p>{t('routingAdmin.rules.cond.none')}</p>
      ) : (
        <ul className="ed-list" aria-label={t('routingAdmin.test.checks')}>
          {result.checks.map((check, i) => (
            <li key={i} className="ed-point">
              <span className={`ed-verdict ${check.ok ? 'ed-verdict--passes' : 'ed-verdict--fails'}`}>
                <span aria-hidden="true">{check.ok ? '✓ ' : '✗ '}</span>
                {check.ok ? t('routingAdmin.test.passes') : t('routingAdmin.test.fails')}
              </span>{' '}
              {describeCheck(t, check, lists)}
            </li>
          ))}
        </ul>
      )}
      {result.outcome ? (
        <>
          <h5>{t('routingAdmin.test.outcome')}</h5>
          <dl className="ed-facts">
            <dt>{t('routingAdmin.test.team')}</dt>
            <dd>{result.outcome.teamName}</dd>
            <dt>{t('routingAdmin.test.assignee')}</dt>
            <dd>{nameOf(result.outcome.assigneeAccountId)}</dd>
            <dt>{t('routingAdmin.test.labels')}</dt>
            <dd>{result.outcome.labels.join(', ')}</dd>
            <dt>{t('routingAdmin.test.endCustomer')}</dt>
            <dd>{result.outcome.endCustomer ?? t('routingAdmin.test.endCustomerNone')}</dd>
            <dt>{t('routingAdmin.test.commentLanguage')}</dt>
            <dd>{t(`languages.${result.outcome.commentLocale}`)}</dd>
            <dt>{t('routingAdmin.test.comment')}</dt>
            <dd>
              <blockquote className="ed-quote" lang={result.outcome.commentLocale.slice(0, 2)}>
                {result.outcome.comment}
              </blockquote>
            </dd>
          </dl>
        </>
      ) : null}
    </div>
  );
}

/** One condition's verdict with Jira's names for the ids the rule and the issue hold. */
function describeCheck(t: Translate, check: RuleTestResult['checks'][number], lists: RuleLists): string {
  const names = (text: string, from: Named[]) =>
    text
      .split(', ')
      .map((id) => from.find((x) => x.id === id)?.name ?? id)
      .join(', ');
  const from = check.kind === 'issue-type' ? lists.issueTypes : check.kind === 'request-type' ? lists.requestTypes : check.kind === 'organization' ? lists.organizations : null;
  const expected = from ? names(check.expected, from) : check.expected;
  const found = from ? names(check.found, from) : check.found;
  const what = check.kind === 'field' ? (lists.fields.find((f) => f.id === check.fieldId)?.name ?? check.fieldId ?? '') : t(`routingAdmin.test.kind.${check.kind}`);
  return t('routingAdmin.test.expectedFound', { what, expected, found });
}
