import { router } from '@forge/bridge';
import { useState, type MouseEvent } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { FinanceHold } from '../../../src/shared/delivery';
import type { ImplementationRequest, RequestView } from '../../../src/shared/implementation';
import type { BoardPage, ConsultantLoad } from '../../../src/shared/operations/requests';
import { EmptyState } from '../../common/empty-state';
import { ErrorMessage } from '../../common/error-message';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { SuccessMessage } from '../../common/page';
import { byStage, REASSIGNABLE, stageName } from './board-words';
import { useDisplayNames } from './display-names';
import { ReassignForm } from './reassign-form';

/**
 * One team's board: its finance holds, each consultant's load, and its requests grouped by stage, a page at a time
 * ("Show more" asks the next page of the index). A lead (or a Jira admin) reassigns a request from its card.
 */
export function BoardView({ initial, onReload }: { initial: BoardPage; onReload: () => void }) {
  const { t } = useI18n();
  const [board, setBoard] = useState<BoardPage>(initial);
  const [busy, setBusy] = useState<'team' | 'more' | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const nameOf = useDisplayNames([
    ...board.loads.flatMap((l) => (l.backupAccountId ? [l.accountId, l.backupAccountId] : [l.accountId])),
    ...board.requests.flatMap((r) => (r.consultantAccountId ? [r.consultantAccountId] : [])),
  ]);
  const person = (id: string | null) => (id === null ? t('deliveryBoard.card.nobody') : (nameOf(id) ?? t('deliveryBoard.unknownPerson')));

  const switchTeam = async (teamId: string) => {
    setBusy('team');
    setError(null);
    setDone(null);
    const answer = await call('project-page', 'board/page', { teamId });
    setBusy(null);
    if (answer.ok) setBoard(answer.body);
    else setError(answer.error);
  };

  const showMore = async () => {
    if (!board.cursor) return;
    setBusy('more');
    setError(null);
    const answer = await call('project-page', 'board/page', { teamId: board.teamId, cursor: board.cursor });
    setBusy(null);
    if (answer.ok) setBoard((before) => ({ ...answer.body, requests: [...before.requests, ...answer.body.requests] }));
    else setError(answer.error);
  };

  /** The saved request replaces the old one; its open hours move from the old consultant to the new one. */
  const onReassigned = (before: ImplementationRequest, view: RequestView) => {
    const after = view.request;
    const hours = before.estimateHours ?? 0;
    const moved = (load: ConsultantLoad): ConsultantLoad => {
      if (load.accountId === before.consultantAccountId) return { ...load, openHours: Math.max(0, load.openHours - hours) };
      if (load.accountId === after.consultantAccountId) return { ...load, openHours: load.openHours + hours };
      return load;
    };
    setBoard((b) => ({ ...b, requests: b.requests.map((r) => (r.issueId === after.issueId ? after : r)), loads: b.loads.map(moved) }));
    setDone(t('deliveryBoard.reassign.done', { key: after.issueKey, name: person(after.consultantAccountId) }));
  };

  if (board.teamId === null) {
    return <EmptyState title={t('deliveryBoard.noTeam.title')} description={t('deliveryBoard.noTeam.description')} />;
  }
  const team = board.teams.find((x) => x.id === board.teamId);
  const groups = byStage(board.requests);
  return (
    <div className="db-board" aria-busy={busy !== null}>
      {board.teams.length > 1 ? (
        <div className="ed-field db-team">
          <label htmlFor="team-switch">{t('deliveryBoard.team.label')}</label>
          <select id="team-switch" className="ed-select" value={board.teamId} disabled={busy !== null} onChange={(e) => void switchTeam(e.target.value)}>
            {board.teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <h2>{t('deliveryBoard.team.heading', { team: team?.name ?? '' })}</h2>
      {error ? <ErrorMessage error={error} onRetry={error.code === 'CONFLICT' ? onReload : undefined} /> : null}
      {done ? <SuccessMessage>{done}</SuccessMessage> : null}
      <Holds holds={board.holds} />
      <LoadTable loads={board.loads} person={person} />
      <section aria-labelledby="requests-heading" className="db-requests">
        <h2 id="requests-heading">{t('deliveryBoard.requests.heading')}</h2>
        {groups.length === 0 ? <EmptyState headingLevel={3} title={t('deliveryBoard.empty.title')} description={t('deliveryBoard.empty.description')} /> : null}
        <div className="db-columns">
          {groups.map((group) => (
            <section key={group.stage} className="db-column" aria-labelledby={`stage-${group.stage}`}>
              <h3 id={`stage-${group.stage}`}>
                {stageName(t, group.stage)} <span className="ed-subtle">({group.requests.length})</span>
              </h3>
              <ul className="ed-list db-cards">
                {group.requests.map((request) => (
                  <RequestCard key={request.issueId} request={request} board={board} person={person} onReassigned={onReassigned} onReload={onReload} />
                ))}
              </ul>
            </section>
          ))}
        </div>
        {board.cursor ? (
          <button type="button" className="ed-button" onClick={() => void showMore()} disabled={busy !== null} aria-busy={busy === 'more'}>
            {busy === 'more' ? t('common.loading') : t('deliveryBoard.requests.showMore')}
          </button>
        ) : null}
      </section>
    </div>
  );
}

function Holds({ holds }: { holds: FinanceHold[] }) {
  const { t, formatNumber } = useI18n();
  if (holds.length === 0) return null;
  return (
    <section className="db-holds" aria-labelledby="holds-heading">
      <h2 id="holds-heading">{t('deliveryBoard.holds.heading')}</h2>
      <ul className="ed-list">
        {holds.map((hold) => (
          <li key={hold.organizationId} className="ed-note db-hold">
            <strong>{hold.organizationName}</strong>{' '}
            {t('deliveryBoard.holds.item', { amount: formatNumber(hold.amount), currency: hold.currency, since: hold.overdueSince })}
            {hold.note ? <span className="ed-subtle"> — {hold.note}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function LoadTable({ loads, person }: { loads: ConsultantLoad[]; person: (id: string | null) => string }) {
  const { t, formatNumber } = useI18n();
  if (loads.length === 0) return null;
  return (
    <section aria-labelledby="loads-heading">
      <h2 id="loads-heading">{t('deliveryBoard.loads.heading')}</h2>
      <table className="ed-table db-loads">
        <thead>
          <tr>
            <th scope="col">{t('deliveryBoard.loads.consultant')}</th>
            <th scope="col">{t('deliveryBoard.loads.load')}</th>
            <th scope="col">{t('deliveryBoard.loads.today')}</th>
          </tr>
        </thead>
        <tbody>
          {loads.map((load) => {
            const name = person(load.accountId);
            const hours = t('deliveryBoard.loads.hours', { open: formatNumber(load.openHours), capacity: formatNumber(load.weeklyCapacityHours) });
            const over = load.openHours > load.weeklyCapacityHours;
            return (
              <tr key={load.accountId}>
                <th scope="row">{name}</th>
                <td>
                  <meter
                    className="db-meter"
                    min={0}
                    max={Math.max(load.weeklyCapacityHours, 1)}
                    low={load.weeklyCapacityHours * 0.75}
                    high={load.weeklyCapacityHours * 0.95}
                    optimum={0}
                    value={Math.min(load.openHours, Math.max(load.weeklyCapacityHours, 1))}
                    aria-label={t('deliveryBoard.loads.meter', { name })}
                  />{' '}
                  <span>{hours}</span>
                  {over ? <strong className="ed-tag ed-tag--missing"> {t('deliveryBoard.loads.over')}</strong> : null}
                </td>
                <td>
                  {load.absentToday ? (
                    <>
                      <span className="ed-tag ed-tag--missing">{t('deliveryBoard.loads.absent')}</span>
                      <span> {load.backupAccountId ? t('deliveryBoard.loads.backup', { name: person(load.backupAccountId) }) : t('deliveryBoard.loads.noBackup')}</span>
                    </>
                  ) : (
                    <span className="ed-tag ed-tag--ok">{t('deliveryBoard.loads.present')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

interface CardProps {
  request: ImplementationRequest;
  board: BoardPage;
  person: (id: string | null) => string;
  onReassigned: (before: ImplementationRequest, view: RequestView) => void;
  onReload: () => void;
}

function RequestCard({ request, board, person, onReassigned, onReload }: CardProps) {
  const { t, formatNumber } = useI18n();
  const [open, setOpen] = useState(false);
  const held = request.partnerOrganizationId !== null && board.holds.some((h) => h.organizationId === request.partnerOrganizationId);
  const openIssue = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void router.navigate({ target: 'issue', issueKey: request.issueKey });
  };
  return (
    <li className="ed-card db-card">
      <a className="db-card__key" href={`/browse/${request.issueKey}`} onClick={openIssue}>
        {request.issueKey}
      </a>
      <dl className="ed-facts db-card__facts">
        <dt>{t('deliveryBoard.card.partner')}</dt>
        <dd>{request.partnerName ?? t('deliveryBoard.card.none')}</dd>
        <dt>{t('deliveryBoard.card.endCustomer')}</dt>
        <dd>{request.endCustomer ?? t('deliveryBoard.card.none')}</dd>
        <dt>{t('deliveryBoard.card.estimate')}</dt>
        <dd>{request.estimateHours === null ? t('deliveryBoard.card.notEstimated') : t('deliveryBoard.card.hours', { hours: formatNumber(request.estimateHours) })}</dd>
        <dt>{t('deliveryBoard.card.consultant')}</dt>
        <dd>{person(request.consultantAccountId)}</dd>
      </dl>
      {held ? <p className="ed-tag ed-tag--missing">{t('deliveryBoard.card.held')}</p> : null}
      {board.canReassign && REASSIGNABLE.has(request.stage) ? (
        open ? (
          <ReassignForm
            request={request}
            loads={board.loads}
            person={person}
            onCancel={() => setOpen(false)}
            onSaved={(view) => {
              setOpen(false);
              onReassigned(request, view);
            }}
            onReload={onReload}
          />
        ) : (
          <button type="button" className="ed-button" onClick={() => setOpen(true)} aria-label={t('deliveryBoard.reassign.openFor', { key: request.issueKey })}>
            {t('deliveryBoard.reassign.open')}
          </button>
        )
      ) : null}
    </li>
  );
}
