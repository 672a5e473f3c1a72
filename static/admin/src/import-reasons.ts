import type { Translate } from '../../common/i18n';

/**
 * Why an imported contacts row was refused, in the page's language.
 *
 * The import report carries its reasons as English sentences (src/domain/csv-contacts.ts, checkPerson in
 * src/domain/register-editing.ts, importContacts in src/resolvers/registers/register-service.ts), not as codes. Until
 * the report says why with a stable code, the page recognises those sentences by their fixed wording and words each
 * one itself, keeping the values it names (a row number, an email, a role). Patterns are anchored on the fixed parts
 * of the server's text; a reason none of them matches is shown as "refused" in other languages, and as the server
 * wrote it on an English page — never as English text on a French one.
 */

type Rule = [RegExp, (t: Translate, match: RegExpMatchArray) => string];

/** The file's column names (CONTACT_COLUMNS): a reason about one cell starts with its column and a colon. */
const COLUMNS = ['person_id', 'name', 'email', 'phone', 'account_id', 'roles', 'backup_for', 'absences'] as const;

const RULES: Rule[] = [
  [/^name: A name is required to add someone/, (t) => t('admin.csv.reason.nameMissing')],
  [/^email: (.+) belongs to another person of this register/, (t, m) => t('admin.csv.reason.emailOfOther', { email: m[1]! })],
  [/^The row could not be read/, (t) => t('admin.csv.reason.unreadable')],
  [/^The row has (\d+) cells; the header has (\d+)/, (t, m) => t('admin.csv.reason.cellCount', { cells: m[1]!, header: m[2]! })],
  [/^The same person as row (\d+)/, (t, m) => t('admin.csv.reason.samePerson', { row: m[1]! })],
  [/^The register already holds (\d+) people/, (t, m) => t('admin.csv.reason.full', { max: m[1]! })],
  [/^A person it backs up was not imported/, (t) => t('admin.csv.reason.backupNotImported')],
  [/^"(.+)" is not a role of this organisation/, (t, m) => t('admin.csv.reason.unknownRole', { role: m[1]! })],
  [/^A person cannot be their own backup/, (t) => t('admin.csv.reason.ownBackup')],
  [/^Nobody in this register has the id "(.+)" to be backed up/, (t, m) => t('admin.csv.reason.unknownBackup', { id: m[1]! })],
  [/^(.+) is already in this register \((.+)\)/, (t, m) => t('admin.csv.reason.duplicateEmail', { email: m[1]!, name: m[2]! })],
  [/changed by someone else during the import/, (t) => t('admin.csv.reason.changedMeanwhile')],
  [new RegExp(`^(${COLUMNS.join('|')}): `), (t, m) => t(`admin.csv.reason.column.${m[1]!}`)],
];

export function describeImportReason(t: Translate, english: boolean, reason: string): string {
  for (const [pattern, word] of RULES) {
    const match = reason.match(pattern);
    if (match) return word(t, match);
  }
  return english ? reason : t('admin.csv.reason.other');
}
