import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ForgeHost } from '../runtime/host';
import type { WebAppConfig } from './app-config';
import { framePageUrl } from './app-files';
import { extensionOf, fullContext, type FrameBinding, type FrameRegistry, INVOKE_LIMIT } from './frames';
import { resolveLocation } from './navigation';
import { siteUrlOf } from './session';

/**
 * The server side of the injected bridge: `POST /__bridge/<frameToken>/<operation>`. The token is the only thing
 * the page sends about itself; module, extension and account come from the binding the server made at render time.
 *
 * - `context`: @forge/bridge's FullContext for the frame (plus whether it is a modal, for submit/close).
 * - `invoke`: the module's resolver through the host, as Forge calls it. A resolver's answer (the app's error
 *   envelopes included) resolves; a platform failure (no such function, time-out, too large) rejects, as Forge's
 *   bridge does; beyond 500 calls in 25 s the frame is refused.
 * - `fetch-product`: requestJira as the acting user through the emulator, answered as `{body, headers, status,
 *   statusText}`. Injected Jira faults apply, as they do to the app's backend calls.
 * - `url`: a NavigationLocation resolved to a URL of the simulated Jira (router.getUrl, navigate, open).
 * - `modal`: a frame token for a Modal the app opens, bound to the same module, extension and account.
 *
 * Bodies come as text/plain JSON, so that the sandboxed page's calls are CORS "simple requests" (no preflight).
 * Not emulated: the manifest's scopes are not checked against requestJira paths, and Confluence or Bitbucket
 * requests are refused.
 */
export function registerBridgeRoutes(app: FastifyInstance, host: ForgeHost, config: WebAppConfig, frames: FrameRegistry): void {
  app.post<{ Params: { token: string; operation: string } }>('/__bridge/:token/:operation', async (request, reply) => {
    allowFrameOrigin(request, reply);
    const binding = frames.get(request.params.token);
    if (!binding) return fail(reply, 401, 'FRAME_EXPIRED', 'This page is not connected to Jira any more (its frame token is unknown or expired): reload the page.');
    const body = parseBody(request.body);
    if (body === undefined) return fail(reply, 400, 'INVALID_INPUT', 'The bridge request is not JSON.');
    switch (request.params.operation) {
      case 'context':
        return { context: fullContext(binding, config), frame: { modal: !!binding.modal } };
      case 'invoke':
        return invoke(host, frames, binding, body, reply);
      case 'fetch-product':
        return fetchProduct(host, binding, body, reply);
      case 'url': {
        const resolved = resolveLocation(body.location, config, binding.siteUrl, { projectKey: projectKeyOf(binding) });
        return resolved.ok ? { url: resolved.url } : fail(reply, 400, 'INVALID_LOCATION', resolved.message);
      }
      case 'modal': {
        const resourceKey = typeof body.resource === 'string' && body.resource ? body.resource : binding.resourceKey;
        if (!config.resources.has(resourceKey)) return fail(reply, 400, 'UNKNOWN_RESOURCE', `The app has no resource '${resourceKey}'.`);
        const user = host.jiraStore.user(binding.accountId);
        if (!user) return fail(reply, 401, 'UNKNOWN_ACCOUNT', 'The account of this page no longer exists.');
        const child = frames.issue({
          module: binding.module,
          resourceKey,
          extension: binding.extension,
          user,
          colorMode: binding.colorMode,
          siteUrl: binding.siteUrl,
          modal: { opener: binding.token, context: body.context ?? {} },
        });
        return { src: framePageUrl(resourceKey, child.token) };
      }
      default:
        return fail(reply, 404, 'UNKNOWN_OPERATION', `The bridge has no operation '${request.params.operation}'.`);
    }
  });
}

async function invoke(host: ForgeHost, frames: FrameRegistry, binding: FrameBinding, body: Record<string, unknown>, reply: FastifyReply) {
  if (typeof body.functionKey !== 'string' || body.functionKey === '') return fail(reply, 400, 'INVALID_INPUT', 'functionKey must be a string!');
  const quota = frames.takeInvoke(binding);
  if (!quota.allowed) return fail(reply, 429, 'RATE_LIMITED', `Resolver calls are rate limited at ${INVOKE_LIMIT}req/25s`);
  const outcome = await host.invokeResolver({
    moduleKey: binding.module.key,
    functionKey: body.functionKey,
    payload: body.payload ?? {},
    accountId: binding.accountId,
    extension: extensionOf(binding),
    locale: binding.locale,
    timezone: binding.timezone,
  });
  if (outcome.kind === 'failure') {
    const status = outcome.code === 'UNKNOWN_MODULE' ? 404 : outcome.code === 'PAYLOAD_TOO_LARGE' ? 413 : outcome.code === 'TIMEOUT' ? 504 : 500;
    return fail(reply, status, outcome.code, `There was an error invoking the function - ${outcome.message}`);
  }
  return { ok: true, body: outcome.value ?? null, rateLimit: { rateLimitRemaining: quota.remaining, rateLimitReset: quota.resetMs, rateLimitLimit: INVOKE_LIMIT } };
}

async function fetchProduct(host: ForgeHost, binding: FrameBinding, body: Record<string, unknown>, reply: FastifyReply) {
  if (body.product !== 'jira') return fail(reply, 400, 'UNSUPPORTED_PRODUCT', `The sandbox emulates Jira only, not ${String(body.product)}.`);
  if (body.isMultipartFormData) return fail(reply, 400, 'UNSUPPORTED_REQUEST', 'Multipart requests (attachments) are not emulated.');
  if (typeof body.restPath !== 'string' || !body.restPath.startsWith('/')) return fail(reply, 400, 'INVALID_INPUT', 'restPath must be a path starting with /.');
  const init = (body.fetchRequestInit && typeof body.fetchRequestInit === 'object' ? body.fetchRequestInit : {}) as { method?: unknown; body?: unknown };
  const method = typeof init.method === 'string' ? init.method.toUpperCase() : 'GET';
  const url = new URL(body.restPath, 'http://jira.sandbox');
  const fault = host.faults.take('jira', url.pathname);
  const answer = fault
    ? { status: fault.status, body: { errorMessages: [`Injected sandbox fault (${fault.status}).`], errors: {} }, headers: fault.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(fault.retryAfterSeconds) } }
    : await host.jira.handle({ method, path: url.pathname, query: url.searchParams, body: requestBody(init.body), actor: { kind: 'user', accountId: binding.accountId } });
  const hasBody = answer.status !== 204 && answer.body !== undefined;
  return {
    status: answer.status,
    statusText: STATUS_CODES[answer.status] ?? '',
    headers: { ...(hasBody ? { 'content-type': 'application/json;charset=UTF-8' } : {}), ...(answer.headers ?? {}) },
    body: hasBody ? JSON.stringify(answer.body) : '',
  };
}

function requestBody(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function projectKeyOf(binding: FrameBinding): string | undefined {
  const project = binding.extension.project as { key?: unknown } | undefined;
  return typeof project?.key === 'string' ? project.key : undefined;
}

function parseBody(raw: unknown): Record<string, unknown> | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    if (raw.trim() === '') return {};
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (value === undefined || value === null) return {};
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Answers the app's sandboxed frames (Origin: null) and the site itself; no other origin may read the answers. */
function allowFrameOrigin(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (origin === 'null' || origin === siteUrlOf(request)) void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
}

function fail(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.status(status).send({ error: { code, message } });
}
