import { useState, type FormEvent } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import { emailSchema, type PersonalDataErasure, type PersonalDataExport } from '../../../src/shared/registers';
import { Field } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { SuccessMessage } from '../../common/page';
import { ActionError, DownloadLink } from './admin-common';

/** A person's contact details on request: everything the registers hold about an email, and its erasure. */
export default function PersonalDataTab() {
  const { t, tp } = useI18n();
  const [email, setEmail] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [exported, setExported] = useState<PersonalDataExport | null>(null);
  const [erased, setErased] = useState<PersonalDataErasure | null>(null);
  const valid = emailSchema.safeParse(email).success;
  const emailError = attempted && !valid ? t('admin.personal.badEmail') : null;

  const run = async (what: 'export' | 'erase') => {
    setAttempted(true);
    if (!valid || busy) return;
    if (what === 'erase' && !confirm) return;
    setBusy(true);
    setFailure(null);
    setExported(null);
    setErased(null);
    const lookup = { email: email.trim() };
    if (what === 'export') {
      const answer = await call('admin', 'person/export', { lookup });
      if (answer.ok) setExported(answer.body);
      else setFailure(answer.error);
    } else {
      const answer = await call('admin', 'person/erase', { lookup });
      if (answer.ok) setErased(answer.body);
      else setFailure(answer.error);
      setConfirm(false);
    }
    setBusy(false);
  };

  return (
    <section aria-labelledby="personal-heading" className="ed-section">
      <h2 id="personal-heading">{t('admin.personal.heading')}</h2>
      <form className="ed-form" noValidate onSubmit={(e: FormEvent) => (e.preventDefault(), void run('export'))}>
        <Field id="personal-email" label={t('admin.personal.email')} required error={emailError}>
          {(c) => <input {...c} className="ed-input" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <div className="ed-actions">
          <button type="submit" className="ed-button" disabled={busy}>
            {t('admin.personal.export')}
          </button>
        </div>
        <label className="ed-choice">
          <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
          {t('admin.personal.confirm')}
        </label>
        <div className="ed-actions">
          <button type="button" className="ed-button" disabled={busy || !confirm} onClick={() => void run('erase')}>
            {t('admin.personal.erase')}
          </button>
        </div>
      </form>
      {failure ? <ActionError error={failure} /> : null}
      {exported ? <ExportSummary exported={exported} /> : null}
      {erased ? (
        <SuccessMessage>
          {tp('admin.personal.erasedPeople', erased.erased.reduce((n, e) => n + e.personIds.length, 0))} {tp('admin.personal.erasedHistory', erased.redactedHistoryEntries)}
        </SuccessMessage>
      ) : null}
    </section>
  );
}

/** What the registers hold about the person, shown as well as offered as a file, so the admin can see what they send. */
function ExportSummary({ exported }: { exported: PersonalDataExport }) {
  const { t, tp } = useI18n();
  if (exported.records.length === 0 && exported.proposals.length === 0) return <p role="status">{t('admin.personal.nothingFound')}</p>;
  return (
    <div>
      {/* Only the summary is announced; the table below is there to read at one's own pace. */}
      <p role="status">
        {tp('admin.personal.foundRecords', exported.records.length)} {tp('admin.personal.foundProposals', exported.proposals.length)}
      </p>
      {exported.records.length > 0 ? (
        <table className="ed-table" aria-label={t('admin.personal.recordsHeading')}>
          <thead>
            <tr>
              <th scope="col">{t('admin.personal.register')}</th>
              <th scope="col">{t('admin.orgs.name')}</th>
              <th scope="col">{t('admin.orgs.contact')}</th>
            </tr>
          </thead>
          <tbody>
            {exported.records.map((r) => (
              <tr key={`${r.registerId}/${r.person.id}`}>
                <th scope="row">{r.registerName}</th>
                <td>{r.person.name}</td>
                <td>
                  {r.person.email}
                  {r.person.phone ? <div>{r.person.phone}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <DownloadLink filename="personal-data.json" text={JSON.stringify(exported, null, 2)} label={t('admin.personal.download')} />
    </div>
  );
}
