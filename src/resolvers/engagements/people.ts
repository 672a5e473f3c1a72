import { assignRole, dutyState, findTemplateRole, holdersOf, personIdOf, toggleDuty } from '../../domain/engagement-roles';
import type { EngagementState } from '../../domain/engagement-state';
import { lookupAccounts } from '../../jira/accounts';
import type { EngagementPerson, PersonInput } from '../../shared/engagement';
import { AppError } from '../../shared/errors';
import { readRegister } from '../../storage/register-repository';
import type { Handlers } from '../define-surface';
import { changeEngagement } from './access';

type Panel = Handlers<'issue-panel'>;

/** The people of a role, as the history records them: who, not their contact details. */
const named = (people: readonly EngagementPerson[]) => people.map((p) => ({ id: p.id, name: p.name }));

export const roleAssign: Panel['role/assign'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'role.assign', async (state, now) => {
    findTemplateRole(state, input.roleKey);
    const people = await resolvePeople(state, input.people);
    const next = assignRole(state, input.roleKey, people, context.accountId, now);
    return { next, before: { roleKey: input.roleKey, people: named(holdersOf(state, input.roleKey)) }, after: { roleKey: input.roleKey, people: named(people) } };
  });

/** The head of sales, to whom a vendor role may escalate instead of the account manager (seed 000). */
export const headOfSalesAssign: Panel['head-of-sales/assign'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'head-of-sales.assign', async (state, now) => {
    let headOfSales = null;
    if (input.accountId !== null) {
      const account = (await lookupAccounts([input.accountId])).get(input.accountId);
      if (!account) throw new AppError('INVALID_INPUT', 'There is no Atlassian account with this id.');
      headOfSales = { accountId: account.accountId, name: account.displayName };
    }
    const next: EngagementState = { ...state, headOfSales, updatedAt: now, updatedBy: context.accountId };
    return { next, before: state.headOfSales, after: headOfSales };
  });

export const dutyToggle: Panel['duty/toggle'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'duty.toggle', (state, now) => {
    const { expectedVersion: _v, ...change } = input;
    const next = toggleDuty(state, change, context.accountId, now);
    const scope = { roleKey: input.roleKey, dutyKey: input.dutyKey };
    return { next, before: { ...scope, ...dutyState(state, input.roleKey, input.dutyKey) }, after: { ...scope, ...dutyState(next, input.roleKey, input.dutyKey) } };
  });

/**
 * Turns what the panel sent into stored people: accounts are looked up in Jira (one call for all of them: they must
 * exist, and their display name is what the panel and mentions show); register people are copied from the
 * organisation's register (one read), keeping their register id; typed-in contacts are kept as typed.
 */
async function resolvePeople(state: EngagementState, inputs: readonly PersonInput[]): Promise<EngagementPerson[]> {
  const accountIds = inputs.flatMap((p) => (p.kind === 'account' ? [p.accountId] : p.kind === 'contact' && p.accountId ? [p.accountId] : []));
  const needsRegister = inputs.some((p) => p.kind === 'register');
  const [accounts, register] = await Promise.all([
    accountIds.length > 0 ? lookupAccounts(accountIds) : Promise.resolve(new Map()),
    needsRegister && state.organisation ? readRegister(state.organisation.id) : Promise.resolve(null),
  ]);
  const unknown = accountIds.find((id) => !accounts.has(id));
  if (unknown) throw new AppError('INVALID_INPUT', `There is no Atlassian account with the id ${unknown}.`);
  return inputs.map((input): EngagementPerson => {
    if (input.kind === 'account') {
      const account = accounts.get(input.accountId);
      return withId({ kind: 'account', name: account?.displayName ?? '', email: null, phone: null, accountId: input.accountId, registerPersonId: null });
    }
    if (input.kind === 'contact') {
      return withId({ kind: 'contact', name: input.name, email: input.email, phone: input.phone ?? null, accountId: input.accountId ?? null, registerPersonId: null });
    }
    const person = register?.people.find((p) => p.id === input.personId);
    if (!person) throw new AppError('INVALID_INPUT', 'This person is not in the register of the engagement’s organisation.');
    return withId({ kind: 'register', name: person.name, email: person.email, phone: person.phone, accountId: person.accountId, registerPersonId: person.id });
  });
}

function withId(person: Omit<EngagementPerson, 'id'>): EngagementPerson {
  return { id: personIdOf(person), ...person };
}
