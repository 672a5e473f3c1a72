/**
 * Storage migrations, in order. Each one is idempotent (it may run twice: Forge delivers at least once) and moves
 * records from `from` to `from + 1`. Version 1 is the first schema; nothing needs migrating into it yet.
 */
export interface Migration {
  from: number;
  describe: string;
}

export const CURRENT_SCHEMA_VERSION = 1;

export const MIGRATIONS: Migration[] = [{ from: 0, describe: 'First install: records are written at schema version 1 from the start.' }];

/** The migrations still to run for a store at `version`, in order. */
export function pendingMigrations(version: number): Migration[] {
  return MIGRATIONS.filter((m) => m.from >= version && m.from < CURRENT_SCHEMA_VERSION).sort((a, b) => a.from - b.from);
}
