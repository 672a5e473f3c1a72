/**
 * Compiles parsed JQL into a predicate and an ordering over IssueRecords. All validation happens at compile time,
 * before any issue is looked at, and every problem found is reported together, as Jira does.
 *
 * Semantics copied from Jira:
 * - `!=` and `NOT IN` never match an empty field (`assignee != x` leaves out unassigned issues), while `NOT (…)`
 *   is the plain complement (`NOT assignee = x` keeps them). `!~` likewise needs a value.
 * - `= EMPTY` is `IS EMPTY`; `IN (…, EMPTY)` also matches empty fields.
 * - A date written to the day ("2026-11-28") or minute ("2026-11-28 10:00") is `=` to anything within that day or
 *   minute; `<`, `>`, … compare with its first instant (so `created > "2026-11-28"` includes that day, as in Jira).
 * - Without ORDER BY, results come newest first (`created DESC`). Ties (and every ORDER BY) end with the issue id,
 *   newest first, so the order is total and paging is stable.
 */
import type { IssueRecord } from '../jira-store';
import { DATE_FUNCTIONS, dateFunction, parseDateLiteral, type DateContext, type DateOperand } from './dates';
import type { JqlEnvironment } from './environment';
import { JqlError } from './errors';
import { keySortValue, lookupField, type FieldDef, type OptionField, type Problems, type SortValue } from './fields';
import { parseJql, type JqlClause, type JqlOperand, type JqlTerm } from './parse';
import { compileTextQuery, textMatches } from './text';

export type { SortValue } from './fields';

export interface CompiledJql {
  /** False for a query with no search restriction (empty, or only ORDER BY). */
  bounded: boolean;
  matches(record: IssueRecord): boolean;
  /** The record's position in the result order; compare two with `compareKeys`. JSON-safe. */
  sortKey(record: IssueRecord): SortValue[];
  compareKeys(a: SortValue[], b: SortValue[]): number;
}

type Predicate = (record: IssueRecord) => boolean;

const MAX_ORDER_BY = 7;

/** Jira functions the sandbox knows of but does not emulate. Any other name is reported as unknown. */
const JIRA_FUNCTIONS = new Set(
  [
    'membersOf', 'linkedIssues', 'issueHistory', 'watchedIssues', 'votedIssues', 'updatedBy', 'lastLogin', 'currentLogin',
    'openSprints', 'closedSprints', 'futureSprints', 'projectsLeadByUser', 'projectsWhereUserHasPermission',
    'projectsWhereUserHasRole', 'componentsLeadByUser', 'releasedVersions', 'unreleasedVersions', 'latestReleasedVersion',
    'earliestUnreleasedVersion', 'cascadeOption', 'issuesWithRemoteLinksByGlobalId', 'parentEpic', 'approved', 'approver',
    'myApproval', 'myPending', 'pending', 'pendingBy', 'breached', 'completed', 'elapsed', 'everBreached', 'paused',
    'remaining', 'running', 'withinCalendarHours', 'organizationMembers', 'recentProjects', 'standardIssueTypes',
    'subTaskIssueTypes', 'currentUser', 'now', ...DATE_FUNCTIONS,
  ].map((n) => n.toLowerCase()),
);

export function compileJql(jql: string, env: JqlEnvironment): CompiledJql {
  const query = parseJql(jql);
  const messages: string[] = [];
  const problems: Problems = { add: (m) => void (messages.includes(m) || messages.push(m)) };
  const dates: DateContext = { now: env.now, timeZone: env.timeZone, weekStart: env.weekStart };

  const matches = query.where ? compileClause(query.where, env, dates, problems) : () => true;

  const keys: Array<{ read: (r: IssueRecord) => SortValue; descending: boolean }> = [];
  if (query.orderBy.length > MAX_ORDER_BY) problems.add(`The ORDER BY clause can contain at most ${MAX_ORDER_BY} fields.`);
  const seen = new Map<string, string>();
  for (const key of query.orderBy) {
    const field = lookupField(key.field, problems);
    if (!field) continue;
    const sort = field.sort;
    if (!sort) {
      problems.add(`Field '${key.field}' does not support sorting.`);
      continue;
    }
    if (seen.has(field.id)) {
      problems.add(`The sort field '${key.field}' is referenced multiple times in the JQL sort.`);
      continue;
    }
    seen.set(field.id, key.field);
    keys.push({ read: (r) => sort(r, env), descending: key.direction === 'DESC' });
  }
  if (messages.length) throw new JqlError(messages);
  if (query.orderBy.length === 0) keys.push({ read: (r) => r.created, descending: true });
  keys.push({ read: (r) => Number(r.id), descending: true });

  return {
    bounded: query.where !== undefined,
    matches,
    sortKey: (r) => keys.map((k) => k.read(r)),
    compareKeys: (a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const c = compareValues(a[i] ?? null, b[i] ?? null);
        if (c !== 0) return keys[i]!.descending ? -c : c;
      }
      return 0;
    },
  };
}

/** Filters and orders `records` by `jql`. */
export function runJql(jql: string, records: IssueRecord[], env: JqlEnvironment): IssueRecord[] {
  const compiled = compileJql(jql, env);
  return records
    .filter(compiled.matches)
    .map((r) => ({ r, key: compiled.sortKey(r) }))
    .sort((a, b) => compiled.compareKeys(a.key, b.key))
    .map((x) => x.r);
}

/** Empty values sort after every value (last ascending, first descending). */
function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : 1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

// ---- clauses -------------------------------------------------------------------------------------------------------

function compileClause(clause: JqlClause, env: JqlEnvironment, dates: DateContext, problems: Problems): Predicate {
  switch (clause.kind) {
    case 'and': {
      const parts = clause.clauses.map((c) => compileClause(c, env, dates, problems));
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = clause.clauses.map((c) => compileClause(c, env, dates, problems));
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compileClause(clause.clause, env, dates, problems);
      return (r) => !inner(r);
    }
    case 'term':
      return compileTerm(clause, env, dates, problems);
  }
}

const never: Predicate = () => false;

function compileTerm(term: JqlTerm, env: JqlEnvironment, dates: DateContext, problems: Problems): Predicate {
  if (term.property) {
    problems.add(`The sandbox does not emulate searching by entity properties ('${term.field}').`);
    return never;
  }
  const field = lookupField(term.field, problems);
  if (!field) return never;
  if (term.history) {
    problems.add(`The sandbox does not emulate history searches (WAS, CHANGED, BY, AFTER, …) on the field '${term.field}'.`);
    return never;
  }
  const operator = term.operator;
  if (!field.operators.includes(operator)) {
    problems.add(`The operator '${operator}' is not supported by the '${term.field}' field.`);
    return never;
  }
  const operand = term.operand;
  if (!operand) return never; // the parser has already refused it
  if (!checkFunctions(operand, term, field, problems)) return never;

  switch (field.kind) {
    case 'option':
      return optionPredicate(field, term, operand, env, problems);
    case 'text':
      return textPredicate(field, term, operand, env, problems);
    case 'number':
      return orderedPredicate(field.value, term, operand, (value) => {
        const n = Number(value);
        if (value.trim() === '' || !Number.isFinite(n)) {
          problems.add(`The value '${value}' for field '${term.field}' is invalid: it must be a number.`);
          return undefined;
        }
        return { at: n, spanMs: 0 };
      });
    case 'date':
      return orderedPredicate(field.value, term, operand, (value) => {
        const parsed = parseDateLiteral(value, dates);
        if (!parsed) {
          problems.add(
            `Date value '${value}' for field '${term.field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
          );
        }
        return parsed;
      }, (name, args, text) => {
        try {
          return dateFunction(name, args, dates, text);
        } catch (error) {
          if (error instanceof JqlError) error.messages.forEach((m) => problems.add(m));
          else throw error;
          return undefined;
        }
      });
    case 'key':
      return keyPredicate(term, operand, env, problems);
  }
}

/** Functions are allowed where the field produces values from them; others are reported the way Jira reports them. */
function checkFunctions(operand: JqlOperand, term: JqlTerm, field: FieldDef, problems: Problems): boolean {
  const functions = operand.kind === 'function' ? [operand] : operand.kind === 'list' ? operand.items.filter((i) => i.kind === 'function') : [];
  let ok = true;
  for (const fn of functions) {
    if (fn.kind !== 'function') continue;
    const name = fn.name.toLowerCase();
    const supported = (field.kind === 'option' && field.functions?.[name]) || (field.kind === 'date' && DATE_FUNCTIONS.includes(name));
    if (supported) continue;
    ok = false;
    if (!JIRA_FUNCTIONS.has(name)) problems.add(`Unable to find JQL function '${fn.text}'.`);
    else if (isEmulatedFunction(name)) problems.add(`A value provided by the function '${fn.name}' is invalid for the field '${term.field}'.`);
    else problems.add(`The sandbox does not emulate the JQL function '${fn.name}()'.`);
  }
  return ok;
}

function isEmulatedFunction(name: string): boolean {
  return DATE_FUNCTIONS.includes(name) || ['currentuser', 'standardissuetypes', 'subtaskissuetypes'].includes(name);
}

function items(operand: JqlOperand): JqlOperand[] {
  return operand.kind === 'list' ? operand.items : [operand];
}

function optionPredicate(field: OptionField, term: JqlTerm, operand: JqlOperand, env: JqlEnvironment, problems: Problems): Predicate {
  const ids = new Set<string>();
  let empty = false;
  for (const item of items(operand)) {
    if (item.kind === 'empty') empty = true;
    else if (item.kind === 'value') field.resolve(item.value, term.field, env, problems).forEach((id) => ids.add(id));
    else if (item.kind === 'function') field.functions?.[item.name.toLowerCase()]?.(item.args, env).forEach((id) => ids.add(id));
  }
  const hit = (values: string[]): boolean => values.some((v) => ids.has(v));
  switch (term.operator) {
    case 'is':
      return (r) => field.values(r, env).length === 0;
    case 'is not':
      return (r) => field.values(r, env).length > 0;
    case '=':
    case 'in':
      return (r) => {
        const values = field.values(r, env);
        return values.length === 0 ? empty : hit(values);
      };
    default: // '!=', 'not in'
      return (r) => {
        const values = field.values(r, env);
        return values.length > 0 && !hit(values);
      };
  }
}

function textPredicate(field: FieldDef & { kind: 'text' }, term: JqlTerm, operand: JqlOperand, env: JqlEnvironment, problems: Problems): Predicate {
  const isEmpty = (r: IssueRecord): boolean => field.texts(r, env).length === 0;
  if (term.operator === 'is' || (term.operator === '~' && operand.kind === 'empty')) return isEmpty;
  if (term.operator === 'is not' || (term.operator === '!~' && operand.kind === 'empty')) return (r) => !isEmpty(r);
  if (operand.kind !== 'value') return never;
  if (operand.value.trim() === '') {
    problems.add(`The field '${term.field}' does not support searching for an empty string.`);
    return never;
  }
  const query = compileTextQuery(operand.value);
  if (term.operator === '~') return (r) => textMatches(query, field.texts(r, env));
  return (r) => {
    const texts = field.texts(r, env);
    return texts.length > 0 && !textMatches(query, texts);
  };
}

/** Numbers and dates: `=` matches within the operand's span; comparisons use its first instant. */
function orderedPredicate(
  read: (r: IssueRecord) => number | null,
  term: JqlTerm,
  operand: JqlOperand,
  parseValue: (value: string) => DateOperand | undefined,
  callFunction?: (name: string, args: string[], text: string) => DateOperand | undefined,
): Predicate {
  const points: DateOperand[] = [];
  let empty = false;
  for (const item of items(operand)) {
    let point: DateOperand | undefined;
    if (item.kind === 'empty') empty = true;
    else if (item.kind === 'value') point = parseValue(item.value);
    else if (item.kind === 'function' && callFunction) point = callFunction(item.name.toLowerCase(), item.args, item.name);
    if (point) points.push(point);
  }
  const within = (v: number): boolean => points.some((p) => (p.spanMs === 0 ? v === p.at : v >= p.at && v < p.at + p.spanMs));
  const first = points[0];
  switch (term.operator) {
    case 'is':
      return (r) => read(r) === null;
    case 'is not':
      return (r) => read(r) !== null;
    case '=':
    case 'in':
      return (r) => {
        const v = read(r);
        return v === null ? empty : within(v);
      };
    case '!=':
    case 'not in':
      return (r) => {
        const v = read(r);
        return v !== null && !within(v);
      };
    default: {
      if (!first) return never;
      const at = first.at;
      const test = { '<': (v: number) => v < at, '<=': (v: number) => v <= at, '>': (v: number) => v > at, '>=': (v: number) => v >= at }[term.operator];
      if (!test) return never;
      return (r) => {
        const v = read(r);
        return v !== null && test(v);
      };
    }
  }
}

const KEY_PATTERN = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/;

/** `key`, `issuekey`, `id`, `issue`: an issue by key or id; comparisons order keys within one project. */
function keyPredicate(term: JqlTerm, operand: JqlOperand, env: JqlEnvironment, problems: Problems): Predicate {
  const refs = items(operand).filter((i): i is JqlOperand & { kind: 'value' } => i.kind === 'value');
  const comparison = ['<', '<=', '>', '>='].includes(term.operator);
  if (comparison) {
    const ref = refs[0];
    if (!ref) return never;
    const byId = /^\d+$/.test(ref.value) ? env.issue(ref.value) : undefined;
    const key = byId ? byId.key : ref.value;
    if (!KEY_PATTERN.test(key)) {
      problems.add(/^\d+$/.test(ref.value) ? `An issue with key '${ref.value}' does not exist for field '${term.field}'.` : `The issue key '${ref.value}' for field '${term.field}' is invalid.`);
      return never;
    }
    const bound = keySortValue(key);
    const projectPrefix = bound.slice(0, bound.lastIndexOf('-') + 1);
    return (r) => {
      const own = keySortValue(r.key);
      if (!own.startsWith(projectPrefix)) return false;
      switch (term.operator) {
        case '<':
          return own < bound;
        case '<=':
          return own <= bound;
        case '>':
          return own > bound;
        default:
          return own >= bound;
      }
    };
  }
  const ids = new Set<string>();
  for (const ref of refs) {
    const found = env.issue(ref.value);
    if (found) ids.add(found.id);
    else if (KEY_PATTERN.test(ref.value) || /^\d+$/.test(ref.value)) problems.add(`An issue with key '${ref.value}' does not exist for field '${term.field}'.`);
    else problems.add(`The issue key '${ref.value}' for field '${term.field}' is invalid.`);
  }
  return term.operator === '=' || term.operator === 'in' ? (r) => ids.has(r.id) : (r) => !ids.has(r.id);
}
