import { useState, type FormEvent } from 'react';
import type { Meeting, Milestone } from '../../../src/shared/engagement';
import { Field, serverIssue } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';
import { useEngagement, useWrite, WriteError } from './engagement-context';
import { SaveCancel } from './save-cancel';
import { useReturnFocus } from './inline-editor';
import { OlderItemsButton } from './show-older';

/** Milestones, each with its progress points and the customer's acknowledgement (who, when). */
export function MilestonesSection() {
  const { t } = useI18n();
  const { engagement, canEdit } = useEngagement();
  return (
    <section aria-labelledby="ep-milestones" className="ep-section">
      <h3 id="ep-milestones">{t('engagementPanel.milestones.heading')}</h3>
      {engagement.milestones.length === 0 ? <p className="ed-subtle">{t('engagementPanel.milestones.none')}</p> : null}
      {engagement.milestones.map((m) => (
        <MilestoneCard key={m.id} milestone={m} />
      ))}
      {/* Older progress points may belong to any milestone: they join their cards when loaded. */}
      {engagement.milestones.length > 0 ? <OlderItemsButton list="progress" label={t('engagementPanel.progress.more')} /> : null}
      {canEdit ? <AddMilestoneForm /> : null}
    </section>
  );
}

function MilestoneCard({ milestone }: { milestone: Milestone }) {
  const { t, formatDateTime } = useI18n();
  const { engagement, canEdit, saved } = useEngagement();
  const write = useWrite();
  const points = engagement.progressPoints.filter((p) => p.milestoneId === milestone.id);
  const next = milestone.state === 'planned' ? 'in-progress' : milestone.state === 'in-progress' ? 'done' : null;
  return (
    <article className="ep-card" aria-labelledby={`ep-ms-${milestone.id}`}>
      <h4 id={`ep-ms-${milestone.id}`} className="ep-card__title">
        {milestone.title} <span className="ep-status">{t(`engagementPanel.milestones.state.${milestone.state}`)}</span>
      </h4>
      {milestone.dueDate ? <p className="ed-subtle">{t('engagementPanel.milestones.due', { date: milestone.dueDate })}</p> : null}
      <WriteError error={write.error} />
      {canEdit ? <EditMilestone milestone={milestone} /> : null}
      {canEdit && next ? (
        <button
          type="button"
          className="ed-button"
          disabled={write.saving}
          onClick={() => void write.run(() => call('issue-panel', 'milestone/update', { milestoneId: milestone.id, state: next, expectedVersion: engagement.version }), saved)}
        >
          {t(`engagementPanel.milestones.moveTo.${next}`)}
        </button>
      ) : null}
      {points.length > 0 ? (
        <ul className="ep-list" aria-label={t('engagementPanel.progress.heading')}>
          {points.map((p) => (
            <li key={p.id}>
              <strong>{p.title}</strong>
              {p.description ? ` — ${p.description}` : ''}{' '}
              <span className="ed-subtle">
                {p.acknowledgement
                  ? t('engagementPanel.progress.acknowledged', { name: p.acknowledgement.name, date: formatDateTime(p.acknowledgement.at) })
                  : t('engagementPanel.progress.awaiting')}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit ? <AddProgressPointForm milestone={milestone} /> : null}
    </article>
  );
}

/** The title and due date of a milestone, edited with `milestone/update`. */
function EditMilestone({ milestone }: { milestone: Milestone }) {
  const { t } = useI18n();
  const { engagement, saved } = useEngagement();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(milestone.title);
  const [dueDate, setDueDate] = useState(milestone.dueDate ?? '');
  const [attempted, setAttempted] = useState(false);
  const write = useWrite();
  const focus = useReturnFocus();
  const id = `ep-ms-edit-${milestone.id}`;
  const label = t('engagementPanel.milestones.editNamed', { milestone: milestone.title });
  const close = () => {
    focus.returnFocus();
    setOpen(false);
  };
  if (!open) {
    const start = () => {
      setTitle(milestone.title);
      setDueDate(milestone.dueDate ?? '');
      setAttempted(false);
      write.clear();
      setOpen(true);
    };
    return (
      <button ref={focus.button} type="button" className="ed-button ep-inline" onClick={start} aria-label={label}>
        {t('engagementPanel.milestones.edit')}
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (title.trim() === '') return;
    const ok = await write.run(
      () => call('issue-panel', 'milestone/update', { milestoneId: milestone.id, title, dueDate: dueDate === '' ? null : dueDate, expectedVersion: engagement.version }),
      saved,
    );
    if (ok) close();
  };
  return (
    <form className="ed-form ep-subform" noValidate onSubmit={submit} aria-label={label}>
      <WriteError error={write.error} fields={['title', 'dueDate']} />
      <Field id={`${id}-title`} label={t('engagementPanel.milestones.title')} required error={(attempted && title.trim() === '' ? t('validation.required') : null) ?? serverIssue(t, write.error, 'title')}>
        {(control) => <input {...control} className="ed-input" value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" autoFocus />}
      </Field>
      <Field id={`${id}-due`} label={t('engagementPanel.milestones.dueDate')} error={serverIssue(t, write.error, 'dueDate')}>
        {(control) => <input {...control} className="ed-input" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />}
      </Field>
      <SaveCancel saving={write.saving} saveLabel={t('engagementPanel.milestones.save')} onCancel={close} />
    </form>
  );
}

function AddMilestoneForm() {
  const { t } = useI18n();
  const { engagement, saved } = useEngagement();
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [attempted, setAttempted] = useState(false);
  const write = useWrite();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (title.trim() === '') return;
    const ok = await write.run(() => call('issue-panel', 'milestone/add', { title, dueDate: dueDate === '' ? null : dueDate, expectedVersion: engagement.version }), saved);
    if (ok) {
      setTitle('');
      setDueDate('');
      setAttempted(false);
    }
  };
  return (
    <form className="ed-form ep-subform" noValidate onSubmit={submit} aria-label={t('engagementPanel.milestones.add')}>
      <WriteError error={write.error} fields={['title', 'dueDate']} />
      <Field id="ep-ms-title" label={t('engagementPanel.milestones.title')} required error={(attempted && title.trim() === '' ? t('validation.required') : null) ?? serverIssue(t, write.error, 'title')}>
        {(control) => <input {...control} className="ed-input" value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />}
      </Field>
      <Field id="ep-ms-due" label={t('engagementPanel.milestones.dueDate')} error={serverIssue(t, write.error, 'dueDate')}>
        {(control) => <input {...control} className="ed-input" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />}
      </Field>
      <div className="ed-actions">
        <button type="submit" className="ed-button" disabled={write.saving} aria-busy={write.saving || undefined}>
          {write.saving ? t('common.saving') : t('engagementPanel.milestones.add')}
        </button>
      </div>
    </form>
  );
}

function AddProgressPointForm({ milestone }: { milestone: Milestone }) {
  const { t } = useI18n();
  const { engagement, change } = useEngagement();
  const [title, setTitle] = useState('');
  const [attempted, setAttempted] = useState(false);
  const write = useWrite();
  const id = `ep-pp-${milestone.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (title.trim() === '') return;
    const ok = await write.run(
      () => call('issue-panel', 'progress-point/add', { milestoneId: milestone.id, title, expectedVersion: engagement.version }),
      (point) => change((view) => ({ ...view, progressPoints: [point, ...view.progressPoints] })),
    );
    if (ok) {
      setTitle('');
      setAttempted(false);
    }
  };
  return (
    <form className="ed-form ep-subform" noValidate onSubmit={submit} aria-label={t('engagementPanel.progress.addTo', { milestone: milestone.title })}>
      <WriteError error={write.error} fields={['title']} />
      <Field id={id} label={t('engagementPanel.progress.title')} required error={(attempted && title.trim() === '' ? t('validation.required') : null) ?? serverIssue(t, write.error, 'title')}>
        {(control) => <input {...control} className="ed-input" value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />}
      </Field>
      <div className="ed-actions">
        <button type="submit" className="ed-button" disabled={write.saving} aria-busy={write.saving || undefined}>
          {write.saving ? t('common.saving') : t('engagementPanel.progress.add')}
        </button>
      </div>
    </form>
  );
}

/** The kick-off meeting and the retrospective: date, notes, whether it took place. */
export function MeetingsSection() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="ep-meetings" className="ep-section">
      <h3 id="ep-meetings">{t('engagementPanel.meetings.heading')}</h3>
      <MeetingForm which="kickoff" />
      <MeetingForm which="retrospective" />
    </section>
  );
}

function MeetingForm({ which }: { which: 'kickoff' | 'retrospective' }) {
  const { t, formatDateTime } = useI18n();
  const { engagement, canEdit, saved } = useEngagement();
  const meeting: Meeting = engagement[which];
  const [date, setDate] = useState(meeting.date ?? '');
  const [notes, setNotes] = useState(meeting.notes);
  const [done, setDone] = useState(meeting.done);
  const [ok, setOk] = useState(false);
  const write = useWrite();
  const label = t(`engagementPanel.meetings.${which}`);
  const id = `ep-${which}`;
  if (!canEdit) {
    return (
      <div>
        <h4>{label}</h4>
        <p>
          {meeting.date ?? t('engagementPanel.meetings.noDate')} · {meeting.done ? t('engagementPanel.meetings.held') : t('engagementPanel.meetings.notHeld')}
        </p>
        {meeting.notes ? <p>{meeting.notes}</p> : null}
      </div>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOk(false);
    const key = which === 'kickoff' ? 'kickoff/update' : 'retrospective/update';
    const saved_ = await write.run(() => call('issue-panel', key, { date: date === '' ? null : date, notes, done, expectedVersion: engagement.version }), saved);
    setOk(saved_);
  };
  return (
    <form className="ed-form ep-subform" noValidate onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{label}</h4>
      <WriteError error={write.error} fields={['date', 'notes']} />
      {ok ? <p role="status">{t('engagementPanel.saved')}</p> : null}
      <Field id={`${id}-date`} label={t('engagementPanel.meetings.date')} error={serverIssue(t, write.error, 'date')}>
        {(control) => <input {...control} className="ed-input" type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      <Field id={`${id}-notes`} label={t('engagementPanel.meetings.notes')} error={serverIssue(t, write.error, 'notes')}>
        {(control) => <textarea {...control} className="ed-input" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
      <div className="ed-choice">
        <input id={`${id}-done`} type="checkbox" checked={done} onChange={(e) => setDone(e.target.checked)} />
        <label htmlFor={`${id}-done`}>
          {t('engagementPanel.meetings.held')}
          {meeting.doneAt ? <span className="ed-subtle"> — {formatDateTime(meeting.doneAt)}</span> : null}
        </label>
      </div>
      <div className="ed-actions">
        <button type="submit" className="ed-button" disabled={write.saving} aria-busy={write.saving || undefined}>
          {write.saving ? t('common.saving') : t('engagementPanel.meetings.save', { meeting: label })}
        </button>
      </div>
    </form>
  );
}
