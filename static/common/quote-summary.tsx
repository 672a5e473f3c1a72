import type { HoursPurchase } from '../../src/shared/implementation';
import { useI18n } from './i18n';
import { hoursText } from './request-format';

/** The quoted hours and whether the partner bought them: the same facts on the issue panel and the portal. */
export function QuoteSummary({ purchase, headingId }: { purchase: HoursPurchase; headingId: string }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('requestWorkflow.quote.heading')}</h3>
      <p>
        {t('requestWorkflow.quote.quoted', { hours: hoursText(i18n, purchase.hours) })}{' '}
        {purchase.purchasedAt ? t('requestWorkflow.quote.purchased', { date: formatDateTime(purchase.purchasedAt) }) : t('requestWorkflow.quote.notPurchased')}
      </p>
    </section>
  );
}
