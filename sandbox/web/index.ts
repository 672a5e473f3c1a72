import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ForgeHost } from '../runtime/host';
import { loadWebAppConfig } from './app-config';
import { registerAppFiles } from './app-files';
import { registerBridgeRoutes } from './bridge-routes';
import { pageRequest, type PageRequest, type WebContext } from './context';
import { FrameRegistry } from './frames';
import { safeLocalPath } from './html';
import { adminAppPage, projectAppPage } from './pages/app-pages';
import { boardPage } from './pages/board';
import { homePage } from './pages/home';
import { issueViewPage } from './pages/issue-view';
import { issuesPage } from './pages/issues';
import { createRequestPage, myRequestsPage, portalHomePage, requestViewPage, submitRequest } from './pages/portal';
import { ACCOUNT_COOKIE, setCookie, siteUrlOf, THEME_COOKIE } from './session';

export interface WebHostOptions {
  /** The app's root (manifest.yml, static/, locales/); the repository root by default. */
  appDir?: string;
}

/**
 * The browser side of the sandbox: a simulated Jira whose pages run the app's Custom UI modules as Jira runs them
 * (sandboxed iframes, Forge's content security policy, an injected bridge), on the sandbox's own fastify app.
 *
 * Pages: `/` (start), `/issues?jql=`, `/browse/<KEY>` (with the issue panel), the JSM help center
 * (`/servicedesk/customer/portal/<id>`, its request form, `/servicedesk/customer/user/requests`, a request with the
 * portal module), the DEL board, the app's project page and admin page. The acting user is the `sandbox-account`
 * cookie's (default: the admin); `sandbox-theme` picks light or dark. Everything is registered in its own fastify
 * scope, so its form parser and routes change nothing of the sandbox's HTTP interface.
 */
export function registerWebHost(app: FastifyInstance, host: ForgeHost, options: WebHostOptions = {}): void {
  const config = loadWebAppConfig(options.appDir ?? path.resolve(__dirname, '..', '..'));
  const web: WebContext = { host, config, frames: new FrameRegistry() };
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, formFields(new URLSearchParams(String(body))));
    });
    registerAppFiles(scope, config);
    registerBridgeRoutes(scope, host, config, web.frames);
    registerHostAssets(scope);
    registerPages(scope, web);
  });
}

/** A posted form's fields: a name sent once is a string, a name sent several times (ticked checkboxes) a list. */
function formFields(params: URLSearchParams): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const all = params.getAll(name);
    fields[name] = all.length === 1 ? all[0]! : all;
  }
  return fields;
}

/** Wraps a page handler: the request's session first (a plain 503 before the site has users). */
function page(web: WebContext, handler: (page: PageRequest, request: FastifyRequest) => Promise<FastifyReply>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const context = pageRequest(web, request, reply);
    if (!context) return reply;
    return handler(context, request);
  };
}

function registerPages(app: FastifyInstance, web: WebContext): void {
  app.get('/', page(web, homePage));
  app.get('/issues', page(web, issuesPage));
  app.get('/browse/:key', page(web, (p, r) => issueViewPage(p, (r.params as { key: string }).key)));

  app.get('/servicedesk/customer/portal/:portalId', page(web, (p, r) => portalHomePage(p, (r.params as { portalId: string }).portalId)));
  app.get(
    '/servicedesk/customer/portal/:portalId/create/:requestTypeId',
    page(web, (p, r) => {
      const params = r.params as { portalId: string; requestTypeId: string };
      return createRequestPage(p, params.portalId, params.requestTypeId);
    }),
  );
  app.post(
    '/servicedesk/customer/portal/:portalId/create/:requestTypeId',
    page(web, (p, r) => {
      const params = r.params as { portalId: string; requestTypeId: string };
      return submitRequest(p, params.portalId, params.requestTypeId);
    }),
  );
  app.get('/servicedesk/customer/user/requests', page(web, myRequestsPage));
  app.get(
    '/servicedesk/customer/portal/:portalId/:key',
    page(web, (p, r) => {
      const params = r.params as { portalId: string; key: string };
      return requestViewPage(p, params.portalId, params.key);
    }),
  );

  app.get(
    '/jira/software/projects/:projectKey/boards/:boardId',
    page(web, (p, r) => {
      const params = r.params as { projectKey: string; boardId: string };
      return boardPage(p, params.projectKey, params.boardId);
    }),
  );
  app.get(
    '/jira/software/projects/:projectKey/apps/:moduleKey',
    page(web, (p, r) => {
      const params = r.params as { projectKey: string; moduleKey: string };
      return projectAppPage(p, params.projectKey, params.moduleKey);
    }),
  );
  app.get('/jira/settings/apps/:moduleKey', page(web, (p, r) => adminAppPage(p, (r.params as { moduleKey: string }).moduleKey)));

  // The user switch and the theme toggle: plain forms (no script needed), back to the page they were on. Only the
  // site's own pages may post them: an app frame (Origin: null) or another site cannot choose who the user is.
  app.post('/__web/account', async (request, reply) => {
    if (!fromSiteItself(request)) return refuseForeignForm(reply);
    const form = (request.body ?? {}) as Record<string, unknown>;
    const accountId = typeof form.accountId === 'string' ? form.accountId : '';
    if (!web.host.jiraStore.user(accountId)) return reply.status(400).send({ error: { code: 'UNKNOWN_ACCOUNT', message: `No user with account id ${accountId}.` } });
    setCookie(reply, ACCOUNT_COOKIE, accountId);
    return reply.redirect(safeLocalPath(form.back), 303);
  });
  app.post('/__web/theme', async (request, reply) => {
    if (!fromSiteItself(request)) return refuseForeignForm(reply);
    const form = (request.body ?? {}) as Record<string, unknown>;
    setCookie(reply, THEME_COOKIE, form.theme === 'dark' ? 'dark' : 'light');
    return reply.redirect(safeLocalPath(form.back), 303);
  });
}

/** A form post whose Origin (sent by browsers with every POST) is the site's own; none at all is a script or curl. */
function fromSiteItself(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  return origin === undefined || origin === siteUrlOf(request);
}

function refuseForeignForm(reply: FastifyReply): FastifyReply {
  return reply.status(403).send({ error: { code: 'FORBIDDEN', message: 'Only the sandbox’s own pages can switch the user or the theme.' } });
}

/** The host pages' stylesheet and script (files beside this module, read on each request so edits show at once). */
function registerHostAssets(app: FastifyInstance): void {
  const assets: Record<string, string> = { 'host.css': 'text/css; charset=utf-8', 'host.js': 'text/javascript; charset=utf-8' };
  for (const [name, type] of Object.entries(assets)) {
    const file = path.join(__dirname, 'client', name);
    app.get(`/__web/${name}`, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').type(type).send(await fs.promises.readFile(file, 'utf8')),
    );
  }
}

