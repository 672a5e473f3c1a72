import { lazy, Suspense, useEffect } from 'react';
import type { EngagementView, HistoryPage } from '../../../src/shared/engagement';
import { useI18n } from '../../common/i18n';
import { Loading } from '../../common/loading';
import { BudgetSection } from './budget-section';
import { CoverageSection } from './coverage-section';
import { loadNames } from './display-names';
import { EngagementProvider } from './engagement-context';
import { EngagementSummary } from './engagement-summary';
import { accountIdsOf } from './history-accounts';
import { LinkSection } from './link-section';
import { RolesSection } from './roles-section';
import './panel.css';

const MoreSections = lazy(() => import('./more-sections'));

interface EngagementPanelProps {
  engagement: EngagementView;
  canEdit: boolean;
  history: HistoryPage | undefined;
  takeFocus: boolean;
  onReload: () => void;
}

/** The engagement of the issue: its link, coverage, roles and duties, budget, then the sections below the fold. */
export function EngagementPanel({ engagement, canEdit, history, takeFocus, onReload }: EngagementPanelProps) {
  const { t } = useI18n();
  // Everyone the summary and the first history page name, asked of Jira in one request as the panel opens (in the
  // same commit as the summary's own ask, so they share it); the history, in a later chunk, then finds them cached.
  useEffect(() => {
    void loadNames([engagement.createdBy, ...accountIdsOf(history?.entries ?? [])]);
  }, [engagement.createdBy, history]);
  return (
    <EngagementProvider initial={engagement} canEdit={canEdit} reload={onReload}>
      <EngagementSummary engagement={engagement} takeFocus={takeFocus} />
      {canEdit ? null : <p className="ed-subtle">{t('engagementPanel.readOnly')}</p>}
      <LinkSection />
      <CoverageSection />
      <RolesSection />
      <BudgetSection />
      <Suspense fallback={<Loading />}>
        <MoreSections history={history} />
      </Suspense>
    </EngagementProvider>
  );
}
