import type { JiraFieldIds, RoutingRule } from '../shared/delivery';
import { DEFAULT_PHASES, PHASE_FIELD_OPTIONS, PHASES, type Phase } from '../shared/implementation';
import { fieldTexts, type RoutingFacts } from './routing-rules';

/**
 * What routing needs from a Jira issue, taken from its `fields` object. The same shape arrives in a Forge issue event
 * (`issue.fields`) and in `GET /rest/api/3/issue/{id}`, so the trigger uses the event's fields when they hold
 * everything the rules read, and reads the issue only when they do not (DESIGN budget: the floor is no read).
 */
export interface IssueSnapshot {
  facts: RoutingFacts;
  reporterAccountId: string | null;
  organizations: Array<{ id: string; name: string }>;
  endCustomerField: string | null;
  phasesWanted: Phase[];
}

const record = (value: unknown): Record<string, unknown> | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Whether `fields` carries every field the snapshot needs. Jira leaves empty custom fields out of an issue event's
 * fields, so once a payload carries custom fields at all, a rule's field that is absent is empty: no reason to read
 * the issue. A payload with no custom field at all may be a trimmed one: then the trigger reads the issue. On a
 * service project the organisations decide the partner (finance holds, the partner view); Jira leaves them out when
 * the request is shared with none.
 */
export function isComplete(fields: Record<string, unknown>, rules: RoutingRule[], ids: JiraFieldIds): boolean {
  if (!record(fields.issuetype) || typeof fields.summary !== 'string' || !('reporter' in fields)) return false;
  const carriesCustomFields = Object.keys(fields).some((k) => k.startsWith('customfield_'));
  const needsCustomFields = rules.some((r) => r.enabled && (r.conditions.fields.some((f) => f.fieldId.startsWith('customfield_')) || r.conditions.requestTypeIds.length > 0 || r.conditions.organizationIds.length > 0));
  const serviceProject = str(record(fields.project)?.projectTypeKey) === 'service_desk';
  return carriesCustomFields || (!needsCustomFields && !(serviceProject && ids.organizations !== null));
}

export function snapshotOf(fields: Record<string, unknown>, ids: JiraFieldIds): IssueSnapshot {
  const issueType = record(fields.issuetype);
  const requestType = ids.requestType ? record(record(fields[ids.requestType])?.requestType) : null;
  const organizations = (ids.organizations && Array.isArray(fields[ids.organizations]) ? (fields[ids.organizations] as unknown[]) : [])
    .map(record)
    .filter((o): o is Record<string, unknown> => o !== null && (typeof o.id === 'string' || typeof o.id === 'number'))
    .map((o) => ({ id: String(o.id), name: str(o.name) ?? String(o.id) }));
  const texts: Record<string, string[]> = {};
  for (const [id, value] of Object.entries(fields)) texts[id] = fieldTexts(value);
  const phaseTexts = ids.phasesWanted ? fieldTexts(fields[ids.phasesWanted]) : [];
  const phases = PHASES.filter((p) => phaseTexts.some((t) => t.trim().toLowerCase() === PHASE_FIELD_OPTIONS[p].toLowerCase()));
  const endCustomer = ids.endCustomer ? str(fields[ids.endCustomer])?.trim() || null : null;
  return {
    facts: {
      issueTypeId: str(issueType?.id) ?? '',
      requestTypeId: requestType && requestType.id !== undefined ? String(requestType.id) : null,
      summary: str(fields.summary) ?? '',
      fields: texts,
      organizationIds: organizations.map((o) => o.id),
    },
    reporterAccountId: str(record(fields.reporter)?.accountId),
    organizations,
    endCustomerField: endCustomer,
    phasesWanted: phases.length > 0 ? phases : DEFAULT_PHASES,
  };
}
