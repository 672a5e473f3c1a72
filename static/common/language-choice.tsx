import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorBody } from '../../src/shared/errors';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../../src/shared/locales';
import type { Preferences } from '../../src/shared/viewer';
import { ErrorMessage } from './error-message';
import { useT } from './i18n';
import { call } from './invoke';
import { SuccessMessage } from './page';

type Choice = SupportedLocale | 'jira';

/** Each language is named in itself and marked so, so that a screen reader says "Français" in French. */
const LANGUAGE_TAG: Record<SupportedLocale, string> = { 'en-US': 'en', 'fr-FR': 'fr' };

export interface LanguageChoiceProps {
  /** The surface whose resolver saves the preference (every surface offers `preferences/save`). */
  surface: 'admin' | 'portal';
  /** Where the form's texts live: `<texts>.legend`, `.followJira`, `.saved`, `.save`. */
  texts: 'admin.language' | 'portal.language';
  preferredLocale: SupportedLocale | null;
  /** The stored preferences' version, for a conditional save (0 when never saved). */
  preferencesVersion: number;
  onSaved: (saved: Preferences) => void;
  /** A heading above the choice, and its id for the form's name. */
  heading?: { id: string; text: string };
  /** How the page shows a failed save (the admin page offers Reload on a conflict); else the common alert. */
  renderError?: (error: AppErrorBody) => ReactNode;
}

/**
 * The viewer's own language for Engagement Desk: English, French, or whatever their Jira profile says. Saves are
 * conditional on the version the page loaded (or the last save answered): a change made meanwhile in another tab is a
 * CONFLICT, never silently overwritten. The page switches language as soon as the choice is saved.
 */
export function LanguageChoice({ surface, texts, preferredLocale, preferencesVersion, onSaved, heading, renderError }: LanguageChoiceProps) {
  const t = useT();
  const [choice, setChoice] = useState<Choice>(preferredLocale ?? 'jira');
  const [version, setVersion] = useState(preferencesVersion);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => setChoice(preferredLocale ?? 'jira'), [preferredLocale]);
  useEffect(() => setVersion(preferencesVersion), [preferencesVersion]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setFailure(null);
    setSaved(false);
    const input = { preferredLocale: choice === 'jira' ? null : choice, expectedVersion: version };
    const answer = surface === 'admin' ? await call('admin', 'preferences/save', input) : await call('portal', 'preferences/save', input);
    setSaving(false);
    if (!answer.ok) return setFailure(answer.error);
    setVersion(answer.body.version);
    setSaved(true);
    onSaved(answer.body);
  };

  const choose = (next: Choice) => {
    setChoice(next);
    setSaved(false);
  };

  const name = `${surface}-language`;
  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-labelledby={heading?.id}>
      {heading ? <h2 id={heading.id}>{heading.text}</h2> : null}
      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t(`${texts}.legend`)}</legend>
        <label className="ed-choice">
          <input type="radio" name={name} value="jira" checked={choice === 'jira'} onChange={() => choose('jira')} />
          {t(`${texts}.followJira`)}
        </label>
        {SUPPORTED_LOCALES.map((locale) => (
          <label className="ed-choice" key={locale}>
            <input type="radio" name={name} value={locale} checked={choice === locale} onChange={() => choose(locale)} />
            <span lang={LANGUAGE_TAG[locale]}>{t(`languages.${locale}`)}</span>
          </label>
        ))}
      </fieldset>
      {failure ? (renderError ? renderError(failure) : <ErrorMessage error={failure} />) : null}
      {saved ? <SuccessMessage>{t(`${texts}.saved`)}</SuccessMessage> : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('common.saving') : t(`${texts}.save`)}
        </button>
      </div>
    </form>
  );
}
