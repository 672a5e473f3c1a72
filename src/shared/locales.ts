/** The languages the app speaks. Forge locales use a hyphen (en-US); Jira's user API uses an underscore (en_US). */
export const SUPPORTED_LOCALES = ['en-US', 'fr-FR'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: SupportedLocale = 'en-US';

/** The best supported locale for any Forge or Jira locale string: fr, fr_FR, fr-CA → fr-FR; anything else → en-US. */
export function toSupportedLocale(locale: string | null | undefined): SupportedLocale {
  return locale && /^fr([-_]|$)/i.test(locale) ? 'fr-FR' : DEFAULT_LOCALE;
}
