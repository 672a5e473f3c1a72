import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  description?: string;
  /** The heading level that keeps the page's outline in order where the empty state sits. */
  headingLevel?: 2 | 3;
  children?: ReactNode;
}

/** Says plainly that there is nothing here yet, and what (if anything) the viewer can do about it. */
export function EmptyState({ title, description, headingLevel = 2, children }: EmptyStateProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="ed-empty">
      <Heading className="ed-empty__title">{title}</Heading>
      {description ? <p className="ed-empty__text">{description}</p> : null}
      {children}
    </section>
  );
}
