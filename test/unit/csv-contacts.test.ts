import fs from 'node:fs';
import path from 'node:path';
import { CONTACT_COLUMNS, contactsToCsv, coverageToCsv, parseContactsCsv, planImport, type ParsedContactRow } from '../../src/domain/csv-contacts';
import { BUILT_IN_TEMPLATES } from '../../src/domain/templates';
import { checkPerson, type RegisterContent } from '../../src/domain/register-editing';
import { IMPORT_REASON_CODES, IMPORT_REASON_VALUES, MAX_PEOPLE_PER_REGISTER, type ImportRowReason, type Person } from '../../src/shared/registers';
import { describeImportReason } from '../../static/admin/src/import-reasons';

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
    expect(rows[1]!.reasons).toEqual([
      { code: 'INVALID_CELL', column: 'email', message: expect.stringMatching(/^email:/) },
      { code: 'INVALID_CELL', column: 'phone', message: expect.stringMatching(/^phone:/) },
      { code: 'INVALID_CELL', column: 'absences', message: expect.stringMatching(/^absences:/) },
    ]);
  });

  it('refuses a bad person id, a row with the wrong number of cells, and a row the parser cannot read, each with its code', () => {
    const rows = rowsOf('person_id,name,email\nP X,Ada,ada@example.com\np-b,Bob\np-c,"Cy,cy@example.com\n');
    expect(rows[0]!.reasons).toEqual([{ code: 'INVALID_CELL', column: 'person_id', message: expect.stringContaining('P X') }]);
    expect(rows[1]!.reasons).toEqual([{ code: 'CELL_COUNT', values: { cells: 2, header: 3 }, message: 'The row has 2 cells; the header has 3.' }]);
    expect(rows[2]!.reasons).toEqual([{ code: 'UNREADABLE_ROW', message: expect.stringMatching(/^The row could not be read/) }]);
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
    expect(plan.rows[1]!.reasons).toEqual([{ code: 'UNKNOWN_ROLE', column: 'roles', values: { role: 'key-contacts/nope' }, message: expect.stringContaining('key-contacts/nope') }]);
    expect(plan.rows[0]!.reasons).toEqual([{ code: 'UNKNOWN_BACKUP', column: 'backup_for', values: { id: 'p-b' }, message: expect.stringContaining('p-b') }]);
  });

  it('refuses a row whose id and email name two different people, and a second row for the same person', () => {
    const existing = register([person('p-x'), person('p-y')]);
    const plan = planImport(existing, rowsOf('person_id,name,email\np-x,X,p-y@example.com\np-z,Z,z@example.com\np-q,Z again,Z@example.com\n'), BUILT_IN_TEMPLATES, newId);
    expect(plan.rows.map((r) => r.outcome)).toEqual(['rejected', 'added', 'rejected']);
    expect(plan.rows[0]!.reasons).toEqual([{ code: 'EMAIL_OF_OTHER', column: 'email', values: { email: 'p-y@example.com', personId: 'p-y' }, message: expect.stringContaining('another person') }]);
    expect(plan.rows[2]!.reasons).toEqual([{ code: 'SAME_PERSON_AS_ROW', values: { row: 3 }, message: expect.stringContaining('row 3') }]);
  });

  it('needs a name to add someone when the file has no name column', () => {
    const plan = planImport(register([]), rowsOf('email\nnew@example.com\n'), BUILT_IN_TEMPLATES, newId);
    expect(plan.rows[0]).toMatchObject({ outcome: 'rejected', reasons: [{ code: 'NAME_MISSING', column: 'name', message: expect.stringMatching(/^name:/) }] });
  });

  it('refuses someone backing themselves up, and a register with no room, and then the rows backing up who was refused', () => {
    const own = planImport(register([]), rowsOf('person_id,name,email,backup_for\np-a,A,a@example.com,p-a\n'), BUILT_IN_TEMPLATES, newId);
    expect(own.rows[0]!.reasons).toEqual([{ code: 'OWN_BACKUP', column: 'backup_for', message: 'A person cannot be their own backup.' }]);

    const almostFull = register(Array.from({ length: MAX_PEOPLE_PER_REGISTER - 1 }, (_, i) => person(`p-${i}`)));
    const plan = planImport(almostFull, rowsOf('person_id,name,email,backup_for\np-in,In,in@example.com,\np-out,Out,out@example.com,\np-0,Zero,p-0@example.com,p-out\n'), BUILT_IN_TEMPLATES, newId);
    expect(plan.rows.map((r) => [r.row, r.outcome, r.reasons.map((x) => x.code)])).toEqual([
      [2, 'added', []],
      [3, 'rejected', ['REGISTER_FULL']],
      [4, 'rejected', ['BACKUP_NOT_IMPORTED']],
    ]);
    expect(plan.rows[1]!.reasons[0]).toMatchObject({ values: { max: MAX_PEOPLE_PER_REGISTER } });
    expect(plan.rows[2]!.reasons[0]).toMatchObject({ column: 'backup_for', values: { ids: 'p-out' } });
  });

  it('gives a register edit the reason an import reports: a duplicate email names the address and who has it', () => {
    const people = [person('p-a', { name: 'Ann' }), person('p-b', { email: 'P-A@example.com' })];
    const checked = checkPerson(people[1]!, undefined, people, ['key-contacts'], BUILT_IN_TEMPLATES);
    expect(checked).toMatchObject({ ok: false, code: 'DUPLICATE_EMAIL', reason: { code: 'DUPLICATE_EMAIL', column: 'email', values: { email: 'P-A@example.com', name: 'Ann' } } });
  });

  it('puts in every reason the values its code promises', () => {
    const reasons: ImportRowReason[] = [];
    const collect = (rows: Array<{ reasons: ImportRowReason[] }>) => rows.forEach((r) => reasons.push(...r.reasons));
    collect(rowsOf('person_id,name,email,phone\nBAD,A,a,1\np-b,B\np-c,"C,c@example.com,\n'));
    collect(planImport(register([person('p-x'), person('p-y')]), rowsOf('person_id,name,email,roles,backup_for\np-x,X,p-y@example.com,,\np-z,Z,z@example.com,key-contacts/nope,\np-q,Q,q@example.com,,p-q\np-r,R,r@example.com,,p-none\np-s,S,s@example.com,,\np-t,T,S@example.com,,\n'), BUILT_IN_TEMPLATES, newId).rows);
    collect(planImport(register([]), rowsOf('email\nnew@example.com\n'), BUILT_IN_TEMPLATES, newId).rows);
    const codes = new Set(reasons.map((r) => r.code));
    expect(codes.size).toBeGreaterThanOrEqual(9);
    for (const reason of reasons) {
      expect(IMPORT_REASON_CODES).toContain(reason.code);
      expect(Object.keys(reason.values ?? {})).toEqual(expect.arrayContaining([...IMPORT_REASON_VALUES[reason.code]]));
      expect(reason.message).not.toBe('');
    }
  });
});

describe('import reasons as the admin page words them', () => {
  type Catalogue = { [key: string]: string | Catalogue };
  const catalogue = (locale: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../locales', `${locale}.json`), 'utf8')) as Catalogue;
  const translator = (locale: string) => {
    const messages = catalogue(locale);
    return (key: string, vars: Record<string, string | number> = {}): string => {
      const text = key.split('.').reduce<string | Catalogue | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), messages);
      if (typeof text !== 'string') return key;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (vars[name] === undefined ? whole : String(vars[name])));
    };
  };
  const en = translator('en-US');
  const fr = translator('fr-FR');

  it('words every code in both languages, with the values it names, and never shows the English message on a French page', () => {
    const reasons: ImportRowReason[] = IMPORT_REASON_CODES.map((code) => ({
      code,
      ...(code === 'INVALID_CELL' ? { column: 'phone' as const } : {}),
      values: Object.fromEntries(IMPORT_REASON_VALUES[code].map((name) => [name, `«${name}»`])),
      message: `English message of ${code}`,
    }));
    for (const t of [en, fr]) {
      for (const reason of reasons) {
        const text = describeImportReason(t, reason);
        expect(text).not.toMatch(/^admin\./);
        expect(text).not.toContain('English message');
        expect(text).not.toMatch(/\{\w+\}/);
        for (const name of IMPORT_REASON_VALUES[reason.code]) {
          if (!['personId', 'ids'].includes(name)) expect(text).toContain(`«${name}»`);
        }
      }
    }
    expect(describeImportReason(fr, { code: 'SAME_PERSON_AS_ROW', values: { row: 2 }, message: 'The same person as row 2; give each person one row.' })).toBe('Même personne qu’à la ligne 2 : une seule ligne par personne.');
    expect(describeImportReason(en, { code: 'CELL_COUNT', values: { cells: 2, header: 4 }, message: 'x' })).toBe('The row has 2 cells; the header has 4.');
    expect(describeImportReason(fr, { code: 'INVALID_CELL', column: 'email', message: 'email: Invalid email.' })).toBe(fr('admin.csv.reason.column.email'));
    expect(describeImportReason(fr, { code: 'INVALID_CELL', message: 'row: Invalid.' })).toBe('Une cellule de cette ligne contient une valeur inutilisable.');
  });

  it('says "refused" in the page\'s language for a code it does not know, or a reason without the values its text needs', () => {
    const unknown = { code: 'SOMETHING_NEW', message: 'Something new went wrong.' } as unknown as ImportRowReason;
    expect(describeImportReason(en, unknown)).toBe('This row was refused.');
    expect(describeImportReason(fr, unknown)).toBe('Cette ligne a été refusée.');
    expect(describeImportReason(fr, { code: 'UNKNOWN_ROLE', message: '"x" is not a role of this organisation\'s templates.' })).toBe('Cette ligne a été refusée.');
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
