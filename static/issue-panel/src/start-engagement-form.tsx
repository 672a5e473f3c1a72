import { useRef, useState, type FormEvent } from 'react';
import { startEngagementInput, type Engagement } from '../../../src/shared/engagement';
import type { AppErrorBody } from '../../../src/shared/errors';
import { ErrorMessage } from '../../common/error-message';
import { allIssuesShown, Field, serverIssue } from '../../common/field';
import { useT, type Translate } from '../../common/i18n';
import { call } from '../../common/invoke';

const titleSchema = startEngagementInput.shape.title;
const TITLE_MAX = titleSchema.maxLength ?? 200;

/** The same rule the resolver applies (the shared zod schema), worded in the page's language. */
function titleProblem(t: Translate, title: string): string | null {
  const parsed = titleSchema.safeParse(title);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (issue?.code === 'too_big') return t('validation.tooLong', { max: TITLE_MAX });
  return t('validation.required');
}

interface StartEngagementFormProps {
  onStarted: (engagement: Engagement) => void;
  /** After a CONFLICT (someone else started it first), reload the panel to show theirs. */
  onReload: () => void;
}

/**
 * Starts the issue's engagement. The typed title is never cleared by a failure; the button is disabled while the
 * request is out, so a double click starts one engagement (and the store refuses a second start anyway).
 */
export function StartEngagementForm({ onStarted, onReload }: StartEngagementFormProps) {
  const t = useT();
  const [title, setTitle] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const problem = attempted ? titleProblem(t, title) : null;
  const fieldError = problem ?? serverIssue(t, failure, 'title');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setAttempted(true);
    const parsed = startEngagementInput.safeParse({ title });
    if (!parsed.success) {
      setFailure(null);
      input.current?.focus();
      return;
    }
    setSaving(true);
    setFailure(null);
    const answer = await call('issue-panel', 'engagement/start', parsed.data);
    setSaving(false);
    if (answer.ok) {
      onStarted(answer.body);
      return;
    }
    setFailure(answer.error);
    if (serverIssue(t, answer.error, 'title')) input.current?.focus();
  };

  const alert = failure && !allIssuesShown(failure, ['title']) ? failure : null;

  return (
    <form className="ed-form" noValidate onSubmit={submit} aria-label={t('issuePanel.form.label')}>
      {alert ? <ErrorMessage error={alert} {...(alert.code === 'CONFLICT' ? { onRetry: onReload } : {})} /> : null}
      <Field id="engagement-title-input" label={t('issuePanel.form.titleLabel')} required hint={t('issuePanel.form.titleHint', { max: TITLE_MAX })} error={fieldError}>
        {(control) => (
          <input
            {...control}
            ref={input}
            className="ed-input"
            type="text"
            name="title"
            autoComplete="off"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
        )}
      </Field>
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('issuePanel.form.submitting') : t('issuePanel.form.submit')}
        </button>
      </div>
    </form>
  );
}
