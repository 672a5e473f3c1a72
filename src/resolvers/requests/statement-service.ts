import { csvFilename, statementsToCsv } from '../../domain/month-end';
import { myPermissions } from '../../jira/permissions';
import { AppError } from '../../shared/errors';
import type { StatementRow } from '../../shared/operations/requests';
import { readSetup } from '../../storage/delivery-setup-repository';
import { fromStatementRecord, pageStatements, partnerStatements, readMonthEndRun } from '../../storage/statement-repository';
import type { StatementRecord } from '../../storage/delivery-records';
import type { CallContext } from '../define-surface';
import { projectOf } from '../extension';

/**
 * Month-end statements on the project page. They are what a partner is invoiced, so they are for the people who
 * invoice: the lead of a delivery team, and Jira admins (both also need Browse Projects on the page's project).
 * Statements carry no team (a partner's invoice covers every team), so every lead sees the month's statements.
 */
export const STATEMENT_PAGE_SIZE = 50;

async function requireStatementAccess(context: CallContext): Promise<void> {
  const project = projectOf(context.extension);
  const granted = await myPermissions({ projectKey: project.key }, ['BROWSE_PROJECTS', 'ADMINISTER']);
  if (!granted.BROWSE_PROJECTS) throw new AppError('FORBIDDEN', 'You do not have access to this project.');
  if (granted.ADMINISTER) return;
  const setup = await readSetup();
  if (!setup.teams.some((t) => t.leadAccountId === context.accountId)) {
    throw new AppError('FORBIDDEN', 'Month-end statements are for delivery team leads and Jira administrators.');
  }
}

export function toStatementRow(record: StatementRecord): StatementRow {
  const s = fromStatementRecord(record);
  return {
    month: s.month,
    issueKey: s.issueKey,
    partnerOrganizationId: s.partnerOrganizationId,
    partnerName: s.partnerName,
    endCustomer: s.endCustomer,
    hoursPerStage: s.hoursPerStage,
    totalHours: s.totalHours,
    travel: s.travel,
  };
}

/** A page of the month's statements (by partner, then request), and whether the month's run has finished. */
export async function listStatements(input: { month: string; cursor: string | null }, context: CallContext) {
  await requireStatementAccess(context);
  const [page, run] = await Promise.all([pageStatements(input.month, input.cursor, STATEMENT_PAGE_SIZE), readMonthEndRun(input.month)]);
  return { statements: page.statements.map(toStatementRow), cursor: page.cursor, runFinished: run?.state === 'finished' };
}

/** One partner's statements of the month as a CSV file. */
export async function statementsCsv(input: { month: string; organizationId: string }, context: CallContext): Promise<{ filename: string; csv: string }> {
  await requireStatementAccess(context);
  const records = await partnerStatements(input.month, input.organizationId);
  if (records.length === 0) throw new AppError('NOT_FOUND', 'This partner has no statement for this month.');
  const statements = records.map(fromStatementRecord);
  return { filename: csvFilename(input.month, statements[0]!.partnerName, input.organizationId), csv: statementsToCsv(statements) };
}
