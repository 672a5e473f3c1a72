import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { KvsReply } from '../kvs/types';
import type { JiraActor, JiraReply, JiraRequest } from '../jira/types';
import type { FaultInjector } from './faults';
import { currentInvocation } from './invocation-context';
import { REPORT_ACCOUNTS_PATH } from './personal-data-reporting';

/**
 * The two globals through which every Forge SDK call leaves the app: `__forge_runtime__` (read by @forge/api and
 * @forge/kvs) and `__forge_fetch__(descriptor, path, init)`. The host provides them exactly as the platform does,
 * so the app runs the unmodified SDKs.
 */
export interface SeamTargets {
  appId: string;
  appVersion: string;
  cloudId: string;
  environmentId: string;
  scopes: string[];
  appCodeDir: string;
  faults: FaultInjector;
  kvs(path: string, body: unknown): KvsReply;
  jira(request: JiraRequest): Promise<JiraReply>;
  publish(path: string, body: unknown): KvsReply;
  /** Personal data reporting (`POST /app/report-accounts` on `stargate`, see personal-data-reporting.ts). */
  reportAccounts?(body: unknown): KvsReply;
}

interface Descriptor {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

const KVS_READS = new Set(['/api/v1/get', '/api/v1/secret/get', '/api/v1/entity/get', '/api/v1/query', '/api/v1/entity/query', '/api/v1/batch/get']);

export function installForgeSeams(targets: SeamTargets, target: typeof globalThis = globalThis): void {
  const g = target as unknown as Record<string, unknown>;
  const installContext = `ari:cloud:jira::site/${targets.cloudId}`;

  g.__forge_runtime__ = {
    proxy: { token: 'sandbox' },
    contextAri: installContext,
    get aaid() {
      return currentInvocation()?.accountId;
    },
    get appContext() {
      const inv = currentInvocation();
      return {
        appId: targets.appId,
        appVersion: targets.appVersion,
        environmentId: targets.environmentId,
        environmentType: 'DEVELOPMENT',
        invocationId: inv?.id ?? randomUUID(),
        installationId: `${targets.cloudId}:installation`,
        moduleKey: inv?.key ?? '',
        license: undefined,
        installation: { ari: installContext },
        permissions: { scopes: targets.scopes, external: {} },
      };
    },
    lambdaContext: { getRemainingTimeInMillis: () => 25_000 },
    tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().replace(/-/g, '').slice(0, 16) },
    container: { appCodeDir: targets.appCodeDir },
    metrics: {
      counter: () => ({ incr: () => undefined, decr: () => undefined }),
      timing: () => ({ measure: () => ({ stop: () => undefined }) }),
    },
  };

  g.__forge_fetch__ = async (descriptor: Descriptor, path: string, init?: RequestInit): Promise<Response> => {
    const invocation = currentInvocation();
    if (descriptor.type === 'kvs') {
      if (invocation) {
        invocation.counts.kvs.requests += 1;
        invocation.counts.kvs[KVS_READS.has(path) ? 'reads' : 'writes'] += 1;
      }
      const fault = targets.faults.take('kvs', path);
      if (fault) return jsonResponse(fault.status, { code: fault.status === 429 ? 'RATE_LIMIT_EXCEEDED' : 'INTERNAL_SERVER_ERROR', message: `Injected sandbox fault (${fault.status}).` }, retryAfter(fault.retryAfterSeconds));
      return toResponse(targets.kvs(path, parseBody(init?.body)));
    }
    if (descriptor.type === 'fpp' && descriptor.remote === 'stargate' && path.startsWith('/webhook/queue/')) {
      return toResponse(targets.publish(path, parseBody(init?.body)));
    }
    if (descriptor.type === 'fpp' && descriptor.remote === 'stargate' && path === REPORT_ACCOUNTS_PATH && targets.reportAccounts) {
      // Only the app reports personal data; Atlassian answers asUser() here with a proxy error.
      if (descriptor.provider !== 'app') return new Response(null, { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } });
      if ((init?.method ?? 'GET').toUpperCase() !== 'POST') return jsonResponse(405, { code: 'METHOD_NOT_ALLOWED', message: `${REPORT_ACCOUNTS_PATH} takes POST.` });
      return toResponse(targets.reportAccounts(parseBody(init?.body)));
    }
    if (descriptor.type === 'fpp' && descriptor.remote === 'jira') {
      const actor: JiraActor =
        descriptor.provider === 'app' ? { kind: 'app' } : { kind: 'user', accountId: descriptor.accountId ?? invocation?.accountId ?? '' };
      if (actor.kind === 'user' && !actor.accountId) {
        // Forge answers asUser() outside a user's invocation (a trigger, a job) with a proxy error the SDK throws.
        return new Response(null, { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } });
      }
      const url = new URL(path, 'http://jira.sandbox');
      const method = (init?.method ?? 'GET').toUpperCase();
      if (invocation) invocation.counts.jira[method === 'GET' || url.pathname.endsWith('/search/jql') ? 'reads' : 'writes'] += 1;
      const fault = targets.faults.take('jira', url.pathname);
      if (fault) return jsonResponse(fault.status, { errorMessages: [`Injected sandbox fault (${fault.status}).`], errors: {} }, retryAfter(fault.retryAfterSeconds));
      const started = performance.now();
      const reply = await targets.jira({ method, path: url.pathname, query: url.searchParams, body: parseBody(init?.body), actor });
      if (invocation) invocation.counts.jiraMs += performance.now() - started;
      return jsonResponse(reply.status, reply.body, reply.headers);
    }
    return jsonResponse(400, { code: 'UNSUPPORTED_REMOTE', message: `The sandbox does not emulate ${JSON.stringify(descriptor)}.` }, { 'forge-proxy-error': 'UNSUPPORTED_REMOTE' });
  };
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string' || body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function retryAfter(seconds: number | undefined): Record<string, string> | undefined {
  return seconds === undefined ? undefined : { 'retry-after': String(seconds) };
}

function toResponse(reply: KvsReply): Response {
  return jsonResponse(reply.status, reply.body);
}

function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): Response {
  const noBody = status === 204 || body === undefined;
  return new Response(noBody ? null : JSON.stringify(body), {
    status,
    headers: { ...(noBody ? {} : { 'content-type': 'application/json' }), ...headers },
  });
}
