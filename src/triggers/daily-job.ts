import { readStorageMeta, writeStorageMeta } from '../storage/schema-meta';
import { runMigrations } from './run-migrations';

/**
 * The daily scheduled trigger. Scheduled runs are never retried and may run twice, so each step is idempotent. It
 * makes sure storage is migrated (an upgrade event can be missed) and records when it ran; the coverage refresh of
 * issue 5 joins it.
 */
export async function dailyJob(): Promise<void> {
  await runMigrations();
  const meta = await readStorageMeta();
  await writeStorageMeta({ ...meta, dailyRunAt: new Date().toISOString() });
}
