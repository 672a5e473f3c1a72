import { applyRegisterChanges, describeRegisterChange, proposalToChange, withoutPeople, type RegisterContent } from '../../src/domain/register-editing';
import { BUILT_IN_TEMPLATES } from '../../src/domain/templates';
import type { Person, PersonFields } from '../../src/shared/registers';

const fields = (name: string, extra: Partial<PersonFields> = {}): PersonFields => ({
  name,
  email: `${name.toLowerCase()}@example.com`,
  phone: null,
  accountId: null,
  roles: [],
  backupFor: [],
  absences: [],
  ...extra,
});
const person = (id: string, extra: Partial<PersonFields> = {}): Person => ({ id, ...fields(id, extra) });

const base = (people: Person[] = [], templateKeys = ['key-contacts', 'service-engagement']): RegisterContent => ({
  name: 'Org',
  deploymentType: 'hosted',
  projectKind: null,
  templateKeys,
  people,
});

let n = 0;
const context = { templates: BUILT_IN_TEMPLATES, newPersonId: () => `p-n${(n += 1)}` };

describe('register edits', () => {
  it('applies changes in order and never touches its input', () => {
    const start = base([person('p-a', { roles: ['key-contacts/expert-user'] })]);
    const frozen = JSON.stringify(start);
    const result = applyRegisterChanges(
      start,
      [
        { kind: 'person/add', person: fields('Bea', { roles: ['key-contacts/service-owner', 'key-contacts/contract-manager'], backupFor: ['p-a'] }) },
        { kind: 'details', deploymentType: 'installed' },
      ],
      context,
    );
    expect(result.ok && result.value.people.map((p) => p.name)).toEqual(['p-a', 'Bea']);
    expect(result.ok && result.value.deploymentType).toBe('installed');
    expect(JSON.stringify(start)).toBe(frozen);
  });

  it('refuses the whole batch when one change fails, and says which', () => {
    const result = applyRegisterChanges(base(), [{ kind: 'person/add', person: fields('Ok') }, { kind: 'person/remove', personId: 'p-nobody' }], context);
    expect(result).toMatchObject({ ok: false, code: 'UNKNOWN_PERSON', message: expect.stringMatching(/^Change 2:/) });
  });

  it.each([
    ['a role of no template of the register', { roles: ['onboarding/account-manager'] }, 'UNKNOWN_ROLE'],
    ['a role no template has', { roles: ['key-contacts/chief-of-fun'] }, 'UNKNOWN_ROLE'],
    ['backing up nobody known', { backupFor: ['p-ghost'] }, 'UNKNOWN_BACKUP'],
    ['an email someone else has', { email: 'P-A@example.com' }, 'DUPLICATE_EMAIL'],
  ])('refuses adding someone with %s', (_what, extra, code) => {
    const result = applyRegisterChanges(base([person('p-a')]), [{ kind: 'person/add', person: fields('New', extra) }], context);
    expect(result).toMatchObject({ ok: false, code });
  });

  it('keeps roles a person already holds when their template left the register, but adds no new ones', () => {
    const start = base([person('p-a', { roles: ['service-engagement/engagement-sponsor'] })], ['key-contacts']);
    const keep = applyRegisterChanges(start, [{ kind: 'person/edit', personId: 'p-a', person: fields('p-a', { roles: ['service-engagement/engagement-sponsor', 'key-contacts/expert-user'] }) }], context);
    expect(keep.ok).toBe(true);
    const add = applyRegisterChanges(start, [{ kind: 'person/edit', personId: 'p-a', person: fields('p-a', { roles: ['service-engagement/engagement-lead'] }) }], context);
    expect(add).toMatchObject({ ok: false, code: 'UNKNOWN_ROLE' });
  });

  it('refuses a person backing themselves up, and an unknown template', () => {
    expect(applyRegisterChanges(base([person('p-a')]), [{ kind: 'person/edit', personId: 'p-a', person: fields('p-a', { backupFor: ['p-a'] }) }], context)).toMatchObject({ ok: false, code: 'UNKNOWN_BACKUP' });
    expect(applyRegisterChanges(base(), [{ kind: 'details', templateKeys: ['key-contacts', 'gone'] }], context)).toMatchObject({ ok: false, code: 'UNKNOWN_TEMPLATE' });
  });

  it('takes a removed person out of every backup list', () => {
    const people = [person('p-a'), person('p-b', { backupFor: ['p-a', 'p-c'] }), person('p-c')];
    expect(withoutPeople(people, new Set(['p-a'])).map((p) => [p.id, p.backupFor])).toEqual([
      ['p-b', ['p-c']],
      ['p-c', []],
    ]);
  });
});

describe('customers’ proposals', () => {
  const register = base([
    person('p-client', { roles: ['key-contacts/service-owner'], accountId: 'acc-client' }),
    person('p-both', { roles: ['service-engagement/account-manager', 'key-contacts/expert-user'], backupFor: ['p-vendor'] }),
    person('p-vendor', { roles: ['service-engagement/service-provider'] }),
  ]);
  const proposed = (name: string, roles: string[], backupFor: string[] = []) => {
    const { accountId: _a, ...rest } = fields(name, { roles, backupFor });
    return rest;
  };

  it('turns an addition into a person without an account', () => {
    expect(proposalToChange(register, { kind: 'add', person: proposed('New', ['key-contacts/contract-manager']) }, BUILT_IN_TEMPLATES)).toEqual({
      ok: true,
      value: { kind: 'person/add', person: { ...proposed('New', ['key-contacts/contract-manager']), accountId: null } },
    });
  });

  it('refuses vendor roles and people the customer does not see', () => {
    expect(proposalToChange(register, { kind: 'add', person: proposed('X', ['service-engagement/account-manager']) }, BUILT_IN_TEMPLATES)).toMatchObject({ ok: false, code: 'UNKNOWN_ROLE' });
    expect(proposalToChange(register, { kind: 'remove', personId: 'p-vendor' }, BUILT_IN_TEMPLATES)).toMatchObject({ ok: false, code: 'UNKNOWN_PERSON' });
  });

  it('keeps the account, vendor roles and hidden backups of someone changed; removal takes client roles only from a vendor person', () => {
    const change = proposalToChange(register, { kind: 'change', personId: 'p-both', person: proposed('p-both', ['key-contacts/contract-manager']) }, BUILT_IN_TEMPLATES);
    expect(change).toMatchObject({
      ok: true,
      value: { kind: 'person/edit', personId: 'p-both', person: { roles: ['service-engagement/account-manager', 'key-contacts/contract-manager'], backupFor: ['p-vendor'], accountId: null } },
    });
    const keepAccount = proposalToChange(register, { kind: 'change', personId: 'p-client', person: proposed('p-client', ['key-contacts/service-owner']) }, BUILT_IN_TEMPLATES);
    expect(keepAccount.ok && keepAccount.value.kind === 'person/edit' && keepAccount.value.person.accountId).toBe('acc-client');
    expect(proposalToChange(register, { kind: 'remove', personId: 'p-both' }, BUILT_IN_TEMPLATES)).toMatchObject({
      ok: true,
      value: { kind: 'person/edit', personId: 'p-both', person: { roles: ['service-engagement/account-manager'] } },
    });
    expect(proposalToChange(register, { kind: 'remove', personId: 'p-client' }, BUILT_IN_TEMPLATES)).toEqual({ ok: true, value: { kind: 'person/remove', personId: 'p-client' } });
  });
});

describe('history entries', () => {
  it('keep only what changed: details and people, before and after', () => {
    const before = base([person('p-a'), person('p-b')]);
    const after: RegisterContent = { ...before, name: 'Renamed', people: [person('p-a'), person('p-b', { phone: '+44 20 7946 0000' }), person('p-c')] };
    expect(describeRegisterChange(before, after)).toEqual({
      before: { name: 'Org', people: [person('p-b')] },
      after: { name: 'Renamed', people: [person('p-b', { phone: '+44 20 7946 0000' }), person('p-c')] },
    });
    expect(describeRegisterChange(null, before).before).toBeNull();
  });
});
