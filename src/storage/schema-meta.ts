import kvs from '@forge/kvs';
import { z } from 'zod';

/** Which storage schema version this installation's records are at, and when the daily job last ran. */
const META_KEY = 'meta:storage';
const metaRecord = z.object({ schemaVersion: z.number().int().nonnegative(), migratedAt: z.string().nullable(), dailyRunAt: z.string().nullable() }).strict();
export type StorageMeta = z.infer<typeof metaRecord>;

export async function readStorageMeta(): Promise<StorageMeta> {
  const stored = await kvs.get(META_KEY);
  return stored === undefined ? { schemaVersion: 0, migratedAt: null, dailyRunAt: null } : metaRecord.parse(stored);
}

export async function writeStorageMeta(meta: StorageMeta): Promise<void> {
  await kvs.set(META_KEY, metaRecord.parse(meta));
}
