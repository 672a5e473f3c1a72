import kvs, { Sort } from '@forge/kvs';
import { nameKeyOf } from '../domain/register-coverage';
import type { RegisterContent } from '../domain/register-editing';
import type { OrganisationRegister, Person, PersonLookup } from '../shared/registers';
import { REGISTER_ENTITIES, registerKeys } from './keys';
import { contactRecord, registerRecord, type ContactRecord, type RegisterRecord } from './register-records';
import { commit, CONFLICT_MESSAGE, MAX_TRANSACTION_OPERATIONS, type AuditInput, type TxDelete, type TxSet } from './register-transaction';
import { storageError } from './versioned-write';

/**
 * Organisation registers. One `org-register` entity per organisation holds its people (a register is read and
 * written whole, conditional on its version); its indexes answer the two lists page by page:
 * - `by-name` (nameKey): the organisations list;
 * - `by-coverage` (coverageRank): the coverage list, worst first. The rank is computed on every write and refreshed
 *   by the daily job, since absences start and end with the date alone.
 * Each write also keeps the `register-contact` index of its people (for personal data requests) in the same
 * transaction, so a write touches at most MAX_CONTACT_CHANGES people.
 */

export interface Rank {
  score: number;
  coverageRank: string;
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/** The register, the audit entry and other records leave this many operations of a transaction for contacts. */
export const MAX_CONTACT_CHANGES = 20;

const registers = () => kvs.entity<RegisterRecord>(REGISTER_ENTITIES.register);
const contacts = () => kvs.entity<ContactRecord>(REGISTER_ENTITIES.contact);

function toRecord(register: OrganisationRegister, rank: Rank): RegisterRecord {
  return registerRecord.parse({
    schemaVersion: 1,
    version: register.version,
    id: register.id,
    name: register.name,
    nameKey: nameKeyOf(register.name),
    ...(register.jsmOrganizationId !== null ? { jsmOrganizationId: register.jsmOrganizationId } : {}),
    deploymentType: register.deploymentType,
    ...(register.projectKind !== null ? { projectKind: register.projectKind } : {}),
    templateKeys: register.templateKeys,
    people: register.people,
    score: rank.score,
    coverageRank: rank.coverageRank,
    updatedAt: register.updatedAt,
    updatedBy: register.updatedBy,
  });
}

function toRegister(value: unknown): OrganisationRegister {
  const r = registerRecord.parse(value);
  return {
    id: r.id,
    name: r.name,
    jsmOrganizationId: r.jsmOrganizationId ?? null,
    deploymentType: r.deploymentType,
    projectKind: r.projectKind ?? null,
    templateKeys: r.templateKeys,
    people: r.people,
    version: r.version,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  };
}

const rankOf = (value: unknown): Rank => {
  const r = registerRecord.parse(value);
  return { score: r.score, coverageRank: r.coverageRank };
};

export async function readRegister(registerId: string): Promise<OrganisationRegister | null> {
  let stored: unknown;
  try {
    stored = await registers().get(registerKeys.register(registerId));
  } catch (error) {
    throw storageError(error, '');
  }
  return stored === undefined ? null : toRegister(stored);
}

/** Several registers in one batch read per 25; ids with no register are left out. */
export async function readRegisters(registerIds: readonly string[]): Promise<OrganisationRegister[]> {
  const found: OrganisationRegister[] = [];
  const ids = [...new Set(registerIds)];
  try {
    for (let i = 0; i < ids.length; i += 25) {
      const batch = await kvs.batchGet<RegisterRecord>(ids.slice(i, i + 25).map((id) => ({ key: registerKeys.register(id), entityName: REGISTER_ENTITIES.register })));
      const trouble = batch.failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
      if (trouble) throw new Error(`Reading register ${trouble.key} failed: ${trouble.error.code}`);
      found.push(...batch.successfulKeys.map((s) => toRegister(s.value)));
    }
  } catch (error) {
    throw storageError(error, '');
  }
  return ids.flatMap((id) => found.find((r) => r.id === id) ?? []);
}

async function page<T>(index: 'by-name' | 'by-coverage', cursor: string | null, limit: number, map: (value: unknown) => T): Promise<Page<T>> {
  try {
    let query = registers().query().index(index).sort(Sort.ASC).limit(limit);
    if (cursor) query = query.cursor(cursor);
    const result = await query.getMany();
    return { items: result.results.map((r) => map(r.value)), cursor: result.nextCursor ?? null };
  } catch (error) {
    throw storageError(error, '');
  }
}

/** One page of the organisations, by name: one KVS request. */
export const listRegistersByName = (cursor: string | null, limit: number): Promise<Page<OrganisationRegister>> => page('by-name', cursor, limit, toRegister);

/** One page of the organisations, worst stored coverage first, with the stored rank: one KVS request. */
export const listRegistersByCoverage = (cursor: string | null, limit: number): Promise<Page<{ register: OrganisationRegister; rank: Rank }>> =>
  page('by-coverage', cursor, limit, (value) => ({ register: toRegister(value), rank: rankOf(value) }));

/** One page for the coverage refresh, by name (an order the refresh itself does not move), with the stored rank. */
export const pageForRefresh = (cursor: string | null, limit: number): Promise<Page<{ register: OrganisationRegister; rank: Rank }>> =>
  page('by-name', cursor, limit, (value) => ({ register: toRegister(value), rank: rankOf(value) }));

// ---- writes -------------------------------------------------------------------------------------------------------

const contactKeyOf = (registerId: string, person: Pick<Person, 'id'>) => registerKeys.contact(registerId, person.id);
const sameContact = (a: Person, b: Person) => a.email.trim().toLowerCase() === b.email.trim().toLowerCase() && a.accountId === b.accountId;

/** The contact index operations that take a register's people from `before` to `after`. */
export function contactChanges(registerId: string, before: readonly Person[], after: readonly Person[]): { sets: TxSet[]; deletes: TxDelete[] } {
  const old = new Map(before.map((p) => [p.id, p]));
  const now = new Set(after.map((p) => p.id));
  const sets: TxSet[] = after
    .filter((p) => {
      const previous = old.get(p.id);
      return !previous || !sameContact(previous, p);
    })
    .map((p) => ({
      entityName: REGISTER_ENTITIES.contact,
      key: contactKeyOf(registerId, p),
      value: contactRecord.parse({ schemaVersion: 1, registerId, personId: p.id, emailKey: p.email.trim().toLowerCase(), ...(p.accountId ? { accountId: p.accountId } : {}) }),
    }));
  const deletes: TxDelete[] = before.filter((p) => !now.has(p.id)).map((p) => ({ entityName: REGISTER_ENTITIES.contact, key: contactKeyOf(registerId, p) }));
  return { sets, deletes };
}

/** How many contact index operations a change of people takes (callers split larger changes, e.g. imports). */
export function contactChangeCount(registerId: string, before: readonly Person[], after: readonly Person[]): number {
  const { sets, deletes } = contactChanges(registerId, before, after);
  return sets.length + deletes.length;
}

export interface RegisterWrite {
  /** The register as read; null to create it (the write fails with CONFLICT if it exists meanwhile). */
  before: OrganisationRegister | null;
  /** Its new content; id and JSM link come from `before` (or `create`). */
  content: RegisterContent;
  create?: { id: string; jsmOrganizationId: string | null };
  rank: Rank;
  actor: string;
  audit: Pick<AuditInput, 'action' | 'before' | 'after'>;
  /** Other records the same change writes (e.g. the proposal an approval decides), conditional as they say. */
  also?: TxSet[];
  conflictMessage?: string;
}

/**
 * Writes a register at `before.version + 1` (or creates it at version 1), conditional on the version read, with its
 * audit entry and contact index changes, in one transaction. Answers the register as stored.
 */
export async function writeRegister(write: RegisterWrite): Promise<OrganisationRegister> {
  const identity = write.before ?? write.create;
  if (!identity) throw new Error('writeRegister needs the register read or the identity of a new one.');
  const register: OrganisationRegister = {
    id: identity.id,
    jsmOrganizationId: identity.jsmOrganizationId,
    name: write.content.name,
    deploymentType: write.content.deploymentType,
    projectKind: write.content.projectKind,
    templateKeys: write.content.templateKeys,
    people: write.content.people,
    version: (write.before?.version ?? 0) + 1,
    updatedAt: new Date().toISOString(),
    updatedBy: write.actor,
  };
  const index = contactChanges(register.id, write.before?.people ?? [], register.people);
  const also = write.also ?? [];
  if (index.sets.length + index.deletes.length + also.length + 2 > MAX_TRANSACTION_OPERATIONS) {
    throw new Error(`A register write may change at most ${MAX_CONTACT_CHANGES} people at once.`);
  }
  await commit(
    {
      sets: [
        {
          entityName: REGISTER_ENTITIES.register,
          key: registerKeys.register(register.id),
          value: toRecord(register, write.rank),
          condition: write.before ? { kind: 'version', version: write.before.version } : { kind: 'absent' },
        },
        ...also,
        ...index.sets,
      ],
      deletes: index.deletes,
      audits: [{ subject: registerKeys.auditSubject(register.id), actor: write.actor, ...write.audit }],
    },
    write.conflictMessage ?? CONFLICT_MESSAGE,
  );
  return register;
}

/**
 * Stores fresh coverage ranks (the daily refresh, a template edit) without changing the registers' versions, so
 * that nobody editing one meets a conflict because of it; each is conditional on the version it was computed from,
 * and one that changed meanwhile is skipped (its own write computed a fresh rank). Answers how many were stored.
 */
const RANKS_PER_TRANSACTION = 10;

export async function storeRanks(items: ReadonlyArray<{ register: OrganisationRegister; rank: Rank }>): Promise<number> {
  const sets: TxSet[] = items.map(({ register, rank }) => ({
    entityName: REGISTER_ENTITIES.register,
    key: registerKeys.register(register.id),
    value: toRecord(register, rank),
    condition: { kind: 'version', version: register.version },
  }));
  let stored = 0;
  // Ten registers of at most 240 KiB each stay under a transaction's 4 MB.
  for (let i = 0; i < sets.length; i += RANKS_PER_TRANSACTION) {
    const chunk = sets.slice(i, i + RANKS_PER_TRANSACTION);
    try {
      await commit({ sets: chunk });
      stored += chunk.length;
    } catch {
      // One register edited meanwhile fails the chunk: store the others one by one.
      for (const set of chunk) {
        try {
          await commit({ sets: [set] });
          stored += 1;
        } catch (error) {
          if ((error as { code?: string }).code !== 'CONFLICT') throw error;
        }
      }
    }
  }
  return stored;
}

// ---- personal data ------------------------------------------------------------------------------------------------

/** Where a person is registered, from the contact index: one request per 100 registrations. */
export async function findContacts(lookup: PersonLookup): Promise<Array<{ registerId: string; personId: string }>> {
  const [index, value] = 'email' in lookup ? ['by-email', lookup.email.trim().toLowerCase()] : ['by-account', lookup.accountId];
  const found: Array<{ registerId: string; personId: string }> = [];
  let cursor: string | undefined;
  try {
    do {
      let query = contacts().query().index(index, { partition: [value] }).limit(100);
      if (cursor) query = query.cursor(cursor);
      const result = await query.getMany();
      found.push(...result.results.map((r) => contactRecord.parse(r.value)).map((c) => ({ registerId: c.registerId, personId: c.personId })));
      cursor = result.nextCursor;
    } while (cursor);
  } catch (error) {
    throw storageError(error, '');
  }
  return found;
}
