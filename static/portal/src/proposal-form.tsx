import { useState, type FormEvent } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import { emailSchema, isPhone, type Proposal, type ProposalChange, type RegisterView } from '../../../src/shared/registers';
import { ErrorMessage } from '../../common/error-message';
import { allIssuesShown, Field, serverIssue } from '../../common/field';
import { useI18n, type Translate } from '../../common/i18n';
import { call } from '../../common/invoke';
import { SuccessMessage } from '../../common/page';
import { roleName } from './format';

type Kind = ProposalChange['kind'];

interface Draft {
  kind: Kind;
  personId: string;
  name: string;
  email: string;
  phone: string;
  roles: string[];
}

interface Problems {
  personId?: string;
  name?: string;
  email?: string;
  phone?: string;
}

/** The server's own rules (src/shared/registers.ts), worded in the page's language. */
function check(t: Translate, draft: Draft): Problems {
  const problems: Problems = {};
  if (draft.kind !== 'add' && !draft.personId) problems.personId = t('portal.proposal.choosePerson');
  if (draft.kind === 'remove') return problems;
  if (draft.name.trim() === '') problems.name = t('validation.required');
  else if (draft.name.trim().length > 200) problems.name = t('validation.tooLong', { max: 200 });
  if (draft.email.trim() === '') problems.email = t('validation.required');
  else if (!emailSchema.safeParse(draft.email).success) problems.email = t('portal.proposal.badEmail');
  if (draft.phone.trim() !== '' && !isPhone(draft.phone.trim())) problems.phone = t('portal.proposal.badPhone');
  return problems;
}

const empty: Draft = { kind: 'add', personId: '', name: '', email: '', phone: '', roles: [] };

/** Proposes adding, changing or removing a contact. The register itself changes only when an agent approves it. */
export function ProposalForm({ view, onProposed }: { view: RegisterView; onProposed: (p: Proposal) => void }) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<Draft>(empty);
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [sent, setSent] = useState(false);
  const id = (name: string) => `proposal-${view.register.id}-${name}`;
  const clientRoles = view.coverage.roles.filter((r) => r.side === 'client' && r.status !== 'not-applicable').map((r) => r.ref);
  const problems = attempted ? check(t, draft) : {};
  const personOf = (personId: string) => view.register.people.find((p) => p.id === personId);

  const edit = (change: Partial<Draft>) => {
    setSent(false);
    setDraft((d) => {
      const next = { ...d, ...change };
      // Choosing whom to change fills the form with what the register says of them.
      if (change.personId !== undefined && next.kind === 'change') {
        const person = personOf(change.personId);
        if (person) Object.assign(next, { name: person.name, email: person.email, phone: person.phone ?? '', roles: person.roles.filter((r) => clientRoles.includes(r)) });
      }
      return next;
    });
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setAttempted(true);
    setSent(false);
    const found = check(t, draft);
    const first = (['personId', 'name', 'email', 'phone'] as const).find((k) => found[k]);
    if (first) {
      setFailure(null);
      document.getElementById(id(first))?.focus();
      return;
    }
    const existing = personOf(draft.personId);
    const person = {
      name: draft.name.trim(),
      email: draft.email.trim(),
      phone: draft.phone.trim() === '' ? null : draft.phone.trim(),
      // Roles the portal does not show (vendor roles) and backups / absences are kept as the register has them.
      roles: [...draft.roles, ...(existing?.roles.filter((r) => !clientRoles.includes(r)) ?? [])],
      backupFor: existing?.backupFor ?? [],
      absences: existing?.absences ?? [],
    };
    const change: ProposalChange =
      draft.kind === 'add' ? { kind: 'add', person } : draft.kind === 'change' ? { kind: 'change', personId: draft.personId, person } : { kind: 'remove', personId: draft.personId };
    setSaving(true);
    setFailure(null);
    const answer = await call('portal', 'proposal/create', { registerId: view.register.id, change });
    setSaving(false);
    if (!answer.ok) {
      setFailure(answer.error);
      return;
    }
    setSent(true);
    setAttempted(false);
    setDraft(empty);
    onProposed(answer.body);
  };

  const fieldError = (name: keyof Problems, path: string) => problems[name] ?? serverIssue(t, failure, path);
  const paths = ['change.person.name', 'change.person.email', 'change.person.phone', 'change.personId'];
  const alert = failure && !allIssuesShown(failure, paths) ? failure : null;

  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-labelledby={id('heading')}>
      <h4 id={id('heading')}>{t('portal.proposal.heading')}</h4>
      <p className="ed-subtle">{t('portal.proposal.intro')}</p>
      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t('portal.proposal.kindLegend')}</legend>
        {(['add', 'change', 'remove'] as const).map((kind) => (
          <label className="ed-choice" key={kind}>
            <input type="radio" name={id('kind')} value={kind} checked={draft.kind === kind} onChange={() => edit({ kind, personId: '' })} />
            {t(`portal.proposal.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      {draft.kind !== 'add' ? (
        <Field id={id('personId')} label={t('portal.proposal.person')} required error={fieldError('personId', 'change.personId')}>
          {(control) => (
            <select {...control} className="ed-select" value={draft.personId} onChange={(e) => edit({ personId: e.target.value })}>
              <option value="">{t('portal.proposal.choose')}</option>
              {view.register.people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {draft.kind !== 'remove' ? (
        <>
          <Field id={id('name')} label={t('portal.proposal.name')} required error={fieldError('name', 'change.person.name')}>
            {(control) => <input {...control} className="ed-input" value={draft.name} autoComplete="name" onChange={(e) => edit({ name: e.target.value })} />}
          </Field>
          <Field id={id('email')} label={t('portal.proposal.email')} required error={fieldError('email', 'change.person.email')}>
            {(control) => <input {...control} className="ed-input" type="email" value={draft.email} autoComplete="email" onChange={(e) => edit({ email: e.target.value })} />}
          </Field>
          <Field id={id('phone')} label={t('portal.proposal.phone')} hint={t('portal.proposal.phoneHint')} error={fieldError('phone', 'change.person.phone')}>
            {(control) => <input {...control} className="ed-input" type="tel" value={draft.phone} autoComplete="tel" onChange={(e) => edit({ phone: e.target.value })} />}
          </Field>
          <fieldset className="ed-fieldset">
            <legend className="ed-legend">{t('portal.proposal.roles')}</legend>
            {clientRoles.map((ref) => (
              <label className="ed-choice" key={ref}>
                <input
                  type="checkbox"
                  checked={draft.roles.includes(ref)}
                  onChange={(e) => edit({ roles: e.target.checked ? [...draft.roles, ref] : draft.roles.filter((r) => r !== ref) })}
                />
                {roleName(view, ref, locale)}
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
      {alert ? <ErrorMessage error={alert} /> : null}
      {sent ? <SuccessMessage>{t('portal.proposal.sent')}</SuccessMessage> : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('common.saving') : t('portal.proposal.submit')}
        </button>
      </div>
    </form>
  );
}
