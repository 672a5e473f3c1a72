import { useEffect, useRef, useState } from 'react';
import type { DeliverySetup, DeliveryTeam } from '../../../src/shared/delivery';
import type { AppErrorBody } from '../../../src/shared/errors';
import { EmptyState } from '../../common/empty-state';
import { hasIssueAt } from '../../common/error-message';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { SuccessMessage } from '../../common/page';
import { ActionError } from './admin-common';
import { formatDay, useDelivery, useNames, type DeliveryData } from './delivery-common';
import { TeamForm } from './team-form';

/** Delivery teams: who is in each, their skills, capacity and absences, and how the team triages and assigns. */
export default function DeliveryTeamsTab() {
  const load = useDelivery();
  const last = useRef<DeliveryData | null>(null);
  if (load.state.status === 'ready') last.current = load.state.data;
  if (load.state.status === 'error') return <ActionError error={load.state.error} onReload={load.reload} />;
  if (!last.current) return <Loading />;
  return <Teams setup={last.current.setup} busy={load.state.status === 'loading'} onSaved={(setup) => load.update((d) => ({ ...d, setup }))} onReload={load.reload} />;
}

function Teams({ setup, busy, onSaved, onReload }: { setup: DeliverySetup; busy: boolean; onSaved: (setup: DeliverySetup) => void; onReload: () => void }) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState<{ team: DeliveryTeam | null } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const nameOf = useNames(setup.teams.flatMap((team) => [team.leadAccountId, ...team.members.map((m) => m.accountId)]));
  const today = new Date().toISOString().slice(0, 10);
  useEffect(() => setFailure((f) => (f?.code === 'CONFLICT' ? null : f)), [setup.version]);

  const remove = async (team: DeliveryTeam) => {
    if (saving) return;
    setSaving(true);
    setFailure(null);
    setNotice(null);
    const answer = await call('admin', 'team/remove', { id: team.id, expectedVersion: setup.version });
    setSaving(false);
    setRemoving(null);
    if (!answer.ok) {
      setFailure(answer.error);
      return;
    }
    onSaved(answer.body);
    setNotice(t('routingAdmin.teams.removed', { name: team.name }));
    document.getElementById('teams-heading')?.focus();
  };

  // Rules still routing to a team is told in words, not as the generic "check the fields".
  const inUse = failure !== null && hasIssueAt(failure, 'id');

  return (
    <section aria-labelledby="teams-heading" className="ed-section" aria-busy={busy || saving || undefined}>
      <h2 id="teams-heading" tabIndex={-1}>
        {t('routingAdmin.teams.heading')}
      </h2>
      <p>{t('routingAdmin.teams.intro')}</p>
      {inUse ? (
        <div className="ed-error" role="alert">
          <span className="ed-error__icon" aria-hidden="true">
            !
          </span>
          <p className="ed-error__message">
            <strong>{t('common.errorPrefix')}</strong> {t('routingAdmin.teams.inUse')}
          </p>
        </div>
      ) : failure ? (
        <ActionError error={failure} onReload={onReload} />
      ) : null}
      {notice && !editing ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {setup.teams.length === 0 ? (
        <EmptyState title={t('routingAdmin.teams.emptyTitle')} description={t('routingAdmin.teams.emptyText')} headingLevel={3} />
      ) : (
        <ul className="ed-list" aria-label={t('routingAdmin.teams.listLabel')}>
          {setup.teams.map((team) => {
            const usedBy = setup.rules.filter((r) => r.teamId === team.id).map((r) => r.name);
            return (
              <li key={team.id} className="ed-card">
                <h3>{team.name}</h3>
                <dl className="ed-facts">
                  <dt>{t('routingAdmin.teams.lead')}</dt>
                  <dd>{nameOf(team.leadAccountId)}</dd>
                  <dt>{t('routingAdmin.teams.howItWorks')}</dt>
                  <dd>
                    {[
                      t(`routingAdmin.teams.triage.${team.triage}`),
                      t(`routingAdmin.teams.assignment.${team.assignment}`),
                      t(`routingAdmin.teams.strategy.${team.strategy}`),
                      ...(team.continuity ? [t('routingAdmin.teams.continuity')] : []),
                    ].join(' · ')}
                  </dd>
                  <dt>{t('routingAdmin.teams.rules')}</dt>
                  <dd>{usedBy.length > 0 ? usedBy.join(', ') : t('routingAdmin.teams.noRules')}</dd>
                </dl>
                {team.members.length === 0 ? (
                  <p>{t('routingAdmin.teamForm.noMembers')}</p>
                ) : (
                  <table className="ed-table">
                    <caption className="ed-visually-hidden">{t('routingAdmin.teams.membersOf', { name: team.name })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('routingAdmin.teams.member')}</th>
                        <th scope="col">{t('routingAdmin.teamForm.skills')}</th>
                        <th scope="col">{t('routingAdmin.teamForm.capacity')}</th>
                        <th scope="col">{t('routingAdmin.teamForm.absences')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {team.members.map((m) => (
                        <tr key={m.accountId}>
                          <th scope="row">{nameOf(m.accountId)}</th>
                          <td>{m.skills.join(', ') || '—'}</td>
                          <td>{m.weeklyCapacityHours}</td>
                          <td>
                            {m.absences.length === 0
                              ? '—'
                              : m.absences.map((a) => (
                                  <div key={`${a.from}-${a.to}`}>
                                    {t(a.from <= today && today <= a.to ? 'routingAdmin.teams.absentNow' : 'routingAdmin.teams.absence', {
                                      from: formatDay(locale, a.from),
                                      to: formatDay(locale, a.to),
                                      backup: a.backupAccountId ? nameOf(a.backupAccountId) : t('routingAdmin.teamForm.noBackup'),
                                    })}
                                  </div>
                                ))}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {removing === team.id ? (
                  <div className="ed-actions" role="group" aria-labelledby={`team-${team.id}-remove-question`}>
                    <p id={`team-${team.id}-remove-question`}>{t('routingAdmin.teams.confirmRemove', { name: team.name })}</p>
                    <button type="button" className="ed-button ed-button--primary" disabled={saving} onClick={() => void remove(team)}>
                      {t('routingAdmin.teams.remove')}
                    </button>
                    <button type="button" className="ed-button" onClick={() => setRemoving(null)}>
                      {t('routingAdmin.common.keep')}
                    </button>
                  </div>
                ) : (
                  <div className="ed-actions">
                    <button type="button" className="ed-button" onClick={() => setEditing({ team })} aria-label={t('routingAdmin.common.editNamed', { name: team.name })}>
                      {t('routingAdmin.common.edit')}
                    </button>
                    <button type="button" className="ed-button" onClick={() => setRemoving(team.id)} aria-label={t('routingAdmin.common.removeNamed', { name: team.name })}>
                      {t('routingAdmin.teams.remove')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {editing ? (
        <TeamForm
          key={editing.team?.id ?? 'new'}
          team={editing.team}
          version={setup.version}
          onSaved={(saved) => {
            onSaved(saved);
            setNotice(t('routingAdmin.teams.saved'));
          }}
          onReload={onReload}
          onClose={() => {
            setEditing(null);
            document.getElementById('teams-heading')?.focus();
          }}
        />
      ) : (
        <div className="ed-actions">
          <button type="button" className="ed-button ed-button--primary" onClick={() => setEditing({ team: null })}>
            {t('routingAdmin.teams.add')}
          </button>
        </div>
      )}
    </section>
  );
}
