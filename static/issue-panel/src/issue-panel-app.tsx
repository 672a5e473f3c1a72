import { lazy, Suspense, useState, type ReactNode } from 'react';
import type { Engagement, IssuePanelView } from '../../../src/shared/engagement';
import { EmptyState } from '../../common/empty-state';
import { ErrorMessage } from '../../common/error-message';
import { I18nProvider, useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { Page, SuccessMessage } from '../../common/page';
import { useLoad, withViewer } from '../../common/use-load';
import { EngagementPanel } from './engagement-panel';
import { StartEngagementForm } from './start-engagement-form';

const loadPanel = () => withViewer(call('issue-panel', 'panel/get', {}), (panel) => panel);
/** The implementation request's section (issue 6): its own chunk; its data comes with panel/get. */
const RequestSection = lazy(() => import('./request-section'));

/** The issue's engagement: loading, an error with Retry, the engagement, or an empty state that can start one. */
export function IssuePanelApp() {
  const load = useLoad(loadPanel);
  const preferredLocale = load.state.status === 'ready' ? load.state.data[0].preferredLocale : load.state.status === 'error' ? null : undefined;
  const [justStarted, setJustStarted] = useState(false);

  const started = (engagement: Engagement) => {
    setJustStarted(true);
    load.update(([viewer, panel]) => [viewer, { ...panel, engagement }]);
  };

  return (
    <I18nProvider preferredLocale={preferredLocale}>
      <PanelPage>
        {load.state.status === 'loading' ? <Loading /> : null}
        {load.state.status === 'error' ? <ErrorMessage error={load.state.error} onRetry={load.reload} /> : null}
        {load.state.status === 'ready' ? (
          <PanelBody panel={load.state.data[1]} justStarted={justStarted} onStarted={started} onReload={load.reload} />
        ) : null}
      </PanelPage>
    </I18nProvider>
  );
}

function PanelPage({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Page title={t('issuePanel.title')} hideTitle>
      {children}
    </Page>
  );
}

interface PanelBodyProps {
  panel: IssuePanelView;
  justStarted: boolean;
  onStarted: (engagement: Engagement) => void;
  onReload: () => void;
}

function PanelBody({ panel, justStarted, onStarted, onReload }: PanelBodyProps) {
  const { t, tp, formatNumber } = useI18n();
  const threshold = tp('issuePanel.sowThreshold', panel.sowThresholdHours, { hours: formatNumber(panel.sowThresholdHours) });
  return (
    <>
      {panel.engagement ? (
        <>
          {justStarted ? <SuccessMessage>{t('issuePanel.started')}</SuccessMessage> : null}
          <EngagementPanel engagement={panel.engagement} canEdit={panel.canEdit} history={panel.history} takeFocus={justStarted} onReload={onReload} />
        </>
      ) : (
        <EmptyState
          title={t('issuePanel.empty.title')}
          description={panel.canEdit ? t('issuePanel.empty.description') : t('issuePanel.empty.readOnly')}
        >
          {panel.canEdit ? <StartEngagementForm onStarted={onStarted} onReload={onReload} /> : null}
        </EmptyState>
      )}
      {panel.request ? (
        <Suspense fallback={<Loading />}>
          <RequestSection initial={panel.request} team={panel.requestTeam} viewerId={panel.viewer.accountId} canEdit={panel.canEdit} onReload={onReload} />
        </Suspense>
      ) : null}
      <p className="ed-subtle">{threshold}</p>
    </>
  );
}
