/**
 * Builds every Custom UI page (static/<surface> → static/<surface>/build) with Vite's JS API, then prints what each
 * page loads up front — its entry chunk plus every chunk that chunk imports statically (index.html preloads those) —
 * gzipped, against DESIGN.md's 150 KB budget. Exceeding the budget fails the build.
 *
 * Run with `npm run build` (tsx scripts/build-static.ts); `-- issue-panel admin` builds only the pages named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type * as ViteApi from 'vite' with { 'resolution-mode': 'import' };
import type { Rolldown } from 'vite' with { 'resolution-mode': 'import' };
import { SURFACES, surfaceConfig, type PageSurface } from '../vite.config';

/**
 * Vite is ESM-only and the root tsconfig resolves modules the CommonJS way (moduleResolution "node"), which cannot
 * see Vite's types through its package exports: the types come in with `resolution-mode: import`, and the module is
 * loaded with a native dynamic import whose specifier TypeScript does not try to resolve.
 */
type Vite = typeof ViteApi;
const VITE: string = 'vite';
const loadVite = () => import(VITE) as Promise<Vite>;

const BUDGET_BYTES = 150 * 1024;
const repoRoot = path.resolve(__dirname, '..');

interface PageSize {
  surface: PageSurface;
  files: string[];
  jsBytes: number;
  jsGzip: number;
  cssGzip: number;
}

function outputsOf(result: Awaited<ReturnType<Vite['build']>>): Rolldown.RolldownOutput[] {
  if (Array.isArray(result)) return result;
  if ('output' in result) return [result];
  throw new Error('Vite returned a watcher; this script builds once.');
}

/** The entry chunk and, transitively, what it imports statically: what the browser must fetch before first paint. */
function upFront(surface: PageSurface, outputs: Rolldown.RolldownOutput[]): PageSize {
  const chunks = new Map<string, Rolldown.OutputChunk>();
  const css: Rolldown.OutputAsset[] = [];
  for (const output of outputs) {
    for (const item of output.output) {
      if (item.type === 'chunk') chunks.set(item.fileName, item);
      else if (item.fileName.endsWith('.css')) css.push(item);
    }
  }
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    seen.add(fileName);
    for (const next of chunks.get(fileName)?.imports ?? []) visit(next);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  const code = [...seen].map((name) => Buffer.from(chunks.get(name)?.code ?? ''));
  const styles = css.map((asset) => Buffer.from(typeof asset.source === 'string' ? asset.source : asset.source));
  return {
    surface,
    files: [...seen],
    jsBytes: code.reduce((sum, b) => sum + b.length, 0),
    jsGzip: code.reduce((sum, b) => sum + gzipSync(b).length, 0),
    cssGzip: styles.reduce((sum, b) => sum + gzipSync(b).length, 0),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(SURFACES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`Unknown page(s): ${unknown.join(', ')}. Pages: ${SURFACES.join(', ')}.`);
  const surfaces = asked.length > 0 ? (asked as PageSurface[]) : [...SURFACES];

  const { build } = await loadVite();
  const sizes: PageSize[] = [];
  for (const surface of surfaces) {
    const started = Date.now();
    const result = await build(surfaceConfig(surface));
    const html = path.join(repoRoot, 'static', surface, 'build', 'index.html');
    if (!fs.existsSync(html)) throw new Error(`${html} was not written.`);
    sizes.push(upFront(surface, outputsOf(result)));
    console.log(`built ${path.join('static', surface, 'build')} in ${Date.now() - started} ms`);
  }

  console.log('\nUp-front JavaScript per page (entry chunk + static imports), gzipped; budget 150 KB:');
  for (const size of sizes) {
    const mark = size.jsGzip <= BUDGET_BYTES ? 'ok  ' : 'OVER';
    console.log(`  ${mark} ${size.surface.padEnd(13)} ${kb(size.jsGzip).padStart(9)} gzip  (${kb(size.jsBytes)} raw, ${size.files.length} file(s); CSS ${kb(size.cssGzip)} gzip)`);
  }
  const over = sizes.filter((size) => size.jsGzip > BUDGET_BYTES);
  if (over.length > 0) throw new Error(`Over the 150 KB up-front budget: ${over.map((s) => s.surface).join(', ')}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
