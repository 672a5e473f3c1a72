/**
 * The sandbox's Forge runtime as the app meets it: lifecycle events, the async queue with delays and
 * InvocationError retries on the sandbox clock, scheduled triggers, product events with ignoreSelf and double
 * delivery, and the clock that app code reads through Date. The app's own handlers run, with the real SDKs.
 */
import kvs from '@forge/kvs';
import type { ForgeHost } from '../../sandbox/runtime/host';
import { assertContracts, startTestHost } from '../support/sandbox';
import { readStorageMeta } from '../../src/storage/schema-meta';

let host: ForgeHost;
beforeEach(async () => {
  host = await startTestHost('empty');
});
afterEach(async () => host.close());
afterEach(() => assertContracts(host));

/** Reads app storage as the app would, outside any invocation. */
const storageMeta = () => readStorageMeta();
const entriesOf = (kind: string) => host.log.since(0).entries.filter((e) => e.kind === kind);

describe('install', () => {
  it('runs the installed event, whose migration goes through the queue to the consumer', async () => {
    expect(entriesOf('lifecycle')).toEqual([expect.objectContaining({ key: 'app-lifecycle', outcome: 'ok' })]);
    expect(entriesOf('consumer')).toEqual([expect.objectContaining({ key: 'engagement-work-consumer', outcome: 'ok' })]);
    expect(await storageMeta()).toMatchObject({ schemaVersion: 1 });
  });

  it('fires the upgrade event only when the app version changed since the database was used', async () => {
    expect(await host.upgradeIfVersionChanged()).toBe(false);
    host.db.prepare("UPDATE sandbox_meta SET value = '0.0.1' WHERE name = 'appVersion'").run();
    expect(await host.upgradeIfVersionChanged()).toBe(true);
    expect(entriesOf('lifecycle')).toHaveLength(2);
  });
});

describe('queue retries on the sandbox clock', () => {
  beforeEach(async () => {
    await kvs.delete('meta:storage');
  });

  it('retries a consumer that met a storage outage after its retryAfter, and then succeeds', async () => {
    host.faults.add({ target: 'kvs', status: 503, remaining: 1 });
    await host.fireLifecycle('upgraded');
    expect(await host.idle(5_000)).toBe(true); // the retry is due later: it does not hold idle
    expect(entriesOf('consumer').at(-1)).toMatchObject({ outcome: 'retry' });
    expect(await storageMeta()).toMatchObject({ schemaVersion: 0 });

    await host.advanceClockTo(host.clock.now() + 29_000);
    expect(entriesOf('consumer').at(-1)).toMatchObject({ outcome: 'retry' });
    await host.advanceClockTo(host.clock.now() + 1_000);
    expect(entriesOf('consumer').at(-1)).toMatchObject({ outcome: 'ok' });
    expect(await storageMeta()).toMatchObject({ schemaVersion: 1 });
  });

  it('gives up after four retries, as Forge does', async () => {
    host.faults.add({ target: 'kvs', status: 429, remaining: 100, match: /\/api\/v1\/get/ });
    await host.fireLifecycle('upgraded');
    await host.advanceClockTo(host.clock.now() + 60 * 60_000);
    const runs = entriesOf('consumer').slice(1); // the first was the install's
    expect(runs.map((r) => r.outcome)).toEqual(['retry', 'retry', 'retry', 'retry', 'error']);
  });
});

describe('scheduled trigger', () => {
  it('runs the daily job when a day passes on the sandbox clock, and the app sees that time', async () => {
    const start = host.clock.now();
    await host.advanceClockTo(start + 23 * 3_600_000);
    expect(entriesOf('scheduled')).toHaveLength(0);
    await host.advanceClockTo(start + 49 * 3_600_000);
    expect(entriesOf('scheduled')).toHaveLength(2);
    const ranAt = Date.parse((await storageMeta()).dailyRunAt ?? '');
    expect(ranAt).toBeGreaterThan(start + 47 * 3_600_000); // the schedule started at install, just before `start`
    expect(ranAt).toBeLessThan(start + 49 * 3_600_000);
  });

  it('runs on demand', async () => {
    expect(await host.runScheduled('daily-refresh')).toBe(true);
    expect(await host.runScheduled('no-such-trigger')).toBe(false);
    expect(entriesOf('scheduled')).toEqual([expect.objectContaining({ key: 'daily-refresh', outcome: 'ok' })]);
  });

  it('refuses to move the clock back', async () => {
    await expect(host.advanceClockTo(host.clock.now() - 60_000)).rejects.toThrow(/cannot go back/);
  });
});

describe('product events', () => {
  const event = { issue: { id: '10001', key: 'PS-1', fields: {} }, timestamp: String(Date.now()) };

  it('delivers a user’s change once to the issue trigger', async () => {
    host.emitProductEvent('avi:jira:created:issue', event, false);
    await host.idle(5_000);
    expect(entriesOf('trigger')).toEqual([expect.objectContaining({ key: 'issue-events', issueKey: 'PS-1', outcome: 'ok' })]);
  });

  it('drops the app’s own change for a trigger with ignoreSelf', async () => {
    host.emitProductEvent('avi:jira:updated:issue', event, true);
    await host.idle(5_000);
    expect(entriesOf('trigger')).toHaveLength(0);
  });

  it('delivers every event twice with the duplicate switch on', async () => {
    host.faults.duplicateEvents = true;
    host.emitProductEvent('avi:jira:assigned:issue', event, false);
    await host.idle(5_000);
    expect(entriesOf('trigger')).toHaveLength(2);
  });

  it('does not deliver an event nobody listens to', async () => {
    host.emitProductEvent('avi:jira:deleted:issue', event, false);
    await host.idle(5_000);
    expect(entriesOf('trigger')).toHaveLength(0);
  });
});
