import { router } from '@forge/bridge';
import type { MouseEvent } from 'react';
import type { ConsultantDecision, RequestView } from '../../../src/shared/implementation';
import { useI18n } from '../../common/i18n';
import { QuoteSummary } from '../../common/quote-summary';
import { holdText, hoursText, nextStepText } from './request-words';

type NameOf = (accountId: string) => string;

/** The overdue invoices that block consultant assignment: amount, currency, since when (shown to everyone). */
export function HoldBanner({ view }: { view: RequestView }) {
  const i18n = useI18n();
  if (!view.hold) return null;
  return (
    <div className="rw-hold" role="note" aria-labelledby="rw-hold-title">
      <p id="rw-hold-title" className="rw-hold__title">
        <span aria-hidden="true">⚠ </span>
        {i18n.t('requestWorkflow.hold.title')}
      </p>
      <p>{holdText(i18n, view.hold)}</p>
    </div>
  );
}

/** Stage, team, next step and who acts, estimate and threshold. */
export function RequestFacts({ view }: { view: RequestView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { request } = view;
  return (
    <dl className="ed-facts">
      <dt>{t('requestWorkflow.stageLabel')}</dt>
      <dd data-testid="rw-stage">{t(`requestWorkflow.stage.${request.stage}`)}</dd>
      <dt>{t('requestWorkflow.teamLabel')}</dt>
      <dd>{view.teamName ?? t('requestWorkflow.noTeam')}</dd>
      <dt>{t('requestWorkflow.nextLabel')}</dt>
      <dd data-testid="rw-next">{nextStepText(i18n, view.nextStep)}</dd>
      <dt>{t('requestWorkflow.estimateLabel')}</dt>
      <dd>{request.estimateHours === null ? t('requestWorkflow.notEstimated') : hoursText(i18n, request.estimateHours)}</dd>
      <dt>{t('requestWorkflow.thresholdLabel')}</dt>
      <dd>{t('requestWorkflow.thresholdValue', { hours: hoursText(i18n, view.thresholdHours) })}</dd>
      {request.requiredSkills.length > 0 ? (
        <>
          <dt>{t('requestWorkflow.skillsLabel')}</dt>
          <dd>{request.requiredSkills.join(', ')}</dd>
        </>
      ) : null}
      {request.endCustomer ? (
        <>
          <dt>{t('requestWorkflow.endCustomerLabel')}</dt>
          <dd>{request.endCustomer}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The SOW (hours per phase, travel, signed or not) or the quote (hours, purchased or not). */
export function SowOrQuote({ view }: { view: RequestView }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const { sow, purchase } = view.request;
  if (sow) {
    const total = Object.values(sow.hoursPerStage).reduce((sum, h) => sum + (h ?? 0), 0);
    return (
      <section aria-labelledby="rw-sow">
        <h3 id="rw-sow">{t('requestWorkflow.sow.heading')}</h3>
        <table className="ed-table">
          <caption className="ed-visually-hidden">{t('requestWorkflow.sow.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('requestWorkflow.phases.phase')}</th>
              <th scope="col">{t('requestWorkflow.phases.planned')}</th>
            </tr>
          </thead>
          <tbody>
            {view.phases
              .filter((p) => sow.hoursPerStage[p.phase] !== undefined)
              .map((p) => (
                <tr key={p.phase}>
                  <th scope="row">{t(`requestWorkflow.phase.${p.phase}`)}</th>
                  <td>{hoursText(i18n, sow.hoursPerStage[p.phase] ?? 0)}</td>
                </tr>
              ))}
            <tr>
              <th scope="row">{t('requestWorkflow.sow.total')}</th>
              <td>{hoursText(i18n, total)}</td>
            </tr>
          </tbody>
        </table>
        <dl className="ed-facts">
          <dt>{t('requestWorkflow.sow.travel')}</dt>
          <dd>{sow.travel.trim() === '' ? t('requestWorkflow.sow.noTravel') : sow.travel}</dd>
          <dt>{t('requestWorkflow.sow.signature')}</dt>
          <dd>{sow.signedAt ? t('requestWorkflow.sow.signed', { date: formatDateTime(sow.signedAt) }) : t('requestWorkflow.sow.unsigned')}</dd>
        </dl>
      </section>
    );
  }
  if (purchase) return <QuoteSummary purchase={purchase} headingId="rw-quote" />;
  return null;
}

/** A link that opens the issue in Jira (the bridge's router: the panel runs in a sandboxed frame). */
function IssueLink({ issueKey }: { issueKey: string }) {
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void router.navigate({ target: 'issue', issueKey });
  };
  return (
    <a href={`/browse/${issueKey}`} onClick={open}>
      {issueKey}
    </a>
  );
}

/** The delivery issue in DEL and its sub-tasks, once the back office has made them. */
export function DeliveryFacts({ view }: { view: RequestView }) {
  const { t } = useI18n();
  const delivery = view.request.delivery;
  return (
    <section aria-labelledby="rw-delivery">
      <h3 id="rw-delivery">{t('requestWorkflow.delivery.heading')}</h3>
      {delivery ? (
        <>
          <p data-testid="rw-delivery-key">
            <IssueLink issueKey={delivery.issueKey} />
          </p>
          <ul className="ed-list" aria-label={t('requestWorkflow.delivery.subtasks')}>
            {delivery.subtasks.map((s) => (
              <li key={s.issueId}>
                <IssueLink issueKey={s.issueKey} /> — {t(`requestWorkflow.phase.${s.phase}`)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="ed-subtle">{t('requestWorkflow.delivery.none')}</p>
      )}
    </section>
  );
}

/** Who the consultant is, and the decision in words: why them, who else was not chosen and why not. */
export function ConsultantFacts({ view, nameOf }: { view: RequestView; nameOf: NameOf }) {
  const { t, formatDateTime } = useI18n();
  const { request } = view;
  const decision = request.decision;
  const proposed = request.stage === 'consultant-proposed';
  return (
    <section aria-labelledby="rw-consultant">
      <h3 id="rw-consultant">{t('requestWorkflow.consultant.heading')}</h3>
      <p data-testid="rw-consultant">
        {request.consultantAccountId === null
          ? t('requestWorkflow.consultant.none')
          : proposed
            ? t('requestWorkflow.consultant.proposed', { name: nameOf(request.consultantAccountId) })
            : nameOf(request.consultantAccountId)}
      </p>
      {decision && request.consultantAccountId !== null ? <Decision decision={decision} nameOf={nameOf} formatDateTime={formatDateTime} /> : null}
    </section>
  );
}

function Decision({ decision, nameOf, formatDateTime }: { decision: ConsultantDecision; nameOf: NameOf; formatDateTime: (iso: string) => string }) {
  const { t } = useI18n();
  const basis = t(`requestWorkflow.basis.${decision.basis}`);
  return (
    <>
      <dl className="ed-facts">
        <dt>{t('requestWorkflow.consultant.basisLabel')}</dt>
        <dd>{decision.standingInFor ? t('requestWorkflow.consultant.standingIn', { basis, name: nameOf(decision.standingInFor) }) : basis}</dd>
        {decision.reason ? (
          <>
            <dt>{t('requestWorkflow.consultant.reasonLabel')}</dt>
            <dd>{decision.reason}</dd>
          </>
        ) : null}
        <dt>{t('requestWorkflow.consultant.decidedLabel')}</dt>
        <dd>{t('requestWorkflow.consultant.decided', { name: nameOf(decision.decidedBy), date: formatDateTime(decision.decidedAt) })}</dd>
      </dl>
      {decision.excluded.length > 0 ? (
        <>
          <h4 id="rw-excluded">{t('requestWorkflow.consultant.excludedLabel')}</h4>
          <ul className="ed-list" aria-labelledby="rw-excluded">
            {decision.excluded.map((e) => (
              <li key={e.accountId}>
                {t('requestWorkflow.consultant.excludedItem', { name: nameOf(e.accountId), reason: t(`requestWorkflow.exclusion.${e.reason}`) })}
                {/* Only the missing skills' names read the same in every language; other details are English. */}
                {e.reason === 'missing-skill' && e.detail ? ` (${e.detail})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** Each wanted phase: done or open, hours planned in the SOW, hours logged on its sub-task. */
export function PhasesTable({ view }: { view: RequestView }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const doneAt = (phase: string) => view.request.phasesDone.find((d) => d.phase === phase)?.at ?? null;
  return (
    <section aria-labelledby="rw-phases">
      <h3 id="rw-phases">{t('requestWorkflow.phases.heading')}</h3>
      <table className="ed-table">
        <caption className="ed-visually-hidden">{t('requestWorkflow.phases.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('requestWorkflow.phases.phase')}</th>
            <th scope="col">{t('requestWorkflow.phases.status')}</th>
            <th scope="col">{t('requestWorkflow.phases.planned')}</th>
            <th scope="col">{t('requestWorkflow.phases.logged')}</th>
          </tr>
        </thead>
        <tbody>
          {view.phases.map((p) => {
            const at = doneAt(p.phase);
            return (
              <tr key={p.phase}>
                <th scope="row">{t(`requestWorkflow.phase.${p.phase}`)}</th>
                <td>{p.done ? <span className="ed-tag ed-tag--ok">{at ? t('requestWorkflow.phases.doneOn', { date: formatDateTime(at) }) : t('requestWorkflow.phases.done')}</span> : t('requestWorkflow.phases.open')}</td>
                <td>{p.plannedHours === null ? t('requestWorkflow.phases.none') : hoursText(i18n, p.plannedHours)}</td>
                <td>{hoursText(i18n, p.loggedHours)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
