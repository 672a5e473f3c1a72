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
  const { t } = useI18n();
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
      {exported ? (
        <div>
          <p>{t('admin.personal.found', { records: exported.records.length, proposals: exported.proposals.length })}</p>
          <DownloadLink filename="personal-data.json" text={JSON.stringify(exported, null, 2)} label={t('admin.personal.download')} />
        </div>
      ) : null}
      {erased ? <SuccessMessage>{t('admin.personal.erased', { people: erased.erased.reduce((n, e) => n + e.personIds.length, 0), history: erased.redactedHistoryEntries })}</SuccessMessage> : null}
    </section>
  );
}
