import { z } from 'zod';
import { engagementStateSchema, type EngagementState } from '../domain/engagement-state';
import { upgradeEngagementV1 } from '../domain/migrations';
import { engagementItemSchema, type EngagementItem } from '../shared/engagement';
import { engagementRecord as engagementRecordV1 } from './records';

/**
 * Stored shapes of the engagement (entity `engagement`) and its items (entity `engagement-item`).
 *
 * Engagement, schema 2: the whole aggregate of src/domain/engagement-state.ts plus `schemaVersion`, `version` and,
 * once linked, `organisationId` at the top level for the `by-organisation` index. Schema 1 records (title and who
 * started it) are still accepted on read and upgraded in memory; the migration of schema 1 → 2 rewrites them.
 *
 * Item, schema 1: one progress point, escalation or change request; `issueId` and `createdAt` feed the
 * `by-engagement` index (newest first), `version` the conditional writes, `kind` says which it is.
 */
export const engagementRecordV2 = engagementStateSchema
  .extend({
    schemaVersion: z.literal(2),
    version: z.number().int().positive(),
    organisationId: z.string().optional(),
  })
  .strict();
export type EngagementRecordV2 = z.infer<typeof engagementRecordV2>;

export interface StoredEngagement {
  state: EngagementState;
  version: number;
  /** The schema the record is stored at (1 until migrated or next written). */
  schemaVersion: 1 | 2;
}

/** Parses what the store holds, of either schema. */
export function parseStoredEngagement(value: unknown): StoredEngagement {
  const schemaVersion = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (schemaVersion === 1) {
    const v1 = engagementRecordV1.parse(value);
    return { state: upgradeEngagementV1(v1), version: v1.version, schemaVersion: 1 };
  }
  const v2 = engagementRecordV2.parse(value);
  const { schemaVersion: _s, version, organisationId: _o, ...state } = v2;
  return { state, version, schemaVersion: 2 };
}

export function toEngagementRecord(state: EngagementState, version: number): EngagementRecordV2 {
  return engagementRecordV2.parse({
    ...state,
    schemaVersion: 2,
    version,
    ...(state.organisation ? { organisationId: state.organisation.id } : {}),
  });
}

export const engagementItemRecord = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    issueId: z.string().regex(/^\d+$/),
    kind: z.enum(['progress-point', 'escalation', 'change']),
    createdAt: z.string(),
    item: engagementItemSchema,
  })
  .strict()
  .refine((r) => r.item.version === r.version && r.item.kind === r.kind && r.item.createdAt === r.createdAt, 'The item and its record disagree');
export type EngagementItemRecord = z.infer<typeof engagementItemRecord>;

export function toItemRecord(issueId: string, item: EngagementItem): EngagementItemRecord {
  return engagementItemRecord.parse({ schemaVersion: 1, version: item.version, issueId, kind: item.kind, createdAt: item.createdAt, item });
}

/**
 * Forge refuses values over 240 KiB. The limits in src/shared/engagement.ts keep an engagement far below that; this
 * guard answers a clear error instead of a storage failure if a large custom template and full lists add up.
 */
export const MAX_ENGAGEMENT_BYTES = 200 * 1024;
