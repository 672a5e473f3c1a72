import Papa from 'papaparse';
import {
  CONTACT_CSV_COLUMNS,
  MAX_IMPORT_ROWS,
  MAX_PEOPLE_PER_REGISTER,
  PERSON_ID_PATTERN,
  personFieldsSchema,
  type ContactCsvColumn,
  type CoverageListItem,
  type ImportRowReason,
  type ImportRowReport,
  type Person,
  type PersonFields,
} from '../shared/registers';
import type { Template } from '../shared/templates';
import { checkPerson, type RegisterContent } from './register-editing';

/**
 * Contacts and coverage as CSV, both ways, as pure functions over strings. papaparse is used on strings only (never
 * with `download`, files or workers), so nothing here does I/O and it stays in the domain.
 *
 * Contacts file (a register's export, and what an import reads), one person a row, with this header:
 *   person_id,name,email,phone,account_id,roles,backup_for,absences
 * - roles: `templateKey/roleKey` references separated by `;` (e.g. `key-contacts/service-owner;key-contacts/expert-user`);
 * - backup_for: person ids separated by `;`;
 * - absences: periods `YYYY-MM-DD/YYYY-MM-DD` (both days included; a single day may be written alone) separated by `;`;
 * - phone and account_id may be empty; person_id may be empty in an import (a new person gets an id).
 * Exports use commas and CRLF line ends, quote cells that need it, and put a `'` before a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return, so that a spreadsheet does not run it as a formula (phone numbers
 * start with `+`); imports take that `'` off again. An import accepts `,`, `;` or tab as the separator (judged from
 * the header line), a UTF-8 byte-order mark, header names in any case, and columns in any order; `email` is required
 * (and `name` for a row that adds someone), unknown columns are ignored.
 *
 * Import semantics (row by row): each row is checked on its own and either applied whole or rejected with its
 * reasons (each a stable code, the column and values it is about, and an English message); nothing is ever half-applied to a person. A row is matched to an existing person by person_id, else by
 * email; otherwise it adds a person. A column absent from the file keeps the existing value; an empty cell in a
 * present column clears it. An import never removes anyone (people not in the file stay as they are), so importing
 * a register's own export changes nothing, and importing it into an empty register gives the same people.
 */

export const CONTACT_COLUMNS = CONTACT_CSV_COLUMNS;
type ContactColumn = ContactCsvColumn;
export const REQUIRED_CONTACT_COLUMNS: readonly ContactColumn[] = ['email'];

export const COVERAGE_COLUMNS = [
  'organisation_id',
  'organisation',
  'jsm_organization_id',
  'deployment_type',
  'day',
  'score',
  'missing',
  'below_recommended',
  'no_backup',
  'absent_today_without_backup',
  'premium_opportunities',
  'gaps',
] as const;

const LIST_SEPARATOR = ';';
const FORMULA_START = /^'[=+\-@\t\r]/;

function unparse(fields: readonly string[], rows: Array<Array<string | number>>, header: boolean): string {
  const body = Papa.unparse({ fields: [...fields], data: rows }, { header, newline: '\r\n', escapeFormulae: true });
  // Every line ends with CRLF, so that pages of a list join end to end (papaparse ends a header-only file with one).
  return body === '' || body.endsWith('\r\n') ? body : `${body}\r\n`;
}

export function contactsToCsv(people: readonly Person[]): string {
  const rows = people.map((p) => [
    p.id,
    p.name,
    p.email,
    p.phone ?? '',
    p.accountId ?? '',
    p.roles.join(LIST_SEPARATOR),
    p.backupFor.join(LIST_SEPARATOR),
    p.absences.map((a) => `${a.from}/${a.to}`).join(LIST_SEPARATOR),
  ]);
  return unparse(CONTACT_COLUMNS, rows, true);
}

/** One page of the coverage list as CSV; the first page carries the header, so pages join end to end. */
export function coverageToCsv(items: readonly CoverageListItem[], day: string, withHeader: boolean): string {
  const flags = (g: CoverageListItem['gaps'][number]) =>
    [g.noBackup ? 'no-backup' : '', g.absentTodayWithoutBackup ? 'absent-today' : '', g.premiumOpportunity ? 'premium' : ''].filter(Boolean);
  const rows = items.map((i) => [
    i.registerId,
    i.name,
    i.jsmOrganizationId ?? '',
    i.deploymentType,
    day,
    i.score,
    i.summary.missing,
    i.summary.belowRecommended,
    i.summary.noBackup,
    i.summary.absentTodayWithoutBackup,
    i.summary.premiumOpportunities,
    i.gaps.map((g) => [`${g.ref}:${g.status}`, ...flags(g)].join('+')).join(LIST_SEPARATOR),
  ]);
  return unparse(COVERAGE_COLUMNS, rows, withHeader);
}

// ---- reading ------------------------------------------------------------------------------------------------------

export interface ParsedContactRow {
  /** The record's number in the file, the header being 1 (a quoted cell spanning lines is still one record). */
  row: number;
  personId: string | null;
  /** The person's fields, with `undefined` for columns the file does not have; null when the row is rejected. */
  fields: Partial<PersonFields> | null;
  reasons: ImportRowReason[];
}

export type ParsedContacts = { ok: true; columns: ContactColumn[]; ignoredColumns: string[]; rows: ParsedContactRow[] } | { ok: false; message: string };

function delimiterOf(headerLine: string): string {
  if (headerLine.includes(',')) return ',';
  if (headerLine.includes(';')) return ';';
  if (headerLine.includes('\t')) return '\t';
  return ',';
}

const cleanCell = (cell: string): string => {
  const trimmed = cell.trim();
  return FORMULA_START.test(trimmed) ? trimmed.slice(1) : trimmed;
};

const listOf = (cell: string): string[] =>
  cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);

function absencesOf(cell: string): Array<{ from: string; to: string }> {
  return listOf(cell).map((period) => {
    const [from, to, extra] = period.split('/').map((s) => s.trim());
    return extra === undefined ? { from: from ?? '', to: to ?? from ?? '' } : { from: period, to: period };
  });
}

const FIELD_COLUMN: Record<string, ContactColumn> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  accountId: 'account_id',
  roles: 'roles',
  backupFor: 'backup_for',
  absences: 'absences',
};

/** Reads a contacts file. A file without a header, with a duplicated or missing required column, or too long, is refused whole. */
export function parseContactsCsv(text: string): ParsedContacts {
  const content = text.replace(/^\uFEFF/, '');
  const firstLine = content.split(/\r?\n/, 1)[0] ?? '';
  const parsed = Papa.parse<string[]>(content, { header: false, delimiter: delimiterOf(firstLine), skipEmptyLines: false });
  const records = parsed.data;
  const headerIndex = records.findIndex((r) => r.some((c) => c.trim() !== ''));
  const header = records[headerIndex];
  if (headerIndex < 0 || !header) return { ok: false, message: 'The file is empty: it needs a header row and one row per person.' };
  const names = header.map((h) => cleanCell(h).toLowerCase().replace(/[\s-]+/g, '_'));
  const duplicate = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
  if (duplicate) return { ok: false, message: `The column "${duplicate}" appears twice in the header.` };
  const missing = REQUIRED_CONTACT_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    return { ok: false, message: `The header needs the columns ${missing.join(', ')} (the full header is ${CONTACT_COLUMNS.join(',')}).` };
  }
  const columns = CONTACT_COLUMNS.filter((c) => names.includes(c));
  const ignoredColumns = names.filter((n) => n !== '' && !(CONTACT_COLUMNS as readonly string[]).includes(n));
  const dataRecords = records.length - headerIndex - 1;
  if (dataRecords > MAX_IMPORT_ROWS + 50) return { ok: false, message: `The file has more than ${MAX_IMPORT_ROWS} rows; split it.` };

  const errorsByRecord = new Map<number, string>();
  for (const error of parsed.errors) {
    if (typeof error.row === 'number' && !errorsByRecord.has(error.row)) errorsByRecord.set(error.row, error.message);
  }

  const rows: ParsedContactRow[] = [];
  for (let index = headerIndex + 1; index < records.length; index += 1) {
    const record = records[index] ?? [];
    if (record.every((c) => c.trim() === '')) continue;
    const row = index + 1;
    const parseError = errorsByRecord.get(index);
    if (parseError) {
      rows.push({ row, personId: null, fields: null, reasons: [{ code: 'UNREADABLE_ROW', message: `The row could not be read: ${parseError}.` }] });
      continue;
    }
    if (record.length !== header.length) {
      rows.push({
        row,
        personId: null,
        fields: null,
        reasons: [{ code: 'CELL_COUNT', values: { cells: record.length, header: header.length }, message: `The row has ${record.length} cells; the header has ${header.length}.` }],
      });
      continue;
    }
    rows.push(parseRow(row, (column) => (names.includes(column) ? cleanCell(record[names.indexOf(column)] ?? '') : undefined)));
  }
  if (rows.length > MAX_IMPORT_ROWS) return { ok: false, message: `The file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} are imported at once. Split it.` };
  return { ok: true, columns, ignoredColumns, rows };
}

function parseRow(row: number, cell: (column: ContactColumn) => string | undefined): ParsedContactRow {
  const reasons: ImportRowReason[] = [];
  const idCell = cell('person_id');
  const personId = idCell ? idCell : null;
  if (personId !== null && !PERSON_ID_PATTERN.test(personId)) {
    reasons.push({ code: 'INVALID_CELL', column: 'person_id', message: `person_id: "${personId}" is not a person id (lowercase letters, digits and hyphens).` });
  }

  const name = cell('name');
  const phone = cell('phone');
  const accountId = cell('account_id');
  const roles = cell('roles');
  const backupFor = cell('backup_for');
  const absences = cell('absences');
  // Columns the file does not have are validated with a neutral value and left undefined in the result.
  const candidate = {
    // Without a name column, a row can only update someone (planImport checks); a neutral name passes validation.
    name: name ?? 'unnamed',
    email: cell('email') ?? '',
    phone: phone ? phone : null,
    accountId: accountId ? accountId : null,
    roles: roles ? listOf(roles) : [],
    backupFor: backupFor ? listOf(backupFor) : [],
    absences: absences ? absencesOf(absences) : [],
  };
  const checked = personFieldsSchema.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const column: ContactColumn | undefined = FIELD_COLUMN[String(issue.path[0])];
      const message = `${column ?? String(issue.path[0] ?? 'row')}: ${issue.message}.`;
      if (!reasons.some((r) => r.message === message)) reasons.push({ code: 'INVALID_CELL', ...(column ? { column } : {}), message });
    }
  }
  if (reasons.length > 0 || !checked.success) return { row, personId, fields: null, reasons };
  const fields: Partial<PersonFields> = {
    ...(name !== undefined ? { name: checked.data.name } : {}),
    email: checked.data.email,
    ...(phone !== undefined ? { phone: checked.data.phone } : {}),
    ...(accountId !== undefined ? { accountId: checked.data.accountId } : {}),
    ...(roles !== undefined ? { roles: checked.data.roles } : {}),
    ...(backupFor !== undefined ? { backupFor: checked.data.backupFor } : {}),
    ...(absences !== undefined ? { absences: checked.data.absences } : {}),
  };
  return { row, personId, fields, reasons: [] };
}

// ---- planning an import -------------------------------------------------------------------------------------------

export interface ImportPlan {
  /** One line per data row, in file order. */
  rows: ImportRowReport[];
  /** The people the import adds or changes, in file order, each with the row it comes from. */
  changes: Array<{ row: number; person: Person; previous: Person | undefined }>;
}

const EMPTY_FIELDS: Omit<PersonFields, 'name' | 'email'> = { phone: null, accountId: null, roles: [], backupFor: [], absences: [] };

/**
 * Works out what importing `rows` into `register` does, checking every row against the register as the import
 * leaves it (so a row may name as backup someone added further down). A row that fails is rejected, and rows that
 * depended on it are checked again without it.
 */
export function planImport(register: RegisterContent, rows: readonly ParsedContactRow[], templates: readonly Template[], newPersonId: () => string): ImportPlan {
  const reports = new Map<number, ImportRowReport>();
  const reject = (row: number, personId: string | null, reasons: ImportRowReason[]) => reports.set(row, { row, outcome: 'rejected', personId, reasons });
  const byId = new Map(register.people.map((p) => [p.id, p]));
  const emailKey = (email: string) => email.trim().toLowerCase();
  const claimedIds = new Map<string, number>();
  const claimedEmails = new Map<string, number>();
  let candidates: Array<{ row: number; person: Person; previous: Person | undefined }> = [];

  for (const parsed of rows) {
    if (!parsed.fields) {
      reject(parsed.row, parsed.personId, parsed.reasons);
      continue;
    }
    const fields = parsed.fields;
    const email = emailKey(fields.email ?? '');
    const matchById = parsed.personId ? byId.get(parsed.personId) : undefined;
    const matchByEmail = register.people.find((p) => emailKey(p.email) === email);
    if (matchById && matchByEmail && matchById.id !== matchByEmail.id) {
      reject(parsed.row, parsed.personId, [
        {
          code: 'EMAIL_OF_OTHER',
          column: 'email',
          values: { email: fields.email ?? '', personId: matchByEmail.id },
          message: `email: ${fields.email} belongs to another person of this register (${matchByEmail.id}).`,
        },
      ]);
      continue;
    }
    const previous = matchById ?? matchByEmail;
    if (!previous && fields.name === undefined) {
      reject(parsed.row, parsed.personId, [{ code: 'NAME_MISSING', column: 'name', message: 'name: A name is required to add someone (the file has no name column).' }]);
      continue;
    }
    const id = previous?.id ?? parsed.personId ?? newPersonId();
    const earlierId = claimedIds.get(id);
    const earlierEmail = claimedEmails.get(email);
    const earlier = earlierId ?? earlierEmail;
    if (earlier !== undefined) {
      reject(parsed.row, id, [{ code: 'SAME_PERSON_AS_ROW', values: { row: earlier }, message: `The same person as row ${earlier}; give each person one row.` }]);
      continue;
    }
    claimedIds.set(id, parsed.row);
    claimedEmails.set(email, parsed.row);
    const base = previous ?? { id, name: '', email: '', ...EMPTY_FIELDS };
    const person: Person = { ...base, ...definedOnly(fields), id };
    candidates.push({ row: parsed.row, person, previous });
  }

  // Rejecting a row can strand a row that backs its person up: check again until nothing more is rejected.
  for (;;) {
    const people = peopleAfter(register.people, candidates.map((c) => c.person));
    const failed = new Map<number, ImportRowReason>();
    for (const c of candidates) {
      const checked = checkPerson(c.person, c.previous, people, register.templateKeys, templates);
      if (!checked.ok) failed.set(c.row, checked.reason);
    }
    if (failed.size === 0) break;
    for (const [row, reason] of failed) {
      const c = candidates.find((x) => x.row === row);
      reject(row, c?.previous ? c.person.id : null, [reason]);
    }
    candidates = candidates.filter((c) => !failed.has(c.row));
  }

  let room = MAX_PEOPLE_PER_REGISTER - register.people.length;
  const changes: ImportPlan['changes'] = [];
  for (const c of candidates) {
    if (!c.previous) {
      if (room <= 0) {
        reject(c.row, null, [{ code: 'REGISTER_FULL', values: { max: MAX_PEOPLE_PER_REGISTER }, message: `The register already holds ${MAX_PEOPLE_PER_REGISTER} people, the most it can.` }]);
        continue;
      }
      room -= 1;
      changes.push(c);
      reports.set(c.row, { row: c.row, outcome: 'added', personId: c.person.id, reasons: [] });
    } else if (JSON.stringify(c.previous) === JSON.stringify(c.person)) {
      reports.set(c.row, { row: c.row, outcome: 'unchanged', personId: c.person.id, reasons: [] });
    } else {
      changes.push(c);
      reports.set(c.row, { row: c.row, outcome: 'updated', personId: c.person.id, reasons: [] });
    }
  }
  // A backup named by an added row refused for lack of room would now point at nobody: refuse those rows too.
  const finalIds = new Set([...register.people.map((p) => p.id), ...changes.map((c) => c.person.id)]);
  const stranded = changes.filter((c) => c.person.backupFor.some((id) => !finalIds.has(id)));
  for (const c of stranded) {
    const ids = c.person.backupFor.filter((id) => !finalIds.has(id)).join(LIST_SEPARATOR);
    reject(c.row, c.previous ? c.person.id : null, [{ code: 'BACKUP_NOT_IMPORTED', column: 'backup_for', values: { ids }, message: `A person it backs up was not imported (${ids}).` }]);
  }
  const kept = changes.filter((c) => !stranded.includes(c));

  return { rows: [...reports.values()].sort((a, b) => a.row - b.row), changes: kept };
}

function definedOnly(fields: Partial<PersonFields>): Partial<PersonFields> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<PersonFields>;
}

/** `people` with `changed` people replaced (same id) or appended, in order. */
export function peopleAfter(people: readonly Person[], changed: readonly Person[]): Person[] {
  const byId = new Map(changed.map((p) => [p.id, p]));
  const kept = people.map((p) => byId.get(p.id) ?? p);
  const known = new Set(people.map((p) => p.id));
  return [...kept, ...changed.filter((p) => !known.has(p.id))];
}
