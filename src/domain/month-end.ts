import Papa from 'papaparse';
import type { NoticeText } from './engagement-notices';
import type { SupportedLocale } from '../shared/locales';
import { PHASES, type ImplementationRequest, type Phase } from '../shared/implementation';

/**
 * Month-end statements (issue 6 item 10; seed 004: "month-end invoicing of what was delivered under a signed SOW").
 * Pure: which month a run is for, which requests it covers, the statement of one request from the seconds logged
 * per phase, the internal comment's words in the site's language and the CSV rows. The shell (src/triggers/
 * month-end.ts) reads worklogs and stores what this answers.
 */

/** `YYYY-MM`. */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month before the one `now` falls in, in UTC: the first daily run on or after the 1st invoices it. */
export function previousMonth(now: Date): Month {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth(); // 0-based: this is already "the month before" as a 1-based number, except January
  return month === 0 ? `${year - 1}-12` : `${year}-${String(month).padStart(2, '0')}`;
}

/** The month's first instant and the next month's first instant (UTC, epoch milliseconds): [start, end). */
export function monthRange(month: Month): { startMs: number; endMs: number } {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`'${month}' is not a month as YYYY-MM.`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return { startMs: Date.UTC(year, index, 1), endMs: Date.UTC(year, index + 1, 1) };
}

/**
 * Whether a request under a signed SOW can have hours in `month` at all, before any worklog is read: it needs its
 * delivery sub-tasks, a SOW signed before the month ended, and not to have been completed before the month began.
 * The rest (no hours logged that month) is decided once the worklogs are read: a month without hours has no statement.
 */
export function mayHaveHours(request: ImplementationRequest, month: Month): boolean {
  const { startMs, endMs } = monthRange(month);
  if (!request.sow?.signedAt || Date.parse(request.sow.signedAt) >= endMs) return false;
  if (!request.delivery || request.delivery.subtasks.length === 0) return false;
  if (request.completedAt && Date.parse(request.completedAt) < startMs) return false;
  return true;
}

export interface Statement {
  month: Month;
  issueId: string;
  issueKey: string;
  partnerOrganizationId: string | null;
  partnerName: string | null;
  endCustomer: string | null;
  /** Every phase with a delivery sub-task, in delivery order; 0 when nothing was logged on it that month. */
  hoursPerStage: Partial<Record<Phase, number>>;
  totalHours: number;
  travel: string;
}

/** Hours to two decimals (a worklog is in seconds; invoices are in hours). */
export const toHours = (seconds: number): number => Math.round((seconds / 3600) * 100) / 100;

/** The statement of one request, or null when nothing was logged on its sub-tasks that month. */
export function buildStatement(request: ImplementationRequest, month: Month, secondsByPhase: Partial<Record<Phase, number>>): Statement | null {
  const phases = PHASES.filter((p) => request.delivery?.subtasks.some((s) => s.phase === p));
  const totalSeconds = phases.reduce((sum, p) => sum + (secondsByPhase[p] ?? 0), 0);
  if (totalSeconds <= 0) return null;
  return {
    month,
    issueId: request.issueId,
    issueKey: request.issueKey,
    partnerOrganizationId: request.partnerOrganizationId,
    partnerName: request.partnerName,
    endCustomer: request.endCustomer,
    hoursPerStage: Object.fromEntries(phases.map((p) => [p, toHours(secondsByPhase[p] ?? 0)])),
    totalHours: toHours(totalSeconds),
    travel: request.sow?.travel ?? '',
  };
}

// ---- the internal comment ---------------------------------------------------------------------------------------------

export const PHASE_NAMES: Record<SupportedLocale, Record<Phase, string>> = {
  'en-US': {
    'qa-sessions': 'Q&A sessions',
    'business-blueprint': 'Business blueprint',
    prototyping: 'Prototyping with assessment',
    refining: 'Refining',
    'final-review': 'Final review before end-user training',
    'customisation-spec': 'Customisation specification',
  },
  'fr-FR': {
    'qa-sessions': 'Séances de questions-réponses',
    'business-blueprint': 'Cahier de conception',
    prototyping: 'Prototypage avec évaluation',
    refining: 'Affinage',
    'final-review': 'Revue finale avant la formation des utilisateurs',
    'customisation-spec': 'Spécification de personnalisation',
  },
};

/**
 * The reference every statement comment ends with. It is the same in both languages, so that a redelivered run that
 * is not sure whether it posted the comment can find it on the issue (see src/triggers/month-end.ts).
 */
export const statementReference = (month: Month, issueId: string): string => `ED-STATEMENT ${month}/${issueId}`;

function monthName(month: Month, locale: SupportedLocale): string {
  const { startMs } = monthRange(month);
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(startMs));
}

/** The internal comment: hours per stage, the total and travel, in the site's language. */
export function statementNotice(statement: Statement, locale: SupportedLocale): NoticeText {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const hours = (h: number) => `${number.format(h)} h`;
  const names = PHASE_NAMES[locale];
  const words =
    locale === 'fr-FR'
      ? { title: `Relevé de fin de mois — ${monthName(statement.month, locale)}`, intro: 'Heures réalisées au titre de l’énoncé des travaux signé, d’après le temps saisi sur les sous-tâches de réalisation :', total: 'Total : ', travel: 'Déplacements : ', none: 'aucun', reference: 'Référence : ' }
      : { title: `Month-end statement — ${monthName(statement.month, locale)}`, intro: 'Hours delivered under the signed Statement of Work, from the time logged on the delivery sub-tasks:', total: 'Total: ', travel: 'Travel: ', none: 'none', reference: 'Reference: ' };
  const lines: NoticeText = [[{ strong: words.title }], [{ text: words.intro }]];
  for (const phase of PHASES) {
    const h = statement.hoursPerStage[phase];
    if (h === undefined) continue;
    lines.push([{ text: `${names[phase]}${locale === 'fr-FR' ? ' : ' : ': '}${hours(h)}` }]);
  }
  lines.push([{ text: words.total }, { strong: hours(statement.totalHours) }]);
  lines.push([{ text: `${words.travel}${statement.travel.trim() || words.none}` }]);
  lines.push([{ text: `${words.reference}${statementReference(statement.month, statement.issueId)}` }]);
  return lines;
}

// ---- the CSV per partner ------------------------------------------------------------------------------------------------

/**
 * The columns of a partner's CSV. Headers are stable English identifiers (a CSV is read by spreadsheets and invoicing
 * scripts, which match on column names), one column per phase in delivery order.
 */
export const CSV_COLUMNS = ['month', 'request', 'partner', 'end_customer', ...PHASES.map((p) => `hours_${p.replace(/-/g, '_')}`), 'total_hours', 'travel'] as const;

export function csvRow(statement: Statement): Record<string, string | number> {
  const row: Record<string, string | number> = {
    month: statement.month,
    request: statement.issueKey,
    partner: statement.partnerName ?? '',
    end_customer: statement.endCustomer ?? '',
  };
  for (const phase of PHASES) row[`hours_${phase.replace(/-/g, '_')}`] = statement.hoursPerStage[phase] ?? 0;
  row.total_hours = statement.totalHours;
  row.travel = statement.travel;
  return row;
}

/**
 * A partner's statements as CSV (RFC 4180, CRLF). Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`)
 * are quoted and prefixed, as the register CSV does: travel text and names come from people.
 */
const rowValues = (row: Record<string, string | number>) => CSV_COLUMNS.map((c) => row[c] ?? '');

export function statementsToCsv(statements: readonly Statement[]): string {
  const body = Papa.unparse({ fields: [...CSV_COLUMNS], data: statements.map((s) => rowValues(csvRow(s))) }, { header: true, newline: '\r\n', escapeFormulae: true });
  return body.endsWith('\r\n') ? body : `${body}\r\n`;
}

/** `statements-2026-11-northwind-partners.csv`: the month and the partner, safe as a file name. */
export function csvFilename(month: Month, partnerName: string | null, organizationId: string): string {
  const slug = (partnerName ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `statements-${month}-${slug || `organisation-${organizationId}`}.csv`;
}
