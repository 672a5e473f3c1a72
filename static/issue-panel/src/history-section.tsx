import { useState } from 'react';
import type { HistoryPage } from '../../../src/shared/engagement';
import { ErrorMessage } from '../../common/error-message';
import type { AppErrorBody } from '../../../src/shared/errors';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';

/** Who changed what and when, newest first; older entries a page at a time. */
export function HistorySection({ initial }: { initial: HistoryPage | undefined }) {
  const { t, formatDateTime } = useI18n();
  const [page, setPage] = useState<HistoryPage>(initial ?? { entries: [], cursor: null });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const more = async () => {
    if (!page.cursor || loading) return;
    setLoading(true);
    const answer = await call('issue-panel', 'history/list', { cursor: page.cursor });
    setLoading(false);
    if (!answer.ok) return setError(answer.error);
    setError(null);
    setPage({ entries: [...page.entries, ...answer.body.entries], cursor: answer.body.cursor });
  };
  return (
    <section aria-labelledby="ep-history" className="ep-section">
      <h3 id="ep-history">{t('engagementPanel.history.heading')}</h3>
      {page.entries.length === 0 ? <p className="ed-subtle">{t('engagementPanel.history.none')}</p> : null}
      <ul className="ep-list">
        {page.entries.map((entry, index) => (
          <li key={`${entry.at}-${index}`}>
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · <code>{entry.action}</code> · <span className="ed-subtle">{entry.actor}</span>
          </li>
        ))}
      </ul>
      {error ? <ErrorMessage error={error} onRetry={() => void more()} /> : null}
      {page.cursor ? (
        <button type="button" className="ed-button" disabled={loading} aria-busy={loading || undefined} onClick={() => void more()}>
          {t('engagementPanel.history.more')}
        </button>
      ) : null}
    </section>
  );
}
