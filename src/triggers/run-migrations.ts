import { CURRENT_SCHEMA_VERSION, pendingMigrations, RECORD_UPGRADES } from '../domain/migrations';
import { engagementsAtSchema, rewriteAtCurrentSchema } from '../storage/engagement-repository';
import { readStorageMeta, writeStorageMeta } from '../storage/schema-meta';

/**
 * Brings storage to the current schema: the store-wide migrations still pending, then the record upgrades of
 * src/domain/migrations.ts. Running it again when everything is current changes nothing (and costs one index query
 * per record upgrade).
 */
export async function runMigrations(): Promise<{ from: number; to: number }> {
  const meta = await readStorageMeta();
  const pending = pendingMigrations(meta.schemaVersion);
  if (pending.length > 0) await writeStorageMeta({ ...meta, schemaVersion: CURRENT_SCHEMA_VERSION, migratedAt: new Date().toISOString() });
  for (const upgrade of RECORD_UPGRADES) {
    const sweep = SWEEPS[`${upgrade.entity}:${upgrade.from}`];
    if (!sweep) throw new Error(`No storage step for the ${upgrade.entity} upgrade from schema ${upgrade.from}.`);
    await sweep();
  }
  return { from: meta.schemaVersion, to: pending.length > 0 ? CURRENT_SCHEMA_VERSION : meta.schemaVersion };
}

/** The storage side of each record upgrade, by `entity:from`. */
const SWEEPS: Record<string, () => Promise<void>> = {
  'engagement:1': upgradeEngagementsToSchema2,
};

/**
 * Engagements at schema 1 → 2, a page of the `by-schema-version` index at a time (the cursor names the last record
 * seen, so rewriting records of a page — which takes them out of the schema-1 partition — skips none). Each rewrite
 * is conditional on the record still being the schema-1 version read; one a user saved meanwhile is schema 2 already.
 */
async function upgradeEngagementsToSchema2(): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await engagementsAtSchema(1, cursor);
    for (const issueId of page.issueIds) await rewriteAtCurrentSchema(issueId);
    cursor = page.cursor ?? undefined;
  } while (cursor);
}
