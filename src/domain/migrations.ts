import { newEngagement, type EngagementState } from './engagement-state';

/**
 * Storage migrations, in two kinds. Every step is idempotent (it may run twice: Forge delivers at least once).
 *
 * - Store-wide migrations move the installation from `from` to `from + 1` (`meta:storage`). Version 1 is the first
 *   schema; nothing store-wide has changed since.
 * - Record upgrades: every record carries its own `schemaVersion`, and an entity's records move from one schema to the
 *   next on their own. Readers accept the old schema and upgrade it in memory (so pages work before, during and
 *   after the sweep); writers always write the new one; the sweep (src/triggers/run-migrations.ts) rewrites what is
 *   left at the old schema, a page of the entity's `by-schema-version` index at a time, on install, on upgrade and
 *   daily. A sweep that finds nothing costs one index query.
 *
 * The rules of each step are pure and live here; run-migrations.ts runs their storage side.
 */
export interface Migration {
  from: number;
  describe: string;
}

export const CURRENT_SCHEMA_VERSION = 1;

export const MIGRATIONS: Migration[] = [{ from: 0, describe: 'First install: records are written at schema version 1 from the start.' }];

/** The migrations still to run for a store at `version`, in order. */
export function pendingMigrations(version: number): Migration[] {
  return MIGRATIONS.filter((m) => m.from >= version && m.from < CURRENT_SCHEMA_VERSION).sort((a, b) => a.from - b.from);
}

export interface RecordUpgrade {
  entity: string;
  from: number;
  to: number;
  describe: string;
}

export const RECORD_UPGRADES: RecordUpgrade[] = [
  {
    entity: 'engagement',
    from: 1,
    to: 2,
    describe:
      'Engagements (schema 1: title and who started it) become schema 2: organisation, template snapshot, people per ' +
      'role, duty checklist, milestones, kick-off, retrospective, budget and engagement file, all empty at first. ' +
      'The version is kept: nothing a user sees changed, so an open panel can still save.',
  },
];

/** An engagement as schema 1 stored it. */
export interface EngagementV1 {
  issueId: string;
  title: string;
  createdAt: string;
  createdBy: string;
}

/** Engagement schema 1 → 2: everything schema 1 knew is kept; the rest starts empty, as on a newly started engagement. */
export function upgradeEngagementV1(v1: EngagementV1): EngagementState {
  return newEngagement(v1.issueId, v1.title, v1.createdBy, v1.createdAt);
}
