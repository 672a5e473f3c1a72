import { z } from 'zod';

/** Messages on the app's async queue (`engagement-work`); the consumer parses each one strictly. */
export const WORK_QUEUE = 'engagement-work';

export const workMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('migrate'), reason: z.enum(['installed', 'upgraded', 'daily']) }).strict(),
]);
export type WorkMessage = z.infer<typeof workMessage>;
