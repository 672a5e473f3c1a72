import { useState, type FormEvent } from 'react';
import { accountIdSchema, CHANGE_KINDS, DOCUMENT_KINDS, ESCALATION_KINDS, type ChangeKind, type DocumentKind, type EngagementDocument, type Escalation, type EscalationKind } from '../../../src/shared/engagement';
import { Field, serverIssue } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { OwnerSelect } from './owner-select';
import { ownerName, parseHours, peopleOnEngagement, useEngagement, useWrite, WriteError, type Write } from './engagement-context';
import { useReturnFocus } from './inline-editor';
import { SaveCancel } from './save-cancel';
import { OlderItemsButton } from './show-older';

/** A fresh item id per form, so a doubled or retried submit cannot create the item twice. */
const newItemId = () => Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');

/** The engagement file: the checklist of its documents, with links and owners. */
export function DocumentsSection() {
  const { t } = useI18n();
  const { engagement, canEdit } = useEngagement();
  const write = useWrite();
  return (
    <section aria-labelledby="ep-documents" className="ep-section">
      <h3 id="ep-documents">{t('engagementPanel.documents.heading')}</h3>
      <ul className="ep-list" aria-label={t('engagementPanel.documents.checklist')}>
        {engagement.engagementFile.map((entry) => (
          <li key={entry.kind}>
            <span aria-hidden="true">{entry.present ? '☑ ' : '☐ '}</span>
            {t(`engagementPanel.documents.kind.${entry.kind}`)} —{' '}
            {entry.present ? t('engagementPanel.documents.present') : t('engagementPanel.documents.absent')}
          </li>
        ))}
      </ul>
      <WriteError error={write.error} />
      {engagement.documents.length > 0 ? (
        <ul className="ep-list">
          {engagement.documents.map((d) => (
            <DocumentRow key={d.id} document={d} remove={write} />
          ))}
        </ul>
      ) : null}
      {canEdit ? <AddDocumentForm /> : null}
    </section>
  );
}

/** One document of the file: its link and owner; editors edit its title, link and owner beside removing it. */
function DocumentRow({ document: d, remove }: { document: EngagementDocument; remove: Write }) {
  const { t } = useI18n();
  const { engagement, canEdit, saved } = useEngagement();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(d.title);
  const [url, setUrl] = useState(d.url);
  const [ownerId, setOwnerId] = useState(d.ownerId ?? '');
  const write = useWrite();
  const focus = useReturnFocus();
  const people = peopleOnEngagement(engagement);
  const owner = ownerName(engagement, d.ownerId);
  const id = `ep-doc-${d.id}`;
  const close = () => {
    focus.returnFocus();
    setEditing(false);
  };
  const start = () => {
    setTitle(d.title);
    setUrl(d.url);
    setOwnerId(d.ownerId ?? '');
    write.clear();
    setEditing(true);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await write.run(
      () => call('issue-panel', 'document/update', { documentId: d.id, title, url, ownerId: ownerId === '' ? null : ownerId, expectedVersion: engagement.version }),
      saved,
    );
    if (ok) close();
  };
  return (
    <li>
      <a href={d.url} target="_blank" rel="noreferrer noopener">
        {d.title}
      </a>{' '}
      <span className="ed-subtle">
        ({t(`engagementPanel.documents.kind.${d.kind}`)}
        {owner ? `, ${t('engagementPanel.documents.ownerOf', { name: owner })}` : ''})
      </span>
      {canEdit && !editing ? (
        <button ref={focus.button} type="button" className="ed-button ep-inline" disabled={remove.saving} onClick={start} aria-label={t('engagementPanel.documents.editNamed', { title: d.title })}>
          {t('engagementPanel.documents.edit')}
        </button>
      ) : null}
      {canEdit ? (
        <button
          type="button"
          className="ed-button ep-inline"
          disabled={remove.saving || write.saving}
          aria-label={t('engagementPanel.documents.removeNamed', { title: d.title })}
          onClick={() => void remove.run(() => call('issue-panel', 'document/remove', { documentId: d.id, expectedVersion: engagement.version }), saved)}
        >
          {t('engagementPanel.remove')}
        </button>
      ) : null}
      {canEdit && editing ? (
        <form className="ed-form ep-subform" noValidate onSubmit={submit} aria-label={t('engagementPanel.documents.editNamed', { title: d.title })}>
          <WriteError error={write.error} fields={['title', 'url', 'ownerId']} />
          <Field id={`${id}-title`} label={t('engagementPanel.documents.title')} required error={serverIssue(t, write.error, 'title')}>
            {(control) => <input {...control} className="ed-input" value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" autoFocus />}
          </Field>
          <Field id={`${id}-url`} label={t('engagementPanel.documents.url')} required hint={t('engagementPanel.documents.urlHint')} error={serverIssue(t, write.error, 'url')}>
            {(control) => <input {...control} className="ed-input" type="url" value={url} onChange={(e) => setUrl(e.target.value)} autoComplete="off" />}
          </Field>
          <Field id={`${id}-owner`} label={t('engagementPanel.documents.owner')} error={serverIssue(t, write.error, 'ownerId')}>
            {(control) => <OwnerSelect control={control} people={people} value={ownerId} onChange={setOwnerId} noneLabel={t('engagementPanel.documents.noOwner')} />}
          </Field>
          <SaveCancel saving={write.saving} saveLabel={t('engagementPanel.documents.save')} onCancel={close} />
        </form>
      ) : null}
    </li>
  );
}

function AddDocumentForm() {
  const { t } = useI18n();
  const { engagement, saved } = useEngagement();
  const [kind, setKind] = useState<DocumentKind>('contract');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const write = useWrite();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await write.run(() => call('issue-panel', 'document/add', { kind, title, url, expectedVersion: engagement.version }), saved);
    if (ok) {
      setTitle('');
      setUrl('');
    }
  };
  return (
    <form className="ed-form ep-subform" noValidate onSubmit={submit} aria-label={t('engagementPanel.documents.add')}>
      <WriteError error={write.error} fields={['kind', 'title', 'url']} />
      <Field id="ep-doc-kind" label={t('engagementPanel.documents.kindLabel')}>
        {(control) => (
          <select {...control} className="ed-select" value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`engagementPanel.documents.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="ep-doc-title" label={t('engagementPanel.documents.title')} required error={serverIssue(t, write.error, 'title')}>
        {(control) => <input {...control} className="ed-input" value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />}
      </Field>
      <Field id="ep-doc-url" label={t('engagementPanel.documents.url')} required hint={t('engagementPanel.documents.urlHint')} error={serverIssue(t, write.error, 'url')}>
        {(control) => <input {...control} className="ed-input" type="url" value={url} onChange={(e) => setUrl(e.target.value)} autoComplete="off" />}
      </Field>
      <div className="ed-actions">
        <button type="submit" className="ed-button" disabled={write.saving} aria-busy={write.saving || undefined}>
          {write.saving ? t('common.saving') : t('engagementPanel.documents.add')}
        </button>
      </div>
    </form>
  );
}

/** Escalations (raised by a vendor role, routed to the account manager or head of sales) and change requests. */
export function GovernanceSection() {
  const { t, formatDateTime } = useI18n();
  const { engagement, canEdit } = useEngagement();
  return (
    <section aria-labelledby="ep-governance" className="ep-section">
      <h3 id="ep-governance">{t('engagementPanel.escalations.heading')}</h3>
      <HeadOfSales />
      {/* "None" only when no older page is left either: an engagement with 100 newer items may still have old ones. */}
      {engagement.escalations.length === 0 && engagement.itemsCursor === null ? <p className="ed-subtle">{t('engagementPanel.escalations.none')}</p> : null}
      <ul className="ep-list" aria-labelledby="ep-governance">
        {engagement.escalations.map((e) => (
          <EscalationRow key={e.id} escalation={e} />
        ))}
      </ul>
      <OlderItemsButton list="escalations" label={t('engagementPanel.escalations.more')} />
      {canEdit ? <RaiseEscalationForm /> : null}
      <h3 id="ep-changes">{t('engagementPanel.changes.heading')}</h3>
      {engagement.changes.length === 0 && engagement.itemsCursor === null ? <p className="ed-subtle">{t('engagementPanel.changes.none')}</p> : null}
      <ul className="ep-list" aria-labelledby="ep-changes">
        {engagement.changes.map((c) => (
          <li key={c.id}>
            <strong>{c.summary}</strong> ({t(`engagementPanel.changes.kind.${c.category}`)}
            {c.soldHoursDelta !== null ? `, ${c.soldHoursDelta > 0 ? '+' : ''}${c.soldHoursDelta} h` : ''}) —{' '}
            {t(`engagementPanel.changes.state.${c.state}`)}
            {c.decision ? <span className="ed-subtle"> · {t('engagementPanel.by', { name: c.decision.name, date: formatDateTime(c.decision.at) })}</span> : null}
          </li>
        ))}
      </ul>
      <OlderItemsButton list="changes" label={t('engagementPanel.changes.more')} />
      {canEdit ? <ProposeChangeForm /> : null}
    </section>
  );
}

/** The head of sales (an Atlassian account), to whom a vendor role may send an escalation instead of the account manager. */
function HeadOfSales() {
  const { t } = useI18n();
  const { engagement, canEdit, saved } = useEngagement();
  const [accountId, setAccountId] = useState(engagement.headOfSales?.accountId ?? '');
  const [localError, setLocalError] = useState<string | null>(null);
  const write = useWrite();
  const current = engagement.headOfSales;
  const send = async (next: string | null) => {
    if (next !== null) {
      const trimmedId = next.trim();
      if (!accountIdSchema.safeParse(trimmedId).success) {
        setLocalError(trimmedId === '' ? t('validation.required') : t('engagementPanel.validation.accountId'));
        return;
      }
      next = trimmedId;
    }
    setLocalError(null);
    const ok = await write.run(() => call('issue-panel', 'head-of-sales/assign', { accountId: next, expectedVersion: engagement.version }), saved);
    if (ok) setAccountId(next ?? '');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(accountId);
  };
  return (
    <div className="ep-subform">
      <h4 id="ep-hos">{t('engagementPanel.headOfSales.heading')}</h4>
      <p data-testid="head-of-sales">{current ? current.name : <span className="ed-subtle">{t('engagementPanel.headOfSales.none')}</span>}</p>
      {canEdit ? (
        <form className="ed-form" noValidate onSubmit={submit} aria-labelledby="ep-hos">
          <WriteError error={write.error} fields={['accountId']} />
          <Field
            id="ep-hos-account"
            label={t('engagementPanel.headOfSales.accountId')}
            required
            hint={t('engagementPanel.headOfSales.accountIdHint')}
            error={localError ?? serverIssue(t, write.error, 'accountId')}
          >
            {(control) => <input {...control} className="ed-input" value={accountId} onChange={(e) => setAccountId(e.target.value)} autoComplete="off" />}
          </Field>
          <div className="ed-actions">
            <button type="submit" className="ed-button" disabled={write.saving} aria-busy={write.saving || undefined}>
              {write.saving ? t('common.saving') : t('engagementPanel.headOfSales.save')}
            </button>
            {current ? (
              <button type="button" className="ed-button" disabled={write.saving} onClick={() => void send(null)}>
                {t('engagementPanel.headOfSales.clear')}
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </div>
  );
}

function EscalationRow({ escalation }: { escalation: Escalation }) {
  const { t } = useI18n();
  const { canEdit, change } = useEngagement();
  const [resolution, setResolution] = useState('');
  const write = useWrite();
  const act = (action: 'acknowledge' | 'close' | 'notify') =>
    write.run(
      () => call('issue-panel', 'escalation/update', { escalationId: escalation.id, action, ...(action === 'close' ? { resolution } : {}), expectedVersion: escalation.version }),
      (body) => change((view) => ({ ...view, escalations: view.escalations.map((e) => (e.id === body.escalation.id ? body.escalation : e)) })),
    );
  const id = `ep-esc-${escalation.id}`;
  return (
    <li className="ep-item">
      <strong>{escalation.title}</strong> ({t(`engagementPanel.escalations.kind.${escalation.category}`)}) — {t(`engagementPanel.escalations.state.${escalation.state}`)}
      {escalation.recipients.length > 0 ? <span className="ed-subtle"> · {t('engagementPanel.escalations.to', { names: escalation.recipients.map((r) => r.name).join(', ') })}</span> : null}
      {escalation.closed ? <p className="ed-subtle">{escalation.closed.resolution}</p> : null}
      <WriteError error={write.error} fields={['resolution']} />
      {canEdit && escalation.state !== 'closed' ? (
        <div className="ep-subform">
          {escalation.commentId === null ? (
            <button type="button" className="ed-button" disabled={write.saving} onClick={() => void act('notify')}>
              {t('engagementPanel.escalations.notify')}
            </button>
          ) : null}
          {escalation.state === 'open' ? (
            <button type="button" className="ed-button" disabled={write.saving} onClick={() => void act('acknowledge')}>
              {t('engagementPanel.escalations.acknowledge')}
            </button>
          ) : null}
          <Field id={`${id}-resolution`} label={t('engagementPanel.escalations.resolution')} error={serverIssue(t, write.error, 'resolution')}>
            {(control) => <input {...control} className="ed-input" value={resolution} onChange={(e) => setResolution(e.target.value)} autoComplete="off" />}
          </Field>
          <button type="button" className="ed-button" disabled={write.saving} onClick={() => void act('close')}>
            {t('engagementPanel.escalations.close')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

function RaiseEscalationForm() {
  const { t, locale } = useI18n();
  const { engagement, change } = useEngagement();
  const vendorRoles = engagement.roles.filter((r) => r.side === 'vendor' && r.applies);
  const [category, setCategory] = useState<EscalationKind>('risk');
  const [title, setTitle] = useState('');
  const [roleKey, setRoleKey] = useState(vendorRoles[0]?.key ?? '');
  const [toHeadOfSales, setToHeadOfSales] = useState(false);
  const [itemId, setItemId] = useState(newItemId);
  const write = useWrite();
  if (vendorRoles.length === 0) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await write.run(
      () => call('issue-panel', 'escalation/raise', { category, title, roleKey, toHeadOfSales, itemId, expectedVersion: engagement.version }),
      (body) => change((view) => ({ ...view, escalations: [body.escalation, ...view.escalations] })),
    );
    if (ok) {
      setTitle('');
      setItemId(newItemId());
    }
  };
  return (
    <form className="ed-form ep-subform" noValidate onSubmit={submit} aria-label={t('engagementPanel.escalations.raise')}>
      <WriteError error={write.error} fields={['title', 'roleKey']} />
      <Field id="ep-esc-kind" label={t('engagementPanel.escalations.kindLabel')}>
        {(control) => (
          <select {...control} className="ed-select" value={category} onChange={(e) => setCategory(e.target.value as EscalationKind)}>
            {ESCALATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`engagementPanel.escalations.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="ep-esc-title" label={t('engagementPanel.escalations.title')} required error={serverIssue(t, write.error, 'title')}>
        {(control) => <input {...control} className="ed-input" value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />}
      </Field>
      <Field id="ep-esc-role" label={t('engagementPanel.escalations.role')} error={serverIssue(t, write.error, 'roleKey')}>
        {(control) => (
          <select {...control} className="ed-select" value={roleKey} onChange={(e) => setRoleKey(e.target.value)}>
            {vendorRoles.map((r) => (
              <option key={r.key} value={r.key}>
                {r.name[locale]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="ed-choice">
        <input id="ep-esc-hos" type="checkbox" checked={toHeadOfSales} onChange={(e) => setToHeadOfSales(e.target.checked)} />
        <label htmlFor="ep-esc-hos">{t('engagementPanel.escalations.toHeadOfSales')}</label>
      </div>
      <div className="ed-actions">
        <button type="submit" className="ed-button" disabled={write.saving} aria-busy={write.saving || undefined}>
          {write.saving ? t('common.saving') : t('engagementPanel.escalations.raise')}
        </button>
      </div>
    </form>
  );
}

function ProposeChangeForm() {
  const { t } = useI18n();
  const { engagement, change } = useEngagement();
  const [category, setCategory] = useState<ChangeKind>('budget');
  const [summary, setSummary] = useState('');
  const [delta, setDelta] = useState('');
  const [itemId, setItemId] = useState(newItemId);
  const write = useWrite();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const hours = parseHours(delta);
    const input = { category, summary, itemId, expectedVersion: engagement.version, ...(category === 'budget' && hours !== null ? { soldHoursDelta: hours } : {}) };
    const ok = await write.run(
      () => call('issue-panel', 'change/propose', input),
      (body) => change((view) => ({ ...view, changes: [body.change, ...view.changes] })),
    );
    if (ok) {
      setSummary('');
      setDelta('');
      setItemId(newItemId());
    }
  };
  return (
    <form className="ed-form ep-subform" noValidate onSubmit={submit} aria-label={t('engagementPanel.changes.propose')}>
      <WriteError error={write.error} fields={['summary', 'soldHoursDelta']} />
      <Field id="ep-change-kind" label={t('engagementPanel.changes.kindLabel')}>
        {(control) => (
          <select {...control} className="ed-select" value={category} onChange={(e) => setCategory(e.target.value as ChangeKind)}>
            {CHANGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`engagementPanel.changes.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="ep-change-summary" label={t('engagementPanel.changes.summary')} required error={serverIssue(t, write.error, 'summary')}>
        {(control) => <input {...control} className="ed-input" value={summary} onChange={(e) => setSummary(e.target.value)} autoComplete="off" />}
      </Field>
      {category === 'budget' ? (
        <Field id="ep-change-delta" label={t('engagementPanel.changes.delta')} error={serverIssue(t, write.error, 'soldHoursDelta')}>
          {(control) => <input {...control} className="ed-input" inputMode="decimal" value={delta} onChange={(e) => setDelta(e.target.value)} />}
        </Field>
      ) : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button" disabled={write.saving} aria-busy={write.saving || undefined}>
          {write.saving ? t('common.saving') : t('engagementPanel.changes.propose')}
        </button>
      </div>
    </form>
  );
}
