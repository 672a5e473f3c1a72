import { useEffect, useState, type FormEvent } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../../../src/shared/locales';
import { ErrorMessage } from '../../common/error-message';
import { useT } from '../../common/i18n';
import { call } from '../../common/invoke';
import { SuccessMessage } from '../../common/page';

type Choice = SupportedLocale | 'jira';

/** Each language is named in itself, and marked so, so a screen reader pronounces "Français" in French. */
const LANGUAGE_TAG: Record<SupportedLocale, string> = { 'en-US': 'en', 'fr-FR': 'fr' };

interface LanguageSwitchProps {
  preferredLocale: SupportedLocale | null;
  /** The stored preferences' version, for a conditional save (0 when never saved). */
  preferencesVersion: number;
  onSaved: (saved: { preferredLocale: SupportedLocale | null; version: number }) => void;
}

/**
 * The viewer's language for Engagement Desk: English, French, or whatever Jira uses for them.
 * Saves are conditional on the version the page loaded (or the last save answered): a change made meanwhile in
 * another tab is a CONFLICT with a Reload, never silently overwritten.
 */
export function LanguageSwitch({ preferredLocale, preferencesVersion, onSaved }: LanguageSwitchProps) {
  const t = useT();
  const [choice, setChoice] = useState<Choice>(preferredLocale ?? 'jira');
  const [version, setVersion] = useState(preferencesVersion);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setChoice(preferredLocale ?? 'jira');
  }, [preferredLocale]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setFailure(null);
    setSaved(false);
    const locale = choice === 'jira' ? null : choice;
    const answer = await call('portal', 'preferences/save', { preferredLocale: locale, expectedVersion: version });
    setSaving(false);
    if (!answer.ok) {
      setFailure(answer.error);
      return;
    }
    setVersion(answer.body.version);
    setSaved(true);
    onSaved(answer.body);
  };

  const choose = (next: Choice) => {
    setChoice(next);
    setSaved(false);
  };

  return (
    <form className="ed-form" onSubmit={submit}>
      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t('portal.language.legend')}</legend>
        <label className="ed-choice">
          <input type="radio" name="language" value="jira" checked={choice === 'jira'} onChange={() => choose('jira')} />
          {t('portal.language.followJira')}
        </label>
        {SUPPORTED_LOCALES.map((locale) => (
          <label className="ed-choice" key={locale}>
            <input type="radio" name="language" value={locale} checked={choice === locale} onChange={() => choose(locale)} />
            <span lang={LANGUAGE_TAG[locale]}>{t(`languages.${locale}`)}</span>
          </label>
        ))}
      </fieldset>
      {failure ? <ErrorMessage error={failure} /> : null}
      {saved ? <SuccessMessage>{t('portal.language.saved')}</SuccessMessage> : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('common.saving') : t('portal.language.save')}
        </button>
      </div>
    </form>
  );
}
