import { worstFirst } from '../../src/domain/coverage';
import { coverageRankOf, customerViewOf, gapsOf, nameKeyOf, rankFor, registerCoverage, todayOf } from '../../src/domain/register-coverage';
import { BUILT_IN_TEMPLATES } from '../../src/domain/templates';
import type { OrganisationRegister, Person } from '../../src/shared/registers';

const person = (id: string, roles: string[], extra: Partial<Person> = {}): Person => ({ id, name: id, email: `${id}@example.com`, phone: null, accountId: null, roles, backupFor: [], absences: [], ...extra });
const register = (people: Person[], extra: Partial<OrganisationRegister> = {}): OrganisationRegister => ({
  id: 'org-abcd1234',
  name: 'Org',
  jsmOrganizationId: null,
  deploymentType: 'hosted',
  projectKind: null,
  templateKeys: ['key-contacts', 'service-engagement'],
  people,
  version: 1,
  updatedAt: '',
  updatedBy: '',
  ...extra,
});

describe('register coverage', () => {
  it('takes today as the UTC calendar day', () => {
    expect(todayOf(new Date('2031-03-04T23:59:59.999Z'))).toBe('2031-03-04');
    expect(todayOf(new Date('2031-03-05T00:30:00+02:00'))).toBe('2031-03-04');
  });

  it('sorts names without accents or case', () => {
    expect(nameKeyOf('  Lumière   Conseil ')).toBe('lumiere conseil');
    expect([nameKeyOf('Zeta'), nameKeyOf('émile'), nameKeyOf('Adam')].sort()).toEqual(['adam', 'emile', 'zeta']);
  });

  it('ranks as a string in the same order as worstFirst', () => {
    const today = '2031-06-01';
    const samples = [
      register([]),
      register([person('a', ['key-contacts/service-owner', 'key-contacts/contract-manager', 'key-contacts/expert-user'])]),
      register([person('a', ['key-contacts/service-owner', 'key-contacts/contract-manager', 'key-contacts/expert-user']), person('b', ['key-contacts/service-owner', 'key-contacts/contract-manager', 'key-contacts/expert-user'])], {
        templateKeys: ['key-contacts'],
      }),
      register([person('a', ['key-contacts/expert-user'], { absences: [{ from: today, to: today }] })], { deploymentType: 'installed', templateKeys: ['key-contacts'] }),
      register([person('a', ['key-contacts/expert-user', 'key-contacts/service-owner'])], { templateKeys: ['key-contacts'] }),
    ].map((r, i) => ({ ...r, name: `Org ${i}` }));
    const coverages = samples.map((r) => ({ name: r.name, coverage: registerCoverage(r, BUILT_IN_TEMPLATES, today) }));
    const byRank = [...coverages].sort((a, b) => (coverageRankOf(a.coverage, a.name) < coverageRankOf(b.coverage, b.name) ? -1 : 1)).map((c) => c.name);
    const byRule = [...coverages].sort((a, b) => worstFirst(a.coverage, b.coverage) || (a.name < b.name ? -1 : 1)).map((c) => c.name);
    expect(byRank).toEqual(byRule);
    expect(rankFor(samples[2]!, BUILT_IN_TEMPLATES, today).score).toBe(100);
  });

  it('lists the gaps worst first', () => {
    const coverage = registerCoverage(register([person('a', ['key-contacts/contract-manager'])], { deploymentType: 'installed', templateKeys: ['key-contacts'] }), BUILT_IN_TEMPLATES, '2031-06-01');
    const gaps = gapsOf(coverage);
    expect(gaps.slice(0, 3).map((g) => g.status)).toEqual(['missing', 'missing', 'missing']);
    expect(gaps.at(-1)).toMatchObject({ ref: 'key-contacts/contract-manager', status: 'below-recommended', noBackup: true });
    expect(gaps.filter((g) => g.premiumOpportunity).map((g) => g.ref).sort()).toEqual(['key-contacts/operations-technician', 'key-contacts/service-owner']);
  });

  it('shows customers their own people and client roles only', () => {
    const view = customerViewOf(
      register([
        person('client', ['key-contacts/service-owner'], { backupFor: ['vendor'] }),
        person('vendor', ['service-engagement/account-manager']),
        person('both', ['service-engagement/service-provider', 'service-engagement/engagement-lead'], { backupFor: ['client'] }),
        person('unassigned', []),
      ]),
      BUILT_IN_TEMPLATES,
    );
    expect(view.people.map((p) => [p.id, p.roles, p.backupFor])).toEqual([
      ['client', ['key-contacts/service-owner'], []],
      ['both', ['service-engagement/engagement-lead'], ['client']],
      ['unassigned', [], []],
    ]);
  });
});
