import type { Database, Statement } from 'better-sqlite3';
import type { IndexEntry } from './entity-rules';
import type { JsonValue } from './types';

/**
 * Where an item lives. Plain keys, secrets and each entity are separate namespaces: the same key may exist in all of
 * them at once, and a query over one never sees the others.
 */
export type Namespace = { kind: 'kvs' } | { kind: 'secret' } | { kind: 'entity'; entityName: string };

export function namespaceId(namespace: Namespace): string {
  return namespace.kind === 'entity' ? `entity:${namespace.entityName}` : namespace.kind;
}

export interface StoredItem {
  key: string;
  value: JsonValue;
  /** Epoch milliseconds on the sandbox clock. */
  createdAt: number;
  updatedAt: number;
  expireAt: number | null;
}

interface ItemRow {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

/** One row of an index scan, already joined with its live item. */
export interface IndexScanRow extends ItemRow {
  range_value: string | number;
}

export function rowToItem(row: ItemRow): StoredItem {
  return { key: row.key, value: JSON.parse(row.value) as JsonValue, createdAt: row.created_at, updatedAt: row.updated_at, expireAt: row.expire_at };
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS kvs_items (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expire_at INTEGER,
    PRIMARY KEY (namespace, key)
  ) WITHOUT ROWID;
  -- range_value has no declared type on purpose: numbers stay numeric and strings stay text, so SQLite orders each
  -- kind naturally (and all numbers before all strings when an 'any' attribute mixes them).
  CREATE TABLE IF NOT EXISTS kvs_index_entries (
    entity TEXT NOT NULL,
    index_name TEXT NOT NULL,
    partition TEXT NOT NULL,
    range_value NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (entity, index_name, key)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS kvs_index_entries_order ON kvs_index_entries (entity, index_name, partition, range_value, key);
  -- Rewriting an item drops its entries from every index of its entity: by (entity, key), not a scan of the entity.
  CREATE INDEX IF NOT EXISTS kvs_index_entries_by_key ON kvs_index_entries (entity, key);
`;

/** Alive means no expiry or an expiry still in the future: an expired item is absent for every operation. */
export const ALIVE = '(expire_at IS NULL OR expire_at > @now)';

/** The SQLite tables behind the engine, and the only code that writes them. */
export class ItemStore {
  private readonly selectItem: Statement<{ namespace: string; key: string; now: number }, ItemRow>;
  private readonly upsertItem: Statement<{ namespace: string; key: string; value: string; createdAt: number; updatedAt: number; expireAt: number | null }>;
  private readonly deleteItem: Statement<{ namespace: string; key: string }>;
  private readonly deleteEntries: Statement<{ entity: string; key: string }>;
  private readonly insertEntry: Statement<{ entity: string; indexName: string; partition: string; range: string | number; key: string }>;
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database) {
    db.exec(SCHEMA);
    this.selectItem = db.prepare(`SELECT key, value, created_at, updated_at, expire_at FROM kvs_items WHERE namespace = @namespace AND key = @key AND ${ALIVE}`);
    this.upsertItem = db.prepare(`
      INSERT INTO kvs_items (namespace, key, value, created_at, updated_at, expire_at)
      VALUES (@namespace, @key, @value, @createdAt, @updatedAt, @expireAt)
      ON CONFLICT (namespace, key) DO UPDATE SET
        value = excluded.value, created_at = excluded.created_at, updated_at = excluded.updated_at, expire_at = excluded.expire_at`);
    this.deleteItem = db.prepare('DELETE FROM kvs_items WHERE namespace = @namespace AND key = @key');
    // INDEXED BY: left to itself the planner prefers the covering order index, which scans every entry of the entity
    // (a write to a 50,000-record entity then cost 50,000 steps).
    this.deleteEntries = db.prepare('DELETE FROM kvs_index_entries INDEXED BY kvs_index_entries_by_key WHERE entity = @entity AND key = @key');
    this.insertEntry = db.prepare(
      'INSERT INTO kvs_index_entries (entity, index_name, partition, range_value, key) VALUES (@entity, @indexName, @partition, @range, @key)',
    );
  }

  /** Runs `work` atomically; nested calls become savepoints, so callers compose freely. */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  getLive(namespace: Namespace, key: string, now: number): StoredItem | undefined {
    const row = this.selectItem.get({ namespace: namespaceId(namespace), key, now });
    return row ? rowToItem(row) : undefined;
  }

  /**
   * Writes a value. Overwriting a live item keeps its createdAt; overwriting an expired one starts afresh. An
   * entity's index rows are replaced with `entries` in the same transaction, so queries never see a half-write.
   */
  put(namespace: Namespace, key: string, value: JsonValue, now: number, expireAt: number | null, entries: IndexEntry[] = []): StoredItem {
    return this.atomically(() => {
      const previous = this.getLive(namespace, key, now);
      const item: StoredItem = { key, value, createdAt: previous?.createdAt ?? now, updatedAt: now, expireAt };
      this.upsertItem.run({ namespace: namespaceId(namespace), key, value: JSON.stringify(value), createdAt: item.createdAt, updatedAt: now, expireAt });
      if (namespace.kind === 'entity') {
        this.deleteEntries.run({ entity: namespace.entityName, key });
        for (const entry of entries) {
          this.insertEntry.run({ entity: namespace.entityName, indexName: entry.indexName, partition: entry.partition, range: entry.range, key });
        }
      }
      return item;
    });
  }

  /** Removes an item (expired or not) and its index rows; answers whether a live item was there. */
  remove(namespace: Namespace, key: string, now: number): boolean {
    return this.atomically(() => {
      const existed = this.getLive(namespace, key, now) !== undefined;
      this.deleteItem.run({ namespace: namespaceId(namespace), key });
      if (namespace.kind === 'entity') this.deleteEntries.run({ entity: namespace.entityName, key });
      return existed;
    });
  }

  /** Prepared statements for the query builders, cached by SQL text (the variants are few and fixed). */
  statement<Row>(sql: string): Statement<Record<string, unknown>, Row> {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared as Statement<Record<string, unknown>, Row>;
  }

  clear(): void {
    this.db.exec('DELETE FROM kvs_items; DELETE FROM kvs_index_entries;');
  }
}
