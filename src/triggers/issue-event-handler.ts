import { z } from 'zod';

/** The parts of a Jira issue event the app reads; anything else in the payload is ignored. */
export const issueEvent = z
  .object({
    eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:assigned:issue']),
    issue: z.object({ id: z.string().regex(/^\d+$/), key: z.string() }).passthrough(),
    selfGenerated: z.boolean().optional(),
  })
  .passthrough();
export type IssueEvent = z.infer<typeof issueEvent>;

/**
 * Jira issue events. Routing requests to delivery teams from their fields is issue 6; until then the handler
 * checks the event and does nothing else, so that the trigger, its filter and its scopes are in place and tested.
 */
export async function issueEventHandler(event: unknown): Promise<{ handled: boolean }> {
  const parsed = issueEvent.safeParse(event);
  if (!parsed.success) {
    console.warn('Ignored an issue event of an unexpected shape', parsed.error.issues.map((i) => i.path.join('.')));
    return { handled: false };
  }
  return { handled: false };
}
