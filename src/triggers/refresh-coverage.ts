import { Queue } from '@forge/events';
import { rankFor, todayOf } from '../domain/register-coverage';
import { WORK_QUEUE, type WorkMessage } from '../shared/work-messages';
import { pageForRefresh, storeRanks } from '../storage/register-repository';
import { readTemplates } from '../storage/template-repository';

/**
 * Keeps the coverage list's sort order current. Every register write stores its rank for the day it is written; an
 * absence that starts or ends, or an edited template, changes the rank of registers nobody wrote. This refresh walks
 * the registers by name, one page per queue message, storing the ranks that changed and queueing the next page, so
 * each consumer run costs the same however many organisations the site has (one index page, one template read, a
 * few transactions, one queue push). Running it twice (a scheduled trigger may fire twice) only redoes the work.
 */
export const REFRESH_PAGE_SIZE = 50;

type RefreshReason = Extract<WorkMessage, { kind: 'refresh-coverage' }>['reason'];

export async function requestCoverageRefresh(reason: RefreshReason): Promise<void> {
  const message: WorkMessage = { kind: 'refresh-coverage', cursor: null, reason };
  await new Queue({ key: WORK_QUEUE }).push({ body: message });
}

/** Refreshes one page and queues the next one; answers how many ranks changed and where the next page starts. */
export async function refreshCoveragePage(cursor: string | null, reason: RefreshReason): Promise<{ changed: number; next: string | null }> {
  const day = todayOf(new Date());
  const page = await pageForRefresh(cursor, REFRESH_PAGE_SIZE);
  const templates = await readTemplates(page.items.flatMap((i) => i.register.templateKeys));
  const stale = page.items.flatMap(({ register, rank }) => {
    const fresh = rankFor(register, templates, day);
    return fresh.coverageRank === rank.coverageRank && fresh.score === rank.score ? [] : [{ register, rank: fresh }];
  });
  const changed = stale.length > 0 ? await storeRanks(stale) : 0;
  if (page.cursor) {
    const message: WorkMessage = { kind: 'refresh-coverage', cursor: page.cursor, reason };
    await new Queue({ key: WORK_QUEUE }).push({ body: message });
  }
  return { changed, next: page.cursor };
}
