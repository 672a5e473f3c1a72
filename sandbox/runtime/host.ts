import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { KvsEngine } from '../kvs/kvs-engine';
import { JiraStore } from '../jira/jira-store';
import { JiraEmulator } from '../jira/jira-emulator';
import { loadAppManifest, type AppManifest } from './app-manifest';
import { SandboxClock, installSandboxDate } from './clock';
import { DeliveryQueue, type Delivery } from './deliveries';
import { FaultInjector } from './faults';
import { installForgeSeams } from './forge-seams';
import { reportAccounts } from './personal-data-reporting';
import { emptyCounts, runInvocation, type Invocation } from './invocation-context';
import { InvocationLog } from './invocation-log';
import { checkPush } from './queue-publish';

export interface HostOptions {
  /** The app's root: manifest.yml and src/ live there. */
  appDir: string;
  /** A SQLite file (kept between runs) or ':memory:' for tests. */
  database: string;
  /** The base URL the emulated Jira writes into `self` links. */
  baseUrl?: string;
  /** Run due work by itself as real time passes (`npm start`); tests may leave it on too. */
  tick?: boolean;
}

export type ResolverOutcome =
  | { kind: 'answer'; value: unknown }
  | { kind: 'failure'; code: 'FUNCTION_ERROR' | 'TIMEOUT' | 'PAYLOAD_TOO_LARGE' | 'UNKNOWN_MODULE'; message: string };

export interface InvokeRequest {
  moduleKey: string;
  functionKey: string;
  payload?: unknown;
  accountId: string;
  extension?: Record<string, unknown>;
  locale?: string;
  timezone?: string;
}

/** Forge's invoke payload and response limit. */
const MAX_INVOKE_BYTES = 5 * 1024 * 1024;
/** Forge retries an InvocationError at most 4 times. */
const MAX_RETRIES = 4;
const MAX_RETRY_AFTER_SECONDS = 900;
const INTERVAL_MS = { fiveMinute: 5 * 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;
export const SANDBOX_CLOUD_ID = '7e5a1c3b-2f4d-4e6a-9b8c-0d1e2f3a4b5c';
/**
 * The layout of the sandbox's own tables (KVS, emulated Jira, deliveries). Raise it whenever a table changes shape:
 * `npm start` then starts a database written by an older sandbox afresh instead of failing on a missing column.
 */
export const SANDBOX_SCHEMA = 3;

/**
 * The local Forge host: owns the database, the clock, the SDK seams, the KVS and Jira emulators, and calls the
 * app's handlers the way Forge does (resolvers, product triggers, queue consumers, scheduled and lifecycle).
 */
export class ForgeHost {
  readonly clock = new SandboxClock();
  readonly log = new InvocationLog();
  readonly faults = new FaultInjector();
  readonly manifest: AppManifest;
  readonly db: Database.Database;
  readonly kvs: KvsEngine;
  readonly jiraStore: JiraStore;
  readonly jira: JiraEmulator;
  readonly deliveries: DeliveryQueue;
  readonly appVersion: string;
  private readonly restoreDate: () => void;
  private running = 0;
  private closed = false;
  private pumping: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly modules = new Map<string, Record<string, unknown>>();
  private baseUrl: string;

  constructor(private readonly options: HostOptions) {
    this.manifest = loadAppManifest(options.appDir);
    this.appVersion = String((JSON.parse(fs.readFileSync(path.join(options.appDir, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0');
    if (options.database !== ':memory:') fs.mkdirSync(path.dirname(options.database), { recursive: true });
    this.db = new Database(options.database);
    this.db.pragma('journal_mode = WAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS sandbox_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
    this.setMeta('sandboxSchema', String(SANDBOX_SCHEMA));
    this.baseUrl = options.baseUrl ?? 'http://127.0.0.1:4000';
    this.restoreDate = installSandboxDate(this.clock);
    const storedOffset = this.meta('clockOffsetMs');
    if (storedOffset) this.clock.restoreOffset(Number(storedOffset));
    this.kvs = new KvsEngine(this.db, { entities: this.manifest.entities, now: () => this.clock.now() });
    this.jiraStore = new JiraStore(this.db, () => this.clock.now());
    this.jira = new JiraEmulator(this.jiraStore, {
      baseUrl: () => this.baseUrl,
      now: () => this.clock.now(),
      onEvent: (event) => this.emitProductEvent(event.eventType, event.payload, event.causedByApp),
    });
    this.deliveries = new DeliveryQueue(this.db);
    installForgeSeams({
      appId: this.manifest.appId,
      appVersion: this.appVersion,
      cloudId: SANDBOX_CLOUD_ID,
      environmentId: 'sandbox',
      scopes: this.manifest.scopes,
      appCodeDir: options.appDir,
      faults: this.faults,
      kvs: (p, body) => this.kvs.handle(p, body),
      jira: (request) => this.jira.handle(request),
      publish: (p, body) => this.publish(p, body),
      reportAccounts: (body) => reportAccounts(this.jiraStore, body),
    });
    if (options.tick) {
      this.timer = setInterval(() => void this.pump(), 200);
      this.timer.unref();
    }
  }

  setBaseUrl(url: string): void {
    this.baseUrl = url;
  }

  get installContext(): string {
    return `ari:cloud:jira::site/${SANDBOX_CLOUD_ID}`;
  }

  /** Calls a Custom UI module's resolver as the bridge's `invoke` would, with the platform-injected context. */
  async invokeResolver(request: InvokeRequest): Promise<ResolverOutcome> {
    const module = this.manifest.uiModules.get(request.moduleKey);
    if (!module) return { kind: 'failure', code: 'UNKNOWN_MODULE', message: `No module '${request.moduleKey}' with a resolver in manifest.yml.` };
    if (Buffer.byteLength(JSON.stringify(request.payload ?? {})) > MAX_INVOKE_BYTES) {
      return { kind: 'failure', code: 'PAYLOAD_TOO_LARGE', message: 'The invoke payload is larger than 5 MB.' };
    }
    const call = {
      call: { functionKey: request.functionKey, payload: request.payload },
      context: {
        moduleKey: request.moduleKey,
        cloudId: SANDBOX_CLOUD_ID,
        siteUrl: this.baseUrl,
        environmentType: 'DEVELOPMENT',
        localId: `${request.moduleKey}-local`,
        locale: request.locale,
        timezone: request.timezone,
        extension: { type: module.type, ...request.extension },
      },
    };
    const runtimePayload = {
      principal: { accountId: request.accountId },
      installContext: this.installContext,
      license: { isActive: true },
      installation: { ari: this.installContext },
    };
    const result = await this.run(
      { kind: 'resolver', key: request.moduleKey, functionKey: request.functionKey, accountId: request.accountId, issueKey: issueKeyOf(request.extension) },
      module.functionKey,
      [call, runtimePayload],
    );
    if (result.kind === 'error') return { kind: 'failure', code: result.timedOut ? 'TIMEOUT' : 'FUNCTION_ERROR', message: result.message };
    if (result.value !== undefined && Buffer.byteLength(JSON.stringify(result.value)) > MAX_INVOKE_BYTES) {
      return { kind: 'failure', code: 'PAYLOAD_TOO_LARGE', message: 'The resolver answered more than 5 MB.' };
    }
    return { kind: 'answer', value: result.value };
  }

  /**
   * Hands a product event to every trigger that listens to it, as deliveries due now. `causedByApp` marks the app's
   * own asApp() writes: triggers with `ignoreSelf` never see them. With the duplicate switch on, each is delivered twice.
   */
  emitProductEvent(eventType: string, payload: Record<string, unknown>, causedByApp: boolean): void {
    for (const trigger of this.manifest.triggers) {
      if (!trigger.events.includes(eventType)) continue;
      if (causedByApp && trigger.ignoreSelf) continue;
      const event = { ...payload, eventType, selfGenerated: causedByApp };
      const copies = this.faults.duplicateEvents ? 2 : 1;
      for (let i = 0; i < copies; i += 1) {
        this.deliveries.add({ kind: 'trigger', moduleKey: trigger.key, functionKey: trigger.functionKey, event, dueAt: this.clock.now(), retryCount: 0 });
      }
    }
    this.kick();
  }

  /** Fires `avi:forge:installed:app` or `avi:forge:upgraded:app` and waits for its handlers. */
  async fireLifecycle(kind: 'installed' | 'upgraded'): Promise<void> {
    const eventType = `avi:forge:${kind}:app`;
    for (const trigger of this.manifest.triggers.filter((t) => t.events.includes(eventType))) {
      const event = {
        eventType,
        id: randomUUID(),
        context: { cloudId: SANDBOX_CLOUD_ID, moduleKey: trigger.key },
        app: { id: this.manifest.appId, version: this.appVersion },
        environment: { id: 'sandbox' },
      };
      await this.runDelivery({ id: 0, kind: 'lifecycle', moduleKey: trigger.key, functionKey: trigger.functionKey, event, dueAt: this.clock.now(), retryCount: 0 });
    }
    this.setMeta('appVersion', this.appVersion);
  }

  /** On start: an app whose version changed since the database was last used gets its upgrade event. */
  async upgradeIfVersionChanged(): Promise<boolean> {
    const stored = this.meta('appVersion');
    if (stored === undefined || stored === this.appVersion) return false;
    await this.fireLifecycle('upgraded');
    return true;
  }

  /** Starts the schedules of every scheduled trigger from now (on install). */
  startSchedules(): void {
    for (const s of this.manifest.scheduled) this.deliveries.setSchedule(s.key, this.clock.now() + INTERVAL_MS[s.interval]);
  }

  /** `POST /__sandbox/api/scheduled/<key>`: runs a scheduled trigger now and waits for it. */
  async runScheduled(triggerKey: string): Promise<boolean> {
    const s = this.manifest.scheduled.find((t) => t.key === triggerKey);
    if (!s) return false;
    await this.runDelivery({ id: 0, kind: 'scheduled', moduleKey: s.key, functionKey: s.functionKey, event: scheduledEvent(s.key), dueAt: this.clock.now(), retryCount: 0 });
    return true;
  }

  /** Moves the clock to `targetMs`, running on the way everything that falls due, in time order. */
  async advanceClockTo(targetMs: number): Promise<void> {
    if (targetMs < this.clock.now()) this.clock.set(targetMs); // throws CLOCK_BACKWARDS
    for (let guard = 0; guard < 100_000; guard += 1) {
      await this.pump();
      const next = this.deliveries.nextDueAt();
      if (next === undefined || next > targetMs) break;
      if (next > this.clock.now()) this.clock.set(next);
    }
    this.clock.set(Math.max(targetMs, this.clock.now()));
    this.setMeta('clockOffsetMs', String(this.clock.offset()));
    await this.pump();
  }

  /** Resolves true once nothing runs and nothing is due at the current sandbox time, false at the timeout. */
  async idle(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      await this.pump();
      const next = this.deliveries.nextDueAt();
      if (this.running === 0 && !this.pumping && (next === undefined || next > this.clock.now())) return true;
      if (performance.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Clears app storage, Jira data, clock, faults, log and pending work. */
  clearAll(): void {
    this.kvs.clear();
    this.jiraStore.clear();
    this.deliveries.clear();
    this.faults.clear();
    this.log.clear();
    this.clock.reset();
    this.db.prepare("DELETE FROM sandbox_meta WHERE name = 'clockOffsetMs'").run();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.pumping;
    this.restoreDate();
    this.db.close();
  }

  /** Runs everything due now, one at a time, until nothing is due. */
  pump(): Promise<void> {
    if (this.pumping) return this.pumping;
    if (this.closed) return Promise.resolve();
    const run = async (): Promise<void> => {
      // Yield first: were the body to finish synchronously, its `finally` would run before `this.pumping` is set.
      await Promise.resolve();
      try {
        while (!this.closed) {
          for (const s of this.deliveries.dueSchedules(this.clock.now())) {
            const trigger = this.manifest.scheduled.find((t) => t.key === s.triggerKey);
            if (!trigger) continue;
            this.deliveries.add({ kind: 'scheduled', moduleKey: trigger.key, functionKey: trigger.functionKey, event: scheduledEvent(trigger.key), dueAt: s.nextDueAt, retryCount: 0 });
            this.deliveries.setSchedule(trigger.key, s.nextDueAt + INTERVAL_MS[trigger.interval]);
          }
          const due = this.deliveries.takeDue(this.clock.now());
          if (!due) break;
          await this.runDelivery(due);
        }
      } finally {
        this.pumping = undefined;
      }
    };
    this.pumping = run();
    return this.pumping;
  }

  private kick(): void {
    setImmediate(() => void this.pump());
  }

  private publish(requestPath: string, body: unknown): { status: number; body?: unknown } {
    if (!requestPath.startsWith('/webhook/queue/publish/')) return { status: 404, body: { message: `No queue operation at ${requestPath}.` } };
    const { reply, accepted } = checkPush(body, (queue) => this.manifest.consumers.some((c) => c.queue === queue));
    for (const event of accepted) {
      for (const consumer of this.manifest.consumers.filter((c) => c.queue === event.queueName)) {
        this.deliveries.add({
          kind: 'consumer',
          moduleKey: consumer.key,
          functionKey: consumer.functionKey,
          event: { queueName: event.queueName, jobId: event.jobId, eventId: randomUUID(), body: event.body, ...(event.delayInSeconds ? { delayInSeconds: event.delayInSeconds } : {}) },
          dueAt: this.clock.now() + event.delayInSeconds * 1000,
          retryCount: 0,
        });
      }
    }
    if (accepted.length) this.kick();
    return reply;
  }

  /** Runs one trigger, consumer, scheduled or lifecycle delivery; an InvocationError answer schedules a retry. */
  private async runDelivery(delivery: Delivery): Promise<void> {
    const context = { installContext: this.installContext, principal: undefined };
    const issue = (delivery.event.issue ?? {}) as { key?: string };
    const result = await this.run(
      { kind: delivery.kind, key: delivery.moduleKey, functionKey: delivery.functionKey, issueKey: issue.key },
      delivery.functionKey,
      [delivery.event, context],
      (value) => isRetryRequest(value) && (delivery.kind === 'trigger' || delivery.kind === 'consumer') && delivery.retryCount < MAX_RETRIES,
    );
    if (result.kind === 'ok' && result.retry) {
      const options = (result.value as RetryAnswer).retryOptions ?? {};
      const after = Math.min(Math.max(Number(options.retryAfter ?? 1), 1), MAX_RETRY_AFTER_SECONDS);
      const retryContext = { retryCount: delivery.retryCount + 1, retryReason: options.retryReason ?? 'FUNCTION_RETRY_REQUEST', retryData: options.retryData };
      this.deliveries.add({ ...delivery, event: { ...delivery.event, retryContext }, dueAt: this.clock.now() + after * 1000, retryCount: delivery.retryCount + 1 });
    }
  }

  private async run(
    who: Omit<Invocation, 'id' | 'counts'>,
    functionKey: string,
    args: unknown[],
    wantsRetry: (value: unknown) => boolean = () => false,
  ): Promise<{ kind: 'ok'; value: unknown; retry: boolean } | { kind: 'error'; message: string; timedOut: boolean }> {
    const invocation: Invocation = { id: randomUUID(), counts: emptyCounts(), ...who };
    const startedAt = new Date().toISOString();
    const started = performance.now();
    this.running += 1;
    let outcome: { kind: 'ok'; value: unknown; retry: boolean } | { kind: 'error'; message: string; timedOut: boolean };
    try {
      const handler = this.handler(functionKey);
      const limitMs = (this.manifest.functions.get(functionKey)?.timeoutSeconds ?? 25) * 1000;
      const value = await runInvocation(invocation, () => withTimeout(Promise.resolve(handler(...args)), limitMs));
      if (isRetryRequest(value) && !wantsRetry(value)) {
        // A retry asked for when none is left (or where Forge never retries) ends as a failed invocation.
        outcome = { kind: 'error', message: 'The function asked for a retry, and no retry is left.', timedOut: false };
      } else {
        outcome = { kind: 'ok', value, retry: wantsRetry(value) };
      }
    } catch (error) {
      outcome = { kind: 'error', message: error instanceof Error ? error.message : String(error), timedOut: error instanceof TimeoutError };
    } finally {
      this.running -= 1;
    }
    this.log.append({
      kind: who.kind,
      key: who.key,
      ...(who.functionKey ? { functionKey: who.functionKey } : {}),
      ...(who.issueKey ? { issueKey: who.issueKey } : {}),
      ...(who.accountId ? { accountId: who.accountId } : {}),
      startedAt,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      jiraMs: Math.round(invocation.counts.jiraMs * 100) / 100,
      kvs: invocation.counts.kvs,
      jira: invocation.counts.jira,
      outcome: outcome.kind === 'error' ? 'error' : outcome.retry ? 'retry' : 'ok',
      ...(outcome.kind === 'error' ? { error: outcome.message } : {}),
    });
    return outcome;
  }

  /** The exported handler named by a manifest function, loaded once the seams are in place (the SDKs read them). */
  private handler(functionKey: string): (...args: unknown[]) => unknown {
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new Error(`No function '${functionKey}' in manifest.yml.`);
    let exports = this.modules.get(fn.file);
    if (!exports) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exports = require(path.join(this.options.appDir, 'src', fn.file)) as Record<string, unknown>;
      this.modules.set(fn.file, exports);
    }
    const handler = exports[fn.exportName];
    if (typeof handler !== 'function') throw new Error(`src/${fn.file} exports no function '${fn.exportName}'.`);
    return handler as (...args: unknown[]) => unknown;
  }

  /** The sandbox schema a database file was written with, or undefined for a file that predates the marker. */
  static schemaOf(database: string): number | undefined {
    if (database === ':memory:' || !fs.existsSync(database)) return SANDBOX_SCHEMA;
    const db = new Database(database, { readonly: true });
    try {
      const hasMeta = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sandbox_meta'").get();
      if (!hasMeta) return undefined;
      const row = db.prepare("SELECT value FROM sandbox_meta WHERE name = 'sandboxSchema'").get() as { value: string } | undefined;
      return row ? Number(row.value) : undefined;
    } finally {
      db.close();
    }
  }

  private meta(name: string): string | undefined {
    return (this.db.prepare('SELECT value FROM sandbox_meta WHERE name = ?').get(name) as { value: string } | undefined)?.value;
  }

  private setMeta(name: string, value: string): void {
    this.db.prepare('INSERT INTO sandbox_meta VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value').run(name, value);
  }
}

interface RetryAnswer {
  _retry: true;
  retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown };
}

function isRetryRequest(value: unknown): value is RetryAnswer {
  return typeof value === 'object' && value !== null && (value as { _retry?: unknown })._retry === true;
}

function scheduledEvent(key: string): Record<string, unknown> {
  return { context: { cloudId: SANDBOX_CLOUD_ID, moduleKey: key }, contextToken: randomUUID() };
}

function issueKeyOf(extension: Record<string, unknown> | undefined): string | undefined {
  const issue = extension?.issue as { key?: unknown } | undefined;
  const request = extension?.request as { key?: unknown } | undefined;
  const key = issue?.key ?? request?.key;
  return typeof key === 'string' ? key : undefined;
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`The function ran longer than its ${ms / 1000} s limit.`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
