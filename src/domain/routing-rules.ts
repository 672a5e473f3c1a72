import type { LocalizedText, RoutingRule } from '../shared/delivery';
import type { SupportedLocale } from '../shared/locales';

/**
 * Routing rules (DESIGN capability 4): ordered, the first enabled rule whose every condition holds routes the
 * request. Pure; the facts come from the Jira issue (src/jira/routing-facts.ts). Every check says why it passed or
 * failed, so "Test this rule" can explain itself and the trigger's log can too.
 */
export interface RoutingFacts {
  issueTypeId: string;
  requestTypeId: string | null;
  summary: string;
  /** Each field's value as the texts Jira shows (a select's option value, a multi-select's values, a number). */
  fields: Record<string, string[]>;
  /** The JSM organisations the request is shared with. */
  organizationIds: string[];
}

export type ConditionKind = 'issue-type' | 'request-type' | 'field' | 'summary' | 'organization';

export interface ConditionCheck {
  kind: ConditionKind;
  ok: boolean;
  /** What was expected and what the issue has, for people: `expected Implementation Issue, found General Question`. */
  expected: string;
  found: string;
  fieldId?: string;
}

export interface RuleEvaluation {
  ruleId: string;
  enabled: boolean;
  matched: boolean;
  checks: ConditionCheck[];
  /** From the summary pattern's `endCustomer` capture, when it matched. */
  endCustomer: string | null;
}

const norm = (s: string) => s.trim().toLocaleLowerCase('en-US');
const list = (values: string[]) => (values.length === 0 ? '—' : values.join(', '));

export function evaluateRule(rule: RoutingRule, facts: RoutingFacts): RuleEvaluation {
  const checks: ConditionCheck[] = [];
  const c = rule.conditions;
  if (c.issueTypeIds.length > 0) {
    checks.push({ kind: 'issue-type', ok: c.issueTypeIds.includes(facts.issueTypeId), expected: list(c.issueTypeIds), found: facts.issueTypeId });
  }
  if (c.requestTypeIds.length > 0) {
    checks.push({ kind: 'request-type', ok: facts.requestTypeId !== null && c.requestTypeIds.includes(facts.requestTypeId), expected: list(c.requestTypeIds), found: facts.requestTypeId ?? '—' });
  }
  for (const field of c.fields) {
    const values = facts.fields[field.fieldId] ?? [];
    checks.push({ kind: 'field', fieldId: field.fieldId, ok: values.some((v) => norm(v) === norm(field.equals)), expected: field.equals, found: list(values) });
  }
  let endCustomer: string | null = null;
  if (c.summaryPattern) {
    const match = new RegExp(c.summaryPattern, 'iu').exec(facts.summary.trim());
    endCustomer = match?.groups?.endCustomer?.trim() || null;
    checks.push({ kind: 'summary', ok: match !== null, expected: c.summaryPattern, found: facts.summary });
  }
  if (c.organizationIds.length > 0) {
    checks.push({ kind: 'organization', ok: facts.organizationIds.some((id) => c.organizationIds.includes(id)), expected: list(c.organizationIds), found: list(facts.organizationIds) });
  }
  return { ruleId: rule.id, enabled: rule.enabled, matched: rule.enabled && checks.every((k) => k.ok), checks, endCustomer };
}

/** The first enabled rule that matches, in the admin's order; null when none does. */
export function firstMatch(rules: RoutingRule[], facts: RoutingFacts): { rule: RoutingRule; evaluation: RuleEvaluation } | null {
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const evaluation = evaluateRule(rule, facts);
    if (evaluation.matched) return { rule, evaluation };
  }
  return null;
}

/** The field ids and whether request type / organisations are needed: what the trigger must read from the issue. */
export function fieldsRulesRead(rules: RoutingRule[]): string[] {
  return [...new Set(rules.filter((r) => r.enabled).flatMap((r) => r.conditions.fields.map((f) => f.fieldId)))];
}

/**
 * The end customer: the "End Customer" field when filled, else the summary's `endCustomer` capture (requests filed
 * the way seed 004 describes name it in the summary only).
 */
export function endCustomerOf(fieldValue: string | null, evaluation: RuleEvaluation): string | null {
  const field = fieldValue?.trim();
  return field ? field : evaluation.endCustomer;
}

/** A key that compares end customers regardless of case, accents and spacing (continuity looks them up by it). */
export function endCustomerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
}

/** The partner's comment in their language, with `{team}`, `{endCustomer}` and `{assignee}` filled in. */
export function routingComment(text: LocalizedText, locale: SupportedLocale, values: { team: string; endCustomer: string | null; assignee: string }): string {
  const none = locale === 'fr-FR' ? 'non précisé' : 'not given';
  // A function replacer: names come from partners' summaries, and `$&` or `$1` in one must stay as typed.
  const filled: Record<string, string> = { team: values.team, endCustomer: values.endCustomer ?? none, assignee: values.assignee };
  return text[locale].replace(/\{(team|endCustomer|assignee)\}/g, (_whole, name: string) => filled[name]!);
}

/**
 * A Jira field value as the texts a person would compare: a select's `value`, a multi-select's values, a user's
 * account id, a number or string as is. Objects without a known text are skipped.
 */
export function fieldTexts(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(fieldTexts);
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['value', 'name', 'accountId', 'key']) {
      if (typeof v[key] === 'string') return [v[key] as string];
    }
  }
  return [];
}

/** The rule seed 004 describes, for an admin to start from (kept in src/shared, which the admin page may import). */
export { SEED_SUMMARY_PATTERN } from '../shared/delivery';

/**
 * Whether a rule could still match, judging only by what every event carries (issue type and summary). The trigger
 * asks this before it reads anything from Jira, so events of issues no rule is about (the delivery project's tasks)
 * cost no Jira read.
 */
export function couldMatch(rule: RoutingRule, known: { issueTypeId: string; summary: string }): boolean {
  if (!rule.enabled) return false;
  const c = rule.conditions;
  if (c.issueTypeIds.length > 0 && !c.issueTypeIds.includes(known.issueTypeId)) return false;
  if (c.summaryPattern && !new RegExp(c.summaryPattern, 'iu').test(known.summary.trim())) return false;
  return true;
}
