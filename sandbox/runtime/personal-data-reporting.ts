import { z } from 'zod';
import type { JiraStore } from '../jira/jira-store';
import type { KvsReply } from '../kvs/types';

/**
 * Forge's personal data reporting (`privacy.reportPersonalData` in @forge/api), which POSTs `{accounts}` to
 * `/app/report-accounts` through the `stargate` remote as the app. Atlassian answers, for each account given with the
 * time the app last stored its personal data (`updatedAt`), whether it must be erased (`closed`) or refreshed
 * (`updated`): 200 `{accounts:[{accountId,status}]}`, or 204 when there is nothing to report. At most 90 accounts a
 * call (the SDK splits longer lists); more is a 400.
 *
 * Answered from the emulated directory: an account closed with `JiraStore.closeAccount` is reported `closed`
 * whatever its `updatedAt`. Not emulated: `updated`. The sandbox does not track when a profile (name, email)
 * changed, so it never reports an account as updated; an app must not rely on `updated` to refresh names here.
 */
export const REPORT_ACCOUNTS_PATH = '/app/report-accounts';
export const REPORT_ACCOUNTS_LIMIT = 90;

const reportBody = z
  .object({
    accounts: z.array(z.object({ accountId: z.string().min(1).max(128), updatedAt: z.string().datetime({ offset: true }) }).strict()),
  })
  .strict();

export function reportAccounts(store: JiraStore, body: unknown): KvsReply {
  const parsed = reportBody.safeParse(body);
  if (!parsed.success) {
    return { status: 400, body: { code: 'BAD_REQUEST', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') } };
  }
  const { accounts } = parsed.data;
  if (accounts.length > REPORT_ACCOUNTS_LIMIT) {
    return { status: 400, body: { code: 'BAD_REQUEST', message: `At most ${REPORT_ACCOUNTS_LIMIT} accounts a request, got ${accounts.length}.` } };
  }
  const closed = new Set(store.closedAccounts().map((a) => a.accountId));
  const reported = [...new Set(accounts.map((a) => a.accountId))].filter((id) => closed.has(id)).map((accountId) => ({ accountId, status: 'closed' as const }));
  return reported.length === 0 ? { status: 204, body: undefined } : { status: 200, body: { accounts: reported } };
}
