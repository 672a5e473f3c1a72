import { useState, type FormEvent } from 'react';
import type { DutyView, EngagementPerson, PersonInput, RoleView } from '../../../src/shared/engagement';
import { personInputSchema } from '../../../src/shared/engagement';
import { Field, serverIssue } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { OwnerSelect } from './owner-select';
import { ownerName, peopleOnEngagement, useEngagement, useWrite, WriteError } from './engagement-context';
import { useReturnFocus } from './inline-editor';
import { SaveCancel } from './save-cancel';

/** What `role/assign` needs to keep a person already in the role. */
export function inputOf(person: EngagementPerson): PersonInput {
  if (person.kind === 'account' && person.accountId) return { kind: 'account', accountId: person.accountId };
  if (person.kind === 'register' && person.registerPersonId) return { kind: 'register', personId: person.registerPersonId };
  return { kind: 'contact', name: person.name, email: person.email ?? '', phone: person.phone, accountId: person.accountId };
}

/** Client and vendor roles of the template: who holds each, and its duties as a checklist. */
export function RolesSection() {
  const { t } = useI18n();
  const { engagement } = useEngagement();
  if (!engagement.template) return null;
  const roles = engagement.roles.filter((r) => r.applies);
  return (
    <section aria-labelledby="ep-roles" className="ep-section">
      <h3 id="ep-roles">{t('engagementPanel.roles.heading')}</h3>
      {(['client', 'vendor'] as const).map((side) => (
        <div key={side}>
          <h4>{t(`engagementPanel.roles.side.${side}`)}</h4>
          {roles
            .filter((r) => r.side === side)
            .map((role) => (
              <RoleCard key={role.key} role={role} />
            ))}
        </div>
      ))}
    </section>
  );
}

function RoleCard({ role }: { role: RoleView }) {
  const { t, locale } = useI18n();
  const { engagement, canEdit, saved } = useEngagement();
  const [adding, setAdding] = useState(false);
  const write = useWrite();
  const name = role.name[locale];
  const remove = (person: EngagementPerson) =>
    write.run(
      () => call('issue-panel', 'role/assign', { roleKey: role.key, people: role.people.filter((p) => p.id !== person.id).map(inputOf), expectedVersion: engagement.version }),
      saved,
    );
  return (
    <article className="ep-card" aria-labelledby={`ep-role-${role.key}`}>
      <h5 id={`ep-role-${role.key}`} className="ep-card__title">
        {name} <span className={`ep-status ep-status--${role.status}`}>{t(`engagementPanel.roles.status.${role.status}`)}</span>
      </h5>
      <p className="ed-subtle">{role.description[locale]}</p>
      <WriteError error={write.error} />
      {role.people.length === 0 ? (
        <p className="ed-subtle">{t('engagementPanel.roles.nobody')}</p>
      ) : (
        <ul className="ep-list" aria-label={t('engagementPanel.roles.peopleOf', { role: name })}>
          {role.people.map((person) => (
            <li key={person.id}>
              {person.name}
              {person.email ? <span className="ed-subtle"> · {person.email}</span> : null}
              {canEdit ? (
                <button
                  type="button"
                  className="ed-button ep-inline"
                  disabled={write.saving}
                  onClick={() => void remove(person)}
                  aria-label={t('engagementPanel.roles.removeNamed', { name: person.name, role: name })}
                >
                  {t('engagementPanel.remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit && !adding ? (
        <button type="button" className="ed-button" onClick={() => setAdding(true)} aria-label={t('engagementPanel.roles.addTo', { role: name })}>
          {t('engagementPanel.roles.add')}
        </button>
      ) : null}
      {canEdit && adding ? <AddPersonForm role={role} onDone={() => setAdding(false)} /> : null}
      <Duties role={role} />
    </article>
  );
}

function AddPersonForm({ role, onDone }: { role: RoleView; onDone: () => void }) {
  const { t, locale } = useI18n();
  const { engagement, saved, register, loadRegister } = useEngagement();
  const [personId, setPersonId] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const write = useWrite();
  const vendor = role.side === 'vendor';
  // Vendor roles are filled with the vendor's Atlassian accounts: only register people who have one are offered.
  const people = (register.status === 'ready' ? (register.data.view?.register.people ?? []) : []).filter((p) => !vendor || p.accountId !== null);
  const [accountId, setAccountId] = useState('');
  const ref = `${engagement.template?.key ?? ''}/${role.key}`;
  const id = `ep-add-${role.key}`;
  const roleName = role.name[locale];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let person: PersonInput;
    const chosen = people.find((p) => p.id === personId);
    if (chosen && vendor && chosen.accountId) person = { kind: 'account', accountId: chosen.accountId };
    else if (chosen) person = { kind: 'register', personId: chosen.id };
    else if (vendor) {
      const parsed = personInputSchema.safeParse({ kind: 'account', accountId: accountId.trim() });
      if (!parsed.success) {
        setLocalError({ accountId: accountId.trim() === '' ? t('validation.required') : t('engagementPanel.validation.accountId') });
        return;
      }
      person = parsed.data;
    } else {
      const parsed = personInputSchema.safeParse({ kind: 'contact', name, email });
      if (!parsed.success) {
        const problems: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? '');
          problems[field] ??= field === 'email' && email.trim() !== '' ? t('engagementPanel.validation.email') : t('validation.required');
        }
        setLocalError(problems);
        return;
      }
      person = parsed.data;
    }
    setLocalError({});
    const ok = await write.run(
      () => call('issue-panel', 'role/assign', { roleKey: role.key, people: [...role.people.map(inputOf), person], expectedVersion: engagement.version }),
      saved,
    );
    if (ok) onDone();
  };

  const issueAt = (field: string) => localError[field] ?? serverIssue(t, write.error, `people.${role.people.length}.${field}`);
  return (
    <form className="ed-form ep-subform" noValidate onSubmit={submit} aria-label={t('engagementPanel.roles.addTo', { role: roleName })}>
      <WriteError error={write.error} />
      {register.status === 'idle' ? (
        <button type="button" className="ed-button" onClick={() => loadRegister()}>
          {t('engagementPanel.roles.loadRegister')}
        </button>
      ) : null}
      {register.status === 'loading' ? <Loading /> : null}
      {people.length > 0 ? (
        <Field id={`${id}-register`} label={t('engagementPanel.roles.fromRegister')}>
          {(control) => (
            <select {...control} className="ed-select" value={personId} onChange={(e) => setPersonId(e.target.value)}>
              <option value="">{vendor ? t('engagementPanel.roles.someoneElseAccount') : t('engagementPanel.roles.someoneElse')}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.roles.includes(ref) ? `${p.name} ★` : p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {personId === '' && vendor ? (
        <Field id={`${id}-account`} label={t('engagementPanel.roles.accountId')} required hint={t('engagementPanel.roles.accountIdHint')} error={issueAt('accountId')}>
          {(control) => <input {...control} className="ed-input" value={accountId} onChange={(e) => setAccountId(e.target.value)} autoComplete="off" />}
        </Field>
      ) : null}
      {personId === '' && !vendor ? (
        <>
          <Field id={`${id}-name`} label={t('engagementPanel.roles.name')} required error={issueAt('name')}>
            {(control) => <input {...control} className="ed-input" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
          </Field>
          <Field id={`${id}-email`} label={t('engagementPanel.roles.email')} required error={issueAt('email')}>
            {(control) => <input {...control} className="ed-input" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />}
          </Field>
        </>
      ) : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={write.saving} aria-busy={write.saving || undefined}>
          {write.saving ? t('common.saving') : t('engagementPanel.roles.assign')}
        </button>
        <button type="button" className="ed-button" onClick={onDone} disabled={write.saving}>
          {t('engagementPanel.cancel')}
        </button>
      </div>
    </form>
  );
}

function Duties({ role }: { role: RoleView }) {
  const { t, locale, formatDateTime } = useI18n();
  const { engagement, canEdit, saved } = useEngagement();
  const write = useWrite();
  if (role.duties.length === 0) return null;
  const toggle = (dutyKey: string, done: boolean) =>
    write.run(() => call('issue-panel', 'duty/toggle', { roleKey: role.key, dutyKey, done, expectedVersion: engagement.version }), saved);
  return (
    <fieldset className="ed-fieldset ep-duties">
      <legend className="ed-legend">{t('engagementPanel.duties.legend', { done: role.dutiesDone, total: role.duties.length })}</legend>
      <WriteError error={write.error} />
      {role.duties.map((duty) => {
        const id = `ep-duty-${role.key}-${duty.key}`;
        const owner = ownerName(engagement, duty.ownerId);
        return (
          <div key={duty.key} className="ep-duty">
            <div className="ed-choice">
              <input id={id} type="checkbox" checked={duty.done} disabled={!canEdit || write.saving} onChange={(e) => void toggle(duty.key, e.target.checked)} />
              <label htmlFor={id}>
                {duty.text[locale]}
                {duty.done && duty.doneAt ? <span className="ed-subtle"> — {t('engagementPanel.duties.doneAt', { date: formatDateTime(duty.doneAt) })}</span> : null}
              </label>
            </div>
            <p className="ed-subtle ep-duty__meta" data-testid={`duty-meta-${role.key}-${duty.key}`}>
              {t('engagementPanel.duties.owner')}: {owner ?? t('engagementPanel.duties.noOwner')} · {t('engagementPanel.duties.due')}:{' '}
              {duty.dueDate ?? t('engagementPanel.duties.noDueDate')}
            </p>
            {canEdit ? <DutyPlanEditor role={role} duty={duty} /> : null}
          </div>
        );
      })}
    </fieldset>
  );
}

/** The owner (someone named on the engagement) and due date of one duty, set with `duty/toggle` (its tick kept). */
function DutyPlanEditor({ role, duty }: { role: RoleView; duty: DutyView }) {
  const { t, locale } = useI18n();
  const { engagement, saved } = useEngagement();
  const [open, setOpen] = useState(false);
  const [ownerId, setOwnerId] = useState(duty.ownerId ?? '');
  const [dueDate, setDueDate] = useState(duty.dueDate ?? '');
  const write = useWrite();
  const focus = useReturnFocus();
  const people = peopleOnEngagement(engagement);
  const id = `ep-dutyplan-${role.key}-${duty.key}`;
  const close = () => {
    focus.returnFocus();
    setOpen(false);
  };
  const dutyName = duty.text[locale];
  const start = () => {
    setOwnerId(duty.ownerId ?? '');
    setDueDate(duty.dueDate ?? '');
    write.clear();
    setOpen(true);
  };
  if (!open) {
    return (
      <button ref={focus.button} type="button" className="ed-button ep-inline" onClick={start} aria-label={t('engagementPanel.duties.editNamed', { duty: dutyName })}>
        {t('engagementPanel.duties.edit')}
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await write.run(
      () =>
        call('issue-panel', 'duty/toggle', {
          roleKey: role.key,
          dutyKey: duty.key,
          done: duty.done,
          ownerId: ownerId === '' ? null : ownerId,
          dueDate: dueDate === '' ? null : dueDate,
          expectedVersion: engagement.version,
        }),
      saved,
    );
    if (ok) close();
  };
  return (
    <form className="ed-form ep-subform" noValidate onSubmit={submit} aria-label={t('engagementPanel.duties.editNamed', { duty: dutyName })}>
      <WriteError error={write.error} fields={['ownerId', 'dueDate']} />
      <Field id={`${id}-owner`} label={t('engagementPanel.duties.owner')} error={serverIssue(t, write.error, 'ownerId')}>
        {(control) => <OwnerSelect control={control} people={people} value={ownerId} onChange={setOwnerId} noneLabel={t('engagementPanel.duties.noOwner')} autoFocus />}
      </Field>
      <Field id={`${id}-due`} label={t('engagementPanel.duties.dueDate')} error={serverIssue(t, write.error, 'dueDate')}>
        {(control) => <input {...control} className="ed-input" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />}
      </Field>
      <SaveCancel saving={write.saving} saveLabel={t('engagementPanel.duties.save')} onCancel={close} />
    </form>
  );
}
