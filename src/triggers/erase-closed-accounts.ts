import { erasePersonalData } from '../resolvers/registers/register-service';

/** Who the audit names for erasures the app makes on its own. */
export const CLOSED_ACCOUNT_ACTOR = 'app:closed-account';

/**
 * Erases the people whose Atlassian accounts were reported closed from every register that holds them (see
 * erasePersonalData: registers, backup lists, proposals and history). Idempotent: an account erased already is
 * found nowhere and changes nothing, so a redelivered message is harmless.
 *
 * Which accounts closed is asked of Atlassian by check-closed-accounts.ts (Forge's personal data reporting,
 * `privacy.reportPersonalData`), which queues this message with the closed ones.
 */
export async function eraseClosedAccounts(accountIds: readonly string[]): Promise<number> {
  let erased = 0;
  for (const accountId of accountIds) {
    const result = await erasePersonalData({ accountId }, CLOSED_ACCOUNT_ACTOR);
    erased += result.erased.reduce((n, e) => n + e.personIds.length, 0);
  }
  return erased;
}
