import type { HistoryEntry } from '../../../src/shared/engagement';

/**
 * The account ids a set of history entries names: their actors, and owners who are accounts (`acc-…` engagement
 * person ids). Asked of Jira together when the panel opens. Apart from history-sentences.ts so that the panel's
 * first chunk, which asks for the names, does not carry the sentences (they are drawn below the fold, later).
 */
export function accountIdsOf(entries: readonly HistoryEntry[]): string[] {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (entry.actor) ids.add(entry.actor);
    for (const side of [entry.before, entry.after]) {
      const owner = typeof side === 'object' && side !== null ? (side as { ownerId?: unknown }).ownerId : undefined;
      if (typeof owner === 'string' && owner.startsWith('acc-')) ids.add(owner.slice(4));
    }
  }
  return [...ids];
}
