import { useEffect, type ReactNode } from 'react';

export interface PageProps {
  title: string;
  /** The host already shows this title above the frame (an issue panel's own heading): keep it for screen readers only. */
  hideTitle?: boolean;
  children: ReactNode;
}

/** Each page is one <main> with one <h1>, so the outline starts right whatever the page holds. */
export function Page({ title, hideTitle, children }: PageProps) {
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <main className="ed-page">
      <h1 className={hideTitle ? 'ed-visually-hidden' : undefined}>{title}</h1>
      {children}
    </main>
  );
}

/** A polite confirmation (saved, started); its text and the tick carry the meaning, the colour only underlines it. */
export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div className="ed-success" role="status">
      <span aria-hidden="true">✓</span>
      <p>{children}</p>
    </div>
  );
}
