import { view } from '@forge/bridge';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';

/**
 * Starts a page: asks the host to theme it (Forge then sets `data-color-mode` on <html> and provides Atlassian's
 * design tokens, which styles.css prefers over its own light/dark values), and renders the page into #root.
 */
export function mount(page: ReactNode): void {
  view.theme.enable().catch(() => {
    // A host without theming still gets a readable page: styles.css follows prefers-color-scheme.
  });
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element.');
  createRoot(root).render(<StrictMode>{page}</StrictMode>);
}
