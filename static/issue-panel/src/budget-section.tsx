import { useState, type FormEvent } from 'react';
import { updateBudgetInput } from '../../../src/shared/engagement';
import { Field, serverIssue } from '../../common/field';
import { useI18n, type Translate } from '../../common/i18n';
import { call } from '../../common/invoke';
import { parseHours, useEngagement, useWrite, WriteError } from './engagement-context';

const FIELDS = ['soldHours', 'estimateHours', 'salesOrder'] as const;

function hoursProblem(t: Translate, value: number | null): string | null {
  if (value === null) return null;
  if (Number.isNaN(value)) return t('validation.number');
  const parsed = updateBudgetInput.shape.estimateHours.safeParse(value);
  return parsed.success ? null : t('engagementPanel.validation.hours');
}

/** Sold hours, the estimate, hours logged in Jira (issue and sub-tasks), what remains, and the over-estimate warning. */
export function BudgetSection() {
  const { t, formatNumber } = useI18n();
  const { engagement, canEdit, saved } = useEngagement();
  const status = engagement.budgetStatus;
  const soldSet = engagement.budget.soldHours !== null;
  const [sold, setSold] = useState(engagement.budget.soldHours?.toString() ?? '');
  const [estimate, setEstimate] = useState(engagement.budget.estimateHours?.toString() ?? '');
  const [salesOrder, setSalesOrder] = useState(engagement.budget.salesOrder ?? '');
  const [attempted, setAttempted] = useState(false);
  const [done, setDone] = useState(false);
  const write = useWrite();
  const hours = (value: number | null) => (value === null ? t('engagementPanel.budget.unknown') : t('engagementPanel.budget.hours', { hours: formatNumber(value) }));

  const soldValue = parseHours(sold);
  const estimateValue = parseHours(estimate);
  const problems = {
    soldHours: attempted && !soldSet ? hoursProblem(t, soldValue) : null,
    estimateHours: attempted ? hoursProblem(t, estimateValue) : null,
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setDone(false);
    if (hoursProblem(t, estimateValue) || (!soldSet && hoursProblem(t, soldValue))) return;
    const input = {
      ...(!soldSet && soldValue !== null ? { soldHours: soldValue } : {}),
      estimateHours: estimateValue,
      salesOrder: salesOrder.trim() === '' ? null : salesOrder,
      expectedVersion: engagement.version,
    };
    const ok = await write.run(() => call('issue-panel', 'budget/update', input), saved);
    if (ok) setDone(true);
  };

  return (
    <section aria-labelledby="ep-budget" className="ep-section">
      <h3 id="ep-budget">{t('engagementPanel.budget.heading')}</h3>
      <dl className="ed-facts" aria-label={t('engagementPanel.budget.heading')}>
        <dt>{t('engagementPanel.budget.sold')}</dt>
        <dd data-testid="budget-sold">{hours(status.soldHours)}</dd>
        <dt>{t('engagementPanel.budget.estimate')}</dt>
        <dd data-testid="budget-estimate">{hours(status.estimateHours)}</dd>
        <dt>{t('engagementPanel.budget.logged')}</dt>
        <dd>{hours(status.loggedHours)}</dd>
        <dt>{t('engagementPanel.budget.remaining')}</dt>
        <dd>{hours(status.remainingHours)}</dd>
        {status.pendingChangeHours !== 0 ? (
          <>
            <dt>{t('engagementPanel.budget.pending')}</dt>
            <dd>{hours(status.pendingChangeHours)}</dd>
          </>
        ) : null}
      </dl>
      {status.overEstimate ? (
        <p className="ep-warning" role="note">
          <span aria-hidden="true">⚠ </span>
          {t('engagementPanel.budget.overEstimate')}
        </p>
      ) : null}
      {status.overSold ? (
        <p className="ep-warning" role="note">
          <span aria-hidden="true">⚠ </span>
          {t('engagementPanel.budget.overSold')}
        </p>
      ) : null}
      {canEdit ? (
        <form className="ed-form" noValidate onSubmit={submit} aria-label={t('engagementPanel.budget.formLabel')}>
          <WriteError error={write.error} fields={FIELDS} />
          {done ? <p role="status">{t('engagementPanel.saved')}</p> : null}
          {soldSet ? null : (
            <Field id="ep-budget-sold" label={t('engagementPanel.budget.soldLabel')} hint={t('engagementPanel.budget.soldHint')} error={problems.soldHours ?? serverIssue(t, write.error, 'soldHours')}>
              {(control) => <input {...control} className="ed-input" inputMode="decimal" value={sold} onChange={(e) => setSold(e.target.value)} />}
            </Field>
          )}
          <Field id="ep-budget-estimate" label={t('engagementPanel.budget.estimateLabel')} error={problems.estimateHours ?? serverIssue(t, write.error, 'estimateHours')}>
            {(control) => <input {...control} className="ed-input" inputMode="decimal" value={estimate} onChange={(e) => setEstimate(e.target.value)} />}
          </Field>
          <Field id="ep-budget-order" label={t('engagementPanel.budget.salesOrder')} error={serverIssue(t, write.error, 'salesOrder')}>
            {(control) => <input {...control} className="ed-input" value={salesOrder} onChange={(e) => setSalesOrder(e.target.value)} autoComplete="off" />}
          </Field>
          <div className="ed-actions">
            <button type="submit" className="ed-button ed-button--primary" disabled={write.saving} aria-busy={write.saving || undefined}>
              {write.saving ? t('common.saving') : t('engagementPanel.budget.submit')}
            </button>
          </div>
        </form>
      ) : engagement.budget.salesOrder ? (
        <p>
          {t('engagementPanel.budget.salesOrder')}: {engagement.budget.salesOrder}
        </p>
      ) : null}
    </section>
  );
}
