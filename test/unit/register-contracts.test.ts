import { isPhone, organisationRegisterSchema, personFieldsSchema, proposalChangeSchema, registerChangeSchema } from '../../src/shared/registers';
import { matchesLookup, proposalMentions, redactPersons } from '../../src/domain/personal-data';

const fields = { name: 'Ada', email: 'ada@example.com', phone: null, accountId: null, roles: [], backupFor: [], absences: [] };

describe('contact details', () => {
  it.each(['+44 20 7946 0958', '+1 (555) 010-9999', '+33 1 23 45 67 89', '+4930123456', '+81.3.1234.5678', '+352 123456'])('accepts the international number %s', (phone) => {
    expect(isPhone(phone)).toBe(true);
    expect(personFieldsSchema.safeParse({ ...fields, phone }).success).toBe(true);
  });

  it.each([
    ['no country code', '020 7946 0958'],
    ['a 00 prefix', '0044 20 7946 0958'],
    ['letters', '+44 20 GOODBYE'],
    ['an extension', '+44 20 7946 0958 ext 12'],
    ['too few digits', '+44 123'],
    ['more than 15 digits', '+44 1234 5678 9012 34'],
    ['doubled separators', '+44  20 7946 0958'],
    ['two pairs of parentheses', '+1 (555) (010) 9999'],
    ['an unclosed parenthesis', '+1 (555 010 9999'],
    ['a zero country code', '+0 20 7946 0958'],
  ])('refuses a phone number with %s', (_what, phone) => {
    expect(isPhone(phone)).toBe(false);
  });

  it.each(['ada', 'ada@', '@example.com', 'ada@example', 'ada..b@example.com', 'a b@example.com'])('refuses the email %s', (email) => {
    expect(personFieldsSchema.safeParse({ ...fields, email }).success).toBe(false);
  });

  it('trims what people type, and refuses unknown fields, repeated roles and a reversed absence', () => {
    expect(personFieldsSchema.parse({ ...fields, name: '  Ada ', email: ' ada@example.com ' })).toMatchObject({ name: 'Ada', email: 'ada@example.com' });
    expect(personFieldsSchema.safeParse({ ...fields, isAdmin: true }).success).toBe(false);
    expect(personFieldsSchema.safeParse({ ...fields, roles: ['key-contacts/expert-user', 'key-contacts/expert-user'] }).success).toBe(false);
    expect(personFieldsSchema.safeParse({ ...fields, absences: [{ from: '2031-02-02', to: '2031-02-01' }] }).success).toBe(false);
  });

  it('keeps customers from setting an Atlassian account in a proposal', () => {
    expect(proposalChangeSchema.safeParse({ kind: 'add', person: { ...fields, accountId: undefined } }).success).toBe(false);
    const { accountId: _a, ...proposed } = fields;
    expect(proposalChangeSchema.safeParse({ kind: 'add', person: proposed }).success).toBe(true);
  });

  it('accepts register ids of JSM organisations and of others only', () => {
    const register = { id: 'jsm-12', name: 'X', jsmOrganizationId: '12', deploymentType: 'hosted', projectKind: null, templateKeys: ['key-contacts'], people: [], version: 1, updatedAt: '', updatedBy: '' };
    expect(organisationRegisterSchema.safeParse(register).success).toBe(true);
    for (const id of ['jsm-x', 'org-', 'reg:1', 'org-ABCD1234']) expect(organisationRegisterSchema.safeParse({ ...register, id }).success).toBe(false);
    expect(registerChangeSchema.safeParse({ kind: 'details', templateKeys: [] }).success).toBe(false);
  });
});

describe('personal data rules', () => {
  it('matches by email without case, or by account id', () => {
    expect(matchesLookup({ email: 'Ada@Example.com', accountId: null }, { email: 'ada@example.com' })).toBe(true);
    expect(matchesLookup({ email: 'ada@example.com', accountId: 'acc-1' }, { accountId: 'acc-1' })).toBe(true);
    expect(matchesLookup({ email: 'ada@example.com', accountId: null }, { accountId: 'acc-1' })).toBe(false);
  });

  it('redacts a person wherever an audit value holds them, and nothing else', () => {
    const entry = {
      people: [
        { id: 'p-1', name: 'Ada', email: 'ada@example.com' },
        { id: 'p-2', name: 'Bob', email: 'bob@example.com', backupFor: ['p-1'] },
      ],
      proposalId: 'pr-1',
      change: { kind: 'change', personId: 'p-1', person: { name: 'Ada L.', email: 'new@example.com' } },
    };
    const { value, changed } = redactPersons(entry, new Set(['p-1']), { email: 'ada@example.com' });
    expect(changed).toBe(true);
    expect(value).toEqual({
      people: [{ id: 'p-1', erased: true }, { id: 'p-2', name: 'Bob', email: 'bob@example.com', backupFor: ['p-1'] }],
      proposalId: 'pr-1',
      change: { kind: 'change', personId: 'p-1', person: { id: 'p-1', erased: true } },
    });
    expect(redactPersons({ people: [{ id: 'p-2', name: 'Bob' }] }, new Set(['p-1']), { email: 'ada@example.com' }).changed).toBe(false);
  });

  it('finds the proposals about someone erased or proposing them', () => {
    const person = { name: 'Ada', email: 'ada@example.com', phone: null, roles: [], backupFor: [], absences: [] };
    expect(proposalMentions({ kind: 'remove', personId: 'p-1' }, new Set(['p-1']), { accountId: 'x' })).toBe(true);
    expect(proposalMentions({ kind: 'add', person }, new Set(), { email: 'ADA@example.com' })).toBe(true);
    expect(proposalMentions({ kind: 'add', person }, new Set(), { accountId: 'x' })).toBe(false);
  });
});

describe('the organisation an engagement links', () => {
});
