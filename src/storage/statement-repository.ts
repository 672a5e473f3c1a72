import kvs, { Filter, FilterConditions, WhereConditions } from '@forge/kvs';
import type { Statement } from '../domain/month-end';
import { AppError } from '../shared/errors';
import type { Phase } from '../shared/implementation';
import { monthEndRunRecord, NONE, statementRecord, type MonthEndRunRecord, type StatementRecord } from './delivery-records';
import { DELIVERY_ENTITIES, deliveryKeys } from './keys';
import { storageError } from './versioned-write';

/**
 * Month-end runs and statements. Every write that must happen once is a KVS transaction with a condition:
 * - the run of a month is created only if it does not exist (one run per month, however often the daily job fires);
 * - a statement is created only if it does not exist (a redelivered queue message finds it and writes nothing);
 * - the `commented` mark goes from false to true once.
 * Statements are listed through the `by-month` index (partition: month; range: `sortKey` = partner, then issue id), so
 * a partner's statements of a month are one range of it (`beginsWith('<organisationId>#')`).
 */

type Condition<T> = ReturnType<Filter<T>['and']>;
const notThere = <T extends { schemaVersion: number }>(): Condition<T> => new Filter<T>().and('schemaVersion', FilterConditions.notExists());
const isConflict = (error: unknown) => storageError(error, 'conflict').code === 'CONFLICT';

/** One conditional write; false when the condition did not hold (nothing written). */
async function conditionalSet<T>(entityName: string, key: string, value: T, conditions: Condition<T>): Promise<boolean> {
  try {
    await kvs.transact().set(key, value, { entityName, conditions }).execute();
    return true;
  } catch (error) {
    if (isConflict(error)) return false;
    throw storageError(error, '');
  }
}

// ---- runs ---------------------------------------------------------------------------------------------------------------

export async function readMonthEndRun(month: string): Promise<MonthEndRunRecord | null> {
  try {
    const stored = await kvs.entity<unknown>(DELIVERY_ENTITIES.monthEnd).get(deliveryKeys.monthEnd(month));
    return stored === undefined ? null : monthEndRunRecord.parse(stored);
  } catch (error) {
    throw storageError(error, '');
  }
}

/** Creates the month's run; false when it exists already (this month was started before). */
export function createMonthEndRun(month: string, at: string): Promise<boolean> {
  const record = monthEndRunRecord.parse({ schemaVersion: 1, month, state: 'running', startedAt: at, finishedAt: null, statements: 0 });
  return conditionalSet(DELIVERY_ENTITIES.monthEnd, deliveryKeys.monthEnd(month), record, notThere());
}

/** Moves a stalled run's start to `at` (only if nobody else did since `run` was read); true when this caller did it. */
export function restartMonthEndRun(run: MonthEndRunRecord, at: string): Promise<boolean> {
  const record = monthEndRunRecord.parse({ ...run, startedAt: at });
  const unchanged = new Filter<MonthEndRunRecord>().and('state', FilterConditions.equalTo('running')).and('startedAt', FilterConditions.equalTo(run.startedAt));
  return conditionalSet(DELIVERY_ENTITIES.monthEnd, deliveryKeys.monthEnd(run.month), record, unchanged);
}

/** Marks the run finished once; false when it was finished already (a redelivered last page). */
export async function finishMonthEndRun(month: string, statements: number, at: string): Promise<boolean> {
  const run = await readMonthEndRun(month);
  if (!run || run.state === 'finished') return false;
  const record = monthEndRunRecord.parse({ ...run, state: 'finished', finishedAt: at, statements });
  const running = new Filter<MonthEndRunRecord>().and('state', FilterConditions.equalTo('running'));
  return conditionalSet(DELIVERY_ENTITIES.monthEnd, deliveryKeys.monthEnd(month), record, running);
}

// ---- statements ---------------------------------------------------------------------------------------------------------

/** Partner first (a partner's CSV is one range), then the issue id padded so that ids sort as numbers. */
export const statementSortKey = (partnerKey: string, issueId: string): string => `${partnerKey}#${issueId.padStart(12, '0')}`;

export function toStatementRecord(statement: Statement, at: string): StatementRecord {
  const partnerKey = statement.partnerOrganizationId ?? NONE;
  return statementRecord.parse({
    schemaVersion: 1,
    month: statement.month,
    issueId: statement.issueId,
    issueKey: statement.issueKey,
    partnerKey,
    partnerName: statement.partnerName,
    endCustomer: statement.endCustomer,
    hoursPerStage: statement.hoursPerStage,
    totalHours: statement.totalHours,
    travel: statement.travel,
    commented: false,
    createdAt: at,
    sortKey: statementSortKey(partnerKey, statement.issueId),
  });
}

export function fromStatementRecord(record: StatementRecord): Statement {
  return {
    month: record.month,
    issueId: record.issueId,
    issueKey: record.issueKey,
    partnerOrganizationId: record.partnerKey === NONE ? null : record.partnerKey,
    partnerName: record.partnerName,
    endCustomer: record.endCustomer,
    hoursPerStage: record.hoursPerStage as Partial<Record<Phase, number>>,
    totalHours: record.totalHours,
    travel: record.travel,
  };
}

export async function readStatement(month: string, issueId: string): Promise<StatementRecord | null> {
  try {
    const stored = await kvs.entity<unknown>(DELIVERY_ENTITIES.statement).get(deliveryKeys.statement(month, issueId));
    return stored === undefined ? null : statementRecord.parse(stored);
  } catch (error) {
    throw storageError(error, '');
  }
}

/** The month's statements of up to 25 requests in ONE batch read (a month-end page reads its requests' at once). */
export async function readStatements(month: string, issueIds: readonly string[]): Promise<Map<string, StatementRecord>> {
  if (issueIds.length === 0) return new Map();
  if (issueIds.length > 25) throw new AppError('INVALID_INPUT', 'A batch reads at most 25 statements.');
  let result;
  try {
    result = await kvs.batchGet<unknown>(issueIds.map((id) => ({ entityName: DELIVERY_ENTITIES.statement, key: deliveryKeys.statement(month, id) })));
  } catch (error) {
    throw storageError(error, '');
  }
  // A key that does not exist comes back among the failed ones, as KEY_NOT_FOUND: that is an answer, not a failure.
  if (result.failedKeys.some((f) => f.error?.code !== 'KEY_NOT_FOUND')) throw new AppError('STORAGE_UNAVAILABLE', 'App storage did not answer for some statements; try again in a moment.');
  const found = new Map<string, StatementRecord>();
  for (const item of result.successfulKeys) {
    const record = statementRecord.parse(item.value);
    found.set(record.issueId, record);
  }
  return found;
}

/**
 * Stores the statement unless the month has one for this request already. Answers the stored record and whether this
 * call created it; an existing statement is never overwritten (what was invoiced stays as it was).
 */
export async function createStatement(statement: Statement, at: string): Promise<{ created: boolean; record: StatementRecord }> {
  const record = toStatementRecord(statement, at);
  if (await conditionalSet(DELIVERY_ENTITIES.statement, deliveryKeys.statement(record.month, record.issueId), record, notThere())) return { created: true, record };
  const existing = await readStatement(record.month, record.issueId);
  if (!existing) throw new AppError('STORAGE_UNAVAILABLE', 'A statement was reported to exist and could not be read; try again.');
  return { created: false, record: existing };
}

/** Records that the statement's comment is on the issue; false when it was marked already. */
export function markStatementCommented(record: StatementRecord): Promise<boolean> {
  const notYet = new Filter<StatementRecord>().and('commented', FilterConditions.equalTo(false));
  return conditionalSet(DELIVERY_ENTITIES.statement, deliveryKeys.statement(record.month, record.issueId), statementRecord.parse({ ...record, commented: true }), notYet);
}

export interface StatementPage {
  statements: StatementRecord[];
  cursor: string | null;
}

/** One page of a month's statements (partner, then issue), optionally only one partner's. One KVS request. */
export async function pageStatements(month: string, cursor: string | null, limit: number, organizationId?: string): Promise<StatementPage> {
  if (limit < 1 || limit > 100) throw new AppError('INVALID_INPUT', 'A page holds 1 to 100 statements.');
  try {
    let query = kvs.entity<StatementRecord>(DELIVERY_ENTITIES.statement).query().index('by-month', { partition: [month] });
    if (organizationId !== undefined) query = query.where(WhereConditions.beginsWith(`${organizationId}#`));
    query = query.limit(limit);
    if (cursor) query = query.cursor(cursor);
    const result = await query.getMany();
    return { statements: result.results.map((r) => statementRecord.parse(r.value)), cursor: result.nextCursor ?? null };
  } catch (error) {
    throw storageError(error, '');
  }
}

/** A CSV holds at most this many statements of one partner in one month (50 index pages). */
export const MAX_PARTNER_STATEMENTS = 5000;

/** Every statement of one partner in a month: a page per 100 of theirs, nothing of other partners. */
export async function partnerStatements(month: string, organizationId: string): Promise<StatementRecord[]> {
  const all: StatementRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await pageStatements(month, cursor, 100, organizationId);
    all.push(...page.statements);
    cursor = page.cursor;
  } while (cursor && all.length < MAX_PARTNER_STATEMENTS);
  return all;
}
