import { randomUUID } from 'node:crypto';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { JiraFailure } from '../jira/jira-failure';
import { AppError } from '../shared/errors';
import { LostRace, routeRequest, type RouteOutcome } from './route-request';

/** The parts of a Jira issue event the app reads; anything else in the payload is ignored. */
export const issueEvent = z
  .object({
    eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:assigned:issue']),
    issue: z.object({ id: z.string().regex(/^\d+$/), key: z.string(), fields: z.record(z.unknown()).default({}) }).passthrough(),
    selfGenerated: z.boolean().optional(),
    retryContext: z
      .object({ retryCount: z.number(), retryData: z.object({ claimToken: z.string().max(100) }).partial().passthrough().nullish() })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type IssueEvent = z.infer<typeof issueEvent>;

/** Storage trouble without a Retry-After: try again in half a minute. */
const STORAGE_RETRY_SECONDS = 30;

/**
 * Jira issue events → routing (src/triggers/route-request.ts). `assigned` events come with an `updated` event for the
 * same change, so only created and updated route. The app's own writes never arrive (`ignoreSelf` in the manifest);
 * a payload that claims to be one is ignored too. Passing trouble (Jira 429/5xx, storage) asks Forge to deliver the
 * event again, carrying this attempt's claim token so the retry resumes its own claim.
 */
export async function issueEventHandler(event: unknown): Promise<{ handled: boolean; outcome?: RouteOutcome['kind'] } | InvocationError> {
  const parsed = issueEvent.safeParse(event);
  if (!parsed.success) {
    console.warn('Ignored an issue event of an unexpected shape', parsed.error.issues.map((i) => i.path.join('.')));
    return { handled: false };
  }
  const e = parsed.data;
  if (e.eventType === 'avi:jira:assigned:issue' || e.selfGenerated === true) return { handled: false };
  // A retry carries the token its first attempt claimed with; a first attempt makes one.
  const claimToken = e.retryContext?.retryData?.claimToken ?? randomUUID();
  const attempt = { issueId: e.issue.id, issueKey: e.issue.key, fields: e.issue.fields, claimToken };
  try {
    const outcome = await routeRequest(attempt);
    if (outcome.kind === 'busy') return retry(outcome.retryAfterSeconds, claimToken);
    return { handled: outcome.kind === 'routed', outcome: outcome.kind };
  } catch (error) {
    if (error instanceof LostRace) return { handled: false, outcome: 'lost-race' };
    if (error instanceof JiraFailure && error.retryable) return retry(error.retryAfterSeconds ?? STORAGE_RETRY_SECONDS, claimToken);
    if (error instanceof AppError && error.code === 'STORAGE_UNAVAILABLE') return retry(STORAGE_RETRY_SECONDS, claimToken);
    throw error;
  }
}

function retry(seconds: number, claimToken: string): InvocationError {
  return new InvocationError({
    retryAfter: Math.max(1, Math.min(900, Math.ceil(seconds))),
    retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData: { claimToken },
  });
}
