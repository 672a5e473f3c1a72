import { useEffect, useState, type FormEvent } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { Phase } from '../../../src/shared/implementation';
import type { StatementRow } from '../../../src/shared/operations/requests';
import { EmptyState } from '../../common/empty-state';
import { ErrorMessage } from '../../common/error-message';
import { Field } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { PHASE_ORDER, phaseName } from './board-words';

/** The month before this one (UTC), as the month-end run invoices it: what a lead most often wants to see. */
function lastMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

interface Listing {
  month: string;
  statements: StatementRow[];
  cursor: string | null;
  runFinished: boolean;
}

/**
 * Month-end statements of a month, grouped by partner, each partner with its CSV (made by the resolver, offered here
 * as a Blob link: a Custom UI page cannot write files any other way).
 */
export function StatementsView() {
  const { t } = useI18n();
  const [month, setMonth] = useState(lastMonth);
  const [checked, setChecked] = useState(false);
  const [listing, setListing] = useState<Listing | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);

  const load = async (wanted: string, cursor: string | null) => {
    setLoading(true);
    setError(null);
    const answer = await call('project-page', 'statements/list', { month: wanted, cursor });
    setLoading(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setListing((before) => ({
      month: wanted,
      statements: cursor && before?.month === wanted ? [...before.statements, ...answer.body.statements] : answer.body.statements,
      cursor: answer.body.cursor,
      runFinished: answer.body.runFinished,
    }));
  };

  useEffect(() => {
    void load(lastMonth(), null);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (MONTH.test(month)) void load(month, null);
  };
  const monthError = checked && !MONTH.test(month) ? t('deliveryBoard.statements.monthInvalid') : null;

  return (
    <section aria-labelledby="statements-heading" className="db-statements">
      <h2 id="statements-heading">{t('deliveryBoard.statements.heading')}</h2>
      <p className="ed-subtle">{t('deliveryBoard.statements.intro')}</p>
      <form className="db-month" onSubmit={submit} noValidate>
        <Field id="statements-month" label={t('deliveryBoard.statements.month')} hint={t('deliveryBoard.statements.monthHint')} error={monthError}>
          {(control) => <input {...control} type="month" className="ed-input" value={month} onChange={(e) => setMonth(e.target.value)} />}
        </Field>
        <button type="submit" className="ed-button" disabled={loading}>
          {t('deliveryBoard.statements.show')}
        </button>
      </form>
      {error ? <ErrorMessage error={error} message={error.code === 'FORBIDDEN' ? t('deliveryBoard.statements.forbidden') : undefined} hideDetail={error.code === 'FORBIDDEN'} /> : null}
      {loading && !listing ? <Loading /> : null}
      {listing ? <Listing listing={listing} loading={loading} onMore={() => void load(listing.month, listing.cursor)} /> : null}
    </section>
  );
}

function Listing({ listing, loading, onMore }: { listing: Listing; loading: boolean; onMore: () => void }) {
  const { t } = useI18n();
  const partners = groupByPartner(listing.statements);
  return (
    <div aria-live="polite">
      <h3>{t('deliveryBoard.statements.of', { month: listing.month })}</h3>
      {!listing.runFinished ? <p className="ed-note">{t('deliveryBoard.statements.running')}</p> : null}
      {partners.length === 0 ? <EmptyState headingLevel={3} title={t('deliveryBoard.statements.empty.title')} description={t('deliveryBoard.statements.empty.description')} /> : null}
      {partners.map((group) => (
        <PartnerStatements key={group.organizationId ?? '-'} month={listing.month} group={group} />
      ))}
      {listing.cursor ? (
        <button type="button" className="ed-button" onClick={onMore} disabled={loading} aria-busy={loading}>
          {loading ? t('common.loading') : t('deliveryBoard.statements.showMore')}
        </button>
      ) : null}
    </div>
  );
}

interface PartnerGroup {
  organizationId: string | null;
  name: string | null;
  rows: StatementRow[];
}

function groupByPartner(rows: readonly StatementRow[]): PartnerGroup[] {
  const groups: PartnerGroup[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.organizationId === row.partnerOrganizationId) last.rows.push(row);
    else groups.push({ organizationId: row.partnerOrganizationId, name: row.partnerName, rows: [row] });
  }
  return groups;
}

function PartnerStatements({ month, group }: { month: string; group: PartnerGroup }) {
  const { t, formatNumber } = useI18n();
  const partner = group.name ?? t('deliveryBoard.statements.noPartner');
  const headingId = `partner-${group.organizationId ?? 'none'}`;
  const hours = (row: StatementRow) =>
    PHASE_ORDER.filter((p) => row.hoursPerStage[p] !== undefined).map((p: Phase) => t('deliveryBoard.statements.stageHours', { stage: phaseName(t, p), hours: formatNumber(row.hoursPerStage[p] ?? 0) }));
  return (
    <section className="ed-card" aria-labelledby={headingId}>
      <h4 id={headingId}>{partner}</h4>
      <table className="ed-table">
        <thead>
          <tr>
            <th scope="col">{t('deliveryBoard.statements.request')}</th>
            <th scope="col">{t('deliveryBoard.statements.endCustomer')}</th>
            <th scope="col">{t('deliveryBoard.statements.hoursPerStage')}</th>
            <th scope="col">{t('deliveryBoard.statements.total')}</th>
            <th scope="col">{t('deliveryBoard.statements.travel')}</th>
          </tr>
        </thead>
        <tbody>
          {group.rows.map((row) => (
            <tr key={row.issueKey}>
              <th scope="row">{row.issueKey}</th>
              <td>{row.endCustomer ?? '—'}</td>
              <td>
                <ul className="ed-notes">
                  {hours(row).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </td>
              <td>{t('deliveryBoard.card.hours', { hours: formatNumber(row.totalHours) })}</td>
              <td>{row.travel.trim() || t('deliveryBoard.statements.noTravel')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {group.organizationId ? <CsvDownload month={month} organizationId={group.organizationId} partner={partner} /> : null}
    </section>
  );
}

/** Asks the resolver for the partner's CSV, then offers it as a Blob link (revoked when the page lets go of it). */
function CsvDownload({ month, organizationId, partner }: { month: string; organizationId: string; partner: string }) {
  const { t } = useI18n();
  const [file, setFile] = useState<{ filename: string; url: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);

  const prepare = async () => {
    setBusy(true);
    setError(null);
    const answer = await call('project-page', 'statements/csv', { month, organizationId });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setFile({ filename: answer.body.filename, url: URL.createObjectURL(new Blob([answer.body.csv], { type: 'text/csv;charset=utf-8' })) });
  };

  return (
    <div className="ed-actions db-csv">
      {file ? (
        <a className="ed-button ed-button--primary" href={file.url} download={file.filename}>
          {t('deliveryBoard.statements.download', { filename: file.filename })}
        </a>
      ) : (
        <button type="button" className="ed-button" onClick={() => void prepare()} disabled={busy} aria-busy={busy}>
          {busy ? t('common.loading') : t('deliveryBoard.statements.prepare', { partner })}
        </button>
      )}
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}
