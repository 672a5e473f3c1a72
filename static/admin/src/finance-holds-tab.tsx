import { useRef, useState, type FormEvent } from 'react';
import { financeHoldInput, type FinanceHold } from '../../../src/shared/delivery';
import type { AppErrorBody } from '../../../src/shared/errors';
import { EmptyState } from '../../common/empty-state';
import { allIssuesBeside, ErrorMessage } from '../../common/error-message';
import { Field } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { SuccessMessage } from '../../common/page';
import { useLoad } from '../../common/use-load';
import { ActionError } from './admin-common';
import { formatDay, formatMoney, loadOrganizations, problemAt, problemsOfServer, problemsOfZod, useDelivery, useFocusFirstInvalid, useNames, type DeliveryData, type Named, type Problem } from './delivery-common';

/**
 * Finance holds: a partner whose invoices are overdue. While the hold is on, consultant assignment waits (automatic and
 * by hand) and every party sees why; routing to the team still happens. Setting a hold on a partner already held
 * replaces its amount and dates.
 */
export default function FinanceHoldsTab() {
  const load = useDelivery();
  const organizations = useLoad(loadOrganizations);
  const last = useRef<DeliveryData | null>(null);
  if (load.state.status === 'ready') last.current = load.state.data;
  if (load.state.status === 'error') return <ActionError error={load.state.error} onReload={load.reload} />;
  if (organizations.state.status === 'error') return <ErrorMessage error={organizations.state.error} onRetry={organizations.reload} />;
  if (!last.current || organizations.state.status !== 'ready') return <Loading />;
  const replace = (change: (holds: FinanceHold[]) => FinanceHold[]) => load.update((d) => ({ ...d, holds: change(d.holds) }));
  return <Holds holds={last.current.holds} organizations={organizations.state.data} replace={replace} />;
}

function Holds({ holds, organizations, replace }: { holds: FinanceHold[]; organizations: Named[]; replace: (change: (holds: FinanceHold[]) => FinanceHold[]) => void }) {
  const { t, locale, formatDateTime } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [clearing, setClearing] = useState<string | null>(null);
  const nameOf = useNames(holds.map((h) => h.setBy));

  const clear = async (hold: FinanceHold) => {
    if (clearing) return;
    setClearing(hold.organizationId);
    setFailure(null);
    setNotice(null);
    const answer = await call('admin', 'hold/clear', { organizationId: hold.organizationId });
    setClearing(null);
    if (!answer.ok) {
      setFailure(answer.error);
      return;
    }
    replace((list) => list.filter((h) => h.organizationId !== hold.organizationId));
    setNotice(answer.body ? t('routingAdmin.holds.cleared', { name: hold.organizationName }) : t('routingAdmin.holds.alreadyCleared', { name: hold.organizationName }));
    document.getElementById('holds-heading')?.focus();
  };

  return (
    <section aria-labelledby="holds-heading" className="ed-section">
      <h2 id="holds-heading" tabIndex={-1}>
        {t('routingAdmin.holds.heading')}
      </h2>
      <p>{t('routingAdmin.holds.intro')}</p>
      {failure ? <ActionError error={failure} /> : null}
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {holds.length === 0 ? (
        <EmptyState title={t('routingAdmin.holds.emptyTitle')} description={t('routingAdmin.holds.emptyText')} headingLevel={3} />
      ) : (
        <table className="ed-table">
          <caption className="ed-visually-hidden">{t('routingAdmin.holds.listLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('routingAdmin.holds.organization')}</th>
              <th scope="col">{t('routingAdmin.holds.amount')}</th>
              <th scope="col">{t('routingAdmin.holds.overdueSince')}</th>
              <th scope="col">{t('routingAdmin.holds.note')}</th>
              <th scope="col">{t('routingAdmin.holds.setBy')}</th>
              <th scope="col">{t('routingAdmin.holds.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {holds.map((hold) => (
              <tr key={hold.organizationId}>
                <th scope="row">{hold.organizationName}</th>
                <td>{formatMoney(locale, hold.amount, hold.currency)}</td>
                <td>{formatDay(locale, hold.overdueSince)}</td>
                <td>{hold.note || '—'}</td>
                <td>{t('routingAdmin.holds.setByAt', { name: nameOf(hold.setBy), date: formatDateTime(hold.setAt) })}</td>
                <td>
                  <button type="button" className="ed-button" disabled={clearing !== null} onClick={() => void clear(hold)} aria-label={t('routingAdmin.holds.clearNamed', { name: hold.organizationName })}>
                    {clearing === hold.organizationId ? t('routingAdmin.holds.clearing') : t('routingAdmin.holds.clear')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <HoldForm
        organizations={organizations}
        onSaved={(hold) => {
          setNotice(t('routingAdmin.holds.saved', { name: hold.organizationName }));
          replace((list) => [...list.filter((h) => h.organizationId !== hold.organizationId), hold]);
        }}
      />
    </section>
  );
}

function HoldForm({ organizations, onSaved }: { organizations: Named[]; onSaved: (hold: FinanceHold) => void }) {
  const { t } = useI18n();
  const [organizationId, setOrganizationId] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [overdueSince, setOverdueSince] = useState('');
  const [note, setNote] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const focusFirstInvalid = useFocusFirstInvalid('hold-form');

  const parsed = financeHoldInput.safeParse({
    organizationId,
    amount: amount.trim() === '' ? Number.NaN : Number(amount),
    currency: currency.trim().toUpperCase(),
    overdueSince,
    note,
  });
  const problems: Problem[] = [...(attempted && !parsed.success ? problemsOfZod(parsed.error) : []), ...problemsOfServer(failure)];
  const at = (path: string) => problemAt(t, problems, path);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setAttempted(true);
    if (!parsed.success) {
      focusFirstInvalid();
      return;
    }
    setSaving(true);
    setFailure(null);
    const answer = await call('admin', 'hold/set', parsed.data);
    setSaving(false);
    if (!answer.ok) {
      setFailure(answer.error);
      return;
    }
    onSaved(answer.body);
    setAttempted(false);
    setOrganizationId('');
    setAmount('');
    setOverdueSince('');
    setNote('');
  };

  const alert = failure && !allIssuesBeside(failure, ['organizationId', 'amount', 'currency', 'overdueSince', 'note']) ? failure : null;
  return (
    <form id="hold-form" className="ed-form ed-card" noValidate onSubmit={submit} aria-labelledby="hold-form-heading">
      <h3 id="hold-form-heading">{t('routingAdmin.holds.formHeading')}</h3>
      <p className="ed-hint">{t('routingAdmin.holds.formHint')}</p>
      {alert ? <ActionError error={alert} /> : null}
      <Field id="hold-organization" label={t('routingAdmin.holds.organization')} required error={at('organizationId')}>
        {(c) => (
          <select {...c} className="ed-select" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
            <option value="">{t('routingAdmin.holds.chooseOrganization')}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="ed-row">
        <Field id="hold-amount" label={t('routingAdmin.holds.amount')} required error={at('amount')}>
          {(c) => <input {...c} className="ed-input" type="number" inputMode="decimal" min="0.01" step="any" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
        <Field id="hold-currency" label={t('routingAdmin.holds.currency')} required hint={t('routingAdmin.holds.currencyHint')} error={at('currency')}>
          {(c) => <input {...c} className="ed-input" maxLength={3} autoCapitalize="characters" spellCheck={false} value={currency} onChange={(e) => setCurrency(e.target.value)} />}
        </Field>
      </div>
      <Field id="hold-overdue" label={t('routingAdmin.holds.overdueSince')} required hint={t('routingAdmin.holds.overdueHint')} error={at('overdueSince')}>
        {(c) => <input {...c} className="ed-input" type="date" value={overdueSince} onChange={(e) => setOverdueSince(e.target.value)} />}
      </Field>
      <Field id="hold-note" label={t('routingAdmin.holds.note')} hint={t('routingAdmin.holds.noteHint')} error={at('note')}>
        {(c) => <textarea {...c} className="ed-input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('common.saving') : t('routingAdmin.holds.save')}
        </button>
      </div>
    </form>
  );
}
