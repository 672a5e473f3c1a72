import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { workMessage } from '../shared/work-messages';
import { checkClosedAccountsPage } from './check-closed-accounts';
import { eraseClosedAccounts } from './erase-closed-accounts';
import { refreshCoveragePage } from './refresh-coverage';
import { runMigrations } from './run-migrations';
import { discoverFieldIds } from './discover-fields';
import { remirrorRequest } from '../resolvers/requests/request-service';
import { monthEndPage } from './month-end';

const asyncEvent = z.object({ body: z.unknown(), retryContext: z.object({ retryCount: z.number() }).passthrough().optional() }).passthrough();
/** Storage or Jira trouble is usually brief: ask Forge to deliver the message again in half a minute. */
const RETRY_AFTER_SECONDS = 30;

/**
 * Consumer of the `engagement-work` queue. A malformed message is dropped with a log line (retrying cannot fix it);
 * a message that fails on a passing outage asks Forge for a retry, which Forge makes at most 4 times.
 */
export async function queueConsumer(event: unknown): Promise<InvocationError | void> {
  const envelope = asyncEvent.safeParse(event);
  const message = envelope.success ? workMessage.safeParse(envelope.data.body) : undefined;
  if (!message?.success) {
    console.warn('Dropped a queue message of an unexpected shape');
    return;
  }
  try {
    switch (message.data.kind) {
      case 'migrate':
        await runMigrations();
        if (message.data.reason !== 'daily') await discoverFieldIds();
        return;
      case 'refresh-coverage':
        await refreshCoveragePage(message.data.cursor, message.data.reason);
        return;
      case 'erase-closed-accounts':
        await eraseClosedAccounts(message.data.accountIds);
        return;
      case 'check-closed-accounts':
        await checkClosedAccountsPage(message.data.cursor ?? null);
        return;
      case 'mirror-request':
        await remirrorRequest(message.data.issueId);
        return;
      case 'month-end-page':
        await monthEndPage(message.data.month, message.data.cursor, message.data.counted);
        return;
    }
  } catch (error) {
    if (isPassing(error)) {
      return new InvocationError({ retryAfter: RETRY_AFTER_SECONDS, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { kind: message.data.kind } });
    }
    throw error;
  }
}

function isPassing(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'STORAGE_UNAVAILABLE' || error.code === 'JIRA_UNAVAILABLE';
  const status = (error as { responseDetails?: { status?: number } })?.responseDetails?.status;
  return status === 429 || (typeof status === 'number' && status >= 500);
}
