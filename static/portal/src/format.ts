import type { RegisterView } from '../../../src/shared/registers';
import type { LocalizedText } from '../../../src/shared/templates';

/** A calendar day (`YYYY-MM-DD`) in the page's language; the text itself when it is not one. */
export function formatDay(locale: string, day: string | null): string {
  if (!day) return '';
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A role's name (`templateKey/roleKey`) in the page's language, from the templates the register names. */
export function roleName(view: RegisterView, ref: string, locale: keyof LocalizedText): string {
  const [templateKey, roleKey] = ref.split('/');
  const role = view.templates.find((tp) => tp.key === templateKey)?.roles.find((r) => r.key === roleKey);
  return role ? role.name[locale] : ref;
}

