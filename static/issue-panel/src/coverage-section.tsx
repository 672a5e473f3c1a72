import type { RoleCoverage } from '../../../src/shared/coverage';
import type { Proposal, RegisterView } from '../../../src/shared/registers';
import { ErrorMessage } from '../../common/error-message';
import { useI18n, type Translate } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { useEngagement, useWrite, WriteError } from './engagement-context';

/**
 * The organisation's coverage today and its pending contact proposals. Loaded when asked (`register/for-issue`), so
 * that opening the panel stays one resolver call.
 */
export function CoverageSection() {
  const { t } = useI18n();
  const { register, loadRegister } = useEngagement();
  return (
    <section aria-labelledby="ep-coverage" className="ep-section">
      <h3 id="ep-coverage">{t('engagementPanel.coverage.heading')}</h3>
      {register.status === 'idle' ? (
        <button type="button" className="ed-button" onClick={() => loadRegister()}>
          {t('engagementPanel.coverage.show')}
        </button>
      ) : null}
      {register.status === 'loading' ? <Loading /> : null}
      {register.status === 'error' ? <ErrorMessage error={register.error} onRetry={() => loadRegister(true)} /> : null}
      {register.status === 'ready' ? (
        register.data.view ? (
          <>
            <CoverageSummary view={register.data.view} />
            <Proposals view={register.data.view} canDecide={register.data.canDecide} />
          </>
        ) : (
          <p className="ed-subtle">{t('engagementPanel.coverage.noOrganisation')}</p>
        )
      ) : null}
    </section>
  );
}

function roleName(view: RegisterView, ref: string, locale: 'en-US' | 'fr-FR'): string {
  const [templateKey, roleKey] = ref.split('/');
  const role = view.templates.find((tpl) => tpl.key === templateKey)?.roles.find((r) => r.key === roleKey);
  return role ? role.name[locale] : ref;
}

function gapsOf(role: RoleCoverage, t: Translate): string[] {
  const gaps: string[] = [];
  if (role.status === 'missing') gaps.push(t('engagementPanel.coverage.missing'));
  if (role.status === 'below-recommended') gaps.push(t('engagementPanel.coverage.belowRecommended'));
  if (role.flags.noBackup) gaps.push(t('engagementPanel.coverage.noBackup'));
  if (role.flags.absentTodayWithoutBackup) gaps.push(t('engagementPanel.coverage.absentToday'));
  if (role.flags.premiumOpportunity) gaps.push(t('engagementPanel.coverage.premium'));
  return gaps;
}

function CoverageSummary({ view }: { view: RegisterView }) {
  const { t, tp, locale } = useI18n();
  const { coverage } = view;
  const s = coverage.summary;
  const gaps = coverage.roles.map((role) => ({ role, gaps: gapsOf(role, t) })).filter((g) => g.gaps.length > 0);
  return (
    <>
      <p>
        <strong>{view.register.name}</strong> — {t('engagementPanel.coverage.score', { score: coverage.score })}
      </p>
      <ul className="ep-counts">
        <li>{tp('engagementPanel.coverage.countMissing', s.missing)}</li>
        <li>{tp('engagementPanel.coverage.countNoBackup', s.noBackup)}</li>
        <li>{tp('engagementPanel.coverage.countAbsent', s.absentTodayWithoutBackup)}</li>
        <li>{tp('engagementPanel.coverage.countPremium', s.premiumOpportunities)}</li>
      </ul>
      {gaps.length > 0 ? (
        <>
          <h4>{t('engagementPanel.coverage.gapsHeading')}</h4>
          <ul className="ep-list" aria-label={t('engagementPanel.coverage.gapsHeading')}>
            {gaps.map(({ role, gaps: labels }) => (
              <li key={role.ref}>
                <strong>{roleName(view, role.ref, locale)}</strong>: {labels.join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('engagementPanel.coverage.allMet')}</p>
      )}
      <p className="ed-subtle">{t('engagementPanel.coverage.asOf', { date: coverage.today })}</p>
    </>
  );
}

function Proposals({ view, canDecide }: { view: RegisterView; canDecide: boolean }) {
  const { t } = useI18n();
  if (!canDecide) return null;
  return (
    <>
      <h4>{t('engagementPanel.proposals.heading')}</h4>
      {view.pendingProposals.length === 0 ? (
        <p className="ed-subtle">{t('engagementPanel.proposals.none')}</p>
      ) : (
        <ul className="ep-list">
          {view.pendingProposals.map((proposal) => (
            <ProposalRow key={proposal.id} proposal={proposal} view={view} />
          ))}
        </ul>
      )}
    </>
  );
}

function ProposalRow({ proposal, view }: { proposal: Proposal; view: RegisterView }) {
  const { t, locale, formatDateTime } = useI18n();
  const { loadRegister } = useEngagement();
  const write = useWrite();
  const change = proposal.change;
  const current = change.kind === 'add' ? null : view.register.people.find((p) => p.id === change.personId);
  const person = change.kind === 'remove' ? current : change.person;
  const what = t(`engagementPanel.proposals.kind.${change.kind}`);
  const decide = (decision: 'approve' | 'reject') =>
    write.run(() => call('issue-panel', 'proposal/decide', { proposalId: proposal.id, decision }), () => loadRegister(true));
  const name = person?.name ?? t('engagementPanel.proposals.unknownPerson');
  return (
    <li className="ep-item">
      <p>
        <strong>{what}</strong>: {name}
        {person ? ` (${person.email}${person.phone ? `, ${person.phone}` : ''})` : ''}
      </p>
      {person && person.roles.length > 0 ? (
        <p className="ed-subtle">
          {t('engagementPanel.proposals.roles')}: {person.roles.map((ref) => roleName(view, ref, locale)).join(', ')}
        </p>
      ) : null}
      <p className="ed-subtle">{t('engagementPanel.proposals.proposedAt', { date: formatDateTime(proposal.proposedAt) })}</p>
      <WriteError error={write.error} />
      <div className="ed-actions">
        <button type="button" className="ed-button ed-button--primary" disabled={write.saving} onClick={() => void decide('approve')} aria-label={t('engagementPanel.proposals.approveNamed', { name })}>
          {t('engagementPanel.proposals.approve')}
        </button>
        <button type="button" className="ed-button" disabled={write.saving} onClick={() => void decide('reject')} aria-label={t('engagementPanel.proposals.rejectNamed', { name })}>
          {t('engagementPanel.proposals.reject')}
        </button>
      </div>
    </li>
  );
}
