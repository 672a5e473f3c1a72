/**
 * The sandbox's HTTP interface, driven over real HTTP as outside scripts drive it: reset, users, invoke, clock,
 * scheduled, faults, log, idle, and Jira REST with the acting user from a header or HTTP Basic.
 */
import type { FastifyInstance } from 'fastify';
import { ForgeHost } from '../../sandbox/runtime/host';
import { buildHttpApi } from '../../sandbox/server/http-api';
import { APP_DIR, assertContracts, watchContracts } from '../support/sandbox';

// A demo reset routes its requests through the app (the first one also loads the app): slower than one call.
jest.setTimeout(30_000);
let host: ForgeHost;
let server: FastifyInstance;
let base: string;

beforeAll(async () => {
  host = new ForgeHost({ appDir: APP_DIR, database: ':memory:' });
  watchContracts(host);
  server = buildHttpApi(host);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  host.setBaseUrl(base);
});
afterAll(async () => {
  await server.close();
  await host.close();
});
afterAll(() => assertContracts(host));

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('sandbox HTTP interface', () => {
  let admin: string;
  let agent: string;

  it('resets to the demo and lists its people with their kinds and languages', async () => {
    expect(await call('POST', '/__sandbox/api/reset', { seed: 'demo' })).toMatchObject({ status: 200 });
    const users = (await call('GET', '/__sandbox/api/users')).body as Array<Record<string, string>>;
    expect(users.filter((u) => u.kind === 'delivery' && u.deliveryRole === 'consultant')).toHaveLength(4);
    expect(users.some((u) => u.kind === 'delivery' && u.deliveryRole === 'consultant' && u.locale === 'fr-FR')).toBe(true);
    expect(users.some((u) => u.kind === 'customer' && u.locale === 'fr-FR' && u.organization)).toBe(true);
    expect(users.every((u) => ['admin', 'agent', 'delivery', 'customer'].includes(u.kind!))).toBe(true);
    admin = users.find((u) => u.kind === 'admin')!.accountId!;
    agent = users.find((u) => u.kind === 'agent')!.accountId!;
  });

  it('refuses a reset to an unknown seed with INVALID_INPUT', async () => {
    expect(await call('POST', '/__sandbox/api/reset', { seed: 'everything' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
  });

  it('invokes a resolver and answers its envelope, including the app’s own errors', async () => {
    const ok = await call('POST', '/__sandbox/api/invoke', { moduleKey: 'engagement-settings', functionKey: 'settings/get', payload: {}, accountId: admin });
    expect(ok).toEqual({ status: 200, body: { ok: true, body: expect.objectContaining({ settings: expect.objectContaining({ sowThresholdHours: 8 }) }) } });
    const forbidden = await call('POST', '/__sandbox/api/invoke', { moduleKey: 'engagement-settings', functionKey: 'settings/get', accountId: agent });
    expect(forbidden).toEqual({ status: 200, body: { ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) } });
    const invalid = await call('POST', '/__sandbox/api/invoke', {
      moduleKey: 'engagement-settings',
      functionKey: 'settings/update',
      payload: { sowThresholdHours: 'eight' },
      accountId: admin,
    });
    expect(invalid).toEqual({ status: 200, body: { ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) } });
  });

  it.each([
    [{ functionKey: 'settings/get', accountId: 'x' }, 400, 'INVALID_INPUT'],
    [{ moduleKey: 'nope', functionKey: 'settings/get', accountId: '712020:5e1d0c00-0000-4000-8000-000000000001' }, 404, 'UNKNOWN_MODULE'],
    [{ moduleKey: 'engagement-settings', functionKey: 'settings/get', accountId: 'nobody' }, 401, 'UNKNOWN_ACCOUNT'],
  ])('answers a bad invoke %j with %i %s', async (body, status, code) => {
    expect(await call('POST', '/__sandbox/api/invoke', body)).toMatchObject({ status, body: { error: { code } } });
  });

  it('moves the clock forward, runs what fell due, and refuses to go back', async () => {
    const since = (await call('GET', '/__sandbox/api/log?since=0')).body.next as number;
    const moved = await call('POST', '/__sandbox/api/clock', { advanceSeconds: 86_400 });
    expect(moved.status).toBe(200);
    const log = (await call('GET', `/__sandbox/api/log?since=${since}`)).body;
    // The daily run; what it queues (the month-end statements of the month before, on the first run after the 1st)
    // runs on the queue and is not this test's business.
    expect(log.entries.filter((e: { kind: string }) => e.kind === 'scheduled')).toEqual([expect.objectContaining({ kind: 'scheduled', key: 'daily-refresh', outcome: 'ok' })]);
    expect(await call('POST', '/__sandbox/api/clock', { now: '2020-01-01T00:00:00Z' })).toMatchObject({ status: 409, body: { error: { code: 'CLOCK_BACKWARDS' } } });
    expect(await call('POST', '/__sandbox/api/clock', { advanceSeconds: -5 })).toMatchObject({ status: 400 });
  });

  it('runs a scheduled trigger on demand; an unknown one is a 404', async () => {
    expect(await call('POST', '/__sandbox/api/scheduled/daily-refresh')).toMatchObject({ status: 200 });
    expect(await call('POST', '/__sandbox/api/scheduled/nightly')).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_TRIGGER' } } });
  });

  it('injects Jira faults into the next matching calls, with Retry-After', async () => {
    expect(await call('POST', '/__sandbox/api/faults', { target: 'jira', status: 429, count: 1, retryAfterSeconds: 7, match: 'mypermissions' })).toMatchObject({ status: 200 });
    const failed = await call('POST', '/__sandbox/api/invoke', { moduleKey: 'engagement-settings', functionKey: 'settings/get', accountId: admin });
    expect(failed.body).toMatchObject({ ok: false, error: { code: 'JIRA_UNAVAILABLE' } });
    const next = await call('POST', '/__sandbox/api/invoke', { moduleKey: 'engagement-settings', functionKey: 'settings/get', accountId: admin });
    expect(next.body).toMatchObject({ ok: true });
    expect(await call('POST', '/__sandbox/api/faults', { target: 'jira', status: 418, count: 1 })).toMatchObject({ status: 400 });
    expect(await call('POST', '/__sandbox/api/faults', { clear: true })).toMatchObject({ status: 200 });
  });

  it('logs each invocation with its KVS requests and Jira reads', async () => {
    const since = (await call('GET', '/__sandbox/api/log?since=0')).body.next as number;
    await call('POST', '/__sandbox/api/invoke', { moduleKey: 'engagement-settings', functionKey: 'settings/get', accountId: admin });
    const { entries } = (await call('GET', `/__sandbox/api/log?since=${since}`)).body;
    expect(entries).toEqual([
      expect.objectContaining({ kind: 'resolver', key: 'engagement-settings', functionKey: 'settings/get', accountId: admin, outcome: 'ok', kvs: { requests: 2, reads: 2, writes: 0 }, jira: { reads: 1, writes: 0 } }),
    ]);
    expect(await call('GET', '/__sandbox/api/log?since=minus')).toMatchObject({ status: 400 });
  });

  it('answers idle when nothing runs or is due', async () => {
    expect(await call('GET', '/__sandbox/api/idle?timeoutMs=2000')).toEqual({ status: 200, body: { idle: true } });
  });

  it('serves Jira REST as the user of X-Sandbox-Account or HTTP Basic, and 401 to anyone else', async () => {
    const viaHeader = await call('GET', '/rest/api/3/myself', undefined, { 'X-Sandbox-Account': agent });
    expect(viaHeader).toMatchObject({ status: 200, body: { accountId: agent, displayName: 'Sam Support' } });
    const basic = Buffer.from('admin@engagement-desk.example:any-token').toString('base64');
    const viaBasic = await call('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER', undefined, { Authorization: `Basic ${basic}` });
    expect(viaBasic.body.permissions.ADMINISTER.havePermission).toBe(true);
    expect(await call('GET', '/rest/api/3/myself')).toMatchObject({ status: 401 });
    expect(await call('GET', '/rest/api/3/myself', undefined, { 'X-Sandbox-Account': 'stranger' })).toMatchObject({ status: 401 });
  });

  it('answers unknown sandbox routes with a coded 404', async () => {
    expect(await call('GET', '/__sandbox/api/nothing')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });
});
