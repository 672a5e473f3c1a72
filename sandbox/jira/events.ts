import type { IssueRecord } from './jira-store';
import type { JiraContext } from './router';
import { organizationsValue, requestTypeValue } from './routes/jsm-fields';
import { ISSUE_TYPES, ORGANIZATIONS_FIELD, REQUEST_TYPE_FIELD, STATUSES, STATUS_CATEGORIES } from './site-config';

/**
 * Forge's Jira issue events (shapes as in ../shared/contracts/forge-events/), raised after every write. Every
 * assignment change raises both `assigned` and `updated`; a status change adds `associatedStatuses`. Route
 * handlers call these; the host delivers them to the app's triggers (dropping the app's own writes for ignoreSelf).
 */
export interface ChangeItem {
  field: string;
  fieldId: string;
  fieldtype: 'jira' | 'custom';
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/**
 * The `issue.fields` of an event: the fields Forge documents for issue events, plus the custom fields that have a
 * value — JSM's "Request Type" when the issue was raised with one, its "Organizations" when it is shared with any.
 */
function eventFields(context: JiraContext, issue: IssueRecord): Record<string, unknown> {
  const project = context.store.project(issue.projectId)!;
  const type = ISSUE_TYPES.find((t) => t.id === issue.issueTypeId)!;
  const status = STATUSES.find((s) => s.id === issue.statusId)!;
  const base = context.baseUrl;
  const user = (accountId: string | null) => (accountId ? { accountId } : null);
  return {
    summary: issue.summary,
    issuetype: { self: `${base}/rest/api/2/issuetype/${type.id}`, id: type.id, description: type.description, iconUrl: `${base}/icons/issuetype.svg`, name: type.name, subtask: type.subtask, hierarchyLevel: type.hierarchyLevel },
    creator: user(issue.creator),
    created: jiraTime(issue.created),
    project: { self: `${base}/rest/api/2/project/${project.id}`, id: project.id, key: project.key, name: project.name, projectTypeKey: project.projectTypeKey, simplified: false, avatarUrls: {} },
    reporter: user(issue.reporter),
    assignee: user(issue.assignee),
    updated: jiraTime(issue.updated),
    status: {
      self: `${base}/rest/api/2/status/${status.id}`,
      description: '',
      iconUrl: `${base}/icons/status.svg`,
      name: status.name,
      id: status.id,
      statusCategory: { self: `${base}/rest/api/2/statuscategory/${STATUS_CATEGORIES[status.category].id}`, ...STATUS_CATEGORIES[status.category] },
    },
    labels: issue.labels,
    ...(issue.parentId ? { parent: { id: issue.parentId } } : {}),
    ...issue.customFields,
    ...jsmFields(context, issue),
  };
}

function jsmFields(context: JiraContext, issue: IssueRecord): Record<string, unknown> {
  const requestType = requestTypeValue(context, issue);
  const organizations = organizationsValue(context, issue);
  return { ...(requestType ? { [REQUEST_TYPE_FIELD]: requestType } : {}), ...(organizations.length ? { [ORGANIZATIONS_FIELD]: organizations } : {}) };
}

function common(context: JiraContext, issue: IssueRecord): Record<string, unknown> {
  const actor = context.user?.accountId;
  return {
    timestamp: String(context.now()),
    issue: { id: issue.id, key: issue.key, fields: eventFields(context, issue) },
    ...(actor ? { atlassianId: actor, associatedUsers: [{ accountId: actor }] } : {}),
  };
}

export function emitCreated(context: JiraContext, issue: IssueRecord): void {
  context.emit({ eventType: 'avi:jira:created:issue', payload: common(context, issue) });
}

/** Raises `updated` for a change (and `assigned` too when the assignee is among the items). Nothing for no change. */
export function emitUpdated(context: JiraContext, issue: IssueRecord, items: ChangeItem[], previousStatusId?: string): void {
  if (items.length === 0) return;
  const changelog = { id: String(context.now()), items };
  const payload: Record<string, unknown> = { ...common(context, issue), changelog };
  if (previousStatusId && previousStatusId !== issue.statusId) {
    const statusOf = (id: string) => {
      const s = STATUSES.find((x) => x.id === id)!;
      return { id: s.id, name: s.name, statusCategory: STATUS_CATEGORIES[s.category] };
    };
    payload.associatedStatuses = [statusOf(previousStatusId), statusOf(issue.statusId)];
  }
  if (items.some((i) => i.fieldId === 'assignee')) {
    context.emit({ eventType: 'avi:jira:assigned:issue', payload: { ...common(context, issue), changelog: { id: changelog.id, items: items.filter((i) => i.fieldId === 'assignee') } } });
  }
  context.emit({ eventType: 'avi:jira:updated:issue', payload });
}

/** Jira's timestamp format: `2021-01-20T15:58:12.797+0000`. */
export function jiraTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
