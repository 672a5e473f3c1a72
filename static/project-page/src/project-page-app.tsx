import type { ReactNode } from 'react';
import { EmptyState } from '../../common/empty-state';
import { ErrorMessage } from '../../common/error-message';
import { I18nProvider, useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { Page } from '../../common/page';
import { useLoad, withViewer } from '../../common/use-load';

const loadBoard = () => withViewer(call('project-page', 'board/get', {}), (body) => ({ project: body.project }));

/** The delivery board of a project. Requests are listed here once routing fills the board; for now, its empty state. */
export function ProjectPageApp() {
  const load = useLoad(loadBoard);
  const preferredLocale = load.state.status === 'ready' ? load.state.data[0].preferredLocale : load.state.status === 'error' ? null : undefined;
  return (
    <I18nProvider preferredLocale={preferredLocale}>
      <BoardPage>
        {load.state.status === 'loading' ? <Loading /> : null}
        {load.state.status === 'error' ? <ErrorMessage error={load.state.error} onRetry={load.reload} /> : null}
        {load.state.status === 'ready' ? <Board projectKey={load.state.data[1].project.key} /> : null}
      </BoardPage>
    </I18nProvider>
  );
}

function BoardPage({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return <Page title={t('projectPage.title')}>{children}</Page>;
}

function Board({ projectKey }: { projectKey: string }) {
  const { t } = useI18n();
  return (
    <>
      <p>{t('projectPage.project', { key: projectKey })}</p>
      <EmptyState title={t('projectPage.empty.title')} description={t('projectPage.empty.description')} />
    </>
  );
}
