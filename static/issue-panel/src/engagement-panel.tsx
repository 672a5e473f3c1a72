import { lazy, Suspense } from 'react';
import type { EngagementView, HistoryPage } from '../../../src/shared/engagement';
import { useI18n } from '../../common/i18n';
import { Loading } from '../../common/loading';
import { BudgetSection } from './budget-section';
import { CoverageSection } from './coverage-section';
import { EngagementProvider } from './engagement-context';
import { EngagementSummary } from './engagement-summary';
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
