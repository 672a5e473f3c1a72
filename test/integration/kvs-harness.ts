import Database from 'better-sqlite3';
import { KvsEngine } from '../../sandbox/kvs/kvs-engine';
import type { EntityDefinition, KvsEngineOptions } from '../../sandbox/kvs/types';

/**
 * Drives the KVS engine through the real, unmodified @forge/kvs SDK: the SDK leaves through
 * `global.__forge_fetch__`, which this harness answers from a KvsEngine on an in-memory SQLite database, with a
 * clock the tests move by hand.
 */
// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- the SDK is required after the seam is set
export type ForgeKvs = typeof import('@forge/kvs');

export interface Task {
  project?: string;
  status?: string;
  title?: string;
  priority?: number;
  estimate?: number;
  done?: boolean;
  version?: number;
  tags?: unknown;
}

export const TEST_ENTITIES: EntityDefinition[] = [
  {
    name: 'task',
    attributes: {
      project: { type: 'string' },
      status: { type: 'string' },
      title: { type: 'string' },
      priority: { type: 'integer' },
      estimate: { type: 'float' },
      done: { type: 'boolean' },
      version: { type: 'integer' },
      tags: { type: 'any' },
    },
    indexes: [
      { name: 'by-priority', partition: ['project'], range: ['priority'] },
      // The manifest shorthand `- title`, normalised.
      { name: 'title', range: ['title'] },
      { name: 'by-status', partition: ['project', 'status'], range: ['title'] },
    ],
  },
  {
    name: 'account',
    attributes: { owner: { type: 'string' }, balance: { type: 'integer' }, version: { type: 'integer' } },
    indexes: [{ name: 'by-owner', range: ['owner'] }],
  },
];

/** 2025-01-01T00:00:00Z, a whole second so Unix-second timestamps are exact. */
export const START_MS = Date.UTC(2025, 0, 1);

export interface TestClock {
  now: number;
  advance(ms: number): void;
}

export interface ApiFailure {
  code: string;
  status: number;
  message: string;
}

export interface KvsHarness {
  sdk: ForgeKvs;
  kvs: ForgeKvs['kvs'];
  clock: TestClock;
  readonly engine: KvsEngine;
  /** Paths the SDK called, in order, since the last reset. */
  readonly paths: string[];
  /** A fresh engine on a fresh database (and the clock back at START_MS), optionally with other options. */
  reset(options?: Pick<KvsEngineOptions, 'rateLimits'>): void;
  /** Awaits an SDK call that must fail with ForgeKvsAPIError and answers its code and HTTP status. */
  failure(call: Promise<unknown>): Promise<ApiFailure>;
}

type ForgeFetch = (descriptor: unknown, path: string, init: { body?: string }) => Promise<Response>;

export function createKvsHarness(): KvsHarness {
  const clock: TestClock = {
    now: START_MS,
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const paths: string[] = [];
  const build = (options?: Pick<KvsEngineOptions, 'rateLimits'>) =>
    new KvsEngine(new Database(':memory:'), { entities: TEST_ENTITIES, now: () => clock.now, ...options });
  let engine = build();

  const forgeFetch: ForgeFetch = async (_descriptor, path, init) => {
    paths.push(path);
    const reply = engine.handle(path, init.body === undefined ? undefined : JSON.parse(init.body));
    const noBody = reply.status === 204;
    return new Response(noBody ? null : JSON.stringify(reply.body), { status: reply.status, headers: noBody ? {} : { 'content-type': 'application/json' } });
  };
  (globalThis as unknown as { __forge_fetch__: ForgeFetch }).__forge_fetch__ = forgeFetch;

  // Required only after the global is in place, as on the platform (the SDK picks its fetch client at import).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('@forge/kvs') as ForgeKvs;

  return {
    sdk,
    kvs: sdk.kvs,
    clock,
    get engine() {
      return engine;
    },
    paths,
    reset(options) {
      engine = build(options);
      clock.now = START_MS;
      paths.length = 0;
    },
    async failure(call) {
      try {
        await call;
      } catch (error) {
        if (error instanceof sdk.ForgeKvsAPIError) {
          return { code: error.code, status: error.responseDetails.status, message: error.message };
        }
        throw error;
      }
      throw new Error('Expected the KVS call to fail, but it succeeded.');
    },
  };
}
