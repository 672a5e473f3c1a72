import type { Person, PersonLookup, ProposalChange } from '../shared/registers';

/**
 * Personal data requests (export and erasure) as pure rules. A person is found by email (compared without case) or by
 * Atlassian account id. Erasing takes them out of the register (and out of everyone's backup list), deletes the
 * customers' proposals about them, and redacts them from the register's history: the audit keeps that a change was
 * made, by whom and when, but no longer whose name, email or phone it was.
 */

export function matchesLookup(person: Pick<Person, 'email' | 'accountId'>, lookup: PersonLookup): boolean {
  return 'email' in lookup ? person.email.trim().toLowerCase() === lookup.email.trim().toLowerCase() : person.accountId === lookup.accountId;
}

/** Whether a proposal carries the data of someone erased: about one of `ids`, or proposing the looked-up person. */
export function proposalMentions(change: ProposalChange, ids: ReadonlySet<string>, lookup: PersonLookup): boolean {
  if (change.kind !== 'add' && ids.has(change.personId)) return true;
  return change.kind !== 'remove' && 'email' in lookup && matchesLookup({ email: change.person.email, accountId: null }, lookup);
}

export const ERASED_MARK = { erased: true } as const;

/**
 * Replaces, anywhere in a JSON value, every person record of one of `ids` (an object with that `id` and a `name` or
 * `email`), every object whose `email` or `accountId` is the looked-up one, and the `person` next to a `personId` of
 * one of `ids`, by `{id, erased: true}`. Answers the value and whether anything was replaced.
 */
export function redactPersons(value: unknown, ids: ReadonlySet<string>, lookup: PersonLookup): { value: unknown; changed: boolean } {
  let changed = false;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    const personLike = 'name' in record || 'email' in record;
    const byId = personLike && typeof record.id === 'string' && ids.has(record.id);
    const byEmail = 'email' in lookup && typeof record.email === 'string' && record.email.trim().toLowerCase() === lookup.email.trim().toLowerCase();
    const byAccount = 'accountId' in lookup && personLike && record.accountId === lookup.accountId;
    if (byId || byEmail || byAccount) {
      changed = true;
      return { id: typeof record.id === 'string' ? record.id : null, ...ERASED_MARK };
    }
    const walked = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, walk(v)]));
    // A proposal about someone erased names them by personId next to the details it proposes for them.
    if (typeof record.personId === 'string' && ids.has(record.personId) && record.person && typeof record.person === 'object') {
      changed = true;
      walked.person = { id: record.personId, ...ERASED_MARK };
    }
    return walked;
  };
  const result = walk(value);
  return { value: result, changed };
}
