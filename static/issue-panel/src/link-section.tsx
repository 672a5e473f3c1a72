import { useEffect, useState, type FormEvent } from 'react';
import type { EngagementOptions } from '../../../src/shared/engagement';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { PageOf } from '../../../src/shared/operations/registers';
import type { OrganisationSummary } from '../../../src/shared/registers';
import { ErrorMessage } from '../../common/error-message';
import { Field, serverIssue } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { useEngagement, useWrite, WriteError } from './engagement-context';

/** The organisation and template the engagement follows, and (for editors) the form that links them. */
export function LinkSection() {
  const { t, locale } = useI18n();
  const { engagement, canEdit } = useEngagement();
  const [editing, setEditing] = useState(false);
  const linked = engagement.organisation !== null && engagement.template !== null;
  return (
    <section aria-labelledby="ep-link" className="ep-section">
      <h3 id="ep-link">{t('engagementPanel.link.heading')}</h3>
      {linked ? (
        <dl className="ed-facts">
          <dt>{t('engagementPanel.link.organisation')}</dt>
          <dd>{engagement.organisation?.name}</dd>
          <dt>{t('engagementPanel.link.template')}</dt>
          <dd>{engagement.template?.name[locale]}</dd>
        </dl>
      ) : (
        <p className="ed-subtle">{canEdit ? t('engagementPanel.link.none') : t('engagementPanel.link.noneReadOnly')}</p>
      )}
      {canEdit && !editing ? (
        <button type="button" className="ed-button" onClick={() => setEditing(true)}>
          {linked ? t('engagementPanel.link.change') : t('engagementPanel.link.open')}
        </button>
      ) : null}
      {canEdit && editing ? <LinkForm onDone={() => setEditing(false)} /> : null}
    </section>
  );
}

interface Choices {
  organisations: OrganisationSummary[];
  cursor: string | null;
  templates: EngagementOptions['templates'];
}

function LinkForm({ onDone }: { onDone: () => void }) {
  const { t, locale } = useI18n();
  const { engagement, saved } = useEngagement();
  const [choices, setChoices] = useState<Choices | null>(null);
  const [loadError, setLoadError] = useState<AppErrorBody | null>(null);
  const [round, setRound] = useState(0);
  const [organisationId, setOrganisationId] = useState(engagement.organisation?.id ?? '');
  const [templateKey, setTemplateKey] = useState(engagement.template?.key ?? '');
  const [attempted, setAttempted] = useState(false);
  const write = useWrite();

  useEffect(() => {
    let live = true;
    setLoadError(null);
    void Promise.all([call('issue-panel', 'organisations/list', { limit: 100 }), call('issue-panel', 'engagement/options', {})]).then(([orgs, options]) => {
      if (!live) return;
      if (!orgs.ok) return setLoadError(orgs.error);
      if (!options.ok) return setLoadError(options.error);
      setChoices({ organisations: orgs.body.items, cursor: orgs.body.cursor, templates: options.body.templates });
    });
    return () => {
      live = false;
    };
  }, [round]);

  const more = async () => {
    if (!choices?.cursor) return;
    const page: { ok: true; body: PageOf<OrganisationSummary> } | { ok: false; error: AppErrorBody } = await call('issue-panel', 'organisations/list', { limit: 100, cursor: choices.cursor });
    if (!page.ok) return setLoadError(page.error);
    setChoices({ ...choices, organisations: [...choices.organisations, ...page.body.items], cursor: page.body.cursor });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (organisationId === '' || templateKey === '') return;
    const ok = await write.run(() => call('issue-panel', 'engagement/link', { organisationId, templateKey, expectedVersion: engagement.version }), saved);
    if (ok) onDone();
  };

  if (loadError) return <ErrorMessage error={loadError} onRetry={() => setRound((n) => n + 1)} />;
  if (!choices) return <Loading />;
  const organisationError = (attempted && organisationId === '' ? t('validation.required') : null) ?? serverIssue(t, write.error, 'organisationId');
  const templateError = (attempted && templateKey === '' ? t('validation.required') : null) ?? serverIssue(t, write.error, 'templateKey');
  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-label={t('engagementPanel.link.formLabel')}>
      <WriteError error={write.error} fields={['organisationId', 'templateKey']} />
      <Field id="ep-link-organisation" label={t('engagementPanel.link.organisation')} required error={organisationError}>
        {(control) => (
          <select {...control} className="ed-select" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
            <option value="">{t('engagementPanel.link.chooseOrganisation')}</option>
            {choices.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {choices.cursor ? (
        <button type="button" className="ed-button" onClick={() => void more()}>
          {t('engagementPanel.link.moreOrganisations')}
        </button>
      ) : null}
      <Field id="ep-link-template" label={t('engagementPanel.link.template')} required error={templateError}>
        {(control) => (
          <select {...control} className="ed-select" value={templateKey} onChange={(e) => setTemplateKey(e.target.value)}>
            <option value="">{t('engagementPanel.link.chooseTemplate')}</option>
            {choices.templates.map((tpl) => (
              <option key={tpl.key} value={tpl.key}>
                {tpl.name[locale]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={write.saving} aria-busy={write.saving || undefined}>
          {write.saving ? t('common.saving') : t('engagementPanel.link.submit')}
        </button>
        <button type="button" className="ed-button" onClick={onDone} disabled={write.saving}>
          {t('engagementPanel.cancel')}
        </button>
      </div>
    </form>
  );
}
