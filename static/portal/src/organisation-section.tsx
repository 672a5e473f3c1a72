import { useState } from 'react';
import type { RoleCoverage } from '../../../src/shared/coverage';
import type { MyRegisters } from '../../../src/shared/operations/registers';
import type { Proposal, RegisterView } from '../../../src/shared/registers';
import { EmptyState } from '../../common/empty-state';
import { ErrorMessage } from '../../common/error-message';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { useLoad } from '../../common/use-load';
import { roleName } from './format';
import { ProposalForm } from './proposal-form';

const loadMine = () => call('portal', 'register/mine', {});

/**
 * "Your organisation's contacts": loaded after the page's first paint (the page's second call). Only the
 * organisations Jira says the customer belongs to are answered by the resolver; nothing else is ever asked for.
 */
export default function OrganisationSection() {
  const { t } = useI18n();
  const load = useLoad<MyRegisters>(loadMine);
  return (
    <section aria-labelledby="org-heading" className="ed-section">
      <h2 id="org-heading">{t('portal.org.heading')}</h2>
      {load.state.status === 'loading' ? <Loading label={t('portal.org.loading')} /> : null}
      {load.state.status === 'error' ? <ErrorMessage error={load.state.error} onRetry={load.reload} /> : null}
      {load.state.status === 'ready' && load.state.data.organisations.length === 0 ? (
        <EmptyState headingLevel={3} title={t('portal.org.noneTitle')} description={t('portal.org.noneText')} />
      ) : null}
      {load.state.status === 'ready'
        ? load.state.data.organisations.map((o) =>
            o.view ? (
              <OrganisationRegister key={o.registerId} view={o.view} />
            ) : (
              <EmptyState key={o.registerId} headingLevel={3} title={o.name} description={t('portal.org.noRegister')} />
            ),
          )
        : null}
    </section>
  );
}

function OrganisationRegister({ view }: { view: RegisterView }) {
  const { t, tp, locale } = useI18n();
  const [pending, setPending] = useState<Proposal[]>(view.pendingProposals);
  const { register, coverage } = view;
  const roles = coverage.roles.filter((r) => r.side === 'client' && r.status !== 'not-applicable');
  const gaps = roles.filter((r) => r.status !== 'met' || r.flags.noBackup || r.flags.absentTodayWithoutBackup);
  const premium = roles.filter((r) => r.flags.premiumOpportunity);
  const nameOf = (id: string) => register.people.find((p) => p.id === id)?.name ?? id;

  return (
    <article aria-labelledby={`org-${register.id}`} className="ed-card">
      <h3 id={`org-${register.id}`}>{register.name}</h3>
      <p>
        <strong>{t('portal.org.score', { score: coverage.score })}</strong>{' '}
        <span className="ed-subtle">{gaps.length === 0 ? t('portal.org.noGaps') : tp('portal.org.gapCount', gaps.length)}</span>
      </p>

      <h4>{t('portal.org.rolesHeading')}</h4>
      <table className="ed-table">
        <thead>
          <tr>
            <th scope="col">{t('portal.org.role')}</th>
            <th scope="col">{t('portal.org.status')}</th>
            <th scope="col">{t('portal.org.holders')}</th>
            <th scope="col">{t('portal.org.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => (
            <tr key={role.ref}>
              <th scope="row">{roleName(view, role.ref, locale)}</th>
              <td>
                <span className={`ed-tag ed-tag--${role.status}`}>{t(`portal.coverageStatus.${role.status}`)}</span>
                <div className="ed-subtle">{t('portal.org.counts', { required: role.required, recommended: role.recommended, have: role.holders.length })}</div>
              </td>
              <td>{role.holders.length ? role.holders.map(nameOf).join(', ') : '—'}</td>
              <td>
                <RoleFlags role={role} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {premium.length > 0 ? (
        <div className="ed-note" role="note">
          <h4>{t('portal.org.premiumHeading')}</h4>
          <p>{t('portal.org.premiumText')}</p>
          <ul>
            {premium.map((r) => (
              <li key={r.ref}>{roleName(view, r.ref, locale)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <h4>{t('portal.org.peopleHeading')}</h4>
      <ul className="ed-list">
        {register.people.map((person) => (
          <li key={person.id} className="ed-person">
            <strong>{person.name}</strong> — {person.email}
            {person.phone ? ` — ${person.phone}` : ''}
            <div className="ed-subtle">{person.roles.map((r) => roleName(view, r, locale)).join(', ')}</div>
          </li>
        ))}
      </ul>

      {pending.length > 0 ? (
        <>
          <h4>{t('portal.proposal.pendingHeading')}</h4>
          <ul className="ed-list" aria-label={t('portal.proposal.pendingHeading')}>
            {pending.map((p) => (
              <li key={p.id} className="ed-person">
                {describeProposal(t, p, nameOf)} — <span className="ed-tag">{t('portal.proposal.pending')}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <ProposalForm view={view} onProposed={(p) => setPending((list) => [p, ...list])} />
    </article>
  );
}

function describeProposal(t: (key: string, vars?: Record<string, string>) => string, p: Proposal, nameOf: (id: string) => string): string {
  const change = p.change;
  if (change.kind === 'add') return t('portal.proposal.describeAdd', { name: change.person.name });
  if (change.kind === 'change') return t('portal.proposal.describeChange', { name: nameOf(change.personId) });
  return t('portal.proposal.describeRemove', { name: nameOf(change.personId) });
}

function RoleFlags({ role }: { role: RoleCoverage }) {
  const { t } = useI18n();
  const notes: string[] = [];
  if (role.status === 'missing') notes.push(t('portal.flag.missing'));
  if (role.status === 'below-recommended') notes.push(t('portal.flag.belowRecommended'));
  if (role.flags.noBackup) notes.push(t('portal.flag.noBackup'));
  if (role.flags.absentTodayWithoutBackup) notes.push(t('portal.flag.absentToday'));
  if (role.flags.premiumOpportunity) notes.push(t('portal.flag.premium'));
  if (notes.length === 0) return <>—</>;
  return (
    <ul className="ed-notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
