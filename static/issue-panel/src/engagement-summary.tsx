import { useEffect, useRef } from 'react';
import type { Engagement } from '../../../src/shared/engagement';
import { useI18n } from '../../common/i18n';
import { useDisplayNames } from './display-names';

interface EngagementSummaryProps {
  engagement: Engagement;
  /** Just started from the form: the form is gone, so keyboard focus moves to what replaced it. */
  takeFocus?: boolean;
}

/** The started engagement: its title, who started it (by name, from Jira) and when. */
export function EngagementSummary({ engagement, takeFocus }: EngagementSummaryProps) {
  const { t, formatDateTime } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const names = useDisplayNames([engagement.createdBy]);
  const starter = names.nameOf(engagement.createdBy);
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
        <dd aria-busy={names.loading || undefined}>{starter ?? (names.loading ? '…' : t('engagementPanel.history.someone'))}</dd>
        <dt>{t('issuePanel.startedAt')}</dt>
        <dd>
          <time dateTime={engagement.createdAt}>{formatDateTime(engagement.createdAt)}</time>
        </dd>
      </dl>
    </section>
  );
}
