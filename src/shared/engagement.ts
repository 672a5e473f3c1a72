import { z } from 'zod';
import type { Viewer } from './viewer';

/** The issue panel's first view: the issue's engagement, if one was started. Issue 5 fills it with roles and budget. */
export const engagementSchema = z.object({
  issueId: z.string(),
  title: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  version: z.number().int().nonnegative(),
});
export type Engagement = z.infer<typeof engagementSchema>;

export const startEngagementInput = z
  .object({
    title: z.string().trim().min(1, 'A title is required').max(200, 'At most 200 characters'),
  })
  .strict();
export type StartEngagementInput = z.infer<typeof startEngagementInput>;

export interface IssuePanelView {
  viewer: Viewer;
  issue: { id: string; key: string };
  canEdit: boolean;
  engagement: Engagement | null;
  sowThresholdHours: number;
}
