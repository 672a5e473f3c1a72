import type { KvsReply } from '../kvs/types';

/** Forge's limits on one push (the SDK checks them too; the service is the authority). */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_BYTES = 200 * 1024;
export const MAX_DELAY_SECONDS = 900;

export interface PublishedEvent {
  queueName: string;
  jobId: string;
  body: Record<string, unknown>;
  delayInSeconds: number;
}

/**
 * Checks a push request as the Forge events service does and answers its status: 201 accepted, 202 with
 * `failedEvents` when some events were refused, 413 too big, 400 malformed.
 */
export function checkPush(raw: unknown, hasConsumer: (queue: string) => boolean): { reply: KvsReply; accepted: PublishedEvent[] } {
  const request = raw as { queueName?: unknown; jobId?: unknown; payload?: unknown } | undefined;
  if (!request || typeof request.queueName !== 'string' || typeof request.jobId !== 'string' || !Array.isArray(request.payload)) {
    return { reply: { status: 400, body: { message: 'A push needs queueName, jobId and a payload array.' } }, accepted: [] };
  }
  if (Buffer.byteLength(JSON.stringify(request.payload)) > MAX_PUSH_BYTES) {
    return { reply: { status: 413, body: { errorMessage: `A push may carry at most ${MAX_PUSH_BYTES / 1024} KB.` } }, accepted: [] };
  }
  if (request.payload.length === 0 || request.payload.length > MAX_EVENTS_PER_PUSH) {
    return { reply: { status: 400, body: { message: `A push carries 1 to ${MAX_EVENTS_PER_PUSH} events.` } }, accepted: [] };
  }
  if (!hasConsumer(request.queueName)) {
    return { reply: { status: 400, body: { message: `No consumer in the manifest listens to queue '${request.queueName}'.` } }, accepted: [] };
  }
  const accepted: PublishedEvent[] = [];
  const failedEvents: Array<{ index: string; errorMessage: string }> = [];
  request.payload.forEach((item: { body?: unknown; delayInSeconds?: unknown }, index: number) => {
    const delay = item.delayInSeconds === undefined ? 0 : Number(item.delayInSeconds);
    if (typeof item.body !== 'object' || item.body === null || Array.isArray(item.body)) {
      failedEvents.push({ index: String(index), errorMessage: 'The event body must be an object.' });
    } else if (!Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_SECONDS) {
      failedEvents.push({ index: String(index), errorMessage: `delayInSeconds must be 0..${MAX_DELAY_SECONDS}.` });
    } else {
      accepted.push({ queueName: request.queueName as string, jobId: request.jobId as string, body: item.body as Record<string, unknown>, delayInSeconds: delay });
    }
  });
  return { reply: failedEvents.length ? { status: 202, body: { failedEvents } } : { status: 201, body: {} }, accepted };
}
