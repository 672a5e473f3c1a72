import type { FinanceHold } from '../../../src/shared/delivery';
import type { NextStep } from '../../../src/shared/implementation';
import type { I18n } from '../../common/i18n';

/** The partner's wording of the request: hours, money, days, the next step in plain words. */
export function hoursText(i18n: Pick<I18n, 'tp'>, hours: number): string {
  return i18n.tp('requestWorkflow.hours', hours);
}

export function moneyText(locale: string, amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function dayText(locale: string, day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** "Sign the Statement of Work", "Purchase 6 hours", "Our delivery team is estimating your request"… */
export function partnerNextStep(i18n: Pick<I18n, 't' | 'tp'>, step: NextStep): string {
  return i18n.t(`requestWorkflow.partner.next.${step.action}`, { hours: hoursText(i18n, step.hours ?? 0) });
}

export function partnerHoldText(i18n: Pick<I18n, 't' | 'locale'>, hold: FinanceHold): string {
  return i18n.t('requestWorkflow.partner.hold', { amount: moneyText(i18n.locale, hold.amount, hold.currency), date: dayText(i18n.locale, hold.overdueSince) });
}
