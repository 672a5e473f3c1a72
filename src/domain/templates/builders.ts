import type { DutyTemplate, LocalizedText } from '../../shared/templates';

/** Shorthands that keep the built-in templates readable: English first, French second, always both. */
export function text(en: string, fr: string): LocalizedText {
  return { 'en-US': en, 'fr-FR': fr };
}

export function duty(key: string, en: string, fr: string): DutyTemplate {
  return { key, text: text(en, fr) };
}
