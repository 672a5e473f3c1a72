import { readStorageMeta, writeStorageMeta } from '../storage/schema-meta';
import { checkClosedAccountsPage, requestClosedAccountsCheck } from './check-closed-accounts';
import { refreshCoveragePage } from './refresh-coverage';
import { runMigrations } from './run-migrations';
import { startMonthEnd } from './month-end';

/**
 * The daily scheduled trigger. Scheduled runs are never retried and may run twice, so each step is idempotent. It
 * makes sure storage is migrated (an upgrade event can be missed) and records when it ran; then it refreshes the
 * first page of coverage ranks, and the rest fans out through the queue one page of registers at a time.
 */
export async function dailyJob(): Promise<void> {
  await runMigrations();
  const meta = await readStorageMeta();
  await writeStorageMeta({ ...meta, dailyRunAt: new Date().toISOString() });
  // Absences begin and end with the date alone: re-rank every register. The first page is done here; the next
  // ones (if any) go through the queue, one consumer run a page.
  await refreshCoveragePage(null, 'daily');
  // Accounts Atlassian reports closed are erased from the registers. Like the refresh, the first page of registers
  // is checked here and the next ones go through the queue; if this page fails, the queue takes it over (with the
  // consumer's retries), since a scheduled run is never retried.
  try {
    await checkClosedAccountsPage(null);
  } catch (error) {
    console.warn('Checking closed accounts failed; queued for a retry', error instanceof Error ? error.message : error);
    await requestClosedAccountsCheck();
  }
  // Month-end statements: the first run on or after the 1st (UTC) starts the previous month's run, once; its pages
  // go through the queue. If this fails, tomorrow's run tries again (nothing was started) or restarts a stalled one.
  try {
    await startMonthEnd();
  } catch (error) {
    console.warn('Starting the month-end statements failed; the next daily run tries again', error instanceof Error ? error.message : error);
  }
}
