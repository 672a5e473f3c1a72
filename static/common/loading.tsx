import { useT } from './i18n';

/** A polite live region: screen readers hear "Loading…" once; the spinner is decoration. */
export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="ed-loading" role="status" aria-live="polite">
      <span className="ed-spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}
