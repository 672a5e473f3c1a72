import { useMemo, useRef, useState } from 'react';
import type { HistoryPage } from '../../../src/shared/engagement';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { loadNames, useDisplayNames } from './display-names';
import { useEngagement } from './engagement-context';
import { accountIdsOf } from './history-accounts';
import { historySentence } from './history-sentences';
import { ShowOlder, type PagerState } from './show-older';

/**
 * Who changed what and when, newest first, each entry a sentence with the person's name ("Carl Consultant ticked
 * the duty ‘…’"); older entries a page at a time (`history/list`). Names come from Jira through the bridge (see
 * display-names.ts); until the first page's names are in, the list waits rather than flashing "someone".
 */
export function HistorySection({ initial }: { initial: HistoryPage | undefined }) {
  const { t, locale, formatDateTime, formatNumber } = useI18n();
  const { engagement } = useEngagement();
  const [page, setPage] = useState<HistoryPage>(initial ?? { entries: [], cursor: null });
  const [state, setState] = useState<PagerState>({ status: 'idle' });
  const busy = useRef(false);
  const ids = useMemo(() => accountIdsOf(page.entries), [page.entries]);
  const names = useDisplayNames(ids);

  const more = async () => {
    if (!page.cursor || busy.current) return;
    busy.current = true;
    setState({ status: 'loading' });
    const answer = await call('issue-panel', 'history/list', { cursor: page.cursor });
    // The older entries appear with their names, not with "someone" first (names never fail this: see loadNames).
    if (answer.ok) await loadNames(accountIdsOf(answer.body.entries));
    busy.current = false;
    if (!answer.ok) return setState({ status: 'error', error: answer.error });
    setState({ status: 'idle' });
    setPage((shown) => ({ entries: [...shown.entries, ...answer.body.entries], cursor: answer.body.cursor }));
  };

  const tools = { t, locale, formatNumber, engagement, nameOf: names.nameOf };
  return (
    <section aria-labelledby="ep-history" className="ep-section">
      <h3 id="ep-history">{t('engagementPanel.history.heading')}</h3>
      {page.entries.length === 0 ? <p className="ed-subtle">{t('engagementPanel.history.none')}</p> : null}
      {page.entries.length > 0 && names.loading ? <Loading /> : null}
      {page.entries.length > 0 && !names.loading ? (
        <ol className="ep-list ep-history" aria-labelledby="ep-history">
          {page.entries.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <span>{historySentence(entry, tools)}</span> <time className="ed-subtle" dateTime={entry.at}>{formatDateTime(entry.at)}</time>
            </li>
          ))}
        </ol>
      ) : null}
      <ShowOlder label={t('engagementPanel.history.more')} hasMore={page.cursor !== null} state={state} onLoad={() => void more()} allShown={t('engagementPanel.history.allShown')} />
    </section>
  );
}
