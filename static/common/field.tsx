import type { ReactNode } from 'react';
import type { AppErrorBody } from '../../src/shared/errors';
import { describeError, describeIssue } from './error-message';
import { useT, type Translate } from './i18n';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

export interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  /** Shown under the control, tied to it with aria-describedby, and marks it aria-invalid. */
  error?: string | null;
  /** Renders the control with the ids and states it needs. */
  children: (control: ControlProps) => ReactNode;
}

/** A label tied to its control, an optional hint, and an error written out beside the field (not only a red border). */
export function Field({ id, label, required, hint, error, children }: FieldProps) {
  const t = useT();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="ed-field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="ed-required"> ({t('common.required')})</span> : null}
      </label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(required ? { 'aria-required': true as const } : {}),
      })}
      {error ? (
        <p className="ed-field-error" id={errorId}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p className="ed-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The server's INVALID_INPUT finding for one field (by its payload path), in the page's language, to show beside that
 * field. The server's own message is English written for support, so it is never shown here (error-message.tsx
 * words the issue; a path it has no wording for reads as the code's message).
 */
export function serverIssue(t: Translate, error: AppErrorBody | null, path: string): string | null {
  if (!error || error.code !== 'INVALID_INPUT') return null;
  const issue = error.issues?.find((i) => i.path === path);
  return issue ? (describeIssue(t, issue) ?? describeError(t, 'INVALID_INPUT')) : null;
}

/** Whether every INVALID_INPUT issue is one the form shows beside a field (then no separate alert is needed). */
export function allIssuesShown(error: { code: string; issues?: Array<{ path: string }> } | null, paths: readonly string[]): boolean {
  return !!error && error.code === 'INVALID_INPUT' && !!error.issues?.length && error.issues.every((issue) => paths.includes(issue.path));
}
