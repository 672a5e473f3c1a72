import { CONTACT_CSV_COLUMNS, IMPORT_REASON_CODES, IMPORT_REASON_VALUES, type ImportRowReason } from '../../../src/shared/registers';

/**
 * Why an imported contacts row was refused, in the page's language: each stable code of the import report
 * (IMPORT_REASON_CODES in src/shared/registers.ts) has its text under `admin.csv.reason.*`, filled with the values
 * the reason names (a row number, an email, a role). The reason's English `message` is for support and is never shown:
 * a code the page does not know (a newer server), or one without the values its text needs, is shown as "refused".
 */
/** The page's `t` (static/common/i18n.tsx), written out so that this module also loads outside React (unit tests). */
type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function describeImportReason(t: Translate, reason: ImportRowReason): string {
  const refused = t('admin.csv.reason.other');
  if (!(IMPORT_REASON_CODES as readonly string[]).includes(reason.code)) return refused;
  const values = reason.values ?? {};
  if (IMPORT_REASON_VALUES[reason.code].some((name) => values[name] === undefined)) return refused;
  switch (reason.code) {
    case 'NAME_MISSING':
      return t('admin.csv.reason.nameMissing');
    case 'EMAIL_OF_OTHER':
      return t('admin.csv.reason.emailOfOther', values);
    case 'UNREADABLE_ROW':
      return t('admin.csv.reason.unreadable');
    case 'CELL_COUNT':
      return t('admin.csv.reason.cellCount', values);
    case 'SAME_PERSON_AS_ROW':
      return t('admin.csv.reason.samePerson', values);
    case 'REGISTER_FULL':
      return t('admin.csv.reason.full', values);
    case 'BACKUP_NOT_IMPORTED':
      return t('admin.csv.reason.backupNotImported');
    case 'UNKNOWN_ROLE':
      return t('admin.csv.reason.unknownRole', values);
    case 'OWN_BACKUP':
      return t('admin.csv.reason.ownBackup');
    case 'UNKNOWN_BACKUP':
      return t('admin.csv.reason.unknownBackup', values);
    case 'DUPLICATE_EMAIL':
      return t('admin.csv.reason.duplicateEmail', values);
    case 'CHANGED_MEANWHILE':
      return t('admin.csv.reason.changedMeanwhile');
    case 'INVALID_CELL':
      // Each column has its own advice; a cell of a column the page does not know gets a general one.
      return reason.column && (CONTACT_CSV_COLUMNS as readonly string[]).includes(reason.column)
        ? t(`admin.csv.reason.column.${reason.column}`)
        : t('admin.csv.reason.invalidCell');
    default:
      return refused;
  }
}
