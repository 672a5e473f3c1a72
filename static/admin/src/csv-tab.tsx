import { useState } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { ImportReport } from '../../../src/shared/registers';
import { Field } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { SuccessMessage } from '../../common/page';
import { ActionError, DownloadLink, useOrganisationChoices } from './admin-common';
import { describeImportReason } from './import-reasons';

/** A register as CSV, and contacts imported from CSV: a dry run first, then the import, each with a per-row report. */
export default function CsvTab() {
  const { t } = useI18n();
  const organisations = useOrganisationChoices();
  const [registerId, setRegisterId] = useState('');
  const [download, setDownload] = useState<{ filename: string; csv: string } | null>(null);
  const [text, setText] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);

  const exportCsv = async () => {
    if (!registerId) return;
    setBusy(true);
    setFailure(null);
    const answer = await call('admin', 'register/export-csv', { registerId });
    setBusy(false);
    if (answer.ok) setDownload(answer.body);
    else setFailure(answer.error);
  };

  const importCsv = async (dryRun: boolean) => {
    if (!registerId || text.trim() === '') return;
    setBusy(true);
    setFailure(null);
    const answer = await call('admin', 'contacts/import-csv', { registerId, csv: text, dryRun });
    setBusy(false);
    if (answer.ok) setReport(answer.body);
    else setFailure(answer.error);
  };

  const readFile = (file: File | undefined) => {
    if (!file) return;
    void file.text().then((content) => {
      setText(content);
      setReport(null);
    });
  };

  const rejected = report?.rows.filter((r) => r.outcome === 'rejected' || r.outcome === 'not-applied') ?? [];
  return (
    <section aria-labelledby="csv-heading" className="ed-section">
      <h2 id="csv-heading">{t('admin.csv.heading')}</h2>
      {organisations.error ? <ActionError error={organisations.error} /> : null}
      <Field id="csv-register" label={t('admin.csv.organisation')}>
        {(c) => (
          <select
            {...c}
            className="ed-select"
            value={registerId}
            onChange={(e) => {
              setRegisterId(e.target.value);
              setDownload(null);
              setReport(null);
            }}
          >
            <option value="">{t('admin.csv.choose')}</option>
            {organisations.items.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="ed-actions">
        <button type="button" className="ed-button" disabled={busy || !registerId} onClick={() => void exportCsv()}>
          {t('admin.csv.export')}
        </button>
        {download ? <DownloadLink filename={download.filename} text={download.csv} label={t('admin.csv.download', { filename: download.filename })} /> : null}
      </div>
      <h3>{t('admin.csv.importHeading')}</h3>
      <Field id="csv-file" label={t('admin.csv.file')}>
        {(c) => <input {...c} type="file" accept=".csv,text/csv" onChange={(e) => readFile(e.target.files?.[0])} />}
      </Field>
      <Field id="csv-text" label={t('admin.csv.paste')} hint={t('admin.csv.pasteHint')}>
        {(c) => (
          <textarea
            {...c}
            className="ed-input"
            rows={8}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setReport(null);
            }}
          />
        )}
      </Field>
      <div className="ed-actions">
        <button type="button" className="ed-button" disabled={busy || !registerId || text.trim() === ''} onClick={() => void importCsv(true)}>
          {t('admin.csv.dryRun')}
        </button>
        <button type="button" className="ed-button ed-button--primary" disabled={busy || !report?.dryRun} onClick={() => void importCsv(false)}>
          {t('admin.csv.import')}
        </button>
      </div>
      {failure ? <ActionError error={failure} /> : null}
      {report ? (
        <div>
          {report.dryRun ? <p>{t('admin.csv.dryRunDone')}</p> : <SuccessMessage>{t('admin.csv.imported')}</SuccessMessage>}
          <p>
            {t('admin.csv.counts', {
              added: report.counts.added,
              updated: report.counts.updated,
              unchanged: report.counts.unchanged,
              rejected: report.counts.rejected,
              notApplied: report.counts['not-applied'],
            })}
          </p>
          {rejected.length > 0 ? (
            <table className="ed-table" aria-label={t('admin.csv.rejectedHeading')}>
              <thead>
                <tr>
                  <th scope="col">{t('admin.csv.row')}</th>
                  <th scope="col">{t('admin.csv.outcome')}</th>
                  <th scope="col">{t('admin.csv.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {rejected.map((r) => (
                  <tr key={r.row}>
                    <th scope="row">{r.row}</th>
                    <td>{t(`admin.csv.outcomes.${r.outcome}`)}</td>
                    <td>
                      <ul className="ed-list">
                        {r.reasons.map((reason, i) => (
                          <li key={i}>{describeImportReason(t, reason)}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
