import type { AppErrorBody, ErrorCode } from '../../src/shared/errors';
import { useI18n, type Translate } from './i18n';

/** The message for each stable error code, in the page's language. Every code in ERROR_CODES has one. */
export function describeError(t: Translate, code: ErrorCode): string {
  return t(`errors.${code}`);
}

type Issue = NonNullable<AppErrorBody['issues']>[number];

/** Forge's catalogue answers the key itself when it has no text: that is how "no wording" is told apart. */
function known(t: Translate, key: string, vars?: Record<string, string | number>): string | null {
  const text = t(key, vars);
  return text === key ? null : text;
}

const isAt = (issue: Issue, path: string) => issue.path === path || issue.path.endsWith(`.${path}`);

/** Path segments that name no field: list positions (`changes.0`) and the language of a bilingual text (`name.fr-FR`). */
const NOT_A_FIELD = /^(\d+|[a-z]{2}-[A-Z]{2})$/;

/**
 * One INVALID_INPUT issue in the page's language, or null when the page has no wording for it. The server's own
 * `message` is English written for support, so it is never used here. Two kinds of path reach the UI:
 * - a stable rule code that a domain check answered as the path (`DUPLICATE_EMAIL`, `INVALID_COUNTS`, `csv`…):
 *   `errors.issues.<path>` words it;
 * - a payload path from the resolver's zod check (`changes.0.person.email`, `name.fr-FR`): its last segment that
 *   names a field, looked up in `errors.fields`, says which field to check (not why: the forms check the same
 *   shared schemas before sending, so this only shows when a page and the server disagree).
 */
export function describeIssue(t: Translate, issue: Pick<Issue, 'path'>): string | null {
  const byRule = known(t, `errors.issues.${issue.path}`);
  if (byRule) return byRule;
  const field = issue.path
    .split('.')
    .filter((segment) => segment !== '' && !NOT_A_FIELD.test(segment))
    .at(-1);
  const label = field ? known(t, `errors.fields.${field}`) : null;
  return label ? t('errors.invalidField', { field: label }) : null;
}

/**
 * For a form that shows server issues beside its fields: the translated INVALID_INPUT issue whose path is one of
 * `paths`, or ends with one of them after a dot (`changes.0.person.email` for `email`); null when there is none.
 */
export function issueBeside(t: Translate, error: AppErrorBody | null, ...paths: string[]): string | null {
  const issue = issuesAt(error, paths)[0];
  return issue ? (describeIssue(t, issue) ?? describeError(t, 'INVALID_INPUT')) : null;
}

/** Whether the server found an INVALID_INPUT issue at one of `paths` (a form with its own wording for it asks this). */
export function hasIssueAt(error: AppErrorBody | null, ...paths: string[]): boolean {
  return issuesAt(error, paths).length > 0;
}

/** Whether every INVALID_INPUT issue of `error` is one that a form shows beside a field (then no separate alert is needed). */
export function allIssuesBeside(error: AppErrorBody | null, paths: readonly string[]): boolean {
  if (!error || error.code !== 'INVALID_INPUT' || !error.issues?.length) return false;
  return error.issues.every((issue) => paths.some((path) => isAt(issue, path)));
}

function issuesAt(error: AppErrorBody | null, paths: readonly string[]): Issue[] {
  if (!error || error.code !== 'INVALID_INPUT') return [];
  return (error.issues ?? []).filter((issue) => paths.some((path) => isAt(issue, path)));
}

export interface ErrorMessageProps {
  error: AppErrorBody;
  /** When given, a button offers to try again (for CONFLICT it reads "Reload": the fix is to see the newer data). */
  onRetry?: () => void;
  retryLabel?: string;
  /** A page's own wording for a code it expects (the admin page's FORBIDDEN); else the code's usual message. */
  message?: string;
  /** Hide the server's detail when the page's own message already says everything. */
  hideDetail?: boolean;
}

/**
 * An alert: the code's message in the page's language first, then each issue the page can word, in the same
 * language. The server's own message is English written for support: it is shown as detail only on a page
 * that speaks English, and only when no translated issue already says what is wrong, so that a French reader never
 * meets an English sentence in the middle of French text. The word "Error" and the icon carry the meaning as well
 * as the colour.
 */
export function ErrorMessage({ error, onRetry, retryLabel, message, hideDetail }: ErrorMessageProps) {
  const { t, locale } = useI18n();
  // Rule codes come with other codes too (a template's UNKNOWN_DUTY is a NOT_FOUND): every worded issue is listed.
  const issues = [...new Set((error.issues ?? []).map((issue) => describeIssue(t, issue)).filter((text): text is string => !!text))];
  const english = locale === 'en-US';
  const detail = english && !hideDetail && issues.length === 0 && error.message.trim() !== '' ? error.message : null;
  const defaultRetry = error.code === 'CONFLICT' ? t('common.reload') : t('common.retry');
  return (
    <div className="ed-error" role="alert">
      <span className="ed-error__icon" aria-hidden="true">!</span>
      <div className="ed-error__body">
        <p className="ed-error__message">
          <strong>{t('common.errorPrefix')}</strong> {message ?? describeError(t, error.code)}
        </p>
        {issues.length > 0 ? (
          <ul className="ed-error__issues">
            {issues.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        ) : null}
        {detail ? <p className="ed-error__detail">{t('common.errorDetail', { detail })}</p> : null}
        {onRetry ? (
          <button type="button" className="ed-button" onClick={onRetry}>
            {retryLabel ?? defaultRetry}
          </button>
        ) : null}
      </div>
    </div>
  );
}
