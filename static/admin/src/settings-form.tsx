import { useState, type FormEvent } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../../../src/shared/locales';
import { updateSettingsInput, type Settings } from '../../../src/shared/settings';
import { allIssuesBeside, ErrorMessage, issueBeside } from '../../common/error-message';
import { Field } from '../../common/field';
import { useI18n, type Translate } from '../../common/i18n';
import { call } from '../../common/invoke';
import { SuccessMessage } from '../../common/page';

const hoursSchema = updateSettingsInput.shape.sowThresholdHours;
const HOURS_MAX = hoursSchema.maxValue ?? 10_000;
const LANGUAGE_TAG: Record<SupportedLocale, string> = { 'en-US': 'en', 'fr-FR': 'fr' };

/** The resolver's own rule for the threshold (the shared zod schema), worded in the page's language. */
function hoursProblem(t: Translate, formatNumber: (n: number) => string, text: string): string | null {
  if (text.trim() === '') return t('validation.required');
  const value = Number(text);
  if (!Number.isFinite(value)) return t('validation.number');
  const parsed = hoursSchema.safeParse(value);
  if (parsed.success) return null;
  return parsed.error.issues[0]?.code === 'too_big' ? t('validation.atMost', { max: formatNumber(HOURS_MAX) }) : t('validation.positive');
}

interface SettingsFormProps {
  settings: Settings;
  onSaved: (settings: Settings) => void;
  /** After a CONFLICT: load the settings someone else saved (this form's edits are dropped on purpose). */
  onReload: () => void;
}

export function SettingsForm({ settings, onSaved, onReload }: SettingsFormProps) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const [hours, setHours] = useState(String(settings.sowThresholdHours));
  const [siteLocale, setSiteLocale] = useState<SupportedLocale>(settings.siteLocale);
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [saved, setSaved] = useState(false);

  // The server's issues are worded in the page's language (its own messages are English, for support).
  const hoursError = (attempted ? hoursProblem(t, formatNumber, hours) : null) ?? issueBeside(t, failure, 'sowThresholdHours');
  const localeError = issueBeside(t, failure, 'siteLocale');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setAttempted(true);
    setSaved(false);
    if (hoursProblem(t, formatNumber, hours)) {
      setFailure(null);
      document.getElementById('sow-threshold')?.focus();
      return;
    }
    setSaving(true);
    setFailure(null);
    const answer = await call('admin', 'settings/update', { sowThresholdHours: Number(hours), siteLocale, expectedVersion: settings.version });
    setSaving(false);
    if (!answer.ok) {
      setFailure(answer.error);
      return;
    }
    setSaved(true);
    onSaved(answer.body);
  };

  const alert = failure && !allIssuesBeside(failure, ['sowThresholdHours', 'siteLocale']) ? failure : null;

  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('admin.formHeading')}</h2>
      <p className="ed-subtle">
        {settings.updatedBy && settings.updatedAt
          ? t('admin.lastSaved', { account: settings.updatedBy, date: formatDateTime(settings.updatedAt) })
          : t('admin.neverSaved')}
      </p>
      {alert ? <SaveError error={alert} onReload={onReload} /> : null}
      {saved ? <SuccessMessage>{t('admin.saved')}</SuccessMessage> : null}
      <Field id="sow-threshold" label={t('admin.sow.label')} required hint={t('admin.sow.hint')} error={hoursError}>
        {(control) => (
          <input
            {...control}
            className="ed-input"
            type="number"
            name="sowThresholdHours"
            inputMode="decimal"
            min="0.5"
            max={HOURS_MAX}
            step="any"
            value={hours}
            onChange={(event) => {
              setHours(event.target.value);
              setSaved(false);
            }}
          />
        )}
      </Field>
      <Field id="site-locale" label={t('admin.siteLocale.label')} hint={t('admin.siteLocale.hint')} error={localeError}>
        {(control) => (
          <select
            {...control}
            className="ed-select"
            name="siteLocale"
            value={siteLocale}
            onChange={(event) => {
              setSiteLocale(event.target.value as SupportedLocale);
              setSaved(false);
            }}
          >
            {SUPPORTED_LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={LANGUAGE_TAG[locale]}>
                {t(`languages.${locale}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('common.saving') : t('admin.save')}
        </button>
      </div>
    </form>
  );
}

function SaveError({ error, onReload }: { error: AppErrorBody; onReload: () => void }) {
  const { t } = useI18n();
  if (error.code === 'FORBIDDEN') return <ErrorMessage error={error} message={t('admin.forbidden')} hideDetail />;
  if (error.code === 'CONFLICT') return <ErrorMessage error={error} onRetry={onReload} retryLabel={t('common.reload')} />;
  return <ErrorMessage error={error} />;
}
