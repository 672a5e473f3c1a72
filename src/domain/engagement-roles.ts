import type { DutyState, DutyView, EngagementPerson, RoleStatus, RoleView, ToggleDutyInput } from '../shared/engagement';
import type { DeploymentType, ProjectKind, RoleTemplate, Template } from '../shared/templates';
import { refuse, touched, type EngagementState } from './engagement-state';

/**
 * Roles and their duty checklists, from the template the engagement is linked to.
 *
 * - Vendor roles are filled with Atlassian accounts (the vendor's staff); client roles with people from the
 *   organisation's register, typed-in contacts (name, email, optional account) or accounts.
 * - A role's status counts its people against the template's required / recommended numbers; a role whose condition
 *   does not match the engagement (deployment type, project kind) is `not-applicable`. When the organisation's
 *   deployment type is not known, deployment conditions are taken as met: asking for a role is safer than hiding it.
 *   A role conditioned on project kinds needs the engagement's project kind, as in the coverage rules.
 * - A duty's owner is one of the engagement's people; when that person leaves every role, the duty (and any document
 *   they owned) has no owner any more rather than naming someone who is gone.
 */

export const SPONSOR_ROLE_KEY = 'engagement-sponsor';
export const ACCOUNT_MANAGER_ROLE_KEY = 'account-manager';

export const dutyKeyOf = (roleKey: string, dutyKey: string): string => `${roleKey}/${dutyKey}`;

const NOT_DONE: DutyState = Object.freeze({ done: false, doneAt: null, doneBy: null, ownerId: null, dueDate: null });

/**
 * Stable ids, so that naming the same person again keeps the duties they own. A typed-in contact's id is a digest of
 * their email, not the email itself: ids travel into duty owners and the history, contact details must not.
 */
export function personIdOf(person: Pick<EngagementPerson, 'kind' | 'accountId' | 'email' | 'registerPersonId'>): string {
  if (person.kind === 'register') return `reg-${person.registerPersonId ?? ''}`;
  if (person.kind === 'account') return `acc-${person.accountId ?? ''}`;
  return `mail-${digest((person.email ?? '').trim().toLowerCase())}`;
}

/** Two 32-bit FNV-1a hashes with different offsets: 16 hex digits, plenty to tell one engagement's contacts apart. */
function digest(text: string): string {
  const fnv = (offset: number) => {
    let hash = offset;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, '0');
  };
  return fnv(0x811c9dc5) + fnv(0x050c5d1f);
}

export function roleApplies(role: RoleTemplate, deploymentType: DeploymentType | null, projectKind: ProjectKind | null): boolean {
  const { deploymentTypes, projectKinds } = role.condition ?? {};
  if (deploymentTypes && deploymentType !== null && !deploymentTypes.includes(deploymentType)) return false;
  if (projectKinds && (projectKind === null || !projectKinds.includes(projectKind))) return false;
  return true;
}

export function roleStatus(role: RoleTemplate, holders: number, applies: boolean): RoleStatus {
  if (!applies) return 'not-applicable';
  if (holders < role.required) return 'missing';
  if (holders < role.recommended) return 'below-recommended';
  return 'met';
}

export function linkedTemplate(state: EngagementState): Template {
  if (!state.template) refuse('INVALID_INPUT', 'Link this engagement to an organisation and a template first.');
  return state.template;
}

export function findTemplateRole(state: EngagementState, roleKey: string): RoleTemplate {
  const role = linkedTemplate(state).roles.find((r) => r.key === roleKey);
  if (!role) refuse('INVALID_INPUT', `This engagement's template has no role "${roleKey}".`);
  return role;
}

/** Everyone named on the engagement, once each, in role order. */
export function allPeople(state: EngagementState): EngagementPerson[] {
  const seen = new Map<string, EngagementPerson>();
  for (const people of Object.values(state.assignments)) for (const person of people) if (!seen.has(person.id)) seen.set(person.id, person);
  return [...seen.values()];
}

export function holdersOf(state: EngagementState, roleKey: string): EngagementPerson[] {
  return state.assignments[roleKey] ?? [];
}

/** The role views the panel shows, in template order. */
export function roleViews(state: EngagementState): RoleView[] {
  const template = state.template;
  if (!template) return [];
  const deploymentType = state.organisation?.deploymentType ?? null;
  return template.roles.map((role) => {
    const people = holdersOf(state, role.key);
    const applies = roleApplies(role, deploymentType, state.projectKind);
    const duties: DutyView[] = role.duties.map((duty) => ({ key: duty.key, text: duty.text, ...(state.duties[dutyKeyOf(role.key, duty.key)] ?? NOT_DONE) }));
    return {
      key: role.key,
      side: role.side,
      name: role.name,
      description: role.description,
      required: applies ? role.required : 0,
      recommended: applies ? role.recommended : 0,
      leads: role.leads === true,
      applies,
      status: roleStatus(role, people.length, applies),
      people,
      duties,
      dutiesDone: duties.filter((d) => d.done).length,
    };
  });
}

/**
 * Links (or re-links) the engagement to an organisation and a template. People and duty states are kept for every
 * role and duty key the new template still has, and dropped for the others. Moving to another organisation drops
 * the people taken from the previous organisation's register: they are not the new client's.
 */
export function linkEngagement(
  state: EngagementState,
  link: { organisation: NonNullable<EngagementState['organisation']>; template: Template; projectKind: ProjectKind | null },
  actor: string,
  now: string,
): EngagementState {
  const roleKeys = new Set(link.template.roles.map((r) => r.key));
  const dutyKeys = new Set(link.template.roles.flatMap((r) => r.duties.map((d) => dutyKeyOf(r.key, d.key))));
  const sameOrganisation = state.organisation?.id === link.organisation.id;
  const kept = Object.entries(state.assignments)
    .filter(([key]) => roleKeys.has(key))
    .map(([key, people]) => [key, sameOrganisation ? people : people.filter((p) => p.kind !== 'register')] as const)
    .filter(([, people]) => people.length > 0);
  const next: EngagementState = {
    ...state,
    organisation: link.organisation,
    template: link.template,
    projectKind: link.projectKind,
    assignments: Object.fromEntries(kept),
    duties: Object.fromEntries(Object.entries(state.duties).filter(([key]) => dutyKeys.has(key))),
  };
  return touched(dropOrphanOwners(next), actor, now);
}

/** Replaces the people of one role. Vendor roles take Atlassian accounts only; nobody twice in one role. */
export function assignRole(state: EngagementState, roleKey: string, people: EngagementPerson[], actor: string, now: string): EngagementState {
  const role = findTemplateRole(state, roleKey);
  if (role.side === 'vendor' && people.some((p) => p.kind !== 'account')) {
    refuse('INVALID_INPUT', 'Vendor roles are filled with the vendor’s Atlassian accounts.');
  }
  const ids = people.map((p) => p.id);
  if (new Set(ids).size !== ids.length) refuse('INVALID_INPUT', 'The same person is named twice in this role.');
  const assignments = { ...state.assignments };
  if (people.length === 0) delete assignments[roleKey];
  else assignments[roleKey] = people;
  return touched(dropOrphanOwners({ ...state, assignments }), actor, now);
}

/** Ticks or unticks a duty, and sets its owner and due date when given. */
export function toggleDuty(state: EngagementState, input: Omit<ToggleDutyInput, 'expectedVersion'>, actor: string, now: string): EngagementState {
  const role = findTemplateRole(state, input.roleKey);
  if (!role.duties.some((d) => d.key === input.dutyKey)) refuse('INVALID_INPUT', `The role "${role.key}" has no duty "${input.dutyKey}".`);
  if (input.ownerId && !allPeople(state).some((p) => p.id === input.ownerId)) {
    refuse('INVALID_INPUT', 'The owner must be someone named on this engagement.');
  }
  const key = dutyKeyOf(input.roleKey, input.dutyKey);
  const current = state.duties[key] ?? NOT_DONE;
  const becameDone = input.done && !current.done;
  const next: DutyState = {
    done: input.done,
    doneAt: input.done ? (becameDone ? now : current.doneAt) : null,
    doneBy: input.done ? (becameDone ? actor : current.doneBy) : null,
    ownerId: input.ownerId === undefined ? current.ownerId : input.ownerId,
    dueDate: input.dueDate === undefined ? current.dueDate : input.dueDate,
  };
  return touched({ ...state, duties: { ...state.duties, [key]: next } }, actor, now);
}

export function dutyState(state: EngagementState, roleKey: string, dutyKey: string): DutyState {
  return state.duties[dutyKeyOf(roleKey, dutyKey)] ?? NOT_DONE;
}

function dropOrphanOwners(state: EngagementState): EngagementState {
  const present = new Set(allPeople(state).map((p) => p.id));
  const keep = (ownerId: string | null) => (ownerId !== null && present.has(ownerId) ? ownerId : null);
  return {
    ...state,
    duties: Object.fromEntries(Object.entries(state.duties).map(([key, duty]) => [key, { ...duty, ownerId: keep(duty.ownerId) }])),
    documents: state.documents.map((doc) => ({ ...doc, ownerId: keep(doc.ownerId) })),
  };
}

/** The Engagement Sponsor's people who have an Atlassian account: those who decide changes on the portal. */
export function sponsorsOf(state: EngagementState): EngagementPerson[] {
  return holdersOf(state, SPONSOR_ROLE_KEY).filter((p) => p.accountId !== null);
}

export function isSponsor(state: EngagementState, accountId: string): boolean {
  return sponsorsOf(state).some((p) => p.accountId === accountId);
}
