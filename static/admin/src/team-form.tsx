import { useEffect, useState, type FormEvent } from 'react';
import { ASSIGNMENT_MODES, CHOICE_STRATEGIES, deliveryTeamInput, TRIAGE_MODES, type DeliverySetup, type DeliveryTeam } from '../../../src/shared/delivery';
import type { AppErrorBody } from '../../../src/shared/errors';
import { allIssuesBeside } from '../../common/error-message';
import { Field } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { ActionError } from './admin-common';
import { problemAt, problemsOfServer, problemsOfZod, splitList, useFocusFirstInvalid, useNames, type Problem } from './delivery-common';
import { PersonPicker } from './person-picker';

interface AbsenceDraft {
  key: number;
  from: string;
  to: string;
  /** '' for nobody. */
  backupAccountId: string;
}

interface MemberDraft {
  key: number;
  accountId: string;
  skills: string;
  capacity: string;
  absences: AbsenceDraft[];
}

interface TeamDraft {
  name: string;
  leadAccountId: string;
  members: MemberDraft[];
  triage: DeliveryTeam['triage'];
  assignment: DeliveryTeam['assignment'];
  strategy: DeliveryTeam['strategy'];
  continuity: boolean;
}

let keys = 0;
const nextKey = () => ++keys;

function draftOf(team: DeliveryTeam | null): TeamDraft {
  if (!team) return { name: '', leadAccountId: '', members: [], triage: 'lead', assignment: 'propose', strategy: 'round-robin', continuity: true };
  return {
    name: team.name,
    leadAccountId: team.leadAccountId,
    members: team.members.map((m) => ({
      key: nextKey(),
      accountId: m.accountId,
      skills: m.skills.join(', '),
      capacity: String(m.weeklyCapacityHours),
      absences: m.absences.map((a) => ({ key: nextKey(), from: a.from, to: a.to, backupAccountId: a.backupAccountId ?? '' })),
    })),
    triage: team.triage,
    assignment: team.assignment,
    strategy: team.strategy,
    continuity: team.continuity,
  };
}

function candidate(draft: TeamDraft) {
  return deliveryTeamInput.safeParse({
    name: draft.name,
    leadAccountId: draft.leadAccountId,
    members: draft.members.map((m) => ({
      accountId: m.accountId,
      skills: splitList(m.skills),
      weeklyCapacityHours: m.capacity.trim() === '' ? Number.NaN : Number(m.capacity),
      absences: m.absences.map((a) => ({ from: a.from, to: a.to, backupAccountId: a.backupAccountId === '' ? null : a.backupAccountId })),
    })),
    triage: draft.triage,
    assignment: draft.assignment,
    strategy: draft.strategy,
    continuity: draft.continuity,
  });
}

const LABEL_KEYS = {
  triage: { lead: 'triageLead', rota: 'triageRota' },
  assignment: { propose: 'propose', direct: 'direct' },
  strategy: { 'round-robin': 'roundRobin', 'least-loaded': 'leastLoaded' },
} as const;

interface TeamFormProps {
  team: DeliveryTeam | null;
  version: number;
  onSaved: (setup: DeliverySetup) => void;
  onReload: () => void;
  onClose: () => void;
}

/** A delivery team: its lead, members (Jira people) with skills, weekly capacity and absences with a backup, and how it works. */
export function TeamForm({ team, version, onSaved, onReload, onClose }: TeamFormProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<TeamDraft>(() => draftOf(team));
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const focusFirstInvalid = useFocusFirstInvalid('team-form');
  // A reload after a conflict brings the newer version: the conflict is over, and the draft is kept for saving again.
  useEffect(() => setFailure((f) => (f?.code === 'CONFLICT' ? null : f)), [version]);
  const change = (patch: Partial<TeamDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const changeMember = (key: number, patch: Partial<MemberDraft>) => setDraft((d) => ({ ...d, members: d.members.map((m) => (m.key === key ? { ...m, ...patch } : m)) }));
  const nameOf = useNames([draft.leadAccountId, ...draft.members.map((m) => m.accountId)]);

  const parsed = candidate(draft);
  const problems: Problem[] = [...(attempted && !parsed.success ? problemsOfZod(parsed.error) : []), ...problemsOfServer(failure, 'team.')];
  const at = (path: string) => problemAt(t, problems, path);
  const headingId = 'team-form-heading';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setAttempted(true);
    if (!parsed.success) {
      focusFirstInvalid();
      return;
    }
    setSaving(true);
    setFailure(null);
    const answer = await call('admin', 'team/save', { id: team?.id ?? null, team: parsed.data, expectedVersion: version });
    setSaving(false);
    if (!answer.ok) {
      setFailure(answer.error);
      return;
    }
    onSaved(answer.body.setup);
    onClose();
  };

  const alert = failure && !allIssuesBeside(failure, ['team.name', 'team.leadAccountId', 'team.members']) ? failure : null;
  const heading = team ? t('routingAdmin.teamForm.headingEdit', { name: team.name }) : t('routingAdmin.teamForm.headingNew');

  return (
    <form id="team-form" className="ed-wide-form ed-card" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      {alert ? <ActionError error={alert} onReload={onReload} /> : null}
      <Field id="team-name" label={t('routingAdmin.teamForm.name')} required error={at('name')}>
        {(c) => <input {...c} className="ed-input" value={draft.name} onChange={(e) => change({ name: e.target.value })} />}
      </Field>

      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t('routingAdmin.teamForm.lead')}</legend>
        <p id="team-lead-current">{draft.leadAccountId ? t('routingAdmin.teamForm.leadIs', { name: nameOf(draft.leadAccountId) }) : t('routingAdmin.teamForm.noLead')}</p>
        <PersonPicker id="team-lead" label={t('routingAdmin.teamForm.findLead')} error={at('leadAccountId')} action={(name) => t('routingAdmin.teamForm.makeLead', { name })} onPick={(p) => change({ leadAccountId: p.accountId })} />
      </fieldset>

      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t('routingAdmin.teamForm.members')}</legend>
        {draft.members.length === 0 ? <p>{t('routingAdmin.teamForm.noMembers')}</p> : null}
        {draft.members.map((m, i) => (
          <fieldset key={m.key} className="ed-fieldset ed-card">
            <legend className="ed-legend">{nameOf(m.accountId)}</legend>
            {at(`members.${i}.accountId`) ? <p className="ed-field-error">{at(`members.${i}.accountId`)}</p> : null}
            <div className="ed-row">
              <Field id={`member-${i}-skills`} label={t('routingAdmin.teamForm.skills')} hint={t('routingAdmin.teamForm.skillsHint')} error={at(`members.${i}.skills`)}>
                {(c) => <input {...c} className="ed-input" value={m.skills} onChange={(e) => changeMember(m.key, { skills: e.target.value })} />}
              </Field>
              <Field id={`member-${i}-capacity`} label={t('routingAdmin.teamForm.capacity')} required error={at(`members.${i}.weeklyCapacityHours`)}>
                {(c) => <input {...c} className="ed-input" type="number" inputMode="decimal" min="0" max="80" step="any" value={m.capacity} onChange={(e) => changeMember(m.key, { capacity: e.target.value })} />}
              </Field>
            </div>
            {m.absences.map((a, j) => {
              const path = `members.${i}.absences.${j}`;
              const changeAbsence = (patch: Partial<AbsenceDraft>) => changeMember(m.key, { absences: m.absences.map((x) => (x.key === a.key ? { ...x, ...patch } : x)) });
              return (
                <div key={a.key} className="ed-row" role="group" aria-label={t('routingAdmin.teamForm.absenceOf', { name: nameOf(m.accountId), n: j + 1 })}>
                  <Field id={`member-${i}-absence-${j}-from`} label={t('routingAdmin.teamForm.from')} required error={at(`${path}.from`)}>
                    {(c) => <input {...c} className="ed-input" type="date" value={a.from} onChange={(e) => changeAbsence({ from: e.target.value })} />}
                  </Field>
                  <Field id={`member-${i}-absence-${j}-to`} label={t('routingAdmin.teamForm.to')} required error={at(`${path}.to`)}>
                    {(c) => <input {...c} className="ed-input" type="date" value={a.to} onChange={(e) => changeAbsence({ to: e.target.value })} />}
                  </Field>
                  <Field id={`member-${i}-absence-${j}-backup`} label={t('routingAdmin.teamForm.backup')} error={at(`${path}.backupAccountId`)}>
                    {(c) => (
                      <select {...c} className="ed-select" value={a.backupAccountId} onChange={(e) => changeAbsence({ backupAccountId: e.target.value })}>
                        <option value="">{t('routingAdmin.teamForm.noBackup')}</option>
                        {draft.members
                          .filter((other) => other.accountId !== m.accountId)
                          .map((other) => (
                            <option key={other.key} value={other.accountId}>
                              {nameOf(other.accountId)}
                            </option>
                          ))}
                        {a.backupAccountId !== '' && !draft.members.some((other) => other.accountId === a.backupAccountId) ? <option value={a.backupAccountId}>{nameOf(a.backupAccountId)}</option> : null}
                      </select>
                    )}
                  </Field>
                  <button type="button" className="ed-button" onClick={() => changeMember(m.key, { absences: m.absences.filter((x) => x.key !== a.key) })} aria-label={t('routingAdmin.teamForm.removeAbsenceOf', { name: nameOf(m.accountId), n: j + 1 })}>
                    {t('routingAdmin.teamForm.removeAbsence')}
                  </button>
                </div>
              );
            })}
            <div className="ed-actions">
              <button type="button" className="ed-button" onClick={() => changeMember(m.key, { absences: [...m.absences, { key: nextKey(), from: '', to: '', backupAccountId: '' }] })} aria-label={t('routingAdmin.teamForm.addAbsenceFor', { name: nameOf(m.accountId) })}>
                {t('routingAdmin.teamForm.addAbsence')}
              </button>
              <button type="button" className="ed-button" onClick={() => change({ members: draft.members.filter((x) => x.key !== m.key) })} aria-label={t('routingAdmin.teamForm.removeMemberNamed', { name: nameOf(m.accountId) })}>
                {t('routingAdmin.teamForm.removeMember')}
              </button>
            </div>
          </fieldset>
        ))}
        <PersonPicker
          id="team-member-search"
          label={t('routingAdmin.teamForm.findMember')}
          exclude={draft.members.map((m) => m.accountId)}
          action={(name) => t('routingAdmin.teamForm.addMember', { name })}
          onPick={(p) => change({ members: [...draft.members, { key: nextKey(), accountId: p.accountId, skills: '', capacity: '40', absences: [] }] })}
        />
      </fieldset>

      <Choice legend={t('routingAdmin.teamForm.triage')} name="team-triage" value={draft.triage} options={TRIAGE_MODES} label={(v) => t(`routingAdmin.teamForm.${LABEL_KEYS.triage[v]}`)} onChange={(triage) => change({ triage })} />
      <Choice legend={t('routingAdmin.teamForm.assignment')} name="team-assignment" value={draft.assignment} options={ASSIGNMENT_MODES} label={(v) => t(`routingAdmin.teamForm.${LABEL_KEYS.assignment[v]}`)} onChange={(assignment) => change({ assignment })} />
      <Choice legend={t('routingAdmin.teamForm.strategy')} name="team-strategy" value={draft.strategy} options={CHOICE_STRATEGIES} label={(v) => t(`routingAdmin.teamForm.${LABEL_KEYS.strategy[v]}`)} onChange={(strategy) => change({ strategy })} />
      <label className="ed-choice">
        <input type="checkbox" checked={draft.continuity} onChange={(e) => change({ continuity: e.target.checked })} />
        {t('routingAdmin.teamForm.continuity')}
      </label>

      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('common.saving') : t('routingAdmin.teamForm.save')}
        </button>
        <button type="button" className="ed-button" onClick={onClose}>
          {t('routingAdmin.common.cancel')}
        </button>
      </div>
    </form>
  );
}

function Choice<V extends string>({ legend, name, value, options, label, onChange }: { legend: string; name: string; value: V; options: readonly V[]; label: (v: V) => string; onChange: (v: V) => void }) {
  return (
    <fieldset className="ed-fieldset">
      <legend className="ed-legend">{legend}</legend>
      {options.map((option) => (
        <label key={option} className="ed-choice">
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}
