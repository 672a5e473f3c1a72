import { privacy } from '@forge/api';
import { AppError } from '../shared/errors';

/**
 * Which of the given Atlassian accounts are closed, from Forge's personal data reporting (`privacy.reportPersonalData`,
 * `POST /app/report-accounts` as the app; the SDK sends at most 90 accounts a request and joins the answers). Each
 * account goes with the time the app last stored its personal data; Atlassian answers `closed` (erase it) or
 * `updated` (the profile changed since then). The app stores no profile data it would refresh (names and emails in
 * registers are typed by admins), so only `closed` matters here.
 */
export interface ReportedAccount {
  accountId: string;
  updatedAt: string;
}

export async function closedAccounts(accounts: readonly ReportedAccount[]): Promise<string[]> {
  if (accounts.length === 0) return [];
  let updates: Awaited<ReturnType<typeof privacy.reportPersonalData>>;
  try {
    updates = await privacy.reportPersonalData(accounts.map((a) => ({ accountId: a.accountId, updatedAt: a.updatedAt })));
  } catch (error) {
    // The SDK rejects with the Response of a failed request.
    const status = error instanceof Response ? error.status : undefined;
    const message = `Atlassian could not report on closed accounts${status ? ` (HTTP ${status})` : ''}.`;
    // A rate limit, an outage or a lost connection passes (the queue retries); any other answer is a bug here.
    if (status === undefined || status === 429 || status >= 500) throw new AppError('JIRA_UNAVAILABLE', message);
    throw new Error(message);
  }
  return [...new Set(updates.filter((u) => u.status === 'closed').map((u) => u.accountId))];
}
