import type { FinanceHold } from '../../../src/shared/delivery';
import type { NextStep } from '../../../src/shared/implementation';
import type { I18n } from '../../common/i18n';
import { dayText, hoursText, moneyText } from '../../common/request-format';

/** Hours, money and days are worded as on the issue panel (static/common/request-format.ts). */
export { dayText, hoursText, moneyText };

/** The partner's wording of the next step, in plain words: "Sign the Statement of Work", "Purchase 6 hours", "Our delivery team is estimating your request"… */
export function partnerNextStep(i18n: Pick<I18n, 't' | 'tp'>, step: NextStep): string {
  return i18n.t(`requestWorkflow.partner.next.${step.action}`, { hours: hoursText(i18n, step.hours ?? 0) });
}

export function partnerHoldText(i18n: Pick<I18n, 't' | 'locale'>, hold: FinanceHold): string {
  return i18n.t('requestWorkflow.partner.hold', { amount: moneyText(i18n.locale, hold.amount, hold.currency), date: dayText(i18n.locale, hold.overdueSince) });
}
