import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ForgeHost } from '../runtime/host';
import { resetSandbox } from '../seed/load-seed';
import type { JiraActor } from '../jira/types';
import { registerWebHost } from '../web';

/**
 * The sandbox's HTTP interface (DESIGN.md "Sandbox HTTP interface"): a contract that scripts, tests and the bench
 * rely on. Errors answer `{"error":{"code","message"}}` with a fitting status; bad input changes nothing.
 */
const resetBody = z.object({ seed: z.enum(['demo', 'empty']) }).strict();
const invokeBody = z
  .object({
    moduleKey: z.string().min(1),
    functionKey: z.string().min(1),
    payload: z.unknown().optional(),
    accountId: z.string().min(1),
    extension: z.record(z.unknown()).optional(),
    locale: z.string().optional(),
    timezone: z.string().optional(),
  })
  .strict();
const clockBody = z.union([z.object({ now: z.string().datetime({ offset: true }) }).strict(), z.object({ advanceSeconds: z.number().nonnegative().max(10 * 365 * 86_400) }).strict()]);
const faultBody = z.union([
  z
    .object({
      target: z.enum(['jira', 'kvs']),
      status: z.union([z.literal(429), z.literal(500), z.literal(503)]),
      count: z.number().int().positive().max(10_000),
      retryAfterSeconds: z.number().int().nonnegative().max(3600).optional(),
      match: z.string().optional(),
    })
    .strict(),
  z.object({ duplicateEvents: z.boolean() }).strict(),
  z.object({ clear: z.literal(true) }).strict(),
]);
const closeAccountBody = z.object({ accountId: z.string().min(1).max(128) }).strict();
const logQuery = z.object({ since: z.coerce.number().int().nonnegative().default(0) });
const idleQuery = z.object({ timeoutMs: z.coerce.number().int().nonnegative().max(600_000).default(10_000) });

export function buildHttpApi(host: ForgeHost): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 6 * 1024 * 1024 });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    void reply.status(status).send({ error: { code: status === 500 ? 'SANDBOX_ERROR' : (error.code ?? 'BAD_REQUEST'), message: error.message } });
  });

  app.post('/__sandbox/api/reset', async (request, reply) => {
    const body = parse(resetBody, request.body, reply);
    if (!body) return reply;
    await resetSandbox(host, body.seed);
    return { ok: true, seed: body.seed };
  });

  app.get('/__sandbox/api/users', async () =>
    host.jiraStore.users().map((u) => ({
      accountId: u.accountId,
      displayName: u.displayName,
      emailAddress: u.emailAddress,
      kind: u.kind,
      ...(u.deliveryRole ? { deliveryRole: u.deliveryRole } : {}),
      ...(u.organization ? { organization: u.organization } : {}),
      locale: u.locale,
    })),
  );

  // Closes an Atlassian account, as a user deleting theirs does: personal data reporting then answers it `closed`.
  app.post('/__sandbox/api/accounts/close', async (request, reply) => {
    const body = parse(closeAccountBody, request.body, reply);
    if (!body) return reply;
    if (!host.jiraStore.closeAccount(body.accountId)) return fail(reply, 404, 'UNKNOWN_ACCOUNT', `No user with account id ${body.accountId}.`);
    return { ok: true };
  });

  app.post('/__sandbox/api/invoke', async (request, reply) => {
    const body = parse(invokeBody, request.body, reply);
    if (!body) return reply;
    if (!host.jiraStore.user(body.accountId)) return fail(reply, 401, 'UNKNOWN_ACCOUNT', `No user with account id ${body.accountId}.`);
    const outcome = await host.invokeResolver({ ...body, accountId: body.accountId });
    if (outcome.kind === 'failure') {
      const status = outcome.code === 'UNKNOWN_MODULE' ? 404 : outcome.code === 'PAYLOAD_TOO_LARGE' ? 413 : outcome.code === 'TIMEOUT' ? 504 : 500;
      return fail(reply, status, outcome.code, outcome.message);
    }
    const value = outcome.value as { ok?: unknown } | undefined;
    if (!value || typeof value.ok !== 'boolean') return fail(reply, 500, 'BAD_RESOLVER_ANSWER', 'The resolver answered something other than an envelope.');
    return value;
  });

  app.post('/__sandbox/api/clock', async (request, reply) => {
    const body = parse(clockBody, request.body, reply);
    if (!body) return reply;
    const target = 'now' in body ? Date.parse(body.now) : host.clock.now() + body.advanceSeconds * 1000;
    if (target < host.clock.now()) return fail(reply, 409, 'CLOCK_BACKWARDS', 'The sandbox clock only moves forward.');
    await host.advanceClockTo(target);
    return { now: new Date(host.clock.now()).toISOString() };
  });

  app.post<{ Params: { key: string } }>('/__sandbox/api/scheduled/:key', async (request, reply) => {
    if (!(await host.runScheduled(request.params.key))) return fail(reply, 404, 'UNKNOWN_TRIGGER', `No scheduled trigger '${request.params.key}'.`);
    return { ok: true };
  });

  app.post('/__sandbox/api/faults', async (request, reply) => {
    const body = parse(faultBody, request.body, reply);
    if (!body) return reply;
    if ('clear' in body) host.faults.clear();
    else if ('duplicateEvents' in body) host.faults.duplicateEvents = body.duplicateEvents;
    else {
      let match: RegExp | undefined;
      try {
        match = body.match ? new RegExp(body.match) : undefined;
      } catch {
        return fail(reply, 400, 'INVALID_INPUT', `match is not a valid regular expression: ${body.match}`);
      }
      host.faults.add({ target: body.target, status: body.status, remaining: body.count, retryAfterSeconds: body.retryAfterSeconds, match });
    }
    return { ok: true };
  });

  app.get('/__sandbox/api/log', async (request, reply) => {
    const query = parse(logQuery, request.query, reply);
    if (!query) return reply;
    return host.log.since(query.since);
  });

  app.get('/__sandbox/api/idle', async (request, reply) => {
    const query = parse(idleQuery, request.query, reply);
    if (!query) return reply;
    if (await host.idle(query.timeoutMs)) return { idle: true };
    return fail(reply, 408, 'NOT_IDLE', `Still busy after ${query.timeoutMs} ms.`);
  });

  // Jira and JSM REST at Jira Cloud's paths, acting as the user named by X-Sandbox-Account or HTTP Basic auth.
  const jira = async (request: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: unknown }, reply: FastifyReply) => {
    const accountId = actingAccount(host, request.headers);
    if (!accountId) return reply.status(401).send({ errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });
    const url = new URL(request.url, 'http://sandbox');
    const actor: JiraActor = { kind: 'user', accountId };
    const answer = await host.jira.handle({ method: request.method, path: url.pathname, query: url.searchParams, body: request.body, actor });
    for (const [k, v] of Object.entries(answer.headers ?? {})) void reply.header(k, v);
    return reply.status(answer.status).send(answer.status === 204 ? undefined : answer.body);
  };
  app.route({ method: ['GET', 'POST', 'PUT', 'DELETE'], url: '/rest/*', handler: jira });

  // The simulated Jira's pages and the Custom UI bridge (sandbox/web), in their own scope.
  registerWebHost(app, host, {});

  app.setNotFoundHandler((request, reply) => fail(reply, 404, 'NOT_FOUND', `No sandbox route ${request.method} ${request.url}.`));
  return app;
}

function actingAccount(host: ForgeHost, headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['x-sandbox-account'];
  if (typeof header === 'string' && header) return host.jiraStore.user(header)?.accountId;
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Basic ')) {
    const email = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0] ?? '';
    return host.jiraStore.userByEmail(email)?.accountId;
  }
  return undefined;
}

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, input: unknown, reply: FastifyReply): T | undefined {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  void fail(reply, 400, 'INVALID_INPUT', result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return undefined;
}

function fail(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.status(status).send({ error: { code, message } });
}
