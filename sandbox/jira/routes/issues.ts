import { z } from 'zod';
import { emitCreated, emitUpdated } from '../events';
import type { IssueRecord, ProjectRow } from '../jira-store';
import { jiraError, type JiraContext, type Route } from '../router';
import type { JiraReply } from '../types';
import { addComment, checkComment, commentInput } from './comments';
import { applyOperation, changeItems, editMeta, fieldMetadata, isOnScreen, screenFields, writeField, type Screen } from './field-input';
import { availableTransitions, renderIssue, transitionJson } from './issue-bean';
import { checkProperty } from './issue-properties';
import { issueTypeIn, issueTypeJson, issueTypesOf } from './issue-types';
import { browsable, can, notOnScreen, paging, parseBody, queryFlag, queryList, visibleIssue } from './route-kit';
import { isAssignable } from './users';

/**
 * Issues: create (POST /issue), get (GET /issue/{key}), edit (PUT /issue/{key}), assign (PUT /issue/{key}/assignee),
 * transitions (GET/POST /issue/{key}/transitions), create metadata (GET /issue/createmeta/{project}/issuetypes
 * [/{issueTypeId}]) and edit metadata (GET /issue/{key}/editmeta).
 *
 * Status codes where Jira's own documentation leaves a choice (each is a decision, named here):
 * - create without Create Issues, or in a project the user cannot see: 400 with `errors.project` (the spec lists
 *   "a user who does not have the necessary permission" under 400);
 * - edit without Edit Issues: 403 "You do not have permission to edit issues in this project." (Jira's own
 *   message; the spec's 400 is for fields the user may not edit, which answer `errors[field]` here);
 * - assign without Assign Issues: 403 (spec); an assignee who is not an Assignable User: 400;
 * - transition without Transition Issues: 400, as the spec lists it — the transition is simply not available.
 * Creating with a `transition` is not emulated (400). Field values: see field-input.ts.
 */
const fieldOperation = z.record(z.unknown());
const updateDetails = z
  .object({
    fields: z.record(z.unknown()).optional(),
    update: z.record(z.array(fieldOperation)).optional(),
    properties: z.array(z.object({ key: z.string(), value: z.unknown() }).strict()).optional(),
    transition: z.object({ id: z.union([z.string(), z.number()]).optional() }).passthrough().optional(),
    historyMetadata: z.unknown().optional(),
  })
  .passthrough();
type UpdateDetails = z.infer<typeof updateDetails>;

const OPERATION_NAMES = new Set(['add', 'set', 'remove', 'edit', 'copy']);
const EDIT_REFUSED = 'You do not have permission to edit issues in this project.';

interface Applied {
  errors: Record<string, string>;
  comments: Array<{ body: unknown; jsdPublic: boolean }>;
}

/**
 * Applies `fields` and `update` to `draft` for `screen`, collecting Jira's per-field errors and the comments to add
 * (`update.comment: [{add: {...}}]`). `skip` names fields the caller handles itself (project, issue type, parent).
 */
function applyChanges(context: JiraContext, draft: IssueRecord, project: ProjectRow, body: UpdateDetails, screen: Screen | 'transition', skip: string[] = []): Applied {
  const errors: Record<string, string> = {};
  const comments: Applied['comments'] = [];
  const fields = body.fields ?? {};
  const onScreen = (id: string) => screen !== 'transition' && isOnScreen(context, project, screen, id);
  for (const [fieldId, value] of Object.entries(fields)) {
    if (skip.includes(fieldId)) continue;
    if (!onScreen(fieldId)) errors[fieldId] = notOnScreen(fieldId);
    else {
      const problem = writeField(context, draft, project, fieldId, value);
      if (problem) errors[fieldId] = problem;
    }
  }
  for (const [fieldId, operations] of Object.entries(body.update ?? {})) {
    if (fieldId in fields) {
      errors[fieldId] = `Field '${fieldId}' cannot be set in both 'fields' and 'update'.`;
      continue;
    }
    if (fieldId === 'comment' && screen !== 'create') {
      collectComments(context, project, operations, comments, errors);
      continue;
    }
    if (!onScreen(fieldId)) {
      errors[fieldId] = notOnScreen(fieldId);
      continue;
    }
    for (const operation of operations) {
      for (const [name, value] of Object.entries(operation)) {
        const problem = OPERATION_NAMES.has(name) ? applyOperation(context, draft, project, fieldId, name, value) : `Unrecognized operation '${name}'.`;
        if (problem) errors[fieldId] ??= problem;
      }
    }
  }
  for (const property of body.properties ?? []) {
    const problem = checkProperty(property.key, property.value);
    if (problem) errors[`properties[${property.key}]`] = problem;
  }
  return { errors, comments };
}

function collectComments(context: JiraContext, project: ProjectRow, operations: Array<Record<string, unknown>>, comments: Applied['comments'], errors: Record<string, string>): void {
  if (!can(context, project, 'ADD_COMMENTS')) {
    errors.comment = 'You do not have the permission to comment on this issue.';
    return;
  }
  for (const operation of operations) {
    for (const [name, value] of Object.entries(operation)) {
      if (name !== 'add') {
        errors.comment = `The sandbox emulates only 'add' on comments through update; use the comment resource to ${name} one.`;
        continue;
      }
      const input = commentInput.safeParse(value);
      const checked = input.success ? checkComment(input.data, project) : undefined;
      if (!checked) errors.comment = 'Comment must be an object with an ADF body.';
      else if (!checked.ok) errors.comment = Object.values((checked.reply.body as { errors: Record<string, string> }).errors)[0] ?? (checked.reply.body as { errorMessages: string[] }).errorMessages[0] ?? 'Invalid comment.';
      else comments.push(checked.value);
    }
  }
}

const refOf = (raw: unknown): { id?: string; key?: string; name?: string } => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const r = raw as { id?: unknown; key?: unknown; name?: unknown };
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return { id: text(r.id), key: text(r.key), name: text(r.name) };
};

function saveProperties(context: JiraContext, issueId: string, body: UpdateDetails): void {
  for (const property of body.properties ?? []) context.store.setProperty(issueId, property.key, property.value);
}

// ---- create ------------------------------------------------------------------------------------------------------

function createIssue(context: JiraContext): JiraReply {
  const parsed = parseBody(updateDetails, context.request.body);
  if (!parsed.ok) return parsed.reply;
  const body = parsed.value;
  const fields = body.fields ?? {};
  if (body.transition) return jiraError(400, 'Creating an issue with a transition is not emulated by the sandbox; create it, then transition it.');

  const projectRef = refOf(fields.project);
  if (!projectRef.id && !projectRef.key) return jiraError(400, '', { project: 'Specify a valid project ID or key' });
  const project = context.store.projects().find((p) => p.id === projectRef.id || p.key === projectRef.key?.toUpperCase());
  if (!project || !browsable(context, project)) return jiraError(400, '', { project: 'valid project is required' });
  if (!can(context, project, 'CREATE_ISSUES')) return jiraError(400, '', { project: 'You do not have permission to create issues in this project.' });

  const errors: Record<string, string> = {};
  const typeRef = refOf(fields.issuetype);
  const type = typeRef.id || typeRef.name ? issueTypeIn(project, typeRef) : undefined;
  if (!type) errors.issuetype = 'Specify a valid issue type';

  let parentId: string | null = null;
  const parentRef = refOf(fields.parent);
  if (type?.subtask && !parentRef.id && !parentRef.key) errors.parent = 'Issue type is a sub-task but parent issue key or id not specified.';
  if (parentRef.id || parentRef.key) {
    const parent = visibleIssue(context, parentRef.id ?? parentRef.key);
    if (!parent.ok) errors.parent = `Could not find issue by id or key.`;
    else if (!type?.subtask || parent.value.project.id !== project.id || parent.value.issue.parentId) errors.parent = 'Given parent issue does not belong to appropriate hierarchy.';
    else parentId = parent.value.issue.id;
  }
  if (!('summary' in fields) && !body.update?.summary) errors.summary = 'You must specify a summary of the issue.';

  const at = context.now();
  const draft: IssueRecord = {
    id: '',
    key: '',
    projectId: project.id,
    issueTypeId: type?.id ?? '',
    parentId,
    summary: '',
    description: null,
    statusId: '',
    reporter: context.user?.accountId ?? null,
    assignee: null,
    creator: context.user?.accountId ?? null,
    created: at,
    updated: at,
    labels: [],
    customFields: {},
    requestTypeId: null,
    organizationIds: [],
  };
  const applied = applyChanges(context, draft, project, body, 'create', ['project', 'issuetype', 'parent']);
  Object.assign(errors, applied.errors);
  if (Object.keys(errors).length > 0) return jiraError(400, '', errors);

  const record = context.store.createIssue({
    projectKey: project.key,
    issueTypeId: draft.issueTypeId,
    parentId,
    summary: draft.summary,
    description: draft.description,
    reporter: draft.reporter,
    assignee: draft.assignee,
    creator: draft.creator,
    labels: draft.labels,
    customFields: draft.customFields,
    organizationIds: draft.organizationIds,
  });
  saveProperties(context, record.id, body);
  emitCreated(context, record);
  return { status: 201, body: { id: record.id, key: record.key, self: `${context.baseUrl}/rest/api/3/issue/${record.id}` } };
}

// ---- read and edit -----------------------------------------------------------------------------------------------

function getIssue(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const query = context.request.query;
  const fields = queryList(query, 'fields');
  return {
    status: 200,
    body: renderIssue(context, found.value.issue, fields.length ? fields : undefined, queryList(query, 'expand'), { properties: queryList(query, 'properties') }),
  };
}

/** Saves what changed on `draft` and raises updated (and assigned) for it; answers the saved issue. */
function saveChanges(context: JiraContext, before: IssueRecord, draft: IssueRecord, previousStatusId?: string): IssueRecord {
  const items = changeItems(context, before, draft);
  if (items.length === 0) return before;
  const { summary, description, assignee, reporter, labels, customFields, statusId, organizationIds } = draft;
  const after = context.store.updateIssue(before.id, { summary, description, assignee, reporter, labels, customFields, statusId, organizationIds });
  emitUpdated(context, after, items, previousStatusId);
  return after;
}

function editIssue(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const { issue, project } = found.value;
  if (!can(context, project, 'EDIT_ISSUES')) return jiraError(403, EDIT_REFUSED);
  const parsed = parseBody(updateDetails, context.request.body);
  if (!parsed.ok) return parsed.reply;
  const query = context.request.query;
  if ((queryFlag(query, 'overrideScreenSecurity', false) || queryFlag(query, 'overrideEditableFlag', false)) && context.user && context.user.kind !== 'admin') {
    return jiraError(403, 'Only Jira administrators can override screen security or the editable flag.');
  }
  // Edit ignores `transition` (the spec says so); notifyUsers only affects e-mail, which the sandbox does not send.
  const draft: IssueRecord = structuredClone(issue);
  const applied = applyChanges(context, draft, project, parsed.value, 'edit');
  if (Object.keys(applied.errors).length > 0) return jiraError(400, '', applied.errors);
  let saved = saveChanges(context, issue, draft);
  saveProperties(context, issue.id, parsed.value);
  for (const comment of applied.comments) addComment(context, saved, comment);
  if (applied.comments.length) saved = context.store.issue(issue.id) ?? saved;
  if (!queryFlag(query, 'returnIssue', false)) return { status: 204 };
  return { status: 200, body: renderIssue(context, saved, undefined, queryList(query, 'expand')) };
}

const assigneeBody = z.object({ accountId: z.string().nullable().optional(), name: z.unknown().optional(), key: z.unknown().optional() }).passthrough();

function assignIssue(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const { issue, project } = found.value;
  if (!can(context, project, 'ASSIGN_ISSUES')) return jiraError(403, 'You do not have permission to assign issues.');
  const parsed = parseBody(assigneeBody, context.request.body);
  if (!parsed.ok) return parsed.reply;
  if (!('accountId' in parsed.value)) return jiraError(400, "The 'accountId' of the assignee is missing (null unassigns).");
  const accountId = parsed.value.accountId ?? null;
  const draft: IssueRecord = structuredClone(issue);
  // "-1" is the project's default assignee: both demo projects default to unassigned.
  if (accountId === null || accountId === '-1') draft.assignee = null;
  else {
    const user = context.store.user(accountId);
    if (!user) return jiraError(400, `User '${accountId}' does not exist.`);
    if (!isAssignable(user, project)) return jiraError(400, '', { assignee: `User '${user.displayName}' cannot be assigned issues.` });
    draft.assignee = accountId;
  }
  saveChanges(context, issue, draft);
  return { status: 204 };
}

// ---- transitions -------------------------------------------------------------------------------------------------

function getTransitions(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const query = context.request.query;
  const only = query.get('transitionId');
  const withFields = queryList(query, 'expand').includes('transitions.fields');
  const transitions = availableTransitions(context, found.value.issue, found.value.project).filter((t) => !only || t.id === only);
  return { status: 200, body: { expand: 'transitions', transitions: transitions.map((t) => transitionJson(context, t, withFields)) } };
}

function doTransition(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleIssue(context, params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const { issue, project } = found.value;
  const parsed = parseBody(updateDetails, context.request.body);
  if (!parsed.ok) return parsed.reply;
  const id = parsed.value.transition?.id;
  if (id === undefined) return jiraError(400, "Missing 'transition' identifier.");
  const transition = availableTransitions(context, issue, project).find((t) => t.id === String(id));
  if (!transition) return jiraError(400, `Transition id '${id}' is not valid for this issue.`);
  // The demo workflows have no transition screens: only a comment (and properties) may come with a transition.
  const draft: IssueRecord = { ...structuredClone(issue), statusId: transition.to };
  const applied = applyChanges(context, draft, project, parsed.value, 'transition');
  if (Object.keys(applied.errors).length > 0) return jiraError(400, '', applied.errors);
  const saved = saveChanges(context, issue, draft, issue.statusId);
  saveProperties(context, issue.id, parsed.value);
  for (const comment of applied.comments) addComment(context, saved, comment);
  return { status: 204 };
}

// ---- metadata ----------------------------------------------------------------------------------------------------

function creatableProject(context: JiraContext, ref: string): ProjectRow | undefined {
  const project = context.store.project(ref);
  return project && browsable(context, project) && can(context, project, 'CREATE_ISSUES') ? project : undefined;
}

const NO_CREATE_PROJECT = (ref: string) => `No project could be found with key '${ref}', or you do not have permission to create issues in it.`;

function createMetaIssueTypes(context: JiraContext, params: Record<string, string>): JiraReply {
  const ref = params.projectIdOrKey ?? '';
  const project = creatableProject(context, ref);
  if (!project) return jiraError(400, NO_CREATE_PROJECT(ref));
  const page = paging(context.request.query, 50, 200);
  if (!page.ok) return page.reply;
  const types = issueTypesOf(project);
  const { startAt, maxResults } = page.value;
  return { status: 200, body: { maxResults, startAt, total: types.length, issueTypes: types.slice(startAt, startAt + maxResults).map((t) => issueTypeJson(context, t)) } };
}

function createMetaFields(context: JiraContext, params: Record<string, string>): JiraReply {
  const ref = params.projectIdOrKey ?? '';
  const project = creatableProject(context, ref);
  if (!project) return jiraError(400, NO_CREATE_PROJECT(ref));
  const type = issueTypeIn(project, { id: params.issueTypeId ?? '' });
  if (!type) return jiraError(400, `The issue type with id '${params.issueTypeId}' does not exist in project '${project.key}'.`);
  const page = paging(context.request.query, 50, 200);
  if (!page.ok) return page.reply;
  const all = screenFields(context, project, 'create', type.subtask).map((f) => ({ ...fieldMetadata(context, f, project, 'create', type.id), fieldId: f.id }));
  const { startAt, maxResults } = page.value;
  return { status: 200, body: { maxResults, startAt, total: all.length, fields: all.slice(startAt, startAt + maxResults) } };
}

function getEditMeta(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleIssue(context, params.issueIdOrKey);
  return found.ok ? { status: 200, body: editMeta(context, found.value.issue, found.value.project) } : found.reply;
}

export const issueRoutes: Route[] = [
  { method: 'POST', path: '/rest/api/3/issue', handle: createIssue },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}', handle: getIssue },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}', handle: editIssue },
  { method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}/assignee', handle: assignIssue },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/transitions', handle: getTransitions },
  { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/transitions', handle: doTransition },
  { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/editmeta', handle: getEditMeta },
  { method: 'GET', path: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes', handle: createMetaIssueTypes },
  { method: 'GET', path: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}', handle: createMetaFields },
];
