import type { I18n } from './i18n';

/**
 * Hours, money and days as the issue panel and the portal word an implementation request, in the page's language.
 * (The delivery board words its own: it shows loads and statements, not one request.)
 */
export function hoursText(i18n: Pick<I18n, 'tp'>, hours: number): string {
  return i18n.tp('requestWorkflow.hours', hours);
}

/** An amount in its currency (`€1,800.00`, `1 800,00 €`); a currency the browser does not know stays a code. */
export function moneyText(locale: string, amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A calendar day (`YYYY-MM-DD`, no time zone) as the locale writes it. */
export function dayText(locale: string, day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}
