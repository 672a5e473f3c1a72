import { useCallback, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorBody, Envelope } from '../../../src/shared/errors';
import { estimateInput, type Phase, type RequestView } from '../../../src/shared/implementation';
import { ErrorMessage } from '../../common/error-message';
import { Field } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { hoursText, openPhases } from './request-words';

/**
 * The steps the viewer can take now, and only those: the stage allows them (the same table the server checks) and
 * the viewer has the part the server asks for — the lead or a member of the team for estimates, the SOW and the
 * quote; the lead for choosing by hand and deciding a proposal; the assigned consultant or the lead for phases;
 * people who may edit the issue (agents) for the back office. The server checks all of it again.
 */
export interface RequestActionsProps {
  view: RequestView;
  team: { leadAccountId: string; memberAccountIds: string[] } | null;
  viewerId: string;
  canEdit: boolean;
  nameOf: (accountId: string) => string;
  onSaved: (view: RequestView) => void;
  onReload: () => void;
}

interface Step {
  busy: boolean;
  error: AppErrorBody | null;
  done: boolean;
  run: (send: () => Promise<Envelope<RequestView>>) => Promise<boolean>;
}

function useStep(onSaved: (view: RequestView) => void): Step {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [done, setDone] = useState(false);
  const running = useRef(false);
  const run = useCallback(
    async (send: () => Promise<Envelope<RequestView>>) => {
      if (running.current) return false;
      running.current = true;
      setBusy(true);
      setError(null);
      setDone(false);
      const answer = await send();
      running.current = false;
      setBusy(false);
      if (!answer.ok) {
        setError(answer.error);
        return false;
      }
      setDone(true);
      onSaved(answer.body);
      return true;
    },
    [onSaved],
  );
  return { busy, error, done, run };
}

/** A stale version or a step the stage no longer allows: someone acted meanwhile, so the fix is to reload. */
function StepError({ error, onReload }: { error: AppErrorBody | null; onReload: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const stale = error.code === 'CONFLICT' || error.code === 'ILLEGAL_STEP';
  return <ErrorMessage error={error} {...(stale ? { onRetry: onReload, retryLabel: t('common.reload') } : {})} />;
}

function Busy({ busy, label }: { busy: boolean; label: string }) {
  const { t } = useI18n();
  return <>{busy ? t('common.saving') : label}</>;
}

export function RequestActions(props: RequestActionsProps) {
  const { t } = useI18n();
  const { view, team, viewerId, canEdit } = props;
  const { request } = view;
  const stage = request.stage;
  const isLead = team?.leadAccountId === viewerId;
  const inTeam = isLead || (team?.memberAccountIds.includes(viewerId) ?? false);
  const delivers = isLead || (request.consultantAccountId === viewerId && stage !== 'consultant-proposed');
  // Above the threshold a SOW is needed; at or below it the partner buys the hours (the server's rule, seed 004).
  const sowPath = request.estimateHours !== null && request.estimateHours > view.thresholdHours;
  const held = view.hold !== null;

  const parts: ReactNode[] = [];
  if (inTeam && ['routed', 'estimated', 'sow-drafted', 'hours-quoted'].includes(stage)) parts.push(<EstimateForm key="estimate" {...props} />);
  if (inTeam && ['estimated', 'sow-drafted'].includes(stage) && sowPath) parts.push(<SowForm key="sow" {...props} />);
  if (inTeam && stage === 'estimated' && !sowPath && request.estimateHours !== null) parts.push(<QuoteButton key="quote" {...props} />);
  if (canEdit && ['sow-signed', 'hours-purchased'].includes(stage)) parts.push(<BackOfficeButton key="back-office" {...props} />);
  if (held && ['back-office', 'consultant-proposed'].includes(stage) && inTeam) parts.push(<p key="held" className="ed-subtle">{t('requestWorkflow.assign.held')}</p>);
  if (!held && inTeam && stage === 'back-office') parts.push(<AutoAssign key="auto" {...props} />);
  if (!held && isLead && stage === 'consultant-proposed') parts.push(<ProposalDecision key="proposal" {...props} />);
  if (!held && isLead && ['back-office', 'consultant-proposed'].includes(stage)) parts.push(<ManualAssign key="manual" {...props} />);
  if (delivers && ['consultant-assigned', 'in-delivery'].includes(stage)) parts.push(<PhaseButtons key="phases" {...props} />);

  return (
    <section aria-labelledby="rw-actions">
      <h3 id="rw-actions">{t('requestWorkflow.actions.heading')}</h3>
      {parts.length > 0 ? parts : <p className="ed-subtle">{t('requestWorkflow.actions.none')}</p>}
    </section>
  );
}

/** Hours as typed: empty is null, a comma is a decimal point, anything else NaN (for the form to refuse). */
function parseHours(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? null : Number(trimmed);
}

function EstimateForm({ view, onSaved, onReload }: RequestActionsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { request } = view;
  const again = request.stage !== 'routed';
  const [open, setOpen] = useState(request.stage === 'routed');
  const [hours, setHours] = useState(request.estimateHours?.toString() ?? '');
  const [skills, setSkills] = useState(request.requiredSkills.join(', '));
  const [attempted, setAttempted] = useState(false);
  const step = useStep(onSaved);
  const value = parseHours(hours);
  const skillList = skills
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const valid = estimateInput.safeParse({ hours: value ?? undefined, requiredSkills: skillList, expectedVersion: request.version });
  const hoursProblem = attempted && (value === null || Number.isNaN(value) || !valid.success) ? t('requestWorkflow.estimateForm.hoursProblem') : null;

  if (!open) {
    return (
      <div className="ed-actions">
        <button type="button" className="ed-button" onClick={() => setOpen(true)}>
          {t('requestWorkflow.estimateForm.again')}
        </button>
      </div>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!valid.success) return;
    await step.run(() => call('issue-panel', 'request/estimate', valid.data));
  };
  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-label={t('requestWorkflow.estimateForm.label')}>
      <StepError error={step.error} onReload={onReload} />
      <Field id="rw-estimate-hours" label={t('requestWorkflow.estimateForm.hours')} required error={hoursProblem} hint={t('requestWorkflow.estimateForm.hoursHint', { hours: hoursText(i18n, view.thresholdHours) })}>
        {(control) => <input {...control} className="ed-input" inputMode="decimal" value={hours} onChange={(e) => setHours(e.target.value)} autoComplete="off" />}
      </Field>
      <Field id="rw-estimate-skills" label={t('requestWorkflow.estimateForm.skills')} hint={t('requestWorkflow.estimateForm.skillsHint')}>
        {(control) => <input {...control} className="ed-input" value={skills} onChange={(e) => setSkills(e.target.value)} autoComplete="off" />}
      </Field>
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={step.busy} aria-busy={step.busy || undefined}>
          <Busy busy={step.busy} label={t('requestWorkflow.estimateForm.submit')} />
        </button>
        {again ? (
          <button type="button" className="ed-button" onClick={() => setOpen(false)} disabled={step.busy}>
            {t('requestWorkflow.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function SowForm({ view, onSaved, onReload }: RequestActionsProps) {
  const { t } = useI18n();
  const { request } = view;
  const phases = view.phases.map((p) => p.phase);
  const [hours, setHours] = useState<Record<string, string>>(() => Object.fromEntries(phases.map((p) => [p, request.sow?.hoursPerStage[p]?.toString() ?? ''])));
  const [travel, setTravel] = useState(request.sow?.travel ?? '');
  const [attempted, setAttempted] = useState(false);
  const step = useStep(onSaved);
  const values = Object.fromEntries(phases.map((p) => [p, parseHours(hours[p] ?? '') ?? 0])) as Record<Phase, number>;
  const bad = (p: Phase) => Number.isNaN(values[p]) || values[p] < 0 || values[p] > 10_000;
  const total = phases.reduce((sum, p) => sum + (bad(p) ? 0 : values[p]), 0);
  const invalid = phases.some(bad) || total <= 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (invalid) return;
    await step.run(() => call('issue-panel', 'request/draft-sow', { hoursPerStage: values, travel, expectedVersion: request.version }));
  };
  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-label={t('requestWorkflow.sowForm.label')}>
      <StepError error={step.error} onReload={onReload} />
      <fieldset className="ed-fieldset">
        <legend>{t('requestWorkflow.sowForm.hoursLegend')}</legend>
        {phases.map((p) => (
          <Field key={p} id={`rw-sow-${p}`} label={t(`requestWorkflow.phase.${p}`)} error={attempted && bad(p) ? t('requestWorkflow.sowForm.phaseProblem') : null}>
            {(control) => <input {...control} className="ed-input" inputMode="decimal" value={hours[p] ?? ''} onChange={(e) => setHours((h) => ({ ...h, [p]: e.target.value }))} autoComplete="off" />}
          </Field>
        ))}
      </fieldset>
      {attempted && !phases.some(bad) && total <= 0 ? <p className="ed-field-error">{t('requestWorkflow.sowForm.totalProblem')}</p> : null}
      <Field id="rw-sow-travel" label={t('requestWorkflow.sowForm.travel')} hint={t('requestWorkflow.sowForm.travelHint')}>
        {(control) => <textarea {...control} className="ed-input" rows={3} value={travel} onChange={(e) => setTravel(e.target.value)} maxLength={2000} />}
      </Field>
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={step.busy} aria-busy={step.busy || undefined}>
          <Busy busy={step.busy} label={t('requestWorkflow.sowForm.submit')} />
        </button>
      </div>
    </form>
  );
}

/** A button that takes one step with the version shown. */
function StepButton({ label, send, onSaved, onReload, primary = true }: { label: string; send: () => Promise<Envelope<RequestView>>; onSaved: (v: RequestView) => void; onReload: () => void; primary?: boolean }) {
  const step = useStep(onSaved);
  return (
    <div>
      <StepError error={step.error} onReload={onReload} />
      <button type="button" className={primary ? 'ed-button ed-button--primary' : 'ed-button'} disabled={step.busy} aria-busy={step.busy || undefined} onClick={() => void step.run(send)}>
        <Busy busy={step.busy} label={label} />
      </button>
    </div>
  );
}

function QuoteButton({ view, onSaved, onReload }: RequestActionsProps) {
  const i18n = useI18n();
  const version = view.request.version;
  return <StepButton label={i18n.t('requestWorkflow.quoteButton', { hours: hoursText(i18n, view.request.estimateHours ?? 0) })} send={() => call('issue-panel', 'request/quote-hours', { expectedVersion: version })} onSaved={onSaved} onReload={onReload} />;
}

function BackOfficeButton({ view, onSaved, onReload }: RequestActionsProps) {
  const { t } = useI18n();
  const version = view.request.version;
  return (
    <>
      <p className="ed-hint">{t('requestWorkflow.backOffice.hint')}</p>
      <StepButton label={t('requestWorkflow.backOffice.button')} send={() => call('issue-panel', 'request/set-up-back-office', { expectedVersion: version })} onSaved={onSaved} onReload={onReload} />
    </>
  );
}

function AutoAssign({ view, onSaved, onReload }: RequestActionsProps) {
  const { t } = useI18n();
  const version = view.request.version;
  return <StepButton label={t('requestWorkflow.assign.auto')} send={() => call('issue-panel', 'request/assign-consultant', { accountId: null, expectedVersion: version })} onSaved={onSaved} onReload={onReload} />;
}

function ProposalDecision({ view, nameOf, onSaved, onReload }: RequestActionsProps) {
  const { t } = useI18n();
  const { version, consultantAccountId } = view.request;
  return (
    <div className="ed-actions">
      <StepButton
        label={t('requestWorkflow.assign.confirm', { name: consultantAccountId ? nameOf(consultantAccountId) : '' })}
        send={() => call('issue-panel', 'request/confirm-consultant', { expectedVersion: version })}
        onSaved={onSaved}
        onReload={onReload}
      />
      <StepButton label={t('requestWorkflow.assign.reject')} primary={false} send={() => call('issue-panel', 'request/reject-consultant', { expectedVersion: version })} onSaved={onSaved} onReload={onReload} />
    </div>
  );
}

function ManualAssign({ view, team, nameOf, onSaved, onReload }: RequestActionsProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [who, setWho] = useState('');
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const step = useStep(onSaved);
  const members = team?.memberAccountIds ?? [];
  if (!open) {
    return (
      <div className="ed-actions">
        <button type="button" className="ed-button" onClick={() => setOpen(true)}>
          {t('requestWorkflow.assign.manualOpen')}
        </button>
      </div>
    );
  }
  const whoProblem = attempted && who === '' ? t('requestWorkflow.assign.whoProblem') : null;
  const reasonProblem = attempted && reason.trim() === '' ? t('requestWorkflow.assign.reasonProblem') : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (who === '' || reason.trim() === '') return;
    const ok = await step.run(() => call('issue-panel', 'request/assign-consultant', { accountId: who, reason: reason.trim(), expectedVersion: view.request.version }));
    if (ok) setOpen(false);
  };
  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-label={t('requestWorkflow.assign.manualLabel')}>
      <StepError error={step.error} onReload={onReload} />
      <Field id="rw-assign-who" label={t('requestWorkflow.assign.who')} required error={whoProblem}>
        {(control) => (
          <select {...control} className="ed-select" value={who} onChange={(e) => setWho(e.target.value)}>
            <option value="">{t('requestWorkflow.assign.pick')}</option>
            {members.map((id) => (
              <option key={id} value={id}>
                {nameOf(id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="rw-assign-reason" label={t('requestWorkflow.assign.reason')} required error={reasonProblem}>
        {(control) => <input {...control} className="ed-input" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoComplete="off" />}
      </Field>
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={step.busy} aria-busy={step.busy || undefined}>
          <Busy busy={step.busy} label={t('requestWorkflow.assign.submit')} />
        </button>
        <button type="button" className="ed-button" onClick={() => setOpen(false)} disabled={step.busy}>
          {t('requestWorkflow.cancel')}
        </button>
      </div>
    </form>
  );
}

function PhaseButtons({ view, onSaved, onReload }: RequestActionsProps) {
  const { t } = useI18n();
  const version = view.request.version;
  const open = openPhases(view);
  return (
    <div className="ed-actions rw-phase-actions">
      {open.map((phase) => (
        <StepButton
          key={phase}
          primary={false}
          label={t('requestWorkflow.completePhase', { phase: t(`requestWorkflow.phase.${phase}`) })}
          send={() => call('issue-panel', 'request/complete-phase', { phase, expectedVersion: version })}
          onSaved={onSaved}
          onReload={onReload}
        />
      ))}
      {open.length === 0 && view.request.stage === 'in-delivery' ? (
        <StepButton label={t('requestWorkflow.completeRequest')} send={() => call('issue-panel', 'request/complete', { expectedVersion: version })} onSaved={onSaved} onReload={onReload} />
      ) : null}
    </div>
  );
}
