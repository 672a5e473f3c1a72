import type { SupportedLocale } from '../../../src/shared/locales';
import type { Preferences } from '../../../src/shared/viewer';
import { LanguageChoice } from '../../common/language-choice';

interface LanguageSwitchProps {
  preferredLocale: SupportedLocale | null;
  /** The stored preferences' version, for a conditional save (0 when never saved). */
  preferencesVersion: number;
  onSaved: (saved: Preferences) => void;
}

/** The customer's language for the app's portal panel: English, French, or whatever Jira uses for them. */
export function LanguageSwitch(props: LanguageSwitchProps) {
  return <LanguageChoice surface="portal" texts="portal.language" {...props} />;
}
