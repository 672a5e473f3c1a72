import type { FinanceHold } from '../../../src/shared/delivery';
import type { NextStep, RequestView } from '../../../src/shared/implementation';
import type { I18n } from '../../common/i18n';
import { dayText, hoursText, moneyText } from '../../common/request-format';

/** Hours, money and days are worded as on the portal (static/common/request-format.ts). */
export { dayText, hoursText, moneyText };

/**
 * The request's facts in the panel's language: the next step and who acts ("Sign the Statement of Work — the partner
 * acts"). Stage, phase, basis and exclusion names are looked up under `requestWorkflow.*` by their stable keys.
 */
export function nextStepText(i18n: Pick<I18n, 't' | 'tp'>, step: NextStep): string {
  const what = i18n.t(`requestWorkflow.next.${step.action}`, { hours: hoursText(i18n, step.hours ?? 0) });
  return i18n.t('requestWorkflow.nextWho', { step: what, actor: i18n.t(`requestWorkflow.actor.${step.actor}`) });
}

export function holdText(i18n: Pick<I18n, 't' | 'locale'>, hold: FinanceHold): string {
  return i18n.t('requestWorkflow.hold.text', {
    partner: hold.organizationName || i18n.t('requestWorkflow.hold.unknownPartner'),
    amount: moneyText(i18n.locale, hold.amount, hold.currency),
    date: dayText(i18n.locale, hold.overdueSince),
  });
}

/** The request's open phases, in delivery order. */
export const openPhases = (view: RequestView) => view.phases.filter((p) => !p.done).map((p) => p.phase);
