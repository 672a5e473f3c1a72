import { z } from 'zod';

/** Messages on the app's async queue (`engagement-work`); the consumer parses each one strictly. */
export const WORK_QUEUE = 'engagement-work';

export const workMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('migrate'), reason: z.enum(['installed', 'upgraded', 'daily']) }).strict(),
  /**
   * Refresh the stored coverage rank of one page of registers (by name, from `cursor`), then queue the next page:
   * the daily job starts it (absences begin and end with the date alone), and so does a template edit that changes
   * what coverage checks.
   */
  z
    .object({
      kind: z.literal('refresh-coverage'),
      cursor: z.string().min(1).max(4000).nullable(),
      reason: z.enum(['daily', 'template-changed']),
    })
    .strict(),
  /**
   * Erase from every register the people whose Atlassian accounts were reported closed (Forge's personal data
   * reporting answers at most 90 accounts a call, so a message carries at most that many).
   */
  z
    .object({
      kind: z.literal('erase-closed-accounts'),
      accountIds: z.array(z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/)).min(1).max(90),
    })
    .strict(),
  /**
   * Ask Atlassian's personal data reporting which accounts of one page of registers (from `cursor`, by name) are
   * closed, queue `erase-closed-accounts` for them and then the next page. The daily job starts it.
   */
  /**
   * Month-end (issue 6 item 10): write the statements of `month` for one page of requests under a signed SOW (from
   * `cursor`), then queue the next page, or mark the month's run finished after the last. `counted` is how many
   * statements the pages before this one covered (the run's total once it finishes).
   */
  z
    .object({
      kind: z.literal('month-end-page'),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
      cursor: z.string().min(1).max(4000).nullable(),
      counted: z.number().int().nonnegative(),
    })
    .strict(),
  /** Mirror a request's stage and estimate into Jira again after a failed attempt (the app's record is the truth). */
  z.object({ kind: z.literal('mirror-request'), issueId: z.string().regex(/^\d+$/) }).strict(),
  z
    .object({
      kind: z.literal('check-closed-accounts'),
      cursor: z.string().min(1).max(4000).optional(),
    })
    .strict(),
]);
export type WorkMessage = z.infer<typeof workMessage>;
