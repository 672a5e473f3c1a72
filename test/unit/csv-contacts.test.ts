import { CONTACT_COLUMNS, contactsToCsv, coverageToCsv, parseContactsCsv, planImport, type ParsedContactRow } from '../../src/domain/csv-contacts';
import { BUILT_IN_TEMPLATES } from '../../src/domain/templates';
import type { RegisterContent } from '../../src/domain/register-editing';
import type { Person } from '../../src/shared/registers';

const person = (id: string, extra: Partial<Person> = {}): Person => ({
  id,
  name: `Name ${id}`,
  email: `${id}@example.com`,
  phone: null,
  accountId: null,
  roles: [],
  backupFor: [],
  absences: [],
  ...extra,
});

const register = (people: Person[]): RegisterContent => ({ name: 'Org', deploymentType: 'hosted', projectKind: null, templateKeys: ['key-contacts'], people });

let counter = 0;
const newId = () => `p-new${(counter += 1)}`;

function rowsOf(csv: string): ParsedContactRow[] {
  const parsed = parseContactsCsv(csv);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rows;
}

describe('contacts CSV', () => {
  it('writes a stable header and reads back exactly what it wrote, awkward values included', () => {
    const people = [
      person('p-a', { name: 'Zoë "Zed", Müller', phone: '+49 30 1234 5678', accountId: '557058:abc', roles: ['key-contacts/service-owner', 'key-contacts/expert-user'], absences: [{ from: '2031-01-01', to: '2031-01-02' }] }),
      person('p-b', { name: '@SUM(A1:A9)', email: 'b@example.com', backupFor: ['p-a'] }),
      person('p-c', { name: 'Line\nbreak' }),
    ];
    const csv = contactsToCsv(people);
    expect(csv.split('\r\n')[0]).toBe(CONTACT_COLUMNS.join(','));
    expect(csv).toContain("'@SUM(A1:A9)");
    expect(csv).toContain("'+49 30 1234 5678");
    const plan = planImport(register([]), rowsOf(csv), BUILT_IN_TEMPLATES, newId);
    expect(plan.rows.map((r) => r.outcome)).toEqual(['added', 'added', 'added']);
    expect(plan.changes.map((c) => c.person)).toEqual(people);
  });

  it('answers a header-only CSV for a register with nobody', () => {
    expect(contactsToCsv([])).toBe(`${CONTACT_COLUMNS.join(',')}\r\n`);
  });

  it('reads ";" or tab separated files, a byte-order mark and header names in any case', () => {
    for (const text of ['\uFEFFName;EMAIL\r\nAda;ada@example.com\r\n', 'name\temail\nAda\tada@example.com\n']) {
      const rows = rowsOf(text);
      expect(rows).toEqual([{ row: 2, personId: null, fields: { name: 'Ada', email: 'ada@example.com' }, reasons: [] }]);
    }
  });

  it.each([
    ['an empty file', ''],
    ['no email column', 'name,phone\nAda,+44 20 7946 0000\n'],
    ['a repeated column', 'name,email,email\nA,a@example.com,b@example.com\n'],
  ])('refuses %s as a whole', (_what, text) => {
    expect(parseContactsCsv(text)).toMatchObject({ ok: false });
  });

  it('numbers rows as records after the header and gives every reason of a bad row', () => {
    const rows = rowsOf('name,email,phone,absences\n\n"Multi\nline",ok@example.com,,\nBad,bad,12,2031-13-01\n');
    expect(rows[0]).toMatchObject({ row: 3, reasons: [] });
    expect(rows[1]!.row).toBe(4);
    expect(rows[1]!.reasons).toEqual([expect.stringMatching(/^email:/), expect.stringMatching(/^phone:/), expect.stringMatching(/^absences:/)]);
  });

  it('matches existing people by id, then by email, keeps absent columns, and reports unchanged rows', () => {
    const existing = register([person('p-x', { phone: '+44 20 7946 0000', roles: ['key-contacts/expert-user'] }), person('p-y')]);
    const plan = planImport(existing, rowsOf('email,name\nP-X@example.com,Name p-x\np-y@example.com,Renamed\n'), BUILT_IN_TEMPLATES, newId);
    expect(plan.rows.map((r) => [r.row, r.outcome, r.personId])).toEqual([
      [2, 'updated', 'p-x'],
      [3, 'updated', 'p-y'],
    ]);
    expect(plan.changes[0]!.person).toMatchObject({ id: 'p-x', email: 'P-X@example.com', phone: '+44 20 7946 0000', roles: ['key-contacts/expert-user'] });
    const same = planImport(existing, rowsOf(contactsToCsv(existing.people)), BUILT_IN_TEMPLATES, newId);
    expect(same.rows.every((r) => r.outcome === 'unchanged')).toBe(true);
    expect(same.changes).toEqual([]);
  });

  it('lets a row back up someone added further down, and rejects rows that depended on a rejected one', () => {
    const plan = planImport(
      register([]),
      rowsOf('person_id,name,email,roles,backup_for\np-a,A,a@example.com,,p-b\np-b,B,b@example.com,key-contacts/nope,\np-c,C,c@example.com,,p-d\np-d,D,d@example.com,,\n'),
      BUILT_IN_TEMPLATES,
      newId,
    );
    expect(plan.rows.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'added', 'added']);
    expect(plan.rows[1]!.reasons[0]).toContain('key-contacts/nope');
    expect(plan.rows[0]!.reasons[0]).toContain('p-b');
  });

  it('refuses a row whose id and email name two different people, and a second row for the same person', () => {
    const existing = register([person('p-x'), person('p-y')]);
    const plan = planImport(existing, rowsOf('person_id,name,email\np-x,X,p-y@example.com\np-z,Z,z@example.com\np-q,Z again,Z@example.com\n'), BUILT_IN_TEMPLATES, newId);
    expect(plan.rows.map((r) => r.outcome)).toEqual(['rejected', 'added', 'rejected']);
    expect(plan.rows[0]!.reasons[0]).toContain('another person');
    expect(plan.rows[2]!.reasons[0]).toContain('row 3');
  });

  it('needs a name to add someone when the file has no name column', () => {
    const plan = planImport(register([]), rowsOf('email\nnew@example.com\n'), BUILT_IN_TEMPLATES, newId);
    expect(plan.rows[0]).toMatchObject({ outcome: 'rejected', reasons: [expect.stringMatching(/^name:/)] });
  });
});

describe('coverage CSV', () => {
  it('writes one row per organisation with its gaps, the header only on the first page', () => {
    const item = {
      registerId: 'jsm-4',
      name: 'Fabrikam Metal',
      jsmOrganizationId: '4',
      deploymentType: 'installed' as const,
      score: 62,
      summary: { met: 2, belowRecommended: 1, missing: 1, notApplicable: 0, noBackup: 1, absentTodayWithoutBackup: 0, premiumOpportunities: 1 },
      gaps: [
        { ref: 'key-contacts/operations-technician', status: 'missing', noBackup: false, absentTodayWithoutBackup: false, premiumOpportunity: true },
        { ref: 'key-contacts/contract-manager', status: 'below-recommended', noBackup: true, absentTodayWithoutBackup: false, premiumOpportunity: false },
      ],
    };
    const first = coverageToCsv([item], '2031-05-04', true);
    expect(first).toBe(
      'organisation_id,organisation,jsm_organization_id,deployment_type,day,score,missing,below_recommended,no_backup,absent_today_without_backup,premium_opportunities,gaps\r\n' +
        'jsm-4,Fabrikam Metal,4,installed,2031-05-04,62,1,1,1,0,1,key-contacts/operations-technician:missing+premium;key-contacts/contract-manager:below-recommended+no-backup\r\n',
    );
    expect(coverageToCsv([item], '2031-05-04', false).startsWith('jsm-4,')).toBe(true);
    expect(coverageToCsv([], '2031-05-04', false)).toBe('');
  });
});
