/**
 * CSV on the admin page: a register's contacts exported and imported back (the round trip), an import with bad rows
 * (each reported with its row and reasons, the good rows applied), and a dry run.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { assertContracts, invoke, kvsWritesSince, startTestHost } from '../support/sandbox';
import type { ImportReasonCode, ImportRowReason, ImportRowReport } from '../../src/shared/registers';

let host: ForgeHost;
let source: string;

const admin = (key: string, payload: unknown = {}) => invoke(host, 'admin', key, 'admin', payload);
const people = async (registerId: string) => (await admin('register/get', { registerId })).body.register.people;

async function organisation(name: string): Promise<string> {
  const created = await admin('organisations/create', { source: { kind: 'name', name }, deploymentType: 'installed', templateKeys: ['key-contacts', 'service-engagement'] });
  return created.body.register.id;
}

beforeAll(async () => {
  host = await startTestHost('empty');
  source = await organisation('Round Trip GmbH');
  const base = { accountId: null, backupFor: [], absences: [] };
  const first = await admin('register/update', {
    registerId: source,
    expectedVersion: 1,
    changes: [
      { kind: 'person/add', person: { ...base, name: 'Zoë "Zed" Müller, PhD', email: 'zoe@roundtrip.example', phone: '+49 30 1234 5678', roles: ['key-contacts/service-owner', 'service-engagement/engagement-sponsor'], absences: [{ from: '2031-07-01', to: '2031-07-14' }, { from: '2031-12-24', to: '2031-12-24' }] } },
      { kind: 'person/add', person: { ...base, name: '=HYPERLINK("http://evil.example")', email: 'formula@roundtrip.example', phone: null, roles: ['key-contacts/expert-user'] } },
    ],
  });
  const zoe = first.body.register.people[0].id;
  await admin('register/update', {
    registerId: source,
    expectedVersion: 2,
    changes: [{ kind: 'person/add', person: { ...base, name: 'Otto Ops', email: 'otto@roundtrip.example', phone: '+49 (30) 555-0100', accountId: '712020:5e1d0c00-0000-4000-8000-000000000099', roles: ['key-contacts/operations-technician'], backupFor: [zoe] } }],
  });
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

describe('export and import', () => {
  let csv: string;

  it('exports the register with a stable header, lists joined by ";", and formulas neutralised', async () => {
    const exported = await admin('register/export-csv', { registerId: source });
    expect(exported.ok).toBe(true);
    csv = exported.body.csv;
    expect(exported.body.filename).toMatch(new RegExp(`^${source}-contacts-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('person_id,name,email,phone,account_id,roles,backup_for,absences');
    expect(lines[1]).toContain('"Zoë ""Zed"" Müller, PhD"');
    expect(lines[1]).toContain('2031-07-01/2031-07-14;2031-12-24/2031-12-24');
    expect(lines[1]).toContain("'+49 30 1234 5678");
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it('imports its own export as "unchanged" without writing anything', async () => {
    const seq = host.log.since(0).next;
    const report = await admin('contacts/import-csv', { registerId: source, csv });
    expect(report.body.counts).toEqual({ added: 0, updated: 0, unchanged: 3, rejected: 0, 'not-applied': 0 });
    expect(report.body.version).toBe(3);
    expect(kvsWritesSince(host, seq)).toBe(0);
  });

  it('imports the export into another organisation and gives the same people', async () => {
    const target = await organisation('Copy AB');
    const report = await admin('contacts/import-csv', { registerId: target, csv });
    expect(report.body.counts).toMatchObject({ added: 3, rejected: 0 });
    expect(report.body.rows.map((r: { row: number }) => r.row)).toEqual([2, 3, 4]);
    expect(await people(target)).toEqual(await people(source));
    const history = (await admin('register/history', { registerId: target })).body.items;
    expect(history[0]).toMatchObject({ action: 'register.import' });
  });
});

describe('an import with bad rows', () => {
  it('reports each rejected row with its number and reasons, and applies the good rows whole', async () => {
    const target = await organisation('Mixed Bag SA');
    const csv = [
      'Name;Email;Phone;Roles;Backup_For;Absences;Notes',
      'Good Person;good@mixed.example;+33 1 23 45 67 89;key-contacts/service-owner;;2031-01-05/2031-01-09;fine',
      'No Email;;+33 1 23 45 67 89;;;;',
      'Bad Phone;badphone@mixed.example;01 23 45 67 89;;;;',
      'Bad Role;badrole@mixed.example;;onboarding/account-manager;;;',
      'Bad Backup;badbackup@mixed.example;;;p-nobody;;',
      'Bad Dates;baddates@mixed.example;;;;2031-02-30/2031-03-01;',
      'Reversed;reversed@mixed.example;;;;2031-03-09/2031-03-01;',
      'Again;GOOD@mixed.example;;;;;',
      'Short;row',
      '',
      'Second Good;second@mixed.example;;key-contacts/expert-user;;;',
    ].join('\n');
    const report = await admin('contacts/import-csv', { registerId: target, csv });
    expect(report.ok).toBe(true);
    const byRow = Object.fromEntries(report.body.rows.map((r: ImportRowReport) => [r.row, r]));
    // Each rejected row says why with one reason: its stable code, the column and the values it names, and an English message.
    const refused = (row: number, code: ImportReasonCode, extra: Partial<ImportRowReason> = {}) => {
      expect(byRow[row]?.outcome).toBe('rejected');
      expect(byRow[row]?.reasons).toEqual([{ code, message: expect.any(String), ...extra }]);
    };
    expect(byRow[2]).toMatchObject({ outcome: 'added', reasons: [] });
    refused(3, 'INVALID_CELL', { column: 'email' });
    refused(4, 'INVALID_CELL', { column: 'phone', message: expect.stringMatching(/^phone: .*international/) });
    refused(5, 'UNKNOWN_ROLE', { column: 'roles', values: { role: 'onboarding/account-manager' } });
    refused(6, 'UNKNOWN_BACKUP', { column: 'backup_for', values: { id: 'p-nobody' } });
    refused(7, 'INVALID_CELL', { column: 'absences' });
    refused(8, 'INVALID_CELL', { column: 'absences', message: expect.stringMatching(/^absences: .*ends on or after/) });
    refused(9, 'SAME_PERSON_AS_ROW', { values: { row: 2 } });
    refused(10, 'CELL_COUNT', { values: { cells: 2, header: 7 } });
    expect(byRow[11]).toBeUndefined(); // a blank line is skipped
    expect(byRow[12]).toMatchObject({ outcome: 'added' });
    expect(report.body.counts).toEqual({ added: 2, updated: 0, unchanged: 0, rejected: 8, 'not-applied': 0 });
    const stored = await people(target);
    expect(stored.map((p: { email: string }) => p.email)).toEqual(['good@mixed.example', 'second@mixed.example']);
    expect(stored[0]).toMatchObject({ name: 'Good Person', phone: '+33 1 23 45 67 89', roles: ['key-contacts/service-owner'], absences: [{ from: '2031-01-05', to: '2031-01-09' }] });
  });

  it('updates a person matched by email and keeps the columns the file does not have', async () => {
    const report = await admin('contacts/import-csv', { registerId: source, csv: 'email,phone\r\nOTTO@roundtrip.example,+49 30 999 000\r\n' });
    expect(report.body.counts).toMatchObject({ updated: 1 });
    // Matched without case; the file's spelling of the address is what is stored.
    const otto = (await people(source)).find((p: { email: string }) => p.email.toLowerCase() === 'otto@roundtrip.example');
    expect(otto).toMatchObject({ email: 'OTTO@roundtrip.example', name: 'Otto Ops', phone: '+49 30 999 000', roles: ['key-contacts/operations-technician'], accountId: '712020:5e1d0c00-0000-4000-8000-000000000099' });
  });

  it('writes nothing on a dry run, and refuses a file without the required columns', async () => {
    const seq = host.log.since(0).next;
    const dry = await admin('contacts/import-csv', { registerId: source, csv: 'name,email\nNew Person,new@roundtrip.example\n', dryRun: true });
    expect(dry.body).toMatchObject({ dryRun: true, counts: { added: 1 } });
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect((await people(source)).some((p: { email: string }) => p.email === 'new@roundtrip.example')).toBe(false);
    expect(await admin('contacts/import-csv', { registerId: source, csv: 'full name,mail\nA,b@c.example\n' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('imports more people than one transaction holds, in batches, every row whole', async () => {
    const target = await organisation('Big Import Ltd');
    const rows = Array.from({ length: 45 }, (_, i) => `Person ${i},person${i}@big.example,+44 20 7946 ${String(1000 + i)},key-contacts/expert-user`);
    const report = await admin('contacts/import-csv', { registerId: target, csv: ['name,email,phone,roles', ...rows].join('\n') });
    expect(report.body.counts).toMatchObject({ added: 45, rejected: 0 });
    expect(report.body.version).toBe(4); // created at 1, then batches of 20, 20 and 5
    expect(await people(target)).toHaveLength(45);
  });
});
