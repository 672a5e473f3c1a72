import { jiraTime } from '../events';
import type { CommentRecord, IssueRecord, ProjectRow, WorklogRecord } from '../jira-store';
import type { JiraContext } from '../router';
import { CUSTOM_FIELDS, ISSUE_TYPES, LINK_TYPES, STATUSES, STATUS_CATEGORIES, WORKFLOWS, type TransitionConfig } from '../site-config';
import { editMeta } from './field-input';
import { ALL_FIELDS, fieldById, NOT_NAVIGABLE } from './fields';
import { issueTypeJson } from './issue-types';
import { derivedValue } from './jsm-fields';
import { projectRefJson } from './projects';
import { browsable, can } from './route-kit';
import { formatDuration, timeSpentOf } from './time-tracking';
import { APP_ACCOUNT, personJson } from './users';

/**
 * An IssueRecord as Jira's IssueBean, and the shapes inside it (status, comment, worklog, link, transition). Shared by
 * GET /issue, edit with `returnIssue`, and the JQL search (written elsewhere), which calls `renderIssue`.
 */

export function statusJson(context: Pick<JiraContext, 'baseUrl'>, statusId: string): Record<string, unknown> {
  const status = STATUSES.find((s) => s.id === statusId) ?? STATUSES[0]!;
  const category = STATUS_CATEGORIES[status.category];
  return {
    self: `${context.baseUrl}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${context.baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${context.baseUrl}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

const issueSelf = (context: Pick<JiraContext, 'baseUrl'>, id: string) => `${context.baseUrl}/rest/api/3/issue/${id}`;

function issueTypeOf(record: IssueRecord) {
  return ISSUE_TYPES.find((t) => t.id === record.issueTypeId) ?? ISSUE_TYPES[0]!;
}

/** The short form of an issue inside another: parent, sub-tasks, linked issues. */
export function issueRefJson(context: Pick<JiraContext, 'baseUrl'>, record: IssueRecord): Record<string, unknown> {
  return {
    id: record.id,
    key: record.key,
    self: issueSelf(context, record.id),
    fields: { summary: record.summary, status: statusJson(context, record.statusId), issuetype: issueTypeJson(context, issueTypeOf(record)) },
  };
}

// ---- comments and worklogs ---------------------------------------------------------------------------------------

/** The JSM property that marks a comment internal (the platform API's only way to write one). */
export const INTERNAL_PROPERTY = 'sd.public.comment';

/** Comment. `jsdPublic` is always present, as Jira Cloud sends it; properties only with `expand=properties`. */
export function commentJson(context: JiraContext, comment: CommentRecord, expand: string[] = []): Record<string, unknown> {
  const author = personJson(context, comment.author ?? APP_ACCOUNT.accountId);
  return {
    self: `${issueSelf(context, comment.issueId)}/comment/${comment.id}`,
    id: comment.id,
    author,
    body: comment.body,
    updateAuthor: author,
    created: jiraTime(comment.created),
    updated: jiraTime(comment.updated),
    jsdPublic: comment.jsdPublic,
    ...(expand.includes('properties') ? { properties: comment.jsdPublic ? [] : [{ key: INTERNAL_PROPERTY, value: { internal: true } }] } : {}),
  };
}

export function worklogJson(context: JiraContext, worklog: WorklogRecord): Record<string, unknown> {
  const author = personJson(context, worklog.author ?? APP_ACCOUNT.accountId);
  return {
    self: `${issueSelf(context, worklog.issueId)}/worklog/${worklog.id}`,
    author,
    updateAuthor: author,
    ...(worklog.comment ? { comment: worklog.comment } : {}),
    created: jiraTime(worklog.created),
    updated: jiraTime(worklog.updated),
    started: jiraTime(worklog.started),
    timeSpent: formatDuration(worklog.timeSpentSeconds),
    timeSpentSeconds: worklog.timeSpentSeconds,
    id: worklog.id,
    issueId: worklog.issueId,
  };
}

// ---- links and transitions ---------------------------------------------------------------------------------------

export function linkTypeJson(context: Pick<JiraContext, 'baseUrl'>, type: (typeof LINK_TYPES)[number]): Record<string, unknown> {
  return { id: type.id, name: type.name, inward: type.inward, outward: type.outward, self: `${context.baseUrl}/rest/api/3/issueLinkType/${type.id}` };
}

/**
 * The issue's links as Jira lists them on each end. A link is stored as the create request named it: its
 * `inwardIssue` is the link's source (for "Blocks": the issue that blocks), its `outwardIssue` the destination.
 * Seen from the source, the other issue is the `outwardIssue` (read with the type's outward text, "blocks"); seen
 * from the destination it is the `inwardIssue` ("is blocked by"). Links to issues the viewer cannot see are left out.
 */
function linksJson(context: JiraContext, record: IssueRecord): Array<Record<string, unknown>> {
  return context.store.links(record.id).flatMap((link) => {
    const type = LINK_TYPES.find((t) => t.id === link.typeId);
    const fromSource = link.inwardIssueId === record.id;
    const other = context.store.issue(fromSource ? link.outwardIssueId : link.inwardIssueId);
    const otherProject = other && context.store.project(other.projectId);
    if (!type || !other || !otherProject || !browsable(context, otherProject)) return [];
    return [
      {
        id: link.id,
        self: `${context.baseUrl}/rest/api/3/issueLink/${link.id}`,
        type: linkTypeJson(context, type),
        [fromSource ? 'outwardIssue' : 'inwardIssue']: issueRefJson(context, other),
      },
    ];
  });
}

/**
 * The workflow's transitions the acting user can take now. The demo workflows have global transitions ("from any
 * status"); one that leads to the current status is not offered. Without Transition Issues the list is empty.
 */
export function availableTransitions(context: JiraContext, record: IssueRecord, project: ProjectRow): TransitionConfig[] {
  if (!can(context, project, 'TRANSITION_ISSUES')) return [];
  return WORKFLOWS[project.projectTypeKey].transitions.filter((t) => t.to !== record.statusId);
}

export function transitionJson(context: JiraContext, transition: TransitionConfig, withFields: boolean): Record<string, unknown> {
  return {
    id: transition.id,
    name: transition.name,
    to: statusJson(context, transition.to),
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    // The spec names it `looped`; live Jira sends `isLooped`. The object allows extra keys, so both are sent.
    isLooped: false,
    looped: false,
    ...(withFields ? { fields: {} } : {}),
  };
}

// ---- the issue ---------------------------------------------------------------------------------------------------

/** Every field id an issue can show: configured fields, then custom values other features keep on the record. */
function fieldIdsOf(record: IssueRecord): string[] {
  const configured = ALL_FIELDS.map((f) => f.id).filter((id) => id !== 'parent' || record.parentId);
  const others = Object.keys(record.customFields).filter((id) => !configured.includes(id));
  return [...configured, ...others];
}

/**
 * The fields `tokens` select, in Jira's `fields` syntax: `*all`, `*navigable`, field ids, `-id` to leave one out.
 * Without any positive token, the default is `*all` (GET issue's default); unknown ids are ignored, as Jira does.
 */
export function selectFields(record: IssueRecord, tokens: string[] | undefined): string[] {
  const all = fieldIdsOf(record);
  const list = tokens ?? [];
  const positive = list.filter((t) => !t.startsWith('-'));
  const chosen = new Set<string>();
  const add = (ids: string[]) => ids.forEach((id) => chosen.add(id));
  if (positive.length === 0) add(all);
  for (const token of positive) {
    if (token === '*all') add(all);
    else if (token === '*navigable') add(all.filter((id) => !NOT_NAVIGABLE.has(id)));
    else if (all.includes(token)) chosen.add(token);
  }
  for (const token of list.filter((t) => t.startsWith('-'))) chosen.delete(token.slice(1));
  return all.filter((id) => chosen.has(id));
}

function customFieldValue(context: JiraContext, record: IssueRecord, fieldId: string): unknown {
  const field = CUSTOM_FIELDS.find((f) => f.id === fieldId);
  if (field?.derived) return derivedValue(context, field, record);
  const value = record.customFields[fieldId];
  if (value === undefined || value === null) return null;
  if (field?.options && typeof value === 'object') {
    const optionJson = (ref: unknown) => {
      const id = String((ref as { id?: unknown } | null)?.id);
      const option = field.options?.find((o) => o.id === id);
      return option ? [{ self: `${context.baseUrl}/rest/api/3/customFieldOption/${option.id}`, value: option.value, id: option.id }] : [];
    };
    // Checkboxes: the ticked options; none ticked is null, as Jira shows an empty multi-value field.
    if (Array.isArray(value)) {
      const ticked = value.flatMap(optionJson);
      return ticked.length ? ticked : null;
    }
    return optionJson(value)[0] ?? null;
  }
  return value;
}

function fieldValue(context: JiraContext, record: IssueRecord, project: ProjectRow, fieldId: string): unknown {
  switch (fieldId) {
    case 'summary':
      return record.summary;
    case 'description':
      return record.description ?? null;
    case 'issuetype':
      return issueTypeJson(context, issueTypeOf(record));
    case 'project':
      return projectRefJson(context, project);
    case 'status':
      return statusJson(context, record.statusId);
    case 'assignee':
      return personJson(context, record.assignee);
    case 'reporter':
      return personJson(context, record.reporter);
    case 'creator':
      return personJson(context, record.creator);
    case 'labels':
      return record.labels;
    case 'parent': {
      const parent = record.parentId ? context.store.issue(record.parentId) : undefined;
      return parent ? issueRefJson(context, parent) : null;
    }
    case 'created':
      return jiraTime(record.created);
    case 'updated':
      return jiraTime(record.updated);
    case 'comment': {
      const comments = context.store.comments(record.id);
      return { comments: comments.map((c) => commentJson(context, c)), self: `${issueSelf(context, record.id)}/comment`, maxResults: comments.length, total: comments.length, startAt: 0 };
    }
    case 'worklog': {
      // Jira embeds at most 20 worklogs in the issue; the rest are read with GET /issue/{key}/worklog.
      const worklogs = context.store.worklogs(record.id);
      return { startAt: 0, maxResults: 20, total: worklogs.length, worklogs: worklogs.slice(0, 20).map((w) => worklogJson(context, w)) };
    }
    case 'issuelinks':
      return linksJson(context, record);
    case 'subtasks':
      return context.store.subtasks(record.id).map((s) => issueRefJson(context, s));
    case 'timespent':
      return timeSpentOf(context.store, record.id);
    case 'timetracking': {
      const spent = timeSpentOf(context.store, record.id);
      return spent === null ? {} : { timeSpent: formatDuration(spent), timeSpentSeconds: spent };
    }
    default:
      return customFieldValue(context, record, fieldId);
  }
}

/**
 * Renders `record` as an IssueBean, as the acting user sees it. `fieldsParam` is Jira's `fields` list (undefined:
 * `*all`); `expand` takes `names`, `schema`, `transitions`, `editmeta` (`renderedFields`, `changelog` and
 * `operations` are not emulated and are ignored). `options.properties` is the `properties` parameter (`*all`, keys,
 * `-key`). The caller checks that the user may browse the issue.
 */
export function renderIssue(
  context: JiraContext,
  record: IssueRecord,
  fieldsParam?: string[] | undefined,
  expand: string[] = [],
  options: { properties?: string[] } = {},
): Record<string, unknown> {
  const project = context.store.project(record.projectId);
  if (!project) throw new Error(`Issue ${record.key} has no project ${record.projectId}`);
  const ids = selectFields(record, fieldsParam);
  const fields = Object.fromEntries(ids.map((id) => [id, fieldValue(context, record, project, id)]));
  const bean: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: record.id,
    self: issueSelf(context, record.id),
    key: record.key,
  };
  if (options.properties && options.properties.length > 0) bean.properties = selectedProperties(context, record, options.properties);
  if (expand.includes('names')) bean.names = Object.fromEntries(ids.map((id) => [id, fieldById(id)?.name ?? id]));
  if (expand.includes('schema')) bean.schema = Object.fromEntries(ids.flatMap((id) => (fieldById(id) ? [[id, fieldById(id)!.schema]] : [])));
  if (expand.includes('transitions')) bean.transitions = availableTransitions(context, record, project).map((t) => transitionJson(context, t, expand.includes('transitions.fields')));
  if (expand.includes('editmeta')) bean.editmeta = editMeta(context, record, project);
  bean.fields = fields;
  return bean;
}

function selectedProperties(context: JiraContext, record: IssueRecord, tokens: string[]): Record<string, unknown> {
  const keys = context.store.propertyKeys(record.id);
  const chosen = new Set<string>();
  for (const token of tokens.filter((t) => !t.startsWith('-'))) {
    if (token === '*all') keys.forEach((k) => chosen.add(k));
    else if (keys.includes(token)) chosen.add(token);
  }
  for (const token of tokens.filter((t) => t.startsWith('-'))) chosen.delete(token.slice(1));
  return Object.fromEntries([...chosen].map((k) => [k, context.store.property(record.id, k)]));
}
