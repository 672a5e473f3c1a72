import { Queue } from '@forge/events';
import { closedAccounts } from '../jira/closed-accounts';
import { WORK_QUEUE, type WorkMessage } from '../shared/work-messages';
import { pageRegisterAccounts } from '../storage/register-accounts';

/**
 * Asks Atlassian which of the accounts the registers hold are closed (DESIGN.md Security: "accounts that Atlassian
 * reports closed are erased from registers"). The daily job queues the first page; each consumer run reads one page
 * of registers (one KVS request), asks personal data reporting about their accounts (at most 90 a request), queues
 * `erase-closed-accounts` messages for the closed ones and then the next page. Each run costs the same however many
 * registers the site has. Idempotent: a redelivered message asks again, and erasing an account erased already
 * changes nothing.
 */
export const CHECK_PAGE_SIZE = 10;
/** An `erase-closed-accounts` message carries at most this many accounts (work-messages.ts). */
const ERASE_BATCH = 90;

export async function requestClosedAccountsCheck(): Promise<void> {
  const message: WorkMessage = { kind: 'check-closed-accounts' };
  await new Queue({ key: WORK_QUEUE }).push({ body: message });
}

/** Checks one page; answers the closed accounts found and where the next page starts. */
export async function checkClosedAccountsPage(cursor: string | null): Promise<{ closed: string[]; next: string | null }> {
  const page = await pageRegisterAccounts(cursor, CHECK_PAGE_SIZE);
  const closed = await closedAccounts(page.accounts);
  const queue = new Queue({ key: WORK_QUEUE });
  const messages: WorkMessage[] = [];
  for (let i = 0; i < closed.length; i += ERASE_BATCH) messages.push({ kind: 'erase-closed-accounts', accountIds: closed.slice(i, i + ERASE_BATCH) });
  if (page.cursor) messages.push({ kind: 'check-closed-accounts', cursor: page.cursor });
  // A push takes at most 50 events; a page of 10 registers of 200 people names at most 2,000 accounts (23 messages).
  if (messages.length > 0) await queue.push(messages.map((body) => ({ body })));
  return { closed, next: page.cursor };
}
