/**
 * Vite configuration of the Custom UI pages. One build per surface: each page is its own Forge resource
 * (manifest.yml: static/<surface>/build), so each gets its own index.html and assets with relative URLs.
 *
 * No React plugin: Vite 8 compiles JSX itself with Oxc (the automatic runtime imports react/jsx-runtime). Fast
 * Refresh is the only thing lost, and these pages are only ever built, never served by Vite's dev server.
 */
import path from 'node:path';
import type { InlineConfig } from 'vite' with { 'resolution-mode': 'import' };

export const SURFACES = ['issue-panel', 'portal', 'project-page', 'admin'] as const;
export type PageSurface = (typeof SURFACES)[number];

const repoRoot = __dirname;

export function surfaceConfig(surface: PageSurface): InlineConfig {
  return {
    configFile: false,
    root: path.join(repoRoot, 'static', surface),
    base: './',
    mode: 'production',
    logLevel: 'warn',
    // The locales/ folder is served by Forge (and the sandbox) as __LOCALES__; pages have no public/ folder.
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    resolve: {
      // One React per page, whatever a dependency asks for.
      dedupe: ['react', 'react-dom'],
    },
    build: {
      outDir: 'build',
      emptyOutDir: true,
      // Forge serves a page's files from its own origin; nothing is inlined into index.html as data: URLs either.
      assetsInlineLimit: 0,
      // Jira's supported browsers all have <link rel="modulepreload">; the polyfill would be up-front bytes for nothing.
      modulePreload: { polyfill: false },
      sourcemap: false,
      reportCompressedSize: false,
    },
  };
}

/** `SURFACE=portal npx vite build` builds one page with this file; `npm run build` builds them all. */
export default surfaceConfig((process.env.SURFACE as PageSurface | undefined) ?? 'issue-panel');
