import { useState, type FormEvent } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../../../src/shared/locales';
import type { Viewer } from '../../../src/shared/viewer';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { SuccessMessage } from '../../common/page';
import { ActionError } from './admin-common';

type Choice = SupportedLocale | 'jira';

/** Each language is named in itself and marked so, so that a screen reader says "Français" in French. */
const LANGUAGE_TAG: Record<SupportedLocale, string> = { 'en-US': 'en', 'fr-FR': 'fr' };

interface LanguageFormProps {
  viewer: Viewer;
  onSaved: (viewer: Viewer) => void;
  /** After a CONFLICT (the choice was saved meanwhile in another tab): load the page again. */
  onReload: () => void;
}

/**
 * The administrator's own language for Engagement Desk — English, French, or whatever their Jira profile says. It is
 * theirs only (the site language above is for messages to people who set none), and the page switches to it as
 * soon as it is saved. Saves are conditional on the preferences' version, like every other save.
 */
export function LanguageForm({ viewer, onSaved, onReload }: LanguageFormProps) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<Choice>(viewer.preferredLocale ?? 'jira');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setFailure(null);
    setSaved(false);
    const preferredLocale = choice === 'jira' ? null : choice;
    const answer = await call('admin', 'preferences/save', { preferredLocale, expectedVersion: viewer.preferencesVersion });
    setSaving(false);
    if (!answer.ok) return setFailure(answer.error);
    setSaved(true);
    onSaved({ ...viewer, preferredLocale: answer.body.preferredLocale, preferencesVersion: answer.body.version });
  };

  const choose = (next: Choice) => {
    setChoice(next);
    setSaved(false);
  };

  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-labelledby="language-heading">
      <h2 id="language-heading">{t('admin.language.heading')}</h2>
      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t('admin.language.legend')}</legend>
        <label className="ed-choice">
          <input type="radio" name="admin-language" value="jira" checked={choice === 'jira'} onChange={() => choose('jira')} />
          {t('admin.language.followJira')}
        </label>
        {SUPPORTED_LOCALES.map((locale) => (
          <label className="ed-choice" key={locale}>
            <input type="radio" name="admin-language" value={locale} checked={choice === locale} onChange={() => choose(locale)} />
            <span lang={LANGUAGE_TAG[locale]}>{t(`languages.${locale}`)}</span>
          </label>
        ))}
      </fieldset>
      {failure ? <ActionError error={failure} onReload={onReload} /> : null}
      {saved ? <SuccessMessage>{t('admin.language.saved')}</SuccessMessage> : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('common.saving') : t('admin.language.save')}
        </button>
      </div>
    </form>
  );
}
