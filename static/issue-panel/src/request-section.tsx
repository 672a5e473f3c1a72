import { useCallback, useEffect, useState } from 'react';
import type { RequestView } from '../../../src/shared/implementation';
import { useI18n } from '../../common/i18n';
import '../../common/cards-tables.css';
import { useDisplayNames } from './display-names';
import { RequestActions } from './request-actions';
import { ConsultantFacts, DeliveryFacts, HoldBanner, PhasesTable, RequestFacts, SowOrQuote } from './request-facts';
import './request.css';

export interface RequestSectionProps {
  initial: RequestView;
  team: { leadAccountId: string; memberAccountIds: string[] } | null;
  viewerId: string;
  /** Edit Issues on the request (agents): the back-office set-up. */
  canEdit: boolean;
  /** After CONFLICT or a step the stage no longer allows: open the panel again. */
  onReload: () => void;
}

/**
 * The implementation request (issue 6): where it stands, who must act, the SOW or quote, the delivery issue,
 * the consultant and why they were chosen, phases with their hours, a finance hold; then the steps the viewer can take
 * now. Loaded in its own chunk after the panel's first paint; its data came with the panel's one opening call.
 */
export default function RequestSection({ initial, team, viewerId, canEdit, onReload }: RequestSectionProps) {
  const { t } = useI18n();
  const [view, setView] = useState(initial);
  useEffect(() => setView(initial), [initial]);
  const saved = useCallback((next: RequestView) => setView(next), []);

  const decision = view.request.decision;
  const ids = [
    ...(team ? [team.leadAccountId, ...team.memberAccountIds] : []),
    ...(view.request.consultantAccountId ? [view.request.consultantAccountId] : []),
    ...(decision ? [decision.decidedBy, ...(decision.standingInFor ? [decision.standingInFor] : []), ...decision.excluded.map((e) => e.accountId)] : []),
  ].filter((id) => id !== '' && id !== 'app');
  const names = useDisplayNames(ids);
  const nameOf = (accountId: string) => names.nameOf(accountId) ?? (names.loading ? t('requestWorkflow.loadingName') : t('requestWorkflow.someone'));

  return (
    <section aria-labelledby="rw-heading" className="ed-section rw-section" data-testid="request-section">
      <h2 id="rw-heading">{t('requestWorkflow.heading')}</h2>
      <HoldBanner view={view} />
      <RequestFacts view={view} />
      <SowOrQuote view={view} />
      <DeliveryFacts view={view} />
      <ConsultantFacts view={view} nameOf={nameOf} />
      <PhasesTable view={view} />
      <RequestActions view={view} team={team} viewerId={viewerId} canEdit={canEdit} nameOf={nameOf} onSaved={saved} onReload={onReload} />
    </section>
  );
}
