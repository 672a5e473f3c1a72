import kvs, { Sort } from '@forge/kvs';
import type { HistoryEntry } from '../shared/registers';
import { ENTITIES } from './keys';
import { auditRecord, type AuditRecord } from './records';
import type { Page } from './register-repository';
import { storageError } from './versioned-write';

/**
 * A register's history: the audit entries written with each of its changes (subject `register.<id>`), read through
 * the audit entity's `by-subject` index, newest first, one page per request.
 */
export async function readHistory(subject: string, cursor: string | null, limit: number): Promise<Page<HistoryEntry>> {
  try {
    let query = kvs.entity<AuditRecord>(ENTITIES.audit).query().index('by-subject', { partition: [subject] }).sort(Sort.DESC).limit(limit);
    if (cursor) query = query.cursor(cursor);
    const result = await query.getMany();
    return {
      items: result.results.map((r) => {
        const entry = auditRecord.parse(r.value);
        return { at: entry.at, actor: entry.actor, action: entry.action, before: entry.before, after: entry.after };
      }),
      cursor: result.nextCursor ?? null,
    };
  } catch (error) {
    throw storageError(error, '');
  }
}

/**
 * Rewrites the entries of one subject for which `redact` answers a new before/after (personal data erasure). The
 * audit is otherwise append-only; this is the one exception the law asks for. Answers how many entries changed.
 */
export async function redactHistory(subject: string, redact: (entry: AuditRecord) => AuditRecord | null): Promise<number> {
  let changed = 0;
  let cursor: string | undefined;
  try {
    do {
      let query = kvs.entity<AuditRecord>(ENTITIES.audit).query().index('by-subject', { partition: [subject] }).limit(100);
      if (cursor) query = query.cursor(cursor);
      const result = await query.getMany();
      const rewrites = result.results.flatMap((r) => {
        const next = redact(auditRecord.parse(r.value));
        return next ? [{ key: r.key, value: auditRecord.parse(next), entityName: ENTITIES.audit }] : [];
      });
      for (let i = 0; i < rewrites.length; i += 25) {
        const batch = await kvs.batchSet(rewrites.slice(i, i + 25));
        if (batch.failedKeys.length > 0) throw new Error(`Redacting history failed for ${batch.failedKeys.map((f) => f.key).join(', ')}`);
      }
      changed += rewrites.length;
      cursor = result.nextCursor;
    } while (cursor);
  } catch (error) {
    throw storageError(error, '');
  }
  return changed;
}
