import type Database from 'better-sqlite3';

/**
 * Work that falls due on the sandbox clock: product-event deliveries to triggers, queue events to consumers (with
 * their delays), InvocationError retries, and scheduled runs. Kept in SQLite so that `npm start` finds pending
 * work again after a restart, as Forge's own queues would still hold it.
 */
export interface Delivery {
  id: number;
  kind: 'trigger' | 'consumer' | 'scheduled' | 'lifecycle';
  moduleKey: string;
  functionKey: string;
  event: Record<string, unknown>;
  dueAt: number;
  retryCount: number;
}

interface Row {
  id: number;
  kind: Delivery['kind'];
  module_key: string;
  function_key: string;
  event: string;
  due_at: number;
  retry_count: number;
}

export class DeliveryQueue {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS sandbox_deliveries (
      id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, module_key TEXT NOT NULL, function_key TEXT NOT NULL,
      event TEXT NOT NULL, due_at INTEGER NOT NULL, retry_count INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX IF NOT EXISTS sandbox_deliveries_due ON sandbox_deliveries (due_at, id);
      CREATE TABLE IF NOT EXISTS sandbox_schedules (trigger_key TEXT PRIMARY KEY, next_due_at INTEGER NOT NULL);`);
  }

  add(delivery: Omit<Delivery, 'id'>): void {
    this.db
      .prepare('INSERT INTO sandbox_deliveries (kind, module_key, function_key, event, due_at, retry_count) VALUES (?, ?, ?, ?, ?, ?)')
      .run(delivery.kind, delivery.moduleKey, delivery.functionKey, JSON.stringify(delivery.event), delivery.dueAt, delivery.retryCount);
  }

  /** Removes and answers the oldest delivery due at `now`, if any. */
  takeDue(now: number): Delivery | undefined {
    const row = this.db.prepare('SELECT * FROM sandbox_deliveries WHERE due_at <= ? ORDER BY due_at, id LIMIT 1').get(now) as Row | undefined;
    if (!row) return undefined;
    this.db.prepare('DELETE FROM sandbox_deliveries WHERE id = ?').run(row.id);
    return {
      id: row.id,
      kind: row.kind,
      moduleKey: row.module_key,
      functionKey: row.function_key,
      event: JSON.parse(row.event) as Record<string, unknown>,
      dueAt: row.due_at,
      retryCount: row.retry_count,
    };
  }

  /** The earliest time anything (a delivery or a scheduled run) falls due. */
  nextDueAt(): number | undefined {
    const d = this.db.prepare('SELECT MIN(due_at) AS t FROM sandbox_deliveries').get() as { t: number | null };
    const s = this.db.prepare('SELECT MIN(next_due_at) AS t FROM sandbox_schedules').get() as { t: number | null };
    const times = [d.t, s.t].filter((t): t is number => t !== null);
    return times.length ? Math.min(...times) : undefined;
  }

  pendingCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM sandbox_deliveries').get() as { n: number }).n;
  }

  setSchedule(triggerKey: string, nextDueAt: number): void {
    this.db
      .prepare('INSERT INTO sandbox_schedules VALUES (?, ?) ON CONFLICT(trigger_key) DO UPDATE SET next_due_at = excluded.next_due_at')
      .run(triggerKey, nextDueAt);
  }

  dueSchedules(now: number): Array<{ triggerKey: string; nextDueAt: number }> {
    return (this.db.prepare('SELECT trigger_key, next_due_at FROM sandbox_schedules WHERE next_due_at <= ? ORDER BY next_due_at').all(now) as Array<{
      trigger_key: string;
      next_due_at: number;
    }>).map((r) => ({ triggerKey: r.trigger_key, nextDueAt: r.next_due_at }));
  }

  clear(): void {
    this.db.exec('DELETE FROM sandbox_deliveries; DELETE FROM sandbox_schedules;');
  }
}
