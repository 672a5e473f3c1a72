/**
 * What a BUILT Custom UI page makes the browser fetch before first paint, measured from disk: the module script(s)
 * that static/<surface>/build/index.html loads, every `<link rel="modulepreload">` it lists, and, transitively, every
 * chunk those import statically (`import … from`, `import "…"`, `export … from`). Dynamic `import()` is what a page
 * loads when used, so it is not counted. Sizes are gzipped one file at a time, as a server sends them.
 *
 * Used by scripts/build-static.ts (its table and its failure over budget) and by the bench (bench/run.ts).
 * Not covered: CSS `@import` chains (Vite inlines them) and fonts or images a stylesheet pulls in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';

/** DESIGN.md "Performance budgets": the JavaScript a page loads up front, gzipped. */
export const UP_FRONT_BUDGET_BYTES = 150 * 1024;

export interface PageSize {
  surface: string;
  /** The up-front JavaScript files, relative to the build folder (inline module scripts as `index.html#inline-N`). */
  files: string[];
  jsBytes: number;
  jsGzip: number;
  /** The stylesheets index.html links, gzipped. */
  cssGzip: number;
  budgetBytes: number;
  withinBudget: boolean;
}

export const builtPageDir = (repoRoot: string, surface: string): string => path.join(repoRoot, 'static', surface, 'build');
export const builtPageHtml = (repoRoot: string, surface: string): string => path.join(builtPageDir(repoRoot, surface), 'index.html');

interface Tag {
  name: string;
  attrs: Map<string, string | true>;
  /** For <script>: the text between the tags. */
  body: string;
}

/** The `<script>` and `<link>` tags of an HTML document with their attributes (Vite writes plain, well-formed HTML). */
function tagsOf(html: string): Tag[] {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  const tags: Tag[] = [];
  const pattern = /<(script|link)\b([^>]*)>(?:([\s\S]*?)<\/script\s*>)?/gi;
  for (const match of withoutComments.matchAll(pattern)) {
    const name = (match[1] ?? '').toLowerCase();
    const attrs = new Map<string, string | true>();
    for (const attr of (match[2] ?? '').matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      const key = (attr[1] ?? '').toLowerCase();
      attrs.set(key, attr[2] ?? attr[3] ?? attr[4] ?? true);
    }
    tags.push({ name, attrs, body: name === 'script' ? (match[3] ?? '') : '' });
  }
  return tags;
}

const attr = (tag: Tag, name: string): string | undefined => {
  const value = tag.attrs.get(name);
  return typeof value === 'string' ? value : undefined;
};

/** A URL the page references, as a path inside the build folder; anything remote is an error (Forge's CSP blocks it). */
function localFile(buildDir: string, fromFile: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) throw new Error(`${fromFile} loads ${url}, which is not a file of the page.`);
  if (!url.startsWith('.') && !url.startsWith('/')) throw new Error(`${fromFile} imports the bare specifier '${url}': the build left a module unresolved.`);
  const clean = url.split(/[?#]/)[0] ?? url;
  const absolute = clean.startsWith('/') ? path.join(buildDir, clean) : path.resolve(path.dirname(path.join(buildDir, fromFile)), clean);
  const relative = path.relative(buildDir, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`${fromFile} loads ${url}, outside the page's build folder.`);
  return relative.split(path.sep).join('/');
}

/** The specifiers a module imports statically: its top-level import and re-export declarations. */
export function staticImportsOf(code: string, fileName = 'module.js'): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers;
}

/** Measures the built page in `buildDir` (static/<surface>/build). Throws if index.html or a file it needs is missing. */
export function measureBuiltPage(surface: string, buildDir: string, budgetBytes = UP_FRONT_BUDGET_BYTES): PageSize {
  const htmlFile = path.join(buildDir, 'index.html');
  if (!fs.existsSync(htmlFile)) throw new Error(`${htmlFile} does not exist: build the page first (npm run build).`);
  const tags = tagsOf(fs.readFileSync(htmlFile, 'utf8'));

  const roots: string[] = [];
  const inline: Buffer[] = [];
  const stylesheets: string[] = [];
  for (const tag of tags) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    if (tag.name === 'script' && attr(tag, 'type') === 'module') {
      const src = attr(tag, 'src');
      if (src) roots.push(localFile(buildDir, 'index.html', src));
      else if (tag.body.trim()) inline.push(Buffer.from(tag.body));
    } else if (tag.name === 'link' && rel.includes('modulepreload')) {
      const href = attr(tag, 'href');
      if (href) roots.push(localFile(buildDir, 'index.html', href));
    } else if (tag.name === 'link' && rel.includes('stylesheet')) {
      const href = attr(tag, 'href');
      if (href) stylesheets.push(localFile(buildDir, 'index.html', href));
    }
  }
  if (roots.length === 0 && inline.length === 0) throw new Error(`${htmlFile} loads no module script.`);

  const read = (file: string): Buffer => {
    const full = path.join(buildDir, file);
    if (!fs.existsSync(full)) throw new Error(`${htmlFile} needs ${file}, which is not in the build.`);
    return fs.readFileSync(full);
  };
  const code = new Map<string, Buffer>();
  const visit = (file: string): void => {
    if (code.has(file)) return;
    const bytes = read(file);
    code.set(file, bytes);
    for (const specifier of staticImportsOf(bytes.toString('utf8'), file)) visit(localFile(buildDir, file, specifier));
  };
  for (const root of roots) visit(root);
  for (const [index, body] of inline.entries()) {
    const name = `index.html#inline-${index + 1}`;
    code.set(name, body);
    for (const specifier of staticImportsOf(body.toString('utf8'), name)) visit(localFile(buildDir, 'index.html', specifier));
  }

  const js = [...code.values()];
  const jsGzip = js.reduce((sum, b) => sum + gzipSync(b).length, 0);
  return {
    surface,
    files: [...code.keys()],
    jsBytes: js.reduce((sum, b) => sum + b.length, 0),
    jsGzip,
    cssGzip: stylesheets.reduce((sum, file) => sum + gzipSync(read(file)).length, 0),
    budgetBytes,
    withinBudget: jsGzip <= budgetBytes,
  };
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** The table build-static and the bench print: one line per page, `ok` or `OVER`. */
export function pageSizeTable(sizes: PageSize[]): string {
  const budget = sizes[0]?.budgetBytes ?? UP_FRONT_BUDGET_BYTES;
  const lines = [`Up-front JavaScript per page (entry chunk + static imports), gzipped; budget ${Math.round(budget / 1024)} KB:`];
  for (const size of sizes) {
    const mark = size.withinBudget ? 'ok  ' : 'OVER';
    lines.push(`  ${mark} ${size.surface.padEnd(13)} ${kb(size.jsGzip).padStart(9)} gzip  (${kb(size.jsBytes)} raw, ${size.files.length} file(s); CSS ${kb(size.cssGzip)} gzip)`);
  }
  return lines.join('\n');
}
