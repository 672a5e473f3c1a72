import { useEffect, useState, type FormEvent } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { JsmOrganisationRow } from '../../../src/shared/operations/registers';
import { emailSchema, isPhone, type HistoryEntry, type OrganisationSummary, type Person, type RegisterChange, type RegisterView } from '../../../src/shared/registers';
import { DEPLOYMENT_TYPES, type DeploymentType } from '../../../src/shared/templates';
import { Field } from '../../common/field';
import { useI18n, type Translate } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { SuccessMessage } from '../../common/page';
import { ActionError, useTemplates } from './admin-common';

/** Organisations, a page at a time; linking a JSM organisation; one register with its people and history. */
export default function OrganisationsTab() {
  const { t } = useI18n();
  const [items, setItems] = useState<OrganisationSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const page = async (from: string | null) => {
    setFailure(null);
    const answer = await call('admin', 'organisations/list', { cursor: from, limit: 25 });
    if (!answer.ok) return setFailure(answer.error);
    setItems((list) => [...(from ? (list ?? []) : []), ...answer.body.items]);
    setCursor(answer.body.cursor);
  };
  useEffect(() => {
    void page(null);
  }, []);

  return (
    <section aria-labelledby="orgs-heading" className="ed-section">
      <h2 id="orgs-heading">{t('admin.orgs.heading')}</h2>
      {failure ? <ActionError error={failure} /> : null}
      {items === null ? (
        <Loading />
      ) : (
        <ul className="ed-list">
          {items.map((o) => (
            <li key={o.id} className="ed-person">
              <button type="button" className="ed-link" onClick={() => setOpen(o.id)} aria-current={open === o.id || undefined}>
                {o.name}
              </button>{' '}
              <span className="ed-subtle">
                {t(`admin.deployment.${o.deploymentType}`)} · {t('admin.orgs.people', { count: o.peopleCount })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {cursor ? (
        <button type="button" className="ed-button" onClick={() => void page(cursor)}>
          {t('admin.loadMore')}
        </button>
      ) : null}
      <CreateOrganisation onCreated={(view) => (void page(null), setOpen(view.register.id))} />
      {open ? <RegisterEditor key={open} registerId={open} /> : null}
    </section>
  );
}

function CreateOrganisation({ onCreated }: { onCreated: (view: RegisterView) => void }) {
  const { t, locale } = useI18n();
  const { templates } = useTemplates();
  const [jsm, setJsm] = useState<JsmOrganisationRow[]>([]);
  const [next, setNext] = useState<number | null>(0);
  const [choice, setChoice] = useState('');
  const [deployment, setDeployment] = useState<DeploymentType>('hosted');
  const [keys, setKeys] = useState<string[]>(['key-contacts']);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  const more = async () => {
    if (next === null) return;
    const answer = await call('admin', 'jsm-organisations/list', { start: next, limit: 25 });
    if (!answer.ok) return setFailure(answer.error);
    setJsm((list) => [...list, ...answer.body.items]);
    setNext(answer.body.nextStart);
  };
  useEffect(() => {
    void more();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!choice || keys.length === 0 || busy) return;
    setBusy(true);
    setFailure(null);
    const answer = await call('admin', 'organisations/create', { source: { kind: 'jsm', jsmOrganizationId: choice }, deploymentType: deployment, templateKeys: keys });
    setBusy(false);
    if (!answer.ok) return setFailure(answer.error);
    setJsm((list) => list.map((o) => (o.id === choice ? { ...o, registerId: answer.body.register.id } : o)));
    setChoice('');
    onCreated(answer.body);
  };

  const free = jsm.filter((o) => o.registerId === null);
  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-labelledby="create-heading">
      <h3 id="create-heading">{t('admin.orgs.createHeading')}</h3>
      <Field id="create-jsm" label={t('admin.orgs.jsmOrganisation')} hint={free.length === 0 ? t('admin.orgs.allLinked') : undefined}>
        {(c) => (
          <select {...c} className="ed-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('admin.csv.choose')}</option>
            {free.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {next !== null ? (
        <button type="button" className="ed-button" onClick={() => void more()}>
          {t('admin.orgs.moreJsm')}
        </button>
      ) : null}
      <Field id="create-deployment" label={t('admin.orgs.deployment')}>
        {(c) => (
          <select {...c} className="ed-select" value={deployment} onChange={(e) => setDeployment(e.target.value as DeploymentType)}>
            {DEPLOYMENT_TYPES.map((d) => (
              <option key={d} value={d}>
                {t(`admin.deployment.${d}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t('admin.orgs.templates')}</legend>
        {(templates ?? []).map((tpl) => (
          <label key={tpl.key} className="ed-choice">
            <input type="checkbox" checked={keys.includes(tpl.key)} onChange={(e) => setKeys((k) => (e.target.checked ? [...k, tpl.key] : k.filter((x) => x !== tpl.key)))} />
            {tpl.name[locale]}
          </label>
        ))}
      </fieldset>
      {failure ? <ActionError error={failure} /> : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={busy || !choice}>
          {t('admin.orgs.create')}
        </button>
      </div>
    </form>
  );
}

function RegisterEditor({ registerId }: { registerId: string }) {
  const { t, locale } = useI18n();
  const [view, setView] = useState<RegisterView | null>(null);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  const [history, setHistory] = useState<{ entries: HistoryEntry[]; cursor: string | null } | null>(null);

  const load = async () => {
    setFailure(null);
    const answer = await call('admin', 'register/get', { registerId });
    if (answer.ok) setView(answer.body);
    else setFailure(answer.error);
  };
  useEffect(() => {
    void load();
  }, [registerId]);

  const update = async (change: RegisterChange): Promise<boolean> => {
    if (!view) return false;
    setFailure(null);
    setSaved(false);
    const answer = await call('admin', 'register/update', { registerId, expectedVersion: view.register.version, changes: [change] });
    if (!answer.ok) {
      setFailure(answer.error);
      return false;
    }
    setView(answer.body);
    setSaved(true);
    setEditing(null);
    return true;
  };

  const loadHistory = async (from: string | null) => {
    const answer = await call('admin', 'register/history', { registerId, cursor: from, limit: 20 });
    if (!answer.ok) return setFailure(answer.error);
    setHistory((h) => ({ entries: [...(from ? (h?.entries ?? []) : []), ...answer.body.items], cursor: answer.body.cursor }));
  };

  if (!view) return failure ? <ActionError error={failure} onReload={() => void load()} /> : <Loading />;
  const { register } = view;
  const allRoles = view.templates.flatMap((tpl) => tpl.roles.map((r) => ({ ref: `${tpl.key}/${r.key}`, name: r.name[locale] })));
  const roleName = (ref: string) => allRoles.find((r) => r.ref === ref)?.name ?? ref;
  const nameOf = (id: string) => register.people.find((p) => p.id === id)?.name ?? id;

  return (
    <section aria-labelledby="register-heading" className="ed-card">
      <h3 id="register-heading">{register.name}</h3>
      <p className="ed-subtle">
        {t('admin.orgs.summary', { deployment: t(`admin.deployment.${register.deploymentType}`), score: view.coverage.score, version: register.version })}
      </p>
      {saved ? <SuccessMessage>{t('admin.orgs.saved')}</SuccessMessage> : null}
      {failure ? <ActionError error={failure} onReload={() => void load()} /> : null}
      <table className="ed-table" aria-label={t('admin.orgs.peopleHeading')}>
        <thead>
          <tr>
            <th scope="col">{t('admin.orgs.name')}</th>
            <th scope="col">{t('admin.orgs.contact')}</th>
            <th scope="col">{t('admin.orgs.roles')}</th>
            <th scope="col">{t('admin.orgs.backups')}</th>
            <th scope="col">{t('admin.orgs.absences')}</th>
            <th scope="col">{t('admin.templates.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {register.people.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.name}</th>
              <td>
                {p.email}
                {p.phone ? <div>{p.phone}</div> : null}
              </td>
              <td>{p.roles.map(roleName).join(', ')}</td>
              <td>{p.backupFor.map(nameOf).join(', ') || '—'}</td>
              <td>{p.absences.map((a) => `${a.from} → ${a.to}`).join(', ') || '—'}</td>
              <td>
                <div className="ed-actions">
                  <button type="button" className="ed-button" onClick={() => setEditing(p)} aria-label={t('admin.orgs.editNamed', { name: p.name })}>
                    {t('admin.orgs.edit')}
                  </button>
                  <button type="button" className="ed-button" onClick={() => void update({ kind: 'person/remove', personId: p.id })} aria-label={t('admin.orgs.removeNamed', { name: p.name })}>
                    {t('admin.orgs.remove')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="ed-actions">
        <button type="button" className="ed-button" onClick={() => setEditing('new')}>
          {t('admin.orgs.addPerson')}
        </button>
        <button type="button" className="ed-button" onClick={() => void loadHistory(null)}>
          {t('admin.orgs.showHistory')}
        </button>
      </div>
      {editing ? (
        <PersonForm
          key={editing === 'new' ? 'new' : editing.id}
          person={editing === 'new' ? null : editing}
          roles={allRoles}
          people={register.people}
          onCancel={() => setEditing(null)}
          onSave={(fields) => update(editing === 'new' ? { kind: 'person/add', person: fields } : { kind: 'person/edit', personId: editing.id, person: fields })}
        />
      ) : null}
      {history ? <History entries={history.entries} cursor={history.cursor} more={() => void loadHistory(history.cursor)} /> : null}
    </section>
  );
}

type Fields = Extract<RegisterChange, { kind: 'person/add' }>['person'];

function problemsOf(t: Translate, name: string, email: string, phone: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (name.trim() === '') problems.name = t('validation.required');
  if (!emailSchema.safeParse(email).success) problems.email = t('portal.proposal.badEmail');
  if (phone.trim() !== '' && !isPhone(phone.trim())) problems.phone = t('portal.proposal.badPhone');
  return problems;
}

interface PersonFormProps {
  person: Person | null;
  roles: Array<{ ref: string; name: string }>;
  people: Person[];
  onSave: (fields: Fields) => Promise<boolean>;
  onCancel: () => void;
}

function PersonForm({ person, roles, people, onSave, onCancel }: PersonFormProps) {
  const { t } = useI18n();
  const [name, setName] = useState(person?.name ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [phone, setPhone] = useState(person?.phone ?? '');
  const [held, setHeld] = useState<string[]>(person?.roles ?? []);
  const [backupFor, setBackupFor] = useState<string[]>(person?.backupFor ?? []);
  const [absence, setAbsence] = useState({ from: '', to: '' });
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const problems = attempted ? problemsOf(t, name, email, phone) : {};

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(problemsOf(t, name, email, phone)).length > 0 || busy) return;
    const absences = [...(person?.absences ?? []), ...(absence.from && absence.to ? [{ from: absence.from, to: absence.to }] : [])];
    setBusy(true);
    await onSave({ name: name.trim(), email: email.trim(), phone: phone.trim() || null, accountId: person?.accountId ?? null, roles: held, backupFor, absences });
    setBusy(false);
  };

  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-labelledby="person-heading">
      <h4 id="person-heading">{person ? t('admin.orgs.editHeading', { name: person.name }) : t('admin.orgs.addPerson')}</h4>
      <Field id="person-name" label={t('admin.orgs.name')} required error={problems.name}>
        {(c) => <input {...c} className="ed-input" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field id="person-email" label={t('admin.orgs.email')} required error={problems.email}>
        {(c) => <input {...c} className="ed-input" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <Field id="person-phone" label={t('admin.orgs.phone')} hint={t('portal.proposal.phoneHint')} error={problems.phone}>
        {(c) => <input {...c} className="ed-input" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />}
      </Field>
      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t('admin.orgs.roles')}</legend>
        {roles.map((r) => (
          <label key={r.ref} className="ed-choice">
            <input type="checkbox" checked={held.includes(r.ref)} onChange={(e) => setHeld((h) => (e.target.checked ? [...h, r.ref] : h.filter((x) => x !== r.ref)))} />
            {r.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t('admin.orgs.backups')}</legend>
        {people
          .filter((p) => p.id !== person?.id)
          .map((p) => (
            <label key={p.id} className="ed-choice">
              <input type="checkbox" checked={backupFor.includes(p.id)} onChange={(e) => setBackupFor((b) => (e.target.checked ? [...b, p.id] : b.filter((x) => x !== p.id)))} />
              {p.name}
            </label>
          ))}
      </fieldset>
      <div className="ed-grid">
        <Field id="absence-from" label={t('admin.orgs.absentFrom')}>
          {(c) => <input {...c} className="ed-input" type="date" value={absence.from} onChange={(e) => setAbsence((a) => ({ ...a, from: e.target.value }))} />}
        </Field>
        <Field id="absence-to" label={t('admin.orgs.absentTo')}>
          {(c) => <input {...c} className="ed-input" type="date" value={absence.to} onChange={(e) => setAbsence((a) => ({ ...a, to: e.target.value }))} />}
        </Field>
      </div>
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={busy}>
          {t('admin.orgs.savePerson')}
        </button>
        <button type="button" className="ed-button" onClick={onCancel}>
          {t('admin.orgs.cancel')}
        </button>
      </div>
    </form>
  );
}

function History({ entries, cursor, more }: { entries: HistoryEntry[]; cursor: string | null; more: () => void }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section aria-labelledby="history-heading">
      <h4 id="history-heading">{t('admin.orgs.history')}</h4>
      <ul className="ed-list">
        {entries.map((e, i) => (
          <li key={`${e.at}-${i}`} className="ed-person">
            <strong>{e.action}</strong> — {formatDateTime(e.at)} — {e.actor}
          </li>
        ))}
      </ul>
      {cursor ? (
        <button type="button" className="ed-button" onClick={more}>
          {t('admin.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
