import { useEffect, useState } from 'react';
import type { ChangeRequest, PortalEngagement, ProgressPoint } from '../../../src/shared/engagement';
import type { AppErrorBody } from '../../../src/shared/errors';
import { EmptyState } from '../../common/empty-state';
import { ErrorMessage } from '../../common/error-message';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { SuccessMessage } from '../../common/page';
import { formatDay } from './format';

interface EngagementSectionProps {
  engagement: PortalEngagement | null;
  /** After a CONFLICT: load the engagement again (someone changed it meanwhile). */
  onReload: () => void;
}

/**
 * The request's engagement as the customer sees it: milestones with the progress points to acknowledge, and the
 * change requests, which only the Engagement Sponsor approves or rejects (others see their status).
 */
export function EngagementSection({ engagement: initial, onReload }: EngagementSectionProps) {
  const { t, formatNumber } = useI18n();
  const [engagement, setEngagement] = useState(initial);
  useEffect(() => setEngagement(initial), [initial]);

  if (!engagement) {
    return <EmptyState title={t('portal.engagement.emptyTitle')} description={t('portal.engagement.emptyText')} />;
  }

  const pointSaved = (saved: ProgressPoint) =>
    setEngagement((e) => e && { ...e, milestones: e.milestones.map((m) => ({ ...m, progressPoints: m.progressPoints.map((p) => (p.id === saved.id ? saved : p)) })) });
  const changeSaved = (saved: ChangeRequest) => setEngagement((e) => e && { ...e, changes: e.changes.map((c) => (c.id === saved.id ? saved : c)) });

  return (
    <section aria-labelledby="engagement-heading" className="ed-section">
      <h2 id="engagement-heading">{t('portal.engagement.heading', { title: engagement.title })}</h2>
      <dl className="ed-facts">
        {engagement.organisationName ? (
          <>
            <dt>{t('portal.engagement.organisation')}</dt>
            <dd>{engagement.organisationName}</dd>
          </>
        ) : null}
        <dt>{t('portal.engagement.sponsor')}</dt>
        <dd>{engagement.sponsorName ?? t('portal.engagement.noSponsor')}</dd>
        {engagement.soldHours !== null ? (
          <>
            <dt>{t('portal.engagement.soldHours')}</dt>
            <dd>{t('portal.engagement.hours', { hours: formatNumber(engagement.soldHours) })}</dd>
          </>
        ) : null}
      </dl>
      <Milestones engagement={engagement} onSaved={pointSaved} onReload={onReload} />
      <Changes engagement={engagement} onSaved={changeSaved} onReload={onReload} />
    </section>
  );
}

function Milestones({ engagement, onSaved, onReload }: { engagement: PortalEngagement; onSaved: (p: ProgressPoint) => void; onReload: () => void }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="milestones-heading">
      <h3 id="milestones-heading">{t('portal.engagement.milestonesHeading')}</h3>
      {engagement.milestones.length === 0 ? <p className="ed-subtle">{t('portal.engagement.noMilestones')}</p> : null}
      <ul className="ed-list">
        {engagement.milestones.map((milestone) => (
          <li key={milestone.id} className="ed-card">
            <p>
              <strong>{milestone.title}</strong> — {t(`portal.milestoneState.${milestone.state}`)}
              {milestone.dueDate ? ` · ${t('portal.engagement.due', { date: formatDay(locale, milestone.dueDate) })}` : ''}
            </p>
            {milestone.progressPoints.length > 0 ? (
              <ul className="ed-list">
                {milestone.progressPoints.map((point) => (
                  <ProgressPointRow key={point.id} point={point} onSaved={onSaved} onReload={onReload} />
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ProgressPointRow({ point, onSaved, onReload }: { point: ProgressPoint; onSaved: (p: ProgressPoint) => void; onReload: () => void }) {
  const { t, formatDateTime } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);

  const acknowledge = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const answer = await call('portal', 'progress-point/acknowledge', { pointId: point.id, expectedVersion: point.version });
    setBusy(false);
    if (answer.ok) onSaved(answer.body);
    else setFailure(answer.error);
  };

  return (
    <li className="ed-point">
      <p>
        <strong>{point.title}</strong>
        {point.description ? ` — ${point.description}` : ''}
      </p>
      {point.acknowledgement ? (
        <p className="ed-tag ed-tag--ok">{t('portal.point.acknowledgedBy', { name: point.acknowledgement.name, date: formatDateTime(point.acknowledgement.at) })}</p>
      ) : (
        <div className="ed-actions">
          <span className="ed-tag">{t('portal.point.awaiting')}</span>
          <button type="button" className="ed-button ed-button--primary" onClick={acknowledge} disabled={busy} aria-busy={busy || undefined} aria-label={t('portal.point.acknowledgeNamed', { title: point.title })}>
            {busy ? t('common.saving') : t('portal.point.acknowledge')}
          </button>
        </div>
      )}
      {failure ? <ErrorMessage error={failure} onRetry={failure.code === 'CONFLICT' ? onReload : undefined} /> : null}
    </li>
  );
}

function Changes({ engagement, onSaved, onReload }: { engagement: PortalEngagement; onSaved: (c: ChangeRequest) => void; onReload: () => void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="changes-heading">
      <h3 id="changes-heading">{t('portal.engagement.changesHeading')}</h3>
      {engagement.changes.length === 0 ? <p className="ed-subtle">{t('portal.engagement.noChanges')}</p> : null}
      <ul className="ed-list">
        {engagement.changes.map((change) => (
          <ChangeRow key={change.id} change={change} engagement={engagement} onSaved={onSaved} onReload={onReload} />
        ))}
      </ul>
    </section>
  );
}

function ChangeRow({ change, engagement, onSaved, onReload }: { change: ChangeRequest; engagement: PortalEngagement; onSaved: (c: ChangeRequest) => void; onReload: () => void }) {
  const { t, formatNumber, formatDateTime, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [done, setDone] = useState<'approve' | 'reject' | null>(null);

  const decide = async (decision: 'approve' | 'reject') => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const answer = await call('portal', 'change/decide', { changeId: change.id, decision, expectedVersion: change.version });
    setBusy(false);
    if (answer.ok) {
      setDone(decision);
      onSaved(answer.body);
    } else setFailure(answer.error);
  };

  const delta = change.soldHoursDelta;
  return (
    <li className="ed-card">
      <p>
        <strong>{change.summary}</strong> — {t(`portal.changeKind.${change.category}`)}
      </p>
      {change.reason ? <p>{change.reason}</p> : null}
      {delta !== null ? <p>{t(delta > 0 ? 'portal.change.addsHours' : 'portal.change.removesHours', { hours: formatNumber(Math.abs(delta)) })}</p> : null}
      {change.newDueDate ? <p>{t('portal.change.newDueDate', { date: formatDay(locale, change.newDueDate) })}</p> : null}
      <p className="ed-tag">{t(`portal.changeState.${change.state}`)}</p>
      {change.decision ? <p className="ed-subtle">{t('portal.change.decidedBy', { name: change.decision.name, date: formatDateTime(change.decision.at) })}</p> : null}
      {change.state === 'proposed' && engagement.viewerIsSponsor ? (
        <div className="ed-actions">
          <button type="button" className="ed-button ed-button--primary" disabled={busy} onClick={() => void decide('approve')}>
            {t('portal.change.approve')}
          </button>
          <button type="button" className="ed-button" disabled={busy} onClick={() => void decide('reject')}>
            {t('portal.change.reject')}
          </button>
        </div>
      ) : null}
      {change.state === 'proposed' && !engagement.viewerIsSponsor ? (
        <p className="ed-subtle">{t('portal.change.waitingForSponsor', { name: engagement.sponsorName ?? t('portal.engagement.noSponsor') })}</p>
      ) : null}
      {done ? <SuccessMessage>{t(done === 'approve' ? 'portal.change.approved' : 'portal.change.rejected')}</SuccessMessage> : null}
      {failure ? <ErrorMessage error={failure} onRetry={failure.code === 'CONFLICT' ? onReload : undefined} /> : null}
    </li>
  );
}
