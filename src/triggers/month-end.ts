import { Queue } from '@forge/events';
import { buildStatement, mayHaveHours, monthRange, previousMonth, statementNotice, statementReference, type Month } from '../domain/month-end';
import { addInternalCommentAsApp, hasRecentCommentWith } from '../jira/app-comments';
import { secondsLoggedBetween } from '../jira/month-worklogs';
import type { SupportedLocale } from '../shared/locales';
import type { ImplementationRequest, Phase } from '../shared/implementation';
import { WORK_QUEUE, type WorkMessage } from '../shared/work-messages';
import type { StatementRecord } from '../storage/delivery-records';
import { pageSignedSowRequests } from '../storage/request-repository';
import { readSettings } from '../storage/settings-repository';
import {
  createMonthEndRun,
  createStatement,
  finishMonthEndRun,
  fromStatementRecord,
  markStatementCommented,
  readMonthEndRun,
  readStatements,
  restartMonthEndRun,
} from '../storage/statement-repository';

/**
 * Month-end statements (issue 6 item 10). The daily job calls `startMonthEnd`: the first run on or after the 1st of a
 * month (UTC) creates the previous month's run record (conditional on it not existing: once per month) and queues the
 * first page. Each queue consumer run then handles ONE page of requests under a signed SOW (the `by-sow-state` index)
 * and queues the next, so a run's cost is the same however many requests the site has; the last page marks the run
 * finished. For each request of the page:
 *
 * 1. its statement of the month is read first (one batch read for the page): a statement already there is never
 *    recomputed or overwritten — what was stated stays as it was;
 * 2. otherwise the seconds logged on each phase sub-task by worklogs STARTED in the month are read as the app, and a
 *    statement with hours is stored with a notExists condition (a month without hours has no statement);
 * 3. the internal comment is posted on the request, then the statement is marked `commented`.
 *
 * Running it again for that month changes nothing: the daily job finds the run; a redelivered page finds its
 * statements commented; a page message arriving after the run finished is dropped.
 *
 * The one window: a crash (or a Jira timeout that did post) between posting the comment and marking it. The
 * statement stays uncommented; the retry that finds it so first looks for the statement's reference among the
 * request's latest 50 comments and only posts when it is not there. That look-up costs one Jira read, only on this
 * path. Not covered: a platform duplicate of the same page running at the very same moment as the original, both
 * before either has posted (Forge delivers at least once; both would post). Comment properties cannot close that
 * gap on every site (Jira keeps JSM's `sd.public.comment` only), so it is named here instead.
 */
export const MONTH_END_PAGE_SIZE = 20;
/** A run still `running` this long after it (re)started lost its queue chain: the next daily run restarts it. */
export const STALLED_AFTER_MS = 12 * 3_600_000;

const push = (message: Extract<WorkMessage, { kind: 'month-end-page' }>) => new Queue({ key: WORK_QUEUE }).push({ body: message });

export type MonthEndStart = 'started' | 'restarted' | 'running' | 'finished';

/** Called by the daily job: starts the previous month's run once, or restarts one whose chain was lost. */
export async function startMonthEnd(now: Date = new Date()): Promise<MonthEndStart> {
  const month = previousMonth(now);
  const at = now.toISOString();
  const run = await readMonthEndRun(month);
  if (!run) {
    // Two daily runs at once: one creates the run and queues its first page; the other finds it created.
    if (!(await createMonthEndRun(month, at))) return 'running';
    await push({ kind: 'month-end-page', month, cursor: null, counted: 0 });
    return 'started';
  }
  if (run.state === 'finished') return 'finished';
  if (now.getTime() - Date.parse(run.startedAt) < STALLED_AFTER_MS) return 'running';
  // The chain stopped (retries used up, a push lost): walk again from the start; what was done is found done.
  if (!(await restartMonthEndRun(run, at))) return 'running';
  await push({ kind: 'month-end-page', month, cursor: null, counted: 0 });
  return 'restarted';
}

/** One consumer run: one page of signed-SOW requests, then the next page queued or the run finished. */
export async function monthEndPage(month: Month, cursor: string | null, counted: number): Promise<void> {
  const run = await readMonthEndRun(month);
  if (!run || run.state === 'finished') return;
  const [page, settings] = await Promise.all([pageSignedSowRequests(cursor, MONTH_END_PAGE_SIZE), readSettings()]);
  const existing = await readStatements(month, page.requests.map((r) => r.issueId));
  const at = new Date().toISOString();
  let covered = counted;
  for (const request of page.requests) {
    if (await stateMonth(request, month, existing.get(request.issueId) ?? null, settings.siteLocale, at)) covered += 1;
  }
  if (page.cursor) await push({ kind: 'month-end-page', month, cursor: page.cursor, counted: covered });
  else await finishMonthEndRun(month, covered, at);
}

/** The request's statement of the month, stored and commented; false when it has none (no hours that month). */
async function stateMonth(request: ImplementationRequest, month: Month, existing: StatementRecord | null, locale: SupportedLocale, at: string): Promise<boolean> {
  if (existing) {
    if (!existing.commented) await comment(existing, locale, true);
    return true;
  }
  if (!mayHaveHours(request, month)) return false;
  const statement = buildStatement(request, month, await secondsByPhase(request, month));
  if (!statement) return false;
  const { created, record } = await createStatement(statement, at);
  if (!record.commented) await comment(record, locale, !created);
  return true;
}

async function secondsByPhase(request: ImplementationRequest, month: Month): Promise<Partial<Record<Phase, number>>> {
  const { startMs, endMs } = monthRange(month);
  const seconds: Partial<Record<Phase, number>> = {};
  for (const subtask of request.delivery?.subtasks ?? []) {
    seconds[subtask.phase] = (seconds[subtask.phase] ?? 0) + (await secondsLoggedBetween(subtask.issueId, startMs, endMs));
  }
  return seconds;
}

/**
 * Posts the statement's internal comment on the request, then marks it. `unsure`: this statement was stored by an
 * earlier delivery, which may have posted before it could mark — look for the comment before posting again.
 */
async function comment(record: StatementRecord, locale: SupportedLocale, unsure: boolean): Promise<void> {
  const statement = fromStatementRecord(record);
  const alreadyPosted = unsure && (await hasRecentCommentWith(record.issueId, statementReference(record.month, record.issueId)));
  if (!alreadyPosted) await addInternalCommentAsApp(record.issueId, statementNotice(statement, locale));
  await markStatementCommented(record);
}
