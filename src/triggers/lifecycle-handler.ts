import { Queue } from '@forge/events';
import { z } from 'zod';
import { WORK_QUEUE, type WorkMessage } from '../shared/work-messages';

const lifecycleEvent = z.object({ eventType: z.enum(['avi:forge:installed:app', 'avi:forge:upgraded:app']) }).passthrough();

/**
 * On install and upgrade, storage is migrated. The work goes through the queue because a lifecycle handler has
 * 25 seconds and a migration over a large site may need the consumer's longer limit.
 */
export async function lifecycleHandler(event: unknown): Promise<void> {
  const parsed = lifecycleEvent.safeParse(event);
  if (!parsed.success) {
    console.warn('Ignored a lifecycle event of an unexpected shape', parsed.error.issues);
    return;
  }
  const message: WorkMessage = { kind: 'migrate', reason: parsed.data.eventType === 'avi:forge:installed:app' ? 'installed' : 'upgraded' };
  await new Queue({ key: WORK_QUEUE }).push({ body: message });
}
