import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { WebAppConfig } from './app-config';
import { escapeHtml } from './html';

/**
 * The app's Custom UI resources, served as Forge serves them: each resource's files under `/__app/<resourceKey>/`,
 * the manifest's translations beside every page as `__LOCALES__/i18n-info.json` and `__LOCALES__/<locale>.json`
 * (what @forge/bridge's i18n fetches, relative to the page), and every response under the Custom UI content
 * security policy that the manifest's permissions allow. Into each HTML page goes one external script, before the
 * page's own, that defines `globalThis.__bridge` for the frame's token (no inline script: the policy forbids it).
 *
 * The iframes are sandboxed without `allow-same-origin`, so their documents have an opaque origin (`Origin: null`)
 * like Forge's pages on their own CDN origin: module scripts, styles and the locale files therefore answer with
 * `Access-Control-Allow-Origin: *` (they are public files, as on Forge's CDN).
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export const BRIDGE_SCRIPT_PATH = '/__bridge/bridge.js';

/** Where a frame's page lives: its resource's index.html, with the frame's token. */
export function framePageUrl(resourceKey: string, token: string): string {
  return `/__app/${encodeURIComponent(resourceKey)}/index.html?frame=${encodeURIComponent(token)}`;
}

/** Puts the bridge script before the page's first script (or module preload); else at the end of <head>. */
export function injectBridge(page: string, token: string): string {
  const tag = `<script src="${BRIDGE_SCRIPT_PATH}?frame=${escapeHtml(encodeURIComponent(token))}"></script>`;
  const first = page.search(/<script\b|<link\b[^>]*rel=["']?modulepreload/i);
  if (first >= 0) return `${page.slice(0, first)}${tag}\n    ${page.slice(first)}`;
  const headEnd = page.search(/<\/head>/i);
  if (headEnd >= 0) return `${page.slice(0, headEnd)}${tag}\n${page.slice(headEnd)}`;
  return `${tag}\n${page}`;
}

export function registerAppFiles(app: FastifyInstance, config: WebAppConfig): void {
  const bridgeFile = path.join(__dirname, 'client', 'bridge.js');

  app.get(BRIDGE_SCRIPT_PATH, async (_request, reply) => {
    const source = await fs.promises.readFile(bridgeFile, 'utf8');
    return reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').type('text/javascript; charset=utf-8').send(source);
  });

  app.get<{ Params: { resourceKey: string; '*': string }; Querystring: { frame?: string } }>('/__app/:resourceKey/*', async (request, reply) => {
    void reply.header('content-security-policy', config.contentSecurityPolicy).header('x-content-type-options', 'nosniff').header('access-control-allow-origin', '*');
    const resource = config.resources.get(request.params.resourceKey);
    if (!resource) return notFound(reply, `The app has no resource '${request.params.resourceKey}'.`);
    const relative = request.params['*'] || 'index.html';

    if (relative.startsWith('__LOCALES__/')) return locales(reply, config, relative.slice('__LOCALES__/'.length));

    const file = path.resolve(resource.dir, relative);
    if (relative.includes('\0') || (file !== resource.dir && !file.startsWith(resource.dir + path.sep))) return notFound(reply, 'No such file.');
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (!stat?.isFile()) {
      const hint = relative === 'index.html' ? ` Build the pages first (npm run build): ${resource.path}/index.html is missing.` : '';
      return notFound(reply, `No file ${relative} in resource ${resource.key}.${hint}`);
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) {
      const page = await fs.promises.readFile(file, 'utf8');
      return reply.header('cache-control', 'no-store').type(type).send(injectBridge(page, request.query.frame ?? ''));
    }
    // Built asset names carry a content hash; anything else is revalidated.
    const hashed = /[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2?|svg|png)$/.test(file) && relative.startsWith('assets/');
    return reply
      .header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      .type(type)
      .send(await fs.promises.readFile(file));
  });
}

async function locales(reply: FastifyReply, config: WebAppConfig, name: string): Promise<FastifyReply> {
  const translations = config.translations;
  if (!translations) return notFound(reply, 'The manifest declares no translations.');
  void reply.header('cache-control', 'no-cache');
  if (name === 'i18n-info.json') return reply.type(TYPES['.json']!).send(JSON.stringify(translations.info));
  const locale = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
  const file = translations.files.get(locale);
  if (!file) return notFound(reply, `No translations for '${locale}'.`);
  return reply.type(TYPES['.json']!).send(await fs.promises.readFile(file, 'utf8'));
}

function notFound(reply: FastifyReply, message: string): FastifyReply {
  return reply.status(404).type('application/json; charset=utf-8').send({ error: { code: 'NOT_FOUND', message } });
}
