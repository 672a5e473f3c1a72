import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { JsmOrganisationRow } from '../../../src/shared/operations/registers';
import { emailSchema, isPhone, type HistoryEntry, type OrganisationSummary, type Person, type RegisterChange, type RegisterView } from '../../../src/shared/registers';
import { DEPLOYMENT_TYPES, type DeploymentType, type Template } from '../../../src/shared/templates';
import { allIssuesBeside, hasIssueAt, issueBeside } from '../../common/error-message';
import { Field } from '../../common/field';
import { useI18n, type Translate } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { SuccessMessage } from '../../common/page';
import { ActionError, useDraft, useTemplates } from './admin-common';

const NAME_MAX = 200;

/** A register as the organisations list shows it, from a register the page already holds (no extra call). */
function summaryOf(view: RegisterView): OrganisationSummary {
  const r = view.register;
  return { id: r.id, name: r.name, jsmOrganizationId: r.jsmOrganizationId, deploymentType: r.deploymentType, templateKeys: r.templateKeys, peopleCount: r.people.length, version: r.version };
}

/** Organisations, a page at a time; adding one (from JSM or by name); one register with its details, people and history. */
export default function OrganisationsTab() {
  const { t } = useI18n();
  const [items, setItems] = useState<OrganisationSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const { templates } = useTemplates();

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

  // A saved register updates its own line; the pages already loaded stay as they are.
  const changed = (view: RegisterView) => setItems((list) => list?.map((o) => (o.id === view.register.id ? summaryOf(view) : o)) ?? list);

  return (
    <section aria-labelledby="orgs-heading" className="ed-section">
      <h2 id="orgs-heading">{t('admin.orgs.heading')}</h2>
      {failure ? <ActionError error={failure} /> : null}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('admin.orgs.none')}</p>
      ) : (
        <ul className="ed-list" aria-labelledby="orgs-heading">
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
      <CreateOrganisation templates={templates ?? []} onCreated={(view) => (void page(null), setOpen(view.register.id))} />
      {open ? <RegisterEditor key={open} registerId={open} allTemplates={templates ?? []} onChanged={changed} /> : null}
    </section>
  );
}

// ---- creating a register ------------------------------------------------------------------------------------------

type Source = 'jsm' | 'name';

function CreateOrganisation({ templates, onCreated }: { templates: Template[]; onCreated: (view: RegisterView) => void }) {
  const { t } = useI18n();
  const [jsm, setJsm] = useState<JsmOrganisationRow[]>([]);
  const [next, setNext] = useState<number | null>(0);
  const [source, setSource] = useState<Source>('jsm');
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [deployment, setDeployment] = useState<DeploymentType>('hosted');
  const [keys, setKeys] = useState<string[]>(['key-contacts']);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const more = async () => {
    if (next === null) return;
    const answer = await call('admin', 'jsm-organisations/list', { start: next, limit: 25 });
    if (!answer.ok) return setFailure(answer.error);
    // Merged by id: a page that arrives twice (React runs effects twice in development; a double click) adds nothing.
    setJsm((list) => [...new Map([...list, ...answer.body.items].map((o) => [o.id, o])).values()]);
    setNext(answer.body.nextStart);
  };
  useEffect(() => {
    void more();
  }, []);

  const problems = {
    jsm: source === 'jsm' && choice === '' ? t('admin.orgs.chooseJsm') : null,
    name: source === 'name' ? (name.trim() === '' ? t('validation.required') : name.trim().length > NAME_MAX ? t('validation.tooLong', { max: NAME_MAX }) : null) : null,
    templates: keys.length === 0 ? t('admin.orgs.chooseTemplate') : null,
  };
  const shown = attempted ? problems : { jsm: null, name: null, templates: null };
  const nameError = shown.name ?? issueBeside(t, failure, 'name');
  const templatesError = shown.templates ?? issueBeside(t, failure, 'templateKeys');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setAttempted(true);
    setCreated(null);
    const first = problems.jsm ? 'create-jsm' : problems.name ? 'create-name' : problems.templates ? 'create-templates' : null;
    if (first) {
      setFailure(null);
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const answer = await call('admin', 'organisations/create', {
      source: source === 'jsm' ? { kind: 'jsm', jsmOrganizationId: choice } : { kind: 'name', name: name.trim() },
      deploymentType: deployment,
      templateKeys: keys,
    });
    setBusy(false);
    if (!answer.ok) return setFailure(answer.error);
    if (source === 'jsm') setJsm((list) => list.map((o) => (o.id === choice ? { ...o, registerId: answer.body.register.id } : o)));
    setChoice('');
    setName('');
    setAttempted(false);
    setCreated(answer.body.register.name);
    onCreated(answer.body);
  };

  const free = jsm.filter((o) => o.registerId === null);
  const alert = failure && !allIssuesBeside(failure, ['name', 'templateKeys']) ? failure : null;
  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-labelledby="create-heading">
      <h3 id="create-heading">{t('admin.orgs.createHeading')}</h3>
      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t('admin.orgs.source')}</legend>
        <label className="ed-choice">
          <input type="radio" name="create-source" checked={source === 'jsm'} onChange={() => setSource('jsm')} />
          {t('admin.orgs.sourceJsm')}
        </label>
        <label className="ed-choice">
          <input type="radio" name="create-source" checked={source === 'name'} onChange={() => setSource('name')} />
          {t('admin.orgs.sourceName')}
        </label>
      </fieldset>
      {source === 'jsm' ? (
        <>
          <Field id="create-jsm" label={t('admin.orgs.jsmOrganisation')} required error={shown.jsm} hint={free.length === 0 ? t('admin.orgs.allLinked') : undefined}>
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
        </>
      ) : (
        <Field id="create-name" label={t('admin.orgs.organisationName')} required hint={t('admin.orgs.nameHint')} error={nameError}>
          {(c) => <input {...c} className="ed-input" value={name} maxLength={NAME_MAX + 50} onChange={(e) => setName(e.target.value)} />}
        </Field>
      )}
      <DeploymentField id="create-deployment" value={deployment} onChange={setDeployment} />
      <TemplateChoices id="create-templates" templates={templates} chosen={keys} onChange={setKeys} error={templatesError} />
      {alert ? <ActionError error={alert} /> : null}
      {created ? <SuccessMessage>{t('admin.orgs.created', { name: created })}</SuccessMessage> : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={busy} aria-busy={busy || undefined}>
          {t('admin.orgs.create')}
        </button>
      </div>
    </form>
  );
}

function DeploymentField({ id, value, onChange }: { id: string; value: DeploymentType; onChange: (value: DeploymentType) => void }) {
  const { t } = useI18n();
  return (
    <Field id={id} label={t('admin.orgs.deployment')} hint={t('admin.orgs.deploymentHint')}>
      {(c) => (
        <select {...c} className="ed-select" value={value} onChange={(e) => onChange(e.target.value as DeploymentType)}>
          {DEPLOYMENT_TYPES.map((d) => (
            <option key={d} value={d}>
              {t(`admin.deployment.${d}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The templates that apply, as checkboxes; at least one. The fieldset takes focus when none is ticked on save. */
function TemplateChoices({ id, templates, chosen, onChange, error }: { id: string; templates: Template[]; chosen: string[]; onChange: (keys: string[]) => void; error: string | null }) {
  const { t, locale } = useI18n();
  const errorId = `${id}-error`;
  return (
    <fieldset id={id} className="ed-fieldset" tabIndex={-1} aria-describedby={error ? errorId : undefined}>
      <legend className="ed-legend">
        {t('admin.orgs.templates')} <span className="ed-required">({t('common.required')})</span>
      </legend>
      {templates.map((tpl) => (
        <label key={tpl.key} className="ed-choice">
          <input type="checkbox" checked={chosen.includes(tpl.key)} onChange={(e) => onChange(e.target.checked ? [...chosen, tpl.key] : chosen.filter((x) => x !== tpl.key))} />
          {tpl.name[locale]}
        </label>
      ))}
      {error ? (
        <p className="ed-field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

// ---- one register -------------------------------------------------------------------------------------------------

/** Which form a failed save came from: its error is shown beside that form, where the admin is looking. */
type Where = 'details' | 'person' | 'list';

interface RegisterEditorProps {
  registerId: string;
  allTemplates: Template[];
  onChanged: (view: RegisterView) => void;
}

function RegisterEditor({ registerId, allTemplates, onChanged }: RegisterEditorProps) {
  const { t, locale } = useI18n();
  const [view, setView] = useState<RegisterView | null>(null);
  const [failure, setFailure] = useState<{ error: AppErrorBody; where: Where } | null>(null);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [notice, setNotice] = useState<'saved' | 'reloaded' | 'personGone' | null>(null);
  const [history, setHistory] = useState<{ entries: HistoryEntry[]; cursor: string | null } | null>(null);

  const load = async (afterConflict = false) => {
    const open = editing;
    const answer = await call('admin', 'register/get', { registerId });
    if (!answer.ok) return setFailure({ error: answer.error, where: 'list' });
    setFailure(null);
    setView(answer.body);
    onChanged(answer.body);
    if (!afterConflict) return;
    // The form stays open, on the person as now stored (its fields rebase on them, keeping what the admin typed);
    // if someone else removed that person meanwhile, there is nobody left to edit and the form closes.
    const fresh = open && open !== 'new' ? answer.body.register.people.find((p) => p.id === open.id) : undefined;
    const gone = !!open && open !== 'new' && !fresh;
    if (open && open !== 'new') setEditing(fresh ?? null);
    setNotice(gone ? 'personGone' : 'reloaded');
  };
  useEffect(() => {
    void load();
  }, [registerId]);

  const update = async (change: RegisterChange, where: Where): Promise<boolean> => {
    if (!view) return false;
    setFailure(null);
    setNotice(null);
    const answer = await call('admin', 'register/update', { registerId, expectedVersion: view.register.version, changes: [change] });
    if (!answer.ok) {
      setFailure({ error: answer.error, where });
      return false;
    }
    setView(answer.body);
    onChanged(answer.body);
    setNotice('saved');
    setEditing(null);
    // The form that had the focus is gone: keyboard users continue from the button that opens it again.
    if (where === 'person') document.getElementById('add-person')?.focus();
    if (history) void loadHistory(null);
    return true;
  };

  const loadHistory = async (from: string | null) => {
    const answer = await call('admin', 'register/history', { registerId, cursor: from, limit: 20 });
    if (!answer.ok) return setFailure({ error: answer.error, where: 'list' });
    setHistory((h) => ({ entries: [...(from ? (h?.entries ?? []) : []), ...answer.body.items], cursor: answer.body.cursor }));
  };

  if (!view) return failure ? <ActionError error={failure.error} onReload={() => void load()} /> : <Loading />;
  const { register } = view;
  const errorAt = (where: Where) => (failure?.where === where ? failure.error : null);
  const reload = () => void load(true);
  const nameOf = (id: string) => register.people.find((p) => p.id === id)?.name ?? id;
  const allRoles = view.templates.flatMap((tpl) => tpl.roles.map((r) => ({ ref: `${tpl.key}/${r.key}`, name: r.name[locale] })));
  const roleName = (ref: string) => allRoles.find((r) => r.ref === ref)?.name ?? ref;
  const listError = errorAt('list');

  return (
    <section aria-labelledby="register-heading" className="ed-card">
      <h3 id="register-heading">{register.name}</h3>
      <p className="ed-subtle">
        {t('admin.orgs.summary', { deployment: t(`admin.deployment.${register.deploymentType}`), score: view.coverage.score, version: register.version })}
      </p>
      <div aria-live="polite">
        {notice === 'saved' ? <SuccessMessage>{t('admin.orgs.saved')}</SuccessMessage> : null}
        {notice === 'reloaded' ? <SuccessMessage>{t('admin.orgs.reloaded')}</SuccessMessage> : null}
        {notice === 'personGone' ? <p className="ed-subtle">{t('admin.orgs.personGone')}</p> : null}
      </div>
      {listError ? <ActionError error={listError} onReload={reload} /> : null}
      <DetailsForm view={view} allTemplates={allTemplates} failure={errorAt('details')} onReload={reload} onSave={(change) => update(change, 'details')} />
      <table className="ed-table" aria-label={t('admin.orgs.peopleOf', { name: register.name })}>
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
              <td>{p.roles.map(roleName).join(', ') || '—'}</td>
              <td>{p.backupFor.map(nameOf).join(', ') || '—'}</td>
              <td>{p.absences.map((a) => `${a.from} → ${a.to}`).join(', ') || '—'}</td>
              <td>
                <div className="ed-actions">
                  <button type="button" className="ed-button" onClick={() => (setEditing(p), setNotice(null))} aria-label={t('admin.orgs.editNamed', { name: p.name })}>
                    {t('admin.orgs.edit')}
                  </button>
                  <button type="button" className="ed-button" onClick={() => void update({ kind: 'person/remove', personId: p.id }, 'list')} aria-label={t('admin.orgs.removeNamed', { name: p.name })}>
                    {t('admin.orgs.remove')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="ed-actions">
        <button type="button" id="add-person" className="ed-button" onClick={() => (setEditing('new'), setNotice(null))}>
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
          view={view}
          failure={errorAt('person')}
          onReload={reload}
          onCancel={() => {
            setEditing(null);
            setFailure(null);
            document.getElementById('add-person')?.focus();
          }}
          onSave={(fields) => update(editing === 'new' ? { kind: 'person/add', person: fields } : { kind: 'person/edit', personId: editing.id, person: fields }, 'person')}
        />
      ) : null}
      {history ? <History entries={history.entries} cursor={history.cursor} more={() => void loadHistory(history.cursor)} /> : null}
    </section>
  );
}

// ---- the register's own details -----------------------------------------------------------------------------------

interface DetailsFormProps {
  view: RegisterView;
  allTemplates: Template[];
  failure: AppErrorBody | null;
  onReload: () => void;
  onSave: (change: Extract<RegisterChange, { kind: 'details' }>) => Promise<boolean>;
}

/**
 * Deployment type and templates (and the name of an organisation that is not in JSM; a JSM organisation's name is
 * JSM's). Changing either changes which roles coverage checks, so the coverage line above changes on save.
 */
function DetailsForm({ view, allTemplates, failure, onReload, onSave }: DetailsFormProps) {
  const { t } = useI18n();
  const { register } = view;
  const inJsm = register.jsmOrganizationId !== null;
  const [name, setName] = useDraft(register.name);
  const [deployment, setDeployment] = useDraft<DeploymentType>(register.deploymentType);
  const [keys, setKeys] = useDraft<string[]>(register.templateKeys);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  // Templates the register names that this page did not list (a deleted copy) stay choosable, so that saving keeps them.
  const listed = [...allTemplates, ...view.templates.filter((v) => !allTemplates.some((a) => a.key === v.key))];

  const nameProblem = inJsm ? null : name.trim() === '' ? t('validation.required') : name.trim().length > NAME_MAX ? t('validation.tooLong', { max: NAME_MAX }) : null;
  const templatesProblem = keys.length === 0 ? t('admin.orgs.chooseTemplate') : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setAttempted(true);
    if (nameProblem || templatesProblem) {
      document.getElementById(nameProblem ? 'details-name' : 'details-templates')?.focus();
      return;
    }
    setBusy(true);
    await onSave({ kind: 'details', ...(inJsm ? {} : { name: name.trim() }), deploymentType: deployment, templateKeys: keys });
    setBusy(false);
    setAttempted(false);
  };

  const alert = failure && !allIssuesBeside(failure, ['name', 'templateKeys', 'UNKNOWN_TEMPLATE']) ? failure : null;
  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-labelledby="details-heading">
      <h4 id="details-heading">{t('admin.orgs.detailsHeading')}</h4>
      {inJsm ? null : (
        <Field id="details-name" label={t('admin.orgs.organisationName')} required error={(attempted ? nameProblem : null) ?? issueBeside(t, failure, 'name')}>
          {(c) => <input {...c} className="ed-input" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      )}
      <DeploymentField id="details-deployment" value={deployment} onChange={setDeployment} />
      <TemplateChoices
        id="details-templates"
        templates={listed}
        chosen={keys}
        onChange={setKeys}
        error={(attempted ? templatesProblem : null) ?? issueBeside(t, failure, 'templateKeys', 'UNKNOWN_TEMPLATE')}
      />
      {alert ? <ActionError error={alert} onReload={onReload} /> : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button" disabled={busy} aria-busy={busy || undefined}>
          {t('admin.orgs.saveDetails')}
        </button>
      </div>
    </form>
  );
}

// ---- one person ---------------------------------------------------------------------------------------------------

type Fields = Extract<RegisterChange, { kind: 'person/add' }>['person'];

interface Problems {
  name?: string;
  email?: string;
  phone?: string;
  absence?: string;
}

/** The checks of the shared schemas (personFieldsSchema, absenceSchema), worded for the form. */
function problemsOf(t: Translate, name: string, email: string, phone: string, absence: { from: string; to: string }): Problems {
  const problems: Problems = {};
  if (name.trim() === '') problems.name = t('validation.required');
  else if (name.trim().length > NAME_MAX) problems.name = t('validation.tooLong', { max: NAME_MAX });
  if (!emailSchema.safeParse(email).success) problems.email = t('admin.orgs.badEmail');
  if (phone.trim() !== '' && !isPhone(phone.trim())) problems.phone = t('admin.orgs.badPhone');
  if ((absence.from === '') !== (absence.to === '')) problems.absence = t('admin.orgs.absenceBothDays');
  else if (absence.from !== '' && absence.to < absence.from) problems.absence = t('admin.orgs.absenceOrder');
  return problems;
}

const FIELD_ORDER: Array<[keyof Problems, string]> = [
  ['name', 'person-name'],
  ['email', 'person-email'],
  ['phone', 'person-phone'],
  ['absence', 'absence-from'],
];

/** Server issues this form shows beside a field (payload paths end with these; rule codes are the whole path). */
const BESIDE = ['name', 'email', 'phone', 'DUPLICATE_EMAIL', 'roles', 'UNKNOWN_ROLE', 'backupFor', 'UNKNOWN_BACKUP', 'absences', 'from', 'to'];

interface PersonFormProps {
  /** The person as stored now (after a reload, the newer version); null to add someone. */
  person: Person | null;
  view: RegisterView;
  failure: AppErrorBody | null;
  onReload: () => void;
  onSave: (fields: Fields) => Promise<boolean>;
  onCancel: () => void;
}

function PersonForm({ person, view, failure, onReload, onSave, onCancel }: PersonFormProps) {
  const { t, locale } = useI18n();
  const [name, setName] = useDraft(person?.name ?? '');
  const [email, setEmail] = useDraft(person?.email ?? '');
  const [phone, setPhone] = useDraft(person?.phone ?? '');
  const [held, setHeld] = useDraft<string[]>(person?.roles ?? []);
  const [backupFor, setBackupFor] = useDraft<string[]>(person?.backupFor ?? []);
  const [absence, setAbsence] = useState({ from: '', to: '' });
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const problems = attempted ? problemsOf(t, name, email, phone, absence) : {};
  // The server's own findings, in the page's language, beside the field they are about.
  const emailError = problems.email ?? (hasIssueAt(failure, 'DUPLICATE_EMAIL') ? t('errors.issues.DUPLICATE_EMAIL') : hasIssueAt(failure, 'email') ? t('admin.orgs.badEmail') : null);
  const phoneError = problems.phone ?? (hasIssueAt(failure, 'phone') ? t('admin.orgs.badPhone') : null);
  const nameError = problems.name ?? issueBeside(t, failure, 'name');
  const rolesError = issueBeside(t, failure, 'roles', 'UNKNOWN_ROLE');
  const backupError = issueBeside(t, failure, 'backupFor', 'UNKNOWN_BACKUP');
  const absenceError = problems.absence ?? (hasIssueAt(failure, 'absences', 'from', 'to') ? t('admin.orgs.absenceOrder') : null);
  const alert = failure && !allIssuesBeside(failure, BESIDE) ? failure : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setAttempted(true);
    const found = problemsOf(t, name, email, phone, absence);
    const firstBad = FIELD_ORDER.find(([key]) => found[key]);
    if (firstBad) {
      document.getElementById(firstBad[1])?.focus();
      return;
    }
    const absences = [...(person?.absences ?? []), ...(absence.from ? [{ from: absence.from, to: absence.to }] : [])];
    setBusy(true);
    const ok = await onSave({ name: name.trim(), email: email.trim(), phone: phone.trim() || null, accountId: person?.accountId ?? null, roles: held, backupFor, absences });
    setBusy(false);
    if (ok) setAbsence({ from: '', to: '' });
  };

  const others = view.register.people.filter((p) => p.id !== person?.id);
  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-labelledby="person-heading">
      <h4 id="person-heading">{person ? t('admin.orgs.editHeading', { name: person.name }) : t('admin.orgs.addPerson')}</h4>
      <Field id="person-name" label={t('admin.orgs.name')} required error={nameError}>
        {(c) => <input {...c} ref={first} className="ed-input" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field id="person-email" label={t('admin.orgs.email')} required error={emailError}>
        {(c) => <input {...c} className="ed-input" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <Field id="person-phone" label={t('admin.orgs.phone')} hint={t('admin.orgs.phoneHint')} error={phoneError}>
        {(c) => <input {...c} className="ed-input" type="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} />}
      </Field>
      <fieldset className="ed-fieldset" aria-describedby={rolesError ? 'person-roles-error' : undefined}>
        <legend className="ed-legend">{t('admin.orgs.roles')}</legend>
        {/* One group per template: two templates may have roles of the same name. */}
        {view.templates.map((tpl) => (
          <fieldset key={tpl.key} className="ed-fieldset">
            <legend className="ed-legend">{tpl.name[locale]}</legend>
            {tpl.roles.map((r) => {
              const ref = `${tpl.key}/${r.key}`;
              return (
                <label key={ref} className="ed-choice">
                  <input type="checkbox" checked={held.includes(ref)} onChange={(e) => setHeld(e.target.checked ? [...held, ref] : held.filter((x) => x !== ref))} />
                  {r.name[locale]}
                </label>
              );
            })}
          </fieldset>
        ))}
        {rolesError ? (
          <p className="ed-field-error" id="person-roles-error">
            {rolesError}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="ed-fieldset" aria-describedby={backupError ? 'person-backups-error' : undefined}>
        <legend className="ed-legend">{t('admin.orgs.backups')}</legend>
        {others.length === 0 ? <p className="ed-hint">{t('admin.orgs.nobodyToBackUp')}</p> : null}
        {others.map((p) => (
          <label key={p.id} className="ed-choice">
            <input type="checkbox" checked={backupFor.includes(p.id)} onChange={(e) => setBackupFor(e.target.checked ? [...backupFor, p.id] : backupFor.filter((x) => x !== p.id))} />
            {p.name}
          </label>
        ))}
        {backupError ? (
          <p className="ed-field-error" id="person-backups-error">
            {backupError}
          </p>
        ) : null}
      </fieldset>
      <div className="ed-grid">
        <Field id="absence-from" label={t('admin.orgs.absentFrom')} error={absenceError}>
          {(c) => <input {...c} className="ed-input" type="date" value={absence.from} onChange={(e) => setAbsence((a) => ({ ...a, from: e.target.value }))} />}
        </Field>
        <Field id="absence-to" label={t('admin.orgs.absentTo')}>
          {(c) => <input {...c} className="ed-input" type="date" value={absence.to} onChange={(e) => setAbsence((a) => ({ ...a, to: e.target.value }))} />}
        </Field>
      </div>
      {alert ? <ActionError error={alert} onReload={onReload} /> : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={busy} aria-busy={busy || undefined}>
          {t('admin.orgs.savePerson')}
        </button>
        <button type="button" className="ed-button" onClick={onCancel}>
          {t('admin.orgs.cancel')}
        </button>
      </div>
    </form>
  );
}

// ---- history ------------------------------------------------------------------------------------------------------

function History({ entries, cursor, more }: { entries: HistoryEntry[]; cursor: string | null; more: () => void }) {
  const { t, formatDateTime } = useI18n();
  // Actions are stable codes (register.update, person.erase…); one this page does not know is shown as it is.
  const action = (code: string) => {
    const key = `admin.orgs.actions.${code}`;
    const text = t(key);
    return text === key ? code : text;
  };
  return (
    <section aria-labelledby="history-heading">
      <h4 id="history-heading">{t('admin.orgs.history')}</h4>
      <ul className="ed-list">
        {entries.map((e, i) => (
          <li key={`${e.at}-${i}`} className="ed-person">
            <strong>{action(e.action)}</strong> — {formatDateTime(e.at)} — {e.actor}
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
