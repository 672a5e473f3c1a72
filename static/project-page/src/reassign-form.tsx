import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { ImplementationRequest, RequestView } from '../../../src/shared/implementation';
import type { ConsultantLoad } from '../../../src/shared/operations/requests';
import { ErrorMessage, hasIssueAt } from '../../common/error-message';
import { Field } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';

const MAX_REASON = 500;

interface Props {
  request: ImplementationRequest;
  loads: ConsultantLoad[];
  person: (id: string | null) => string;
  onCancel: () => void;
  onSaved: (view: RequestView) => void;
  onReload: () => void;
}

/**
 * Reassigning a request: another member of the team and a reason, both required. A form inside the card (no modal:
 * nothing heavy loads for it), reachable and usable with the keyboard; Escape cancels. Errors are written beside the
 * field they concern; a conflict offers to reload the board, a finance hold says so.
 */
export function ReassignForm({ request, loads, person, onCancel, onSaved, onReload }: Props) {
  const { t, formatNumber } = useI18n();
  const [accountId, setAccountId] = useState('');
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  useEffect(() => selectRef.current?.focus(), []);

  const id = `reassign-${request.issueId}`;
  const choices = loads.filter((l) => l.accountId !== request.consultantAccountId);
  const consultantError = checked && !accountId ? t('deliveryBoard.reassign.errors.consultant') : hasIssueAt(error, 'accountId') ? t('deliveryBoard.reassign.errors.notMember') : null;
  const reasonError = checked && reason.trim() === '' ? t('deliveryBoard.reassign.errors.reason') : hasIssueAt(error, 'reason') ? t('deliveryBoard.reassign.errors.reason') : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setError(null);
    if (!accountId || reason.trim() === '') return;
    setSaving(true);
    const answer = await call('project-page', 'board/reassign', { issueKey: request.issueKey, accountId, reason: reason.trim(), expectedVersion: request.version });
    setSaving(false);
    if (answer.ok) onSaved(answer.body);
    else setError(answer.error);
  };

  const fieldIssue = error?.code === 'INVALID_INPUT' && (hasIssueAt(error, 'accountId') || hasIssueAt(error, 'reason'));
  return (
    <form
      className="ed-form db-reassign"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h4 id={`${id}-title`}>{t('deliveryBoard.reassign.title', { key: request.issueKey })}</h4>
      <p className="ed-subtle">{t('deliveryBoard.reassign.current', { name: person(request.consultantAccountId) })}</p>
      <Field id={`${id}-consultant`} label={t('deliveryBoard.reassign.consultant')} required error={consultantError}>
        {(control) => (
          <select {...control} ref={selectRef} className="ed-select" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            <option value="">{t('deliveryBoard.reassign.choose')}</option>
            {choices.map((load) => (
              <option key={load.accountId} value={load.accountId}>
                {t('deliveryBoard.reassign.option', {
                  name: person(load.accountId),
                  open: formatNumber(load.openHours),
                  capacity: formatNumber(load.weeklyCapacityHours),
                })}
                {load.absentToday ? ` — ${t('deliveryBoard.loads.absent')}` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-reason`} label={t('deliveryBoard.reassign.reason')} required hint={t('deliveryBoard.reassign.reasonHint')} error={reasonError}>
        {(control) => <textarea {...control} className="ed-input" rows={3} maxLength={MAX_REASON} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {error && !fieldIssue ? (
        error.code === 'FINANCE_HOLD' ? (
          <ErrorMessage error={error} message={t('deliveryBoard.reassign.held')} hideDetail />
        ) : error.code === 'FORBIDDEN' ? (
          <ErrorMessage error={error} message={t('deliveryBoard.reassign.forbidden')} hideDetail />
        ) : (
          <ErrorMessage error={error} onRetry={error.code === 'CONFLICT' ? onReload : undefined} />
        )
      ) : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={saving} aria-busy={saving}>
          {saving ? t('common.saving') : t('deliveryBoard.reassign.save')}
        </button>
        <button type="button" className="ed-button" onClick={onCancel} disabled={saving}>
          {t('deliveryBoard.reassign.cancel')}
        </button>
      </div>
    </form>
  );
}
