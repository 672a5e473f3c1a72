/**
 * JQL text → a small clause tree, using Atlassian's own parser (@atlaskit/jql-ast, the grammar Jira's editor uses).
 * Only the shape of the query is decided here; what fields, values and functions mean is the evaluator's business.
 */
import { JastBuilder, JQLSyntaxError, type Clause, type Operand } from '@atlaskit/jql-ast';
import { JqlError } from './errors';

export type JqlOperand =
  | { kind: 'value'; value: string; text: string }
  | { kind: 'empty'; text: string }
  | { kind: 'function'; name: string; args: string[]; text: string }
  | { kind: 'list'; items: JqlOperand[]; text: string };

export interface JqlTerm {
  kind: 'term';
  /** The field as written, without quotes (`project`, `cf[10010]`, `Type of Inquiry`). */
  field: string;
  /** Lower case: `=`, `!=`, `in`, `not in`, `is`, `is not`, `~`, `!~`, `<`, `<=`, `>`, `>=`, `was`, `changed`, … */
  operator: string;
  operand: JqlOperand | undefined;
  /** WAS / CHANGED clauses, or clauses with predicates (BY, AFTER, …): history searches. */
  history: boolean;
  /** An entity-property reference (`issue.property[key].path`). */
  property: boolean;
}

export type JqlClause = { kind: 'and' | 'or'; clauses: JqlClause[] } | { kind: 'not'; clause: JqlClause } | JqlTerm;

export interface JqlOrderKey {
  field: string;
  direction: 'ASC' | 'DESC' | undefined;
}

export interface JqlQuery {
  where: JqlClause | undefined;
  orderBy: JqlOrderKey[];
}

/** Parses JQL; a syntax error is a JqlError worded as Jira words its own ("Error in the JQL Query: …"). */
export function parseJql(jql: string): JqlQuery {
  const jast = new JastBuilder().build(jql);
  const first = jast.errors[0];
  if (first) {
    const where = first instanceof JQLSyntaxError ? ` (line ${first.line}, character ${first.charPositionInLine + 1})` : '';
    throw new JqlError(`Error in the JQL Query: ${describe(first.description || first.message)}${where}`);
  }
  const query = jast.query;
  if (!query) return { where: undefined, orderBy: [] };
  return {
    where: query.where ? toClause(query.where) : undefined,
    orderBy: (query.orderBy ? query.orderBy.fields : []).map((f) => ({ field: f.field.value, direction: f.direction ? f.direction.value : undefined })),
  };
}

/** ANTLR's message about an unexpected token, reworded the way Jira words its own syntax errors. */
function describe(message: string): string {
  const missing = /^missing (.+) at '(.*)'$/.exec(message);
  if (missing) return `Expecting ${quoted(missing[1] ?? '')} but got ${got(missing[2] ?? '')}.`;
  const unexpected = /^(?:mismatched|extraneous) input '(.*)' expecting (.+)$/s.exec(message);
  if (!unexpected) return message.replace(/'?<EOF>'?/g, 'the end of the query');
  const token = unexpected[1] ?? '';
  const expected = unexpected[2] ?? '';
  if (/^["']/.test(token) && token.length > 0 && token[token.length - 1] !== token[0]) return `The quoted string '${token.slice(1)}' has not been completed.`;
  if (/\bIN\b/.test(expected) && /'='/.test(expected)) {
    return `Expecting operator but got ${got(token)}. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.`;
  }
  if (/\bEMPTY\b/.test(expected)) {
    if (/^[A-Za-z]+$/.test(token)) return `'${token}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.`;
    return `Expecting either a value, list or function but got ${got(token)}.`;
  }
  if (/\bCUSTOMFIELD\b/.test(expected)) return `Expecting a field name but got ${got(token)}.`;
  if (expected === '<EOF>') return `Expecting ',' or the end of the query but got ${got(token)}.`;
  if (/\bORDER\b/.test(expected)) return `Expecting either 'OR' or 'AND' but got ${got(token)}.`;
  return `Expecting ${expected.replace(/'?<EOF>'?/g, 'the end of the query')} but got ${got(token)}.`;
}

function quoted(token: string): string {
  return token.startsWith("'") ? token : `'${token}'`;
}

function got(token: string): string {
  return token === '<EOF>' ? 'the end of the query' : `'${token}'`;
}

function toClause(clause: Clause): JqlClause {
  switch (clause.clauseType) {
    case 'compound':
      return { kind: clause.operator.value === 'or' ? 'or' : 'and', clauses: clause.clauses.map(toClause) };
    case 'not':
      return { kind: 'not', clause: toClause(clause.clause) };
    case 'terminal': {
      const operator = clause.operator ? clause.operator.value.toLowerCase() : '';
      return {
        kind: 'term',
        field: clause.field.value,
        operator,
        operand: clause.operand ? toOperand(clause.operand) : undefined,
        history: clause.predicates.length > 0 || ['was', 'was not', 'was in', 'was not in', 'changed'].includes(operator),
        property: Array.isArray(clause.field.properties) && clause.field.properties.length > 0,
      };
    }
  }
}

function toOperand(operand: Operand): JqlOperand {
  switch (operand.operandType) {
    case 'value':
      return { kind: 'value', value: operand.value, text: operand.text };
    case 'keyword':
      return { kind: 'empty', text: 'EMPTY' };
    case 'function': {
      const args = operand.arguments.map((a) => a.value);
      return { kind: 'function', name: operand.function.value, args, text: `${operand.function.value}(${operand.arguments.map((a) => a.text).join(', ')})` };
    }
    case 'list': {
      const items = operand.values.map(toOperand);
      return { kind: 'list', items, text: `(${items.map((i) => i.text).join(', ')})` };
    }
  }
}
