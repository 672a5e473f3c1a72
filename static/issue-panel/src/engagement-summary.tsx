import { useEffect, useRef } from 'react';
import type { Engagement } from '../../../src/shared/engagement';
import { useI18n } from '../../common/i18n';

interface EngagementSummaryProps {
  engagement: Engagement;
  /** Just started from the form: the form is gone, so keyboard focus moves to what replaced it. */
  takeFocus?: boolean;
}

/** The started engagement. People are shown by account id until the panel resolves display names. */
export function EngagementSummary({ engagement, takeFocus }: EngagementSummaryProps) {
  const { t, formatDateTime } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);
  return (
    <section aria-labelledby="engagement-title">
      <h2 id="engagement-title" ref={heading} tabIndex={-1}>
        {engagement.title}
      </h2>
      <dl className="ed-facts">
        <dt>{t('issuePanel.startedBy')}</dt>
        <dd>{engagement.createdBy}</dd>
        <dt>{t('issuePanel.startedAt')}</dt>
        <dd>
          <time dateTime={engagement.createdAt}>{formatDateTime(engagement.createdAt)}</time>
        </dd>
      </dl>
    </section>
  );
}
