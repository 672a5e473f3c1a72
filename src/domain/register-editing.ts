import {
  MAX_PEOPLE_PER_REGISTER,
  type ImportRowReason,
  type OrganisationRegister,
  type Person,
  type PersonFields,
  type ProposalChange,
  type RegisterChange,
  type RegisterEditErrorCode,
} from '../shared/registers';
import type { Template } from '../shared/templates';
import { templatesOf, sideOf } from './register-coverage';
import { resolveRoleRef } from './templates';

/**
 * What admins, agents (approving proposals) and imports do to a register, as pure functions over plain data: each
 * answers the edited register or a typed failure, and never changes its input.
 *
 * Rules every edit keeps:
 * - A role a person is given must be a role of one of the register's templates. Roles a person already holds are
 *   kept even if their template was taken off the register since (coverage ignores them): an admin who removes a
 *   template by mistake and puts it back finds the people where they were.
 * - Whom a person backs up must be other people of the same register. Removing a person also removes them from
 *   everyone's backup list, so no list points at nobody.
 * - One email address, one person (compared without case): someone holding several roles is one person with several
 *   roles, and an import can match people by email.
 * - At most MAX_PEOPLE_PER_REGISTER people.
 */

export type EditResult<T> = { ok: true; value: T } | { ok: false; code: RegisterEditErrorCode; message: string };

export type RegisterContent = Pick<OrganisationRegister, 'name' | 'deploymentType' | 'projectKind' | 'templateKeys' | 'people'>;

function fail(code: RegisterEditErrorCode, message: string): { ok: false; code: RegisterEditErrorCode; message: string } {
  return { ok: false, code, message };
}

export interface EditContext {
  /** Every template the register names before or after the edit that exists (built-in or the site's own). */
  templates: readonly Template[];
  /** A fresh person id (the caller's randomness keeps this module pure). */
  newPersonId: () => string;
}

const emailKey = (email: string) => email.trim().toLowerCase();

/** A person refused by checkPerson: the register edit's code, and the reason an import reports for the row. */
export type PersonCheckFailure = { ok: false; code: RegisterEditErrorCode; message: string; reason: ImportRowReason };

function refuse(code: RegisterEditErrorCode, reason: ImportRowReason): PersonCheckFailure {
  return { ok: false, code, message: reason.message, reason };
}

/** Checks one person's fields against the register as it will be; `previous` is who they were (undefined if new). */
export function checkPerson(
  person: Person,
  previous: Person | undefined,
  people: readonly Person[],
  templateKeys: readonly string[],
  templates: readonly Template[],
): { ok: true; value: Person } | PersonCheckFailure {
  const named = templatesOf(templateKeys, templates).templates;
  for (const ref of person.roles) {
    if (previous?.roles.includes(ref)) continue;
    if (!resolveRoleRef(named, ref)) {
      return refuse('UNKNOWN_ROLE', { code: 'UNKNOWN_ROLE', column: 'roles', values: { role: ref }, message: `"${ref}" is not a role of this organisation's templates.` });
    }
  }
  const ids = new Set(people.map((p) => p.id));
  for (const id of person.backupFor) {
    if (id === person.id) return refuse('UNKNOWN_BACKUP', { code: 'OWN_BACKUP', column: 'backup_for', message: 'A person cannot be their own backup.' });
    if (!ids.has(id)) {
      return refuse('UNKNOWN_BACKUP', { code: 'UNKNOWN_BACKUP', column: 'backup_for', values: { id }, message: `Nobody in this register has the id "${id}" to be backed up.` });
    }
  }
  const clash = people.find((p) => p.id !== person.id && emailKey(p.email) === emailKey(person.email));
  if (clash) {
    return refuse('DUPLICATE_EMAIL', {
      code: 'DUPLICATE_EMAIL',
      column: 'email',
      values: { email: person.email, name: clash.name },
      message: `${person.email} is already in this register (${clash.name}); give that person the extra role instead.`,
    });
  }
  return { ok: true, value: person };
}

function withPerson(fields: PersonFields, id: string): Person {
  return { id, ...fields };
}

/** Applies changes in order; the first that fails stops it, and nothing of the others is kept. */
export function applyRegisterChanges(register: RegisterContent, changes: readonly RegisterChange[], context: EditContext): EditResult<RegisterContent> {
  let current: RegisterContent = register;
  for (const [index, change] of changes.entries()) {
    const next = applyOne(current, change, context);
    if (!next.ok) return changes.length > 1 ? { ...next, message: `Change ${index + 1}: ${next.message}` } : next;
    current = next.value;
  }
  return { ok: true, value: current };
}

function applyOne(register: RegisterContent, change: RegisterChange, context: EditContext): EditResult<RegisterContent> {
  switch (change.kind) {
    case 'person/add': {
      if (register.people.length >= MAX_PEOPLE_PER_REGISTER) return fail('TOO_MANY_PEOPLE', `A register holds at most ${MAX_PEOPLE_PER_REGISTER} people.`);
      const person = withPerson(change.person, context.newPersonId());
      const people = [...register.people, person];
      const checked = checkPerson(person, undefined, people, register.templateKeys, context.templates);
      return checked.ok ? { ok: true, value: { ...register, people } } : checked;
    }
    case 'person/edit': {
      const previous = register.people.find((p) => p.id === change.personId);
      if (!previous) return fail('UNKNOWN_PERSON', `Nobody in this register has the id "${change.personId}".`);
      const person = withPerson(change.person, previous.id);
      const people = register.people.map((p) => (p.id === previous.id ? person : p));
      const checked = checkPerson(person, previous, people, register.templateKeys, context.templates);
      return checked.ok ? { ok: true, value: { ...register, people } } : checked;
    }
    case 'person/remove': {
      if (!register.people.some((p) => p.id === change.personId)) return fail('UNKNOWN_PERSON', `Nobody in this register has the id "${change.personId}".`);
      return { ok: true, value: { ...register, people: withoutPeople(register.people, new Set([change.personId])) } };
    }
    case 'details': {
      const templateKeys = change.templateKeys ?? register.templateKeys;
      const unknown = templatesOf(templateKeys, context.templates).unknown;
      if (unknown.length > 0) return fail('UNKNOWN_TEMPLATE', `No template has the key ${unknown.map((k) => `"${k}"`).join(', ')}.`);
      return {
        ok: true,
        value: {
          ...register,
          templateKeys,
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.deploymentType !== undefined ? { deploymentType: change.deploymentType } : {}),
          ...(change.projectKind !== undefined ? { projectKind: change.projectKind } : {}),
        },
      };
    }
  }
}

/** The people without `ids`, and without `ids` in anyone's backup list. */
export function withoutPeople(people: readonly Person[], ids: ReadonlySet<string>): Person[] {
  return people
    .filter((p) => !ids.has(p.id))
    .map((p) => (p.backupFor.some((id) => ids.has(id)) ? { ...p, backupFor: p.backupFor.filter((id) => !ids.has(id)) } : p));
}

// ---- customers' proposals -----------------------------------------------------------------------------------------

/**
 * Checks a customer's proposal against the register as it is now, and turns it into the register change an
 * approval makes. The customer speaks for their own side only:
 * - every role proposed must be a CLIENT role of the register's templates;
 * - a change or removal must be about someone the customer sees (a client role holder, or someone with no role);
 * - the person's vendor-side roles and Atlassian account are kept as they are (a customer cannot set either);
 * - removing someone who also holds a vendor role takes away their client roles only.
 * Checked again when an agent approves: the register may have changed since the customer proposed.
 */
export function proposalToChange(register: RegisterContent, change: ProposalChange, templates: readonly Template[]): EditResult<RegisterChange> {
  const named = templatesOf(register.templateKeys, templates).templates;
  const clientRole = (ref: string) => !!resolveRoleRef(named, ref) && sideOf(ref, named) === 'client';
  const isVendorRole = (ref: string) => sideOf(ref, named) === 'vendor';
  if (change.kind !== 'remove') {
    const bad = change.person.roles.find((ref) => !clientRole(ref));
    if (bad) return fail('UNKNOWN_ROLE', `"${bad}" is not a role your organisation fills.`);
  }
  if (change.kind === 'add') return { ok: true, value: { kind: 'person/add', person: { ...change.person, accountId: null } } };

  const previous = register.people.find((p) => p.id === change.personId);
  const visible = previous && (previous.roles.length === 0 || previous.roles.some((ref) => sideOf(ref, named) === 'client'));
  if (!previous || !visible) return fail('UNKNOWN_PERSON', `Nobody in your organisation's register has the id "${change.personId}".`);
  const vendorRoles = previous.roles.filter(isVendorRole);
  if (change.kind === 'remove') {
    if (vendorRoles.length === 0) return { ok: true, value: { kind: 'person/remove', personId: previous.id } };
    return { ok: true, value: { kind: 'person/edit', personId: previous.id, person: { ...fieldsOf(previous), roles: vendorRoles } } };
  }
  // Backups the customer cannot see (vendor people) are kept; those they can see are as they propose.
  const hiddenBackups = previous.backupFor.filter((id) => {
    const other = register.people.find((p) => p.id === id);
    return other !== undefined && other.roles.length > 0 && !other.roles.some((ref) => sideOf(ref, named) === 'client');
  });
  return {
    ok: true,
    value: {
      kind: 'person/edit',
      personId: previous.id,
      person: {
        ...change.person,
        accountId: previous.accountId,
        roles: [...vendorRoles, ...change.person.roles.filter((r) => !vendorRoles.includes(r))],
        backupFor: [...new Set([...hiddenBackups, ...change.person.backupFor])],
      },
    },
  };
}

export function fieldsOf(person: Person): PersonFields {
  const { id: _id, ...fields } = person;
  return fields;
}

// ---- history ------------------------------------------------------------------------------------------------------

/**
 * What an audit entry keeps of a register change: the details that changed and the people who changed, before and
 * after (a person added has no "before", one removed no "after"). Unchanged people are left out, so an entry stays
 * small however large the register.
 */
export function describeRegisterChange(before: RegisterContent | null, after: RegisterContent): { before: unknown; after: unknown } {
  const detailKeys = ['name', 'deploymentType', 'projectKind', 'templateKeys'] as const;
  const changedDetails = detailKeys.filter((k) => !before || JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const beforeById = new Map((before?.people ?? []).map((p) => [p.id, p]));
  const afterById = new Map(after.people.map((p) => [p.id, p]));
  const changedIds = [...new Set([...beforeById.keys(), ...afterById.keys()])].filter(
    (id) => JSON.stringify(beforeById.get(id)) !== JSON.stringify(afterById.get(id)),
  );
  const pick = (content: RegisterContent | null, byId: Map<string, Person>) =>
    content === null
      ? null
      : {
          ...Object.fromEntries(changedDetails.map((k) => [k, content[k]])),
          people: changedIds.flatMap((id) => {
            const person = byId.get(id);
            return person ? [person] : [];
          }),
        };
  return { before: pick(before, beforeById), after: pick(after, afterById) };
}
