import kvs from '@forge/kvs';
import type { Engagement } from '../shared/engagement';
import { ENTITIES, keys } from './keys';
import { engagementRecord, type EngagementRecord } from './records';
import { storageError, writeVersioned } from './versioned-write';

export async function readEngagement(issueId: string): Promise<Engagement | null> {
  let stored: unknown;
  try {
    stored = await kvs.entity<EngagementRecord>(ENTITIES.engagement).get(keys.engagement(issueId));
  } catch (error) {
    throw storageError(error, '');
  }
  if (stored === undefined) return null;
  return toEngagement(engagementRecord.parse(stored));
}

/** Starts the issue's engagement; a second start (a double click, a retry) meets CONFLICT and changes nothing. */
export async function startEngagement(issueId: string, title: string, actor: string): Promise<Engagement> {
  const record = engagementRecord.parse({ schemaVersion: 1, version: 1, issueId, title, createdAt: new Date().toISOString(), createdBy: actor });
  await writeVersioned({
    entityName: ENTITIES.engagement,
    key: keys.engagement(issueId),
    record,
    expectedVersion: 0,
    audit: { subject: `issue.${issueId}`, actor, action: 'engagement.start', before: null, after: { title } },
  });
  return toEngagement(record);
}

function toEngagement(r: EngagementRecord): Engagement {
  return { issueId: r.issueId, title: r.title, createdAt: r.createdAt, createdBy: r.createdBy, version: r.version };
}
