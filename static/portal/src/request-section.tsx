import { useEffect, useRef, useState } from 'react';
import type { PartnerRequestView } from '../../../src/shared/engagement';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { RequestView } from '../../../src/shared/implementation';
import { ErrorMessage } from '../../common/error-message';
import { useI18n } from '../../common/i18n';
import { QuoteSummary } from '../../common/quote-summary';
import { call } from '../../common/invoke';
import { SuccessMessage } from '../../common/page';
import { hoursText, partnerHoldText, partnerNextStep } from './request-words';
import './request.css';

interface RequestSectionProps {
  initial: PartnerRequestView;
  /** After CONFLICT or a step the stage no longer allows: load the page again. */
  onReload: () => void;
}

/**
 * The partner's view of their implementation request (issue 6), in their language: where it stands, what happens
 * next and whose turn it is, the estimate, the SOW or the quote, the consultant, phases done and hours used per
 * phase, a finance hold with its reason; and, when it is the partner's turn and this customer speaks for the partner,
 * the button that signs the SOW or purchases the hours. Its data came with the page's one opening call.
 */
export default function RequestSection({ initial, onReload }: RequestSectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [view, setView] = useState<RequestView>(initial.view);
  const [thanks, setThanks] = useState<string | null>(null);
  useEffect(() => setView(initial.view), [initial]);
  const { request, nextStep } = view;
  const partnerTurn = nextStep.actor === 'partner';

  return (
    <section aria-labelledby="pr-heading" className="ed-section pr-section" data-testid="partner-request">
      <h2 id="pr-heading">{t('requestWorkflow.partner.heading')}</h2>
      {view.hold ? (
        <div className="pr-hold" role="note">
          <p>
            <strong>
              <span aria-hidden="true">⚠ </span>
              {t('requestWorkflow.partner.holdTitle')}
            </strong>
          </p>
          <p>{partnerHoldText(i18n, view.hold)}</p>
        </div>
      ) : null}
      {thanks ? <SuccessMessage>{thanks}</SuccessMessage> : null}
      <dl className="ed-facts">
        <dt>{t('requestWorkflow.partner.status')}</dt>
        <dd data-testid="pr-status">{t(`requestWorkflow.stage.${request.stage}`)}</dd>
        <dt>{t('requestWorkflow.partner.nextLabel')}</dt>
        <dd data-testid="pr-next">
          {partnerNextStep(i18n, nextStep)}{' '}
          <span className={partnerTurn ? 'ed-tag ed-tag--missing' : 'ed-tag'}>{partnerTurn ? t('requestWorkflow.partner.yourTurn') : t('requestWorkflow.partner.ourTurn')}</span>
        </dd>
        <dt>{t('requestWorkflow.partner.estimate')}</dt>
        <dd>{request.estimateHours === null ? t('requestWorkflow.notEstimated') : hoursText(i18n, request.estimateHours)}</dd>
        <dt>{t('requestWorkflow.partner.consultant')}</dt>
        <dd>{request.consultantAccountId ? (initial.consultantName ?? t('requestWorkflow.partner.consultantNamed')) : t('requestWorkflow.partner.noConsultant')}</dd>
      </dl>
      <Terms view={view} />
      <PartnerDecision view={view} mayDecide={initial.mayDecide} onSaved={(next, message) => { setView(next); setThanks(message); }} onReload={onReload} />
      <Phases view={view} />
    </section>
  );
}

/** What the partner signs or buys: the SOW's hours per phase and travel, or the quoted hours. */
function Terms({ view }: { view: RequestView }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const { sow, purchase } = view.request;
  if (sow) {
    return (
      <section aria-labelledby="pr-sow">
        <h3 id="pr-sow">{t('requestWorkflow.sow.heading')}</h3>
        <ul className="ed-list">
          {view.phases
            .filter((p) => sow.hoursPerStage[p.phase] !== undefined)
            .map((p) => (
              <li key={p.phase}>{t('requestWorkflow.labelValue', { label: t(`requestWorkflow.phase.${p.phase}`), value: hoursText(i18n, sow.hoursPerStage[p.phase] ?? 0) })}</li>
            ))}
        </ul>
        <p>{t('requestWorkflow.labelValue', { label: t('requestWorkflow.sow.travel'), value: sow.travel.trim() === '' ? t('requestWorkflow.sow.noTravel') : sow.travel })}</p>
        <p>{sow.signedAt ? t('requestWorkflow.sow.signed', { date: formatDateTime(sow.signedAt) }) : t('requestWorkflow.sow.unsigned')}</p>
      </section>
    );
  }
  if (purchase) return <QuoteSummary purchase={purchase} headingId="pr-quote" />;
  return null;
}

interface DecisionProps {
  view: RequestView;
  mayDecide: boolean;
  onSaved: (view: RequestView, message: string) => void;
  onReload: () => void;
}

/** Sign the SOW or purchase the hours: only when it is the partner's turn, and only for who may commit the partner. */
function PartnerDecision({ view, mayDecide, onSaved, onReload }: DecisionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const running = useRef(false);
  const stage = view.request.stage;
  if (stage !== 'sow-drafted' && stage !== 'hours-quoted') return null;
  if (!mayDecide) return <p className="ed-subtle">{t('requestWorkflow.partner.notAllowed', { partner: view.request.partnerName ?? t('requestWorkflow.partner.thePartner') })}</p>;

  const sign = stage === 'sow-drafted';
  const act = async () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setFailure(null);
    const input = { expectedVersion: view.request.version };
    const answer = sign ? await call('portal', 'request/sign-sow', input) : await call('portal', 'request/purchase-hours', input);
    running.current = false;
    setBusy(false);
    if (answer.ok) onSaved(answer.body, sign ? t('requestWorkflow.partner.signed') : t('requestWorkflow.partner.purchased'));
    else setFailure(answer.error);
  };
  const label = sign ? t('requestWorkflow.partner.signButton') : t('requestWorkflow.partner.purchaseButton');
  const stale = failure && (failure.code === 'CONFLICT' || failure.code === 'ILLEGAL_STEP');
  return (
    <div>
      {failure ? <ErrorMessage error={failure} {...(stale ? { onRetry: onReload, retryLabel: t('common.reload') } : {})} /> : null}
      <div className="ed-actions">
        <button type="button" className="ed-button ed-button--primary" onClick={() => void act()} disabled={busy} aria-busy={busy || undefined}>
          {busy ? t('common.saving') : label}
        </button>
      </div>
    </div>
  );
}

/** Phases: done or not, and the hours used on each (from the consultants' worklogs). */
function Phases({ view }: { view: RequestView }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section aria-labelledby="pr-phases">
      <h3 id="pr-phases">{t('requestWorkflow.phases.heading')}</h3>
      <table className="ed-table">
        <caption className="ed-visually-hidden">{t('requestWorkflow.partner.phasesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('requestWorkflow.phases.phase')}</th>
            <th scope="col">{t('requestWorkflow.phases.status')}</th>
            <th scope="col">{t('requestWorkflow.partner.hoursUsed')}</th>
          </tr>
        </thead>
        <tbody>
          {view.phases.map((p) => (
            <tr key={p.phase}>
              <th scope="row">{t(`requestWorkflow.phase.${p.phase}`)}</th>
              <td>{p.done ? <span className="ed-tag ed-tag--ok">{t('requestWorkflow.phases.done')}</span> : t('requestWorkflow.partner.phaseOpen')}</td>
              <td>{hoursText(i18n, p.loggedHours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
