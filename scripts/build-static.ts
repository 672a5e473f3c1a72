/**
 * Builds every Custom UI page (static/<surface> → static/<surface>/build) with Vite's JS API, then prints what each
 * built page loads up front — the module script and modulepreloads of its index.html plus every chunk they import
 * statically (scripts/page-sizes.ts) — gzipped, against DESIGN.md's 150 KB budget. Exceeding the budget fails the build.
 *
 * Run with `npm run build` (tsx scripts/build-static.ts); `-- issue-panel admin` builds only the pages named.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as ViteApi from 'vite' with { 'resolution-mode': 'import' };
import { SURFACES, surfaceConfig, type PageSurface } from '../vite.config';
import { builtPageDir, builtPageHtml, measureBuiltPage, pageSizeTable, UP_FRONT_BUDGET_BYTES, type PageSize } from './page-sizes';

/**
 * Vite is ESM-only and the root tsconfig resolves modules the CommonJS way (moduleResolution "node"), which cannot
 * see Vite's types through its package exports: the types come in with `resolution-mode: import`, and the module is
 * loaded with a native dynamic import whose specifier TypeScript does not try to resolve.
 */
type Vite = typeof ViteApi;
const VITE: string = 'vite';
const loadVite = () => import(VITE) as Promise<Vite>;

const repoRoot = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(SURFACES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`Unknown page(s): ${unknown.join(', ')}. Pages: ${SURFACES.join(', ')}.`);
  const surfaces = asked.length > 0 ? (asked as PageSurface[]) : [...SURFACES];

  const { build } = await loadVite();
  const sizes: PageSize[] = [];
  for (const surface of surfaces) {
    const started = Date.now();
    await build(surfaceConfig(surface));
    const html = builtPageHtml(repoRoot, surface);
    if (!fs.existsSync(html)) throw new Error(`${html} was not written.`);
    // Measured from what was written, as the browser would load it (scripts/page-sizes.ts), not from Vite's answer.
    sizes.push(measureBuiltPage(surface, builtPageDir(repoRoot, surface)));
    console.log(`built ${path.join('static', surface, 'build')} in ${Date.now() - started} ms`);
  }

  console.log(`\n${pageSizeTable(sizes)}`);
  const over = sizes.filter((size) => !size.withinBudget);
  if (over.length > 0) throw new Error(`Over the ${UP_FRONT_BUDGET_BYTES / 1024} KB up-front budget: ${over.map((s) => s.surface).join(', ')}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
