import { computeCoverage, isAbsentOn, roleApplies, scoreOf, worstFirst, worstRoleFirst } from '../../src/domain/coverage';
import { copyTemplate, setCounts } from '../../src/domain/template-editing';
import { findBuiltInTemplate } from '../../src/domain/templates';
import {
  coverageInputSchema,
  isCalendarDate,
  organisationCoverageSchema,
  type CoverageInput,
  type CoveragePerson,
  type OrganisationCoverage,
  type RoleCoverage,
} from '../../src/shared/coverage';
import type { Template } from '../../src/shared/templates';

const keyContacts = findBuiltInTemplate('key-contacts')!;
const onboarding = findBuiltInTemplate('onboarding')!;
const engagement = findBuiltInTemplate('service-engagement')!;

const TODAY = '2026-03-10';

function person(id: string, roles: string[], extra: Partial<CoveragePerson> = {}): CoveragePerson {
  return { id, name: `Person ${id}`, roles: roles.map((r) => (r.includes('/') ? r : `key-contacts/${r}`)), absences: [], ...extra };
}

/** A hosted organisation whose key contacts are all met, backed up and present: the baseline each test changes. */
function fullyStaffed(): CoveragePerson[] {
  return [
    person('eu1', ['expert-user']),
    person('cm1', ['contract-manager']),
    person('cm2', ['contract-manager']),
    person('so1', ['service-owner']),
    person('so2', ['service-owner']),
  ];
}

function coverage(people: CoveragePerson[], overrides: Partial<CoverageInput> = {}): OrganisationCoverage {
  return computeCoverage({ templates: [keyContacts], deploymentType: 'hosted', people, today: TODAY, ...overrides });
}

function roleOf(result: OrganisationCoverage, ref: string): RoleCoverage {
  const found = result.roles.find((r) => r.ref === (ref.includes('/') ? ref : `key-contacts/${ref}`));
  if (!found) throw new Error(`no coverage for ${ref}`);
  return found;
}

const statuses = (result: OrganisationCoverage) => Object.fromEntries(result.roles.map((r) => [r.roleKey, r.status]));

describe('coverage: deployment type', () => {
  it('hosted: everything met, the operations technician does not apply and is not missing', () => {
    const result = coverage(fullyStaffed());
    expect(statuses(result)).toEqual({
      'expert-user': 'met',
      'contract-manager': 'met',
      'service-owner': 'met',
      'operations-technician': 'not-applicable',
    });
    expect(roleOf(result, 'operations-technician')).toMatchObject({ required: 0, recommended: 0, flags: { premiumOpportunity: false } });
    expect(result.summary).toMatchObject({ missing: 0, notApplicable: 1, premiumOpportunities: 0 });
  });

  it('installed: the operations technician is required, missing, and a premium-service opportunity', () => {
    const result = coverage(fullyStaffed(), { deploymentType: 'installed' });
    expect(roleOf(result, 'operations-technician')).toMatchObject({
      required: 1,
      recommended: 1,
      holders: [],
      status: 'missing',
      flags: { noBackup: false, absentTodayWithoutBackup: false, premiumOpportunity: true },
    });
    expect(result.summary).toMatchObject({ missing: 1, notApplicable: 0, premiumOpportunities: 1 });
  });

  it('installed with a technician: met', () => {
    const people = [...fullyStaffed(), person('ops', ['operations-technician']), person('ops-deputy', [], { backupFor: ['ops'] })];
    expect(roleOf(coverage(people, { deploymentType: 'installed' }), 'operations-technician')).toMatchObject({
      status: 'met',
      holders: ['ops'],
      flags: { noBackup: false },
    });
  });

  it('lists people holding a role that does not apply, without flagging anything', () => {
    const result = coverage([...fullyStaffed(), person('ops', ['operations-technician'], { absences: [{ from: TODAY, to: TODAY }] })]);
    expect(roleOf(result, 'operations-technician')).toMatchObject({
      status: 'not-applicable',
      holders: ['ops'],
      presentToday: [],
      flags: { noBackup: false, absentTodayWithoutBackup: false, premiumOpportunity: false },
    });
  });
});

describe('coverage: project kinds', () => {
  const onboardingPeople = [
    person('am', ['onboarding/account-manager']),
    person('sa', ['onboarding/solution-architect']),
    person('po', ['onboarding/product-owner']),
  ];
  const tpm = (result: OrganisationCoverage) => roleOf(result, 'onboarding/technical-project-manager').status;

  it('requires a technical project manager on AppOps and AppFlow projects only', () => {
    const run = (projectKind?: CoverageInput['projectKind']) => coverage(onboardingPeople, { templates: [onboarding], ...(projectKind ? { projectKind } : {}) });
    expect(tpm(run('appops'))).toBe('missing');
    expect(tpm(run('appflow'))).toBe('missing');
    expect(tpm(run('standard'))).toBe('not-applicable');
    expect(tpm(run())).toBe('not-applicable');
  });

  it('treats inside sales as recommended, not required', () => {
    const result = coverage(onboardingPeople, { templates: [onboarding], projectKind: 'standard' });
    expect(roleOf(result, 'onboarding/inside-sales')).toMatchObject({ status: 'below-recommended', flags: { noBackup: false } });
  });

  it('roleApplies needs every condition list to match', () => {
    const role = { ...keyContacts.roles[0]!, condition: { deploymentTypes: ['installed' as const], projectKinds: ['appops' as const] } };
    expect(roleApplies(role, { deploymentType: 'installed', projectKind: 'appops' })).toBe(true);
    expect(roleApplies(role, { deploymentType: 'hosted', projectKind: 'appops' })).toBe(false);
    expect(roleApplies(role, { deploymentType: 'installed', projectKind: 'standard' })).toBe(false);
    expect(roleApplies(role, { deploymentType: 'installed' })).toBe(false);
  });
});

describe('coverage: recommended counts and backups', () => {
  const withoutSecond = (id: string) => fullyStaffed().filter((p) => p.id !== id);

  it('one contract manager: below recommended and without backup', () => {
    expect(roleOf(coverage(withoutSecond('cm2')), 'contract-manager')).toMatchObject({
      holders: ['cm1'],
      status: 'below-recommended',
      flags: { noBackup: true, absentTodayWithoutBackup: false, premiumOpportunity: false },
    });
  });

  it('two contract managers: met, and they cover each other', () => {
    expect(roleOf(coverage(fullyStaffed()), 'contract-manager')).toMatchObject({ status: 'met', flags: { noBackup: false } });
  });

  it('a sole service owner with a backup person: still below recommended, but not flagged as without backup', () => {
    const people = [...withoutSecond('so2'), person('deputy', [], { backupFor: ['so1'] })];
    expect(roleOf(coverage(people), 'service-owner')).toMatchObject({ status: 'below-recommended', flags: { noBackup: false } });
  });

  it('a person naming themselves as their own backup does not count', () => {
    const people = withoutSecond('so2').map((p) => (p.id === 'so1' ? { ...p, backupFor: ['so1'] } : p));
    expect(roleOf(coverage(people), 'service-owner').flags.noBackup).toBe(true);
  });

  it('a required role recommending one person still wants a backup for its sole holder', () => {
    expect(roleOf(coverage(fullyStaffed()), 'expert-user')).toMatchObject({ status: 'met', flags: { noBackup: true } });
    const backedUp = [...fullyStaffed(), person('eu-deputy', [], { backupFor: ['eu1'] })];
    expect(roleOf(coverage(backedUp), 'expert-user').flags.noBackup).toBe(false);
  });

  it('an optional role recommending one person does not ask for a backup', () => {
    const result = coverage([person('is', ['onboarding/inside-sales'])], { templates: [onboarding] });
    expect(roleOf(result, 'onboarding/inside-sales')).toMatchObject({ status: 'met', flags: { noBackup: false } });
  });

  it('missing roles are missing, not "without backup"; a missing service owner is a premium opportunity', () => {
    const result = coverage(withoutSecond('so1').filter((p) => p.id !== 'so2'));
    expect(roleOf(result, 'service-owner')).toMatchObject({
      holders: [],
      status: 'missing',
      flags: { noBackup: false, absentTodayWithoutBackup: false, premiumOpportunity: true },
    });
  });

  it('a missing contract manager is missing but not a premium opportunity (not a premium role)', () => {
    const result = coverage(fullyStaffed().filter((p) => !p.id.startsWith('cm')));
    expect(roleOf(result, 'contract-manager')).toMatchObject({ status: 'missing', flags: { premiumOpportunity: false } });
  });

  it('follows a template copy whose counts an admin changed', () => {
    const copy = copyTemplate(keyContacts, 'acme-contacts', { 'en-US': 'ACME', 'fr-FR': 'ACME (fr)' });
    if (!copy.ok) throw new Error(copy.message);
    const edited = setCounts(copy.template, 'expert-user', { required: 2, recommended: 3 });
    if (!edited.ok) throw new Error(edited.message);
    const people = [person('a', ['acme-contacts/expert-user']), person('b', ['acme-contacts/expert-user'])];
    expect(roleOf(coverage(people, { templates: [edited.template] }), 'acme-contacts/expert-user')).toMatchObject({
      required: 2,
      recommended: 3,
      status: 'below-recommended',
    });
  });
});

describe('coverage: absences', () => {
  const soleServiceOwnerAway = (from: string, to: string): CoveragePerson[] =>
    fullyStaffed()
      .filter((p) => p.id !== 'so2')
      .map((p) => (p.id === 'so1' ? { ...p, absences: [{ from, to }] } : p));

  it('flags a role whose only holder is away today with nobody to stand in', () => {
    const result = coverage(soleServiceOwnerAway('2026-03-02', TODAY));
    expect(roleOf(result, 'service-owner')).toMatchObject({ holders: ['so1'], presentToday: [], flags: { absentTodayWithoutBackup: true } });
    expect(result.summary.absentTodayWithoutBackup).toBe(1);
  });

  it('stops flagging it the day after the absence ends: only the date changed', () => {
    const people = soleServiceOwnerAway('2026-03-02', TODAY);
    expect(roleOf(coverage(people, { today: '2026-03-11' }), 'service-owner')).toMatchObject({
      presentToday: ['so1'],
      flags: { absentTodayWithoutBackup: false },
    });
    expect(roleOf(coverage(people, { today: '2026-03-01' }), 'service-owner').flags.absentTodayWithoutBackup).toBe(false);
    expect(roleOf(coverage(people, { today: '2026-03-02' }), 'service-owner').flags.absentTodayWithoutBackup).toBe(true);
  });

  it('does not flag an absence when a backup is present, but does when the backup is away too', () => {
    const backup = (absences: CoveragePerson['absences']) => person('deputy', [], { backupFor: ['so1'], absences });
    const present = coverage([...soleServiceOwnerAway('2026-03-09', '2026-03-12'), backup([])]);
    expect(roleOf(present, 'service-owner').flags).toEqual({ noBackup: false, absentTodayWithoutBackup: false, premiumOpportunity: false });
    const away = coverage([...soleServiceOwnerAway('2026-03-09', '2026-03-12'), backup([{ from: TODAY, to: '2026-03-20' }])]);
    expect(roleOf(away, 'service-owner').flags.absentTodayWithoutBackup).toBe(true);
  });

  it('does not flag a role when one of two holders is still present', () => {
    const people = fullyStaffed().map((p) => (p.id === 'cm1' ? { ...p, absences: [{ from: TODAY, to: TODAY }] } : p));
    expect(roleOf(coverage(people), 'contract-manager')).toMatchObject({ presentToday: ['cm2'], flags: { absentTodayWithoutBackup: false } });
  });

  it('flags a role when both holders are away on the same day', () => {
    const people = fullyStaffed().map((p) => (p.id.startsWith('cm') ? { ...p, absences: [{ from: '2026-03-10', to: '2026-03-10' }] } : p));
    expect(roleOf(coverage(people), 'contract-manager')).toMatchObject({ status: 'met', presentToday: [], flags: { absentTodayWithoutBackup: true } });
  });

  it('counts absence days inclusively and across months and years', () => {
    const p = { absences: [{ from: '2025-12-30', to: '2026-01-02' }] };
    expect(['2025-12-29', '2025-12-30', '2026-01-01', '2026-01-02', '2026-01-03'].map((d) => isAbsentOn(p, d))).toEqual([false, true, true, true, false]);
  });

  it('refuses a today that is not a calendar day', () => {
    expect(() => coverage(fullyStaffed(), { today: '2026-02-30' })).toThrow(RangeError);
    expect(() => coverage(fullyStaffed(), { today: '10/03/2026' })).toThrow(RangeError);
  });
});

describe('coverage: people and roles', () => {
  it('counts one person in several roles for each of them', () => {
    const people = [person('all', ['expert-user', 'contract-manager', 'service-owner', 'operations-technician'])];
    const result = coverage(people, { deploymentType: 'installed' });
    expect(result.roles.map((r) => [r.roleKey, r.holders, r.status])).toEqual([
      ['expert-user', ['all'], 'met'],
      ['contract-manager', ['all'], 'below-recommended'],
      ['service-owner', ['all'], 'below-recommended'],
      ['operations-technician', ['all'], 'met'],
    ]);
    expect(result.summary.missing).toBe(0);
  });

  it('one absence of a multi-role person uncovers each of their roles', () => {
    const people = [person('all', ['expert-user', 'service-owner'], { absences: [{ from: TODAY, to: TODAY }] }), person('cm', ['contract-manager'])];
    const result = coverage(people);
    expect(result.roles.filter((r) => r.flags.absentTodayWithoutBackup).map((r) => r.roleKey)).toEqual(['expert-user', 'service-owner']);
  });

  it('ignores roles of templates not given, unknown backup ids, and repeated templates', () => {
    const people = [...fullyStaffed(), person('x', ['old-template/some-role', 'key-contacts/removed-role'], { backupFor: ['ghost'] })];
    const result = coverage(people, { templates: [keyContacts, keyContacts] });
    expect(result.roles.map((r) => r.ref)).toEqual(keyContacts.roles.map((r) => `key-contacts/${r.key}`));
    expect(result.roles.every((r) => !r.holders.includes('x'))).toBe(true);
  });

  it('checks only the sides asked for', () => {
    const result = coverage([], { templates: [engagement], sides: ['client'] });
    expect(result.roles.map((r) => r.roleKey)).toEqual(['engagement-sponsor', 'engagement-lead', 'technical-support-staff']);
  });

  it('answers a result the shared schema accepts, for an input the shared schema accepts', () => {
    const input: CoverageInput = {
      templates: [keyContacts, engagement],
      deploymentType: 'installed',
      people: [...fullyStaffed(), person('sp', ['service-engagement/engagement-sponsor'], { absences: [{ from: TODAY, to: '2026-03-31' }] })],
      today: TODAY,
    };
    expect(coverageInputSchema.parse(input)).toEqual(input);
    const result = computeCoverage(input);
    expect(organisationCoverageSchema.parse(result)).toEqual(result);
  });
});

describe('coverage score', () => {
  it('is 100 when every role is met, backed up and present; not-applicable roles do not count', () => {
    const people = [...fullyStaffed(), person('eu-deputy', [], { backupFor: ['eu1'] })];
    expect(coverage(people).score).toBe(100);
  });

  it('is 100 when no role counts (nothing required or recommended)', () => {
    expect(scoreOf([])).toBe(100);
  });

  it('follows the documented formula', () => {
    // Hosted key contacts: three required roles (weight 3 each), operations technician not applicable.
    // expert-user met without backup: 1 − 0.15 = 0.85; contract-manager below recommended, no backup: 0.7 − 0.15 = 0.55;
    // service-owner missing: 0. Score = round(100 × 3 × (0.85 + 0.55 + 0) / 9) = round(46.67) = 47.
    const people = [person('eu1', ['expert-user']), person('cm1', ['contract-manager'])];
    expect(coverage(people).score).toBe(47);
  });

  it('orders situations from worst to best', () => {
    // Three required roles of weight 3; the service owner's health is what changes:
    // missing 0 → 67; sole holder away today, no backup 0.7 − 0.15 − 0.5 = 0.05 → 68; one contract manager instead
    // 0.55 → 85; sole service owner backed up 0.7 → 90.
    const backed = [...fullyStaffed(), person('eu-deputy', [], { backupFor: ['eu1'] })];
    const scores = {
      nobody: coverage([]).score,
      serviceOwnerMissing: coverage(backed.filter((p) => !p.id.startsWith('so'))).score,
      soleServiceOwnerAway: coverage([...backed.filter((p) => p.id !== 'so2').map((p) => (p.id === 'so1' ? { ...p, absences: [{ from: TODAY, to: TODAY }] } : p))]).score,
      oneContractManager: coverage(backed.filter((p) => p.id !== 'cm2')).score,
      soleServiceOwnerBackedUp: coverage([...backed.filter((p) => p.id !== 'so2'), person('so-deputy', [], { backupFor: ['so1'] })]).score,
      complete: coverage(backed).score,
    };
    expect(scores).toEqual({
      nobody: 0,
      serviceOwnerMissing: 67,
      soleServiceOwnerAway: 68,
      oneContractManager: 85,
      soleServiceOwnerBackedUp: 90,
      complete: 100,
    });
  });
});

describe('worstFirst', () => {
  const summary = (over: Partial<OrganisationCoverage['summary']> = {}): OrganisationCoverage['summary'] => ({
    met: 0,
    belowRecommended: 0,
    missing: 0,
    notApplicable: 0,
    noBackup: 0,
    absentTodayWithoutBackup: 0,
    premiumOpportunities: 0,
    ...over,
  });
  const org = (name: string, score: number, over: Partial<OrganisationCoverage['summary']> = {}) => ({ name, score, summary: summary(over) });

  it('sorts by score, then missing, absent today, below recommended and no backup; equal ones keep their order', () => {
    const list = [
      org('good', 100),
      org('alpha', 80, { noBackup: 2 }),
      org('beta', 80, { missing: 1 }),
      org('gamma', 80, { belowRecommended: 1 }),
      org('delta', 80, { absentTodayWithoutBackup: 1 }),
      org('epsilon', 80),
      org('zeta', 80),
      org('bad', 10),
    ];
    expect([...list].sort(worstFirst).map((o) => o.name)).toEqual(['bad', 'beta', 'delta', 'gamma', 'alpha', 'epsilon', 'zeta', 'good']);
  });

  it('sorts real coverage results worst first', () => {
    const installed = (people: CoveragePerson[]) => coverage(people, { deploymentType: 'installed' });
    const list = [
      { name: 'complete', ...installed([...fullyStaffed(), person('ops', ['operations-technician']), person('d', [], { backupFor: ['eu1', 'ops'] })]) },
      { name: 'empty', ...installed([]) },
      { name: 'no-technician', ...installed(fullyStaffed()) },
    ];
    expect(list.sort(worstFirst).map((o) => o.name)).toEqual(['empty', 'no-technician', 'complete']);
  });

  it('orders an organisation’s roles worst first, roles that do not apply last', () => {
    const result = coverage([person('cm1', ['contract-manager']), person('so1', ['service-owner']), person('so2', ['service-owner'])]);
    expect([...result.roles].sort(worstRoleFirst).map((r) => `${r.roleKey}:${r.status}`)).toEqual([
      'expert-user:missing',
      'contract-manager:below-recommended',
      'service-owner:met',
      'operations-technician:not-applicable',
    ]);
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-03-10', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-3-10', false],
    ['2026-03-10T00:00:00Z', false],
  ])('%s → %s', (value, valid) => {
    expect(isCalendarDate(value)).toBe(valid);
  });

  it('refuses an absence that ends before it starts', () => {
    const input = { templates: [] as Template[], deploymentType: 'hosted', people: [person('a', [], { absences: [{ from: '2026-03-10', to: '2026-03-09' }] })], today: TODAY };
    expect(coverageInputSchema.safeParse(input).success).toBe(false);
  });
});
