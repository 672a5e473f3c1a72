import { useEffect, useState } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { CoverageListItem } from '../../../src/shared/registers';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { ActionError, DownloadLink } from './admin-common';

/** Every organisation's coverage today, worst first, a page at a time; and the whole list as CSV. */
export default function CoverageTab() {
  const { t, tp } = useI18n();
  const [items, setItems] = useState<CoverageListItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [today, setToday] = useState('');
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [csv, setCsv] = useState<string | null>(null);

  const page = async (from: string | null) => {
    setBusy(true);
    setFailure(null);
    const answer = await call('admin', 'coverage/list', { cursor: from, limit: 25 });
    setBusy(false);
    if (!answer.ok) return setFailure(answer.error);
    setItems((list) => [...(from ? (list ?? []) : []), ...answer.body.items]);
    setCursor(answer.body.cursor);
    setToday(answer.body.today);
  };
  useEffect(() => {
    void page(null);
  }, []);

  const exportAll = async () => {
    setBusy(true);
    setFailure(null);
    let text = '';
    let next: string | null = null;
    const exportPage = (from: string | null) => call('admin', 'coverage/export-csv', { cursor: from, limit: 100 });
    do {
      const answer: Awaited<ReturnType<typeof exportPage>> = await exportPage(next);
      if (!answer.ok) {
        setBusy(false);
        return setFailure(answer.error);
      }
      text += answer.body.csv;
      next = answer.body.cursor;
    } while (next);
    setBusy(false);
    setCsv(text);
  };

  return (
    <section aria-labelledby="coverage-heading" className="ed-section">
      <h2 id="coverage-heading">{t('admin.coverage.heading')}</h2>
      {today ? <p className="ed-subtle">{t('admin.coverage.today', { date: today })}</p> : null}
      {failure ? <ActionError error={failure} /> : null}
      {items === null ? (
        <Loading />
      ) : (
        <table className="ed-table" aria-label={t('admin.coverage.heading')}>
          <thead>
            <tr>
              <th scope="col">{t('admin.coverage.organisation')}</th>
              <th scope="col">{t('admin.coverage.score')}</th>
              <th scope="col">{t('admin.coverage.deployment')}</th>
              <th scope="col">{t('admin.coverage.gaps')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.registerId}>
                <th scope="row">{item.name}</th>
                <td>{item.score}</td>
                <td>{t(`admin.deployment.${item.deploymentType}`)}</td>
                <td>
                  {tp('admin.coverage.missing', item.summary.missing)}; {tp('admin.coverage.noBackup', item.summary.noBackup)};{' '}
                  {tp('admin.coverage.absent', item.summary.absentTodayWithoutBackup)}; {tp('admin.coverage.premium', item.summary.premiumOpportunities)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="ed-actions">
        {cursor ? (
          <button type="button" className="ed-button" disabled={busy} onClick={() => void page(cursor)}>
            {t('admin.loadMore')}
          </button>
        ) : null}
        <button type="button" className="ed-button" disabled={busy} onClick={() => void exportAll()}>
          {t('admin.coverage.export')}
        </button>
        {csv !== null ? <DownloadLink filename={`coverage-${today || 'today'}.csv`} text={csv} label={t('admin.coverage.download')} /> : null}
      </div>
    </section>
  );
}
