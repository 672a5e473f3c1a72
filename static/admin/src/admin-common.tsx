import { useEffect, useState } from 'react';
import type { AppErrorBody } from '../../../src/shared/errors';
import type { OrganisationSummary } from '../../../src/shared/registers';
import type { LocalizedText, Template } from '../../../src/shared/templates';
import { ErrorMessage } from '../../common/error-message';
import { useI18n } from '../../common/i18n';
import { call } from '../../common/invoke';

/**
 * An error with Reload for a CONFLICT (someone else saved first), and the admin page's own FORBIDDEN wording — unless
 * a rule code says why (a built-in template is FORBIDDEN to change for administrators too).
 */
export function ActionError({ error, onReload }: { error: AppErrorBody; onReload?: () => void }) {
  const { t } = useI18n();
  if (error.code === 'FORBIDDEN' && !error.issues?.length) return <ErrorMessage error={error} message={t('admin.forbidden')} hideDetail />;
  if (error.code === 'CONFLICT' && onReload) return <ErrorMessage error={error} onRetry={onReload} retryLabel={t('common.reload')} />;
  return <ErrorMessage error={error} />;
}

export function localized(text: LocalizedText, locale: keyof LocalizedText): string {
  return text[locale];
}

/** A text offered for download through a Blob link (Forge pages cannot write files any other way). */
export function DownloadLink({ filename, text, label }: { filename: string; text: string; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [text]);
  if (!url) return null;
  return (
    <a className="ed-button" href={url} download={filename}>
      {label}
    </a>
  );
}

/** The first page of organisations (up to 100), for pickers; the Organisations tab pages through all of them. */
export function useOrganisationChoices(): { items: OrganisationSummary[]; error: AppErrorBody | null } {
  const [items, setItems] = useState<OrganisationSummary[]>([]);
  const [error, setError] = useState<AppErrorBody | null>(null);
  useEffect(() => {
    void call('admin', 'organisations/list', { limit: 100 }).then((answer) => (answer.ok ? setItems(answer.body.items) : setError(answer.error)));
  }, []);
  return { items, error };
}

export function useTemplates(): { templates: Template[] | null; error: AppErrorBody | null; replace: (t: Template) => void; reload: () => void } {
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    setError(null);
    void call('admin', 'templates/list', {}).then((answer) => (answer.ok ? setTemplates(answer.body.templates) : setError(answer.error)));
  }, [round]);
  const replace = (saved: Template) =>
    setTemplates((list) => (list ? (list.some((x) => x.key === saved.key) ? list.map((x) => (x.key === saved.key ? saved : x)) : [...list, saved]) : [saved]));
  return { templates, error, replace, reload: () => setRound((n) => n + 1) };
}

/**
 * A form field's value that follows the stored value until the user changes it. When a reload brings newer stored
 * data (after a CONFLICT), fields the user left alone take the newer value and fields they changed keep their input,
 * so that saving again loses neither their edit nor the other person's.
 */
export function useDraft<T>(stored: T): [T, (value: T) => void] {
  const [draft, setDraft] = useState<{ base: T; value: T }>({ base: stored, value: stored });
  const storedKey = JSON.stringify(stored);
  useEffect(() => {
    setDraft((d) => (JSON.stringify(d.base) === storedKey ? d : { base: stored, value: JSON.stringify(d.value) === JSON.stringify(d.base) ? stored : d.value }));
    // storedKey stands for `stored`: a new object with the same content is not newer data.
  }, [storedKey]);
  return [draft.value, (value: T) => setDraft((d) => ({ ...d, value }))];
}
