import path from 'node:path';
import { ForgeHost } from '../../sandbox/runtime/host';
import { SURFACE_MODULES } from '../../sandbox/runtime/surfaces';
import { resetSandbox, type SeedName } from '../../sandbox/seed/load-seed';
import { demoUser } from '../../sandbox/seed/demo-directory';
import { expectNoContractProblems, recordContracts, recorderOf, type ContractRecorder } from './contract-recorder';

export const APP_DIR = path.resolve(__dirname, '../..');

export const MODULES = SURFACE_MODULES;

export const EMAILS = {
  admin: 'admin@engagement-desk.example',
  agent: 'agent@engagement-desk.example',
  lead: 'lead@engagement-desk.example',
  consultant: 'carl@engagement-desk.example',
  partner: 'paula@northwind-partners.example',
  partnerFr: 'pierre@lumiere-conseil.example',
} as const;

export const accountOf = (who: keyof typeof EMAILS): string => demoUser(EMAILS[who]).accountId;

/**
 * A host on an in-memory database, reset to `seed`; close it in afterAll. Every Jira call it serves is checked
 * against Atlassian's specs (unless `contracts: false`): call `assertContracts(host)` in afterAll/afterEach.
 */
export async function startTestHost(seed: SeedName = 'empty', options: { contracts?: boolean } = {}): Promise<ForgeHost> {
  const host = new ForgeHost({ appDir: APP_DIR, database: ':memory:' });
  if (options.contracts !== false) recordContracts(host);
  await resetSandbox(host, seed);
  return host;
}

/** Calls a surface's resolver as the bridge would and answers what the resolver returned. */
export async function invoke(
  host: ForgeHost,
  surface: keyof typeof MODULES,
  functionKey: string,
  who: keyof typeof EMAILS,
  payload: unknown = {},
  extension: Record<string, unknown> = {},
): Promise<{ ok: boolean; body?: any; error?: { code: string; message: string; issues?: unknown } }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const outcome = await host.invokeResolver({ moduleKey: MODULES[surface], functionKey, payload, accountId: accountOf(who), extension });
  if (outcome.kind === 'failure') throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.value as { ok: boolean; body?: unknown; error?: { code: string; message: string } };
}

/** Writes counted by the sandbox log since `seq`. */
export function kvsWritesSince(host: ForgeHost, seq: number): number {
  return host.log.since(seq).entries.reduce((n, e) => n + e.kvs.writes, 0);
}

/** Checks the Jira calls of a host a test built itself (not through startTestHost) against the specs. */
export function watchContracts(host: ForgeHost): ContractRecorder {
  return recordContracts(host);
}

/** Fails with every Jira contract problem seen on `host` (see test/support/contract-recorder.ts). */
export function assertContracts(host: ForgeHost): void {
  const recorder = recorderOf(host);
  if (!recorder) throw new Error('This host records no contracts: start it with startTestHost, or call watchContracts(host).');
  expectNoContractProblems(recorder);
}

/** A host served over HTTP on a free port, as `npm start` serves it; contracts are recorded. Close it in afterAll. */
export interface HttpSandbox {
  host: ForgeHost;
  base: string;
  close(): Promise<void>;
}

export async function startHttpSandbox(seed?: SeedName): Promise<HttpSandbox> {
  // Loaded here so that suites that never serve HTTP do not load fastify.
  // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports
  const { buildHttpApi } = require('../../sandbox/server/http-api') as typeof import('../../sandbox/server/http-api');
  const host = new ForgeHost({ appDir: APP_DIR, database: ':memory:' });
  watchContracts(host);
  const server = buildHttpApi(host);
  const base = await server.listen({ port: 0, host: '127.0.0.1' });
  host.setBaseUrl(base);
  if (seed) await resetSandbox(host, seed);
  return {
    host,
    base,
    close: async () => {
      await server.close();
      await host.close();
    },
  };
}
