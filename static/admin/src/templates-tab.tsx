import { useState, type FormEvent } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { TemplateEdit } from '../../../src/shared/registers';
import { DEPLOYMENT_TYPES, KEY_PATTERN, type DeploymentType, type RoleTemplate, type Template } from '../../../src/shared/templates';
import { allIssuesBeside, issueBeside } from '../../common/error-message';
import { Field } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { SuccessMessage } from '../../common/page';
import { ActionError, useTemplates } from './admin-common';

/** Role templates: the built-in ones are read-only; admins copy one and edit the copy in both languages. */
export default function TemplatesTab() {
  const { t, locale } = useI18n();
  const { templates, error, replace, reload } = useTemplates();
  const [editing, setEditing] = useState<string | null>(null);
  if (error) return <ActionError error={error} onReload={reload} />;
  if (!templates) return <Loading />;
  const current = templates.find((x) => x.key === editing) ?? null;
  return (
    <section aria-labelledby="templates-heading" className="ed-section">
      <h2 id="templates-heading">{t('admin.templates.heading')}</h2>
      <table className="ed-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.templates.name')}</th>
            <th scope="col">{t('admin.templates.key')}</th>
            <th scope="col">{t('admin.templates.roles')}</th>
            <th scope="col">{t('admin.templates.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((tpl) => (
            <tr key={tpl.key}>
              <th scope="row">{tpl.name[locale]}</th>
              <td>
                <code>{tpl.key}</code> {tpl.builtIn ? `(${t('admin.templates.builtIn')})` : ''}
              </td>
              <td>{tpl.roles.length}</td>
              <td>
                {tpl.builtIn ? (
                  <span className="ed-subtle">{t('admin.templates.readOnly')}</span>
                ) : (
                  <button type="button" className="ed-button" onClick={() => setEditing(tpl.key)} aria-label={t('admin.templates.editNamed', { name: tpl.name[locale] })}>
                    {t('admin.templates.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CopyForm
        templates={templates}
        onCopied={(copy) => {
          replace(copy);
          setEditing(copy.key);
        }}
      />
      {current ? <TemplateEditor key={current.key} template={current} onSaved={replace} onReload={reload} /> : null}
    </section>
  );
}

function CopyForm({ templates, onCopied }: { templates: Template[]; onCopied: (t: Template) => void }) {
  const { t, locale } = useI18n();
  const [source, setSource] = useState(templates[0]?.key ?? '');
  const [newKey, setNewKey] = useState('');
  const [en, setEn] = useState('');
  const [fr, setFr] = useState('');
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  // A key already taken is only known to the server: its finding is shown beside the key, in the page's language.
  const keyError = (attempted && !KEY_PATTERN.test(newKey) ? t('admin.templates.keyRule') : null) ?? issueBeside(t, failure, 'DUPLICATE_KEY', 'newKey');
  const enError = attempted && en.trim() === '' ? t('validation.required') : null;
  const frError = attempted && fr.trim() === '' ? t('validation.required') : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (!KEY_PATTERN.test(newKey) || en.trim() === '' || fr.trim() === '' || saving) return;
    setSaving(true);
    setFailure(null);
    const answer = await call('admin', 'templates/copy', { sourceKey: source, newKey, name: { 'en-US': en.trim(), 'fr-FR': fr.trim() } });
    setSaving(false);
    if (!answer.ok) return setFailure(answer.error);
    setAttempted(false);
    setNewKey('');
    setEn('');
    setFr('');
    onCopied(answer.body);
  };

  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-labelledby="copy-heading">
      <h3 id="copy-heading">{t('admin.templates.copyHeading')}</h3>
      <Field id="copy-source" label={t('admin.templates.source')}>
        {(c) => (
          <select {...c} className="ed-select" value={source} onChange={(e) => setSource(e.target.value)}>
            {templates.map((tpl) => (
              <option key={tpl.key} value={tpl.key}>
                {tpl.name[locale]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="copy-key" label={t('admin.templates.newKey')} hint={t('admin.templates.keyRule')} required error={keyError}>
        {(c) => <input {...c} className="ed-input" value={newKey} onChange={(e) => setNewKey(e.target.value)} />}
      </Field>
      <Field id="copy-name-en" label={t('admin.templates.nameEn')} required error={enError}>
        {(c) => <input {...c} className="ed-input" lang="en" value={en} onChange={(e) => setEn(e.target.value)} />}
      </Field>
      <Field id="copy-name-fr" label={t('admin.templates.nameFr')} required error={frError}>
        {(c) => <input {...c} className="ed-input" lang="fr" value={fr} onChange={(e) => setFr(e.target.value)} />}
      </Field>
      {failure && !allIssuesBeside(failure, ['DUPLICATE_KEY', 'newKey']) ? <ActionError error={failure} /> : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={saving}>
          {t('admin.templates.copy')}
        </button>
      </div>
    </form>
  );
}

function TemplateEditor({ template, onSaved, onReload }: { template: Template; onSaved: (t: Template) => void; onReload: () => void }) {
  const { t, locale } = useI18n();
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const apply = async (edit: TemplateEdit): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setFailure(null);
    setSaved(false);
    const answer = await call('admin', 'templates/update', { templateKey: template.key, expectedVersion: template.version, edit });
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.error);
      return false;
    }
    setSaved(true);
    onSaved(answer.body);
    return true;
  };

  return (
    <section aria-labelledby="editor-heading" className="ed-section">
      <h3 id="editor-heading">{t('admin.templates.editing', { name: template.name[locale] })}</h3>
      <div aria-live="polite">
        {saved ? <SuccessMessage>{t('admin.templates.saved')}</SuccessMessage> : null}
        {failure ? <ActionError error={failure} onReload={onReload} /> : null}
      </div>
      {template.roles.map((role) => (
        <RoleEditor key={role.key} templateKey={template.key} role={role} apply={apply} busy={busy} />
      ))}
    </section>
  );
}

interface RoleEditorProps {
  templateKey: string;
  role: RoleTemplate;
  apply: (edit: TemplateEdit) => Promise<boolean>;
  busy: boolean;
}

function RoleEditor({ templateKey, role, apply, busy }: RoleEditorProps) {
  const { t, locale } = useI18n();
  const id = (name: string) => `${templateKey}-${role.key}-${name}`;
  const [nameEn, setNameEn] = useState(role.name['en-US']);
  const [nameFr, setNameFr] = useState(role.name['fr-FR']);
  const [required, setRequired] = useState(String(role.required));
  const [recommended, setRecommended] = useState(String(role.recommended));
  const [deployments, setDeployments] = useState<DeploymentType[]>(role.condition?.deploymentTypes ?? []);
  const [dutyEn, setDutyEn] = useState('');
  const [dutyFr, setDutyFr] = useState('');
  const [dutyError, setDutyError] = useState<string | null>(null);

  const rename = () => void apply({ kind: 'role/rename', roleKey: role.key, name: { 'en-US': nameEn.trim(), 'fr-FR': nameFr.trim() } });
  const saveCounts = async () => {
    const ok = await apply({ kind: 'role/counts', roleKey: role.key, required: Number(required), recommended: Number(recommended) });
    if (!ok) return;
    const condition = deployments.length > 0 || role.condition?.projectKinds ? { ...(deployments.length ? { deploymentTypes: deployments } : {}), ...(role.condition?.projectKinds ? { projectKinds: role.condition.projectKinds } : {}) } : null;
    const before = JSON.stringify(role.condition?.deploymentTypes ?? []);
    if (before !== JSON.stringify(deployments)) await apply({ kind: 'role/condition', roleKey: role.key, condition });
  };
  const addDuty = async () => {
    if (dutyEn.trim() === '' || dutyFr.trim() === '') return setDutyError(t('admin.templates.dutyBothLanguages'));
    setDutyError(null);
    if (await apply({ kind: 'duty/add', roleKey: role.key, text: { 'en-US': dutyEn.trim(), 'fr-FR': dutyFr.trim() } })) {
      setDutyEn('');
      setDutyFr('');
    }
  };

  return (
    <section aria-labelledby={id('heading')} className="ed-card">
      <h4 id={id('heading')}>
        {role.name[locale]} <span className="ed-subtle">({t(`admin.side.${role.side}`)})</span>
      </h4>
      <div className="ed-grid">
        <Field id={id('name-en')} label={t('admin.templates.nameEn')}>
          {(c) => <input {...c} className="ed-input" lang="en" value={nameEn} onChange={(e) => setNameEn(e.target.value)} />}
        </Field>
        <Field id={id('name-fr')} label={t('admin.templates.nameFr')}>
          {(c) => <input {...c} className="ed-input" lang="fr" value={nameFr} onChange={(e) => setNameFr(e.target.value)} />}
        </Field>
      </div>
      <div className="ed-actions">
        <button type="button" className="ed-button" disabled={busy} onClick={rename}>
          {t('admin.templates.rename')}
        </button>
      </div>
      <div className="ed-grid">
        <Field id={id('required')} label={t('admin.templates.required')}>
          {(c) => <input {...c} className="ed-input" type="number" min="0" max="50" value={required} onChange={(e) => setRequired(e.target.value)} />}
        </Field>
        <Field id={id('recommended')} label={t('admin.templates.recommended')}>
          {(c) => <input {...c} className="ed-input" type="number" min="0" max="50" value={recommended} onChange={(e) => setRecommended(e.target.value)} />}
        </Field>
      </div>
      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t('admin.templates.condition')}</legend>
        {DEPLOYMENT_TYPES.map((d) => (
          <label className="ed-choice" key={d}>
            <input type="checkbox" checked={deployments.includes(d)} onChange={(e) => setDeployments((list) => (e.target.checked ? [...list, d] : list.filter((x) => x !== d)))} />
            {t(`admin.deployment.${d}`)}
          </label>
        ))}
        <p className="ed-hint">{t('admin.templates.conditionHint')}</p>
      </fieldset>
      <div className="ed-actions">
        <button type="button" className="ed-button" disabled={busy} onClick={() => void saveCounts()}>
          {t('admin.templates.saveCounts')}
        </button>
      </div>
      <h5 className="ed-legend">{t('admin.templates.duties')}</h5>
      <ul className="ed-list">
        {role.duties.map((duty) => (
          <li key={duty.key} className="ed-person">
            <span lang="en">{duty.text['en-US']}</span> / <span lang="fr">{duty.text['fr-FR']}</span>{' '}
            <button type="button" className="ed-button" disabled={busy} onClick={() => void apply({ kind: 'duty/remove', roleKey: role.key, dutyKey: duty.key })} aria-label={t('admin.templates.removeDutyNamed', { duty: duty.text[locale] })}>
              {t('admin.templates.removeDuty')}
            </button>
          </li>
        ))}
      </ul>
      <div className="ed-grid">
        <Field id={id('duty-en')} label={t('admin.templates.dutyEn')} error={dutyError}>
          {(c) => <input {...c} className="ed-input" lang="en" value={dutyEn} onChange={(e) => setDutyEn(e.target.value)} />}
        </Field>
        <Field id={id('duty-fr')} label={t('admin.templates.dutyFr')}>
          {(c) => <input {...c} className="ed-input" lang="fr" value={dutyFr} onChange={(e) => setDutyFr(e.target.value)} />}
        </Field>
      </div>
      <div className="ed-actions">
        <button type="button" className="ed-button" disabled={busy} onClick={() => void addDuty()}>
          {t('admin.templates.addDuty')}
        </button>
      </div>
    </section>
  );
}
