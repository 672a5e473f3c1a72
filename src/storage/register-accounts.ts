import { listRegistersByName } from './register-repository';

/**
 * The Atlassian accounts held by the registers, one page of registers at a time, for personal data reporting
 * (src/triggers/check-closed-accounts.ts).
 *
 * Why registers and not the `register-contact` entity: its `by-account` index is partitioned by account id, so a
 * query must name one account and cannot list them all (KVS answers INVALID_PARTITION); the contact record also
 * holds no time. The registers' `by-name` index pages every register, and a register's `updatedAt` is the last time
 * the app stored its people's data, which is what Forge's reporting asks for. One KVS request per page.
 */
export interface AccountHeld {
  accountId: string;
  /** When the app last stored personal data of the account: the latest write of a register that names it. */
  updatedAt: string;
}

export async function pageRegisterAccounts(cursor: string | null, limit: number): Promise<{ accounts: AccountHeld[]; cursor: string | null }> {
  const page = await listRegistersByName(cursor, limit);
  const latest = new Map<string, string>();
  for (const register of page.items) {
    for (const person of register.people) {
      if (!person.accountId) continue;
      const seen = latest.get(person.accountId);
      if (seen === undefined || Date.parse(register.updatedAt) > Date.parse(seen)) latest.set(person.accountId, register.updatedAt);
    }
  }
  return { accounts: [...latest].map(([accountId, updatedAt]) => ({ accountId, updatedAt })), cursor: page.cursor };
}
