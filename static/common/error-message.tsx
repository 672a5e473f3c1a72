import type { AppErrorBody, ErrorCode } from '../../src/shared/errors';
import { useT, type Translate } from './i18n';

/** The message for each stable error code, in the page's language. Every code in ERROR_CODES has one. */
export function describeError(t: Translate, code: ErrorCode): string {
  return t(`errors.${code}`);
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
 * An alert: the code's message in the page's language first, then the server's own message (English, written for
 * support) as detail. The word "Error" and the icon carry the meaning as well as the colour.
 */
export function ErrorMessage({ error, onRetry, retryLabel, message, hideDetail }: ErrorMessageProps) {
  const t = useT();
  const detail = !hideDetail && error.message.trim() !== '' ? error.message : null;
  const defaultRetry = error.code === 'CONFLICT' ? t('common.reload') : t('common.retry');
  return (
    <div className="ed-error" role="alert">
      <span className="ed-error__icon" aria-hidden="true">!</span>
      <div className="ed-error__body">
        <p className="ed-error__message">
          <strong>{t('common.errorPrefix')}</strong> {message ?? describeError(t, error.code)}
        </p>
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
