import type { ChangeItem } from '../events';
import type { IssueRecord, ProjectRow } from '../jira-store';
import type { JiraContext } from '../router';
import { CUSTOM_FIELDS, isMultiOption, ISSUE_TYPES, STATUSES, type FieldConfig } from '../site-config';
import { fieldById } from './fields';
import { issueTypeJson, issueTypesOf } from './issue-types';
import { projectRefJson } from './projects';
import { can, isAdfDocument, NOT_ADF, notOnScreen, plainText } from './route-kit';
import { displayNameOf, isAssignable } from './users';

/**
 * Field values written through create and edit: which fields a screen offers, how each value is checked and stored
 * (in the store's REST shape), the `update` operations each field takes, the create/edit metadata that describes
 * them, and the changelog items a change makes.
 *
 * Screens: every configured field is on the create and edit screens except read-only system fields (status,
 * created, updated, creator, comment, worklog, links, sub-tasks, time fields), the app's own "Implementation
 * stage", and fields whose config names the project types that have them (`screens`). "Implementation stage" is
 * declared `readOnly` in the app's manifest, so Jira keeps it off every screen: setting it through create or edit
 * answers 400 "cannot be set", even for the app — the app sets it with PUT /rest/api/3/app/field/{field}/value.
 * JSM's "Organizations" and the "Phases wanted" checkboxes are on the service project's screens only; JSM's
 * "Request Type" is on none (setting it through the platform API is not emulated). The assignee is on a screen
 * only for people who may assign issues, as Jira shows it only to them. Changing the issue type or the parent by
 * edit is not emulated (400 "cannot be set").
 */
export type Screen = 'create' | 'edit';

const CREATE_ONLY = new Set(['project', 'issuetype', 'parent']);

/** The fields a screen offers the acting user in `project` (custom fields by id). */
export function screenFields(context: JiraContext, project: ProjectRow, screen: Screen, subtask = false): FieldConfig[] {
  return [
    ...['project', 'issuetype', 'parent', 'summary', 'description', 'reporter', 'assignee', 'labels'].flatMap((id) => {
      if (CREATE_ONLY.has(id) && screen !== 'create') return [];
      if (id === 'parent' && !subtask) return [];
      if (id === 'assignee' && !can(context, project, 'ASSIGN_ISSUES')) return [];
      const field = fieldById(id);
      return field ? [field] : [];
    }),
    ...CUSTOM_FIELDS.filter((f) => !f.appOwned && (!f.screens || f.screens[screen].includes(project.projectTypeKey))),
  ];
}

export function isOnScreen(context: JiraContext, project: ProjectRow, screen: Screen, fieldId: string, subtask = false): boolean {
  return screenFields(context, project, screen, subtask).some((f) => f.id === fieldId);
}

export const OPERATIONS: Record<string, string[]> = {
  labels: ['add', 'set', 'remove'],
  comment: ['add', 'edit', 'remove'],
  issuetype: [],
};

/** Multi-value fields: checkboxes and JSM's organisations take add, set and remove, as labels do. */
const isMultiValue = (field: FieldConfig): boolean => isMultiOption(field) || field.derived === 'organizations';

function operationsOf(field: FieldConfig): string[] {
  return OPERATIONS[field.id] ?? (isMultiValue(field) ? ['add', 'set', 'remove'] : ['set']);
}

/** Stores `raw` as `fieldId` on `draft`; answers Jira's error message for the field when the value is not valid. */
export function writeField(context: JiraContext, draft: IssueRecord, project: ProjectRow, fieldId: string, raw: unknown): string | undefined {
  switch (fieldId) {
    case 'summary': {
      if (typeof raw !== 'string' || raw.trim() === '') return 'You must specify a summary of the issue.';
      if (/[\r\n]/.test(raw)) return 'The summary is invalid because it contains newline characters.';
      if (raw.length > 255) return 'Summary must be less than 255 characters.';
      draft.summary = raw;
      return undefined;
    }
    case 'description': {
      if (raw !== null && !isAdfDocument(raw)) return NOT_ADF;
      draft.description = raw;
      return undefined;
    }
    case 'labels': {
      if (!Array.isArray(raw)) return 'Operation value must be an array of strings.';
      const labels: string[] = [];
      for (const label of raw) {
        const problem = labelProblem(label);
        if (problem) return problem;
        if (!labels.includes(label as string)) labels.push(label as string);
      }
      draft.labels = labels;
      return undefined;
    }
    case 'assignee':
    case 'reporter': {
      const accountId = accountIdOf(raw);
      if (accountId === undefined) return "Specify the user by 'accountId'.";
      if (accountId === null || (fieldId === 'assignee' && accountId === '-1')) {
        if (fieldId === 'reporter') return 'Reporter is required.';
        draft.assignee = null;
        return undefined;
      }
      const user = context.store.user(accountId);
      if (!user) return `User '${accountId}' does not exist.`;
      if (fieldId === 'assignee' && !isAssignable(user, project)) return `User '${user.displayName}' cannot be assigned issues.`;
      if (fieldId === 'assignee') draft.assignee = accountId;
      else draft.reporter = accountId;
      return undefined;
    }
    default: {
      const field = CUSTOM_FIELDS.find((f) => f.id === fieldId);
      if (!field || field.derived === 'requestType') return notOnScreen(fieldId);
      if (field.derived === 'organizations') {
        const ids = organizationIdsOf(context, raw);
        if ('error' in ids) return ids.error;
        draft.organizationIds = ids.value;
        return undefined;
      }
      const checked = customValue(field, raw);
      if ('error' in checked) return checked.error;
      draft.customFields = { ...draft.customFields, [fieldId]: checked.value };
      return undefined;
    }
  }
}

function labelProblem(label: unknown): string | undefined {
  if (typeof label !== 'string' || label === '') return 'Labels must be non-empty strings.';
  if (/\s/.test(label)) return `The label '${label}' contains spaces which is invalid.`;
  if (label.length > 255) return 'The label must not exceed 255 characters.';
  return undefined;
}

function accountIdOf(raw: unknown): string | null | undefined {
  if (raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const id = (raw as { accountId?: unknown }).accountId;
  if (id === null) return null;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

const NOT_AN_ARRAY = 'data was not an array';

/** One option reference (`{id}` or `{value}`) in the store's shape `{id, value}`, or Jira's error for it. */
function optionValue(field: FieldConfig, raw: unknown): { value: { id: string; value: string } } | { error: string } {
  const options = field.options ?? [];
  const invalid = { error: `Specify a valid 'id' or 'name' for ${field.name}` };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return invalid;
  const ref = raw as { id?: unknown; value?: unknown };
  if (ref.id !== undefined) {
    const option = options.find((o) => o.id === String(ref.id));
    return option ? { value: { id: option.id, value: option.value } } : { error: `Option id '${String(ref.id)}' is not valid` };
  }
  if (ref.value !== undefined) {
    const option = options.find((o) => o.value === ref.value);
    return option ? { value: { id: option.id, value: option.value } } : { error: `Option value '${String(ref.value)}' is not valid` };
  }
  return invalid;
}

/** Checkbox options in the store's shape: each option once, in the order given; none ticked is null. */
function optionList(field: FieldConfig, raw: unknown[]): { value: unknown } | { error: string } {
  const ticked: Array<{ id: string; value: string }> = [];
  for (const ref of raw) {
    const checked = optionValue(field, ref);
    if ('error' in checked) return checked;
    if (!ticked.some((o) => o.id === checked.value.id)) ticked.push(checked.value);
  }
  return { value: ticked.length ? ticked : null };
}

/** Organisation ids (numbers, as Jira takes them, or numeric strings) of organisations that exist. */
function organizationIdsOf(context: JiraContext, raw: unknown): { value: string[] } | { error: string } {
  if (raw === null) return { value: [] };
  if (!Array.isArray(raw)) return { error: NOT_AN_ARRAY };
  const ids: string[] = [];
  for (const item of raw) {
    const id = organizationIdOf(context, item);
    if ('error' in id) return id;
    if (!ids.includes(id.value)) ids.push(id.value);
  }
  return { value: ids };
}

function organizationIdOf(context: JiraContext, raw: unknown): { value: string } | { error: string } {
  const id = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : typeof raw === 'string' && /^\d+$/.test(raw) ? raw : undefined;
  if (id === undefined) return { error: 'Organizations are given by their ids (numbers).' };
  return context.store.organization(id) ? { value: id } : { error: `The organization with id '${id}' does not exist.` };
}

/** A custom field value in the store's shape, or the error Jira gives for it. */
function customValue(field: FieldConfig, raw: unknown): { value: unknown } | { error: string } {
  if (raw === null) return { value: null };
  if (isMultiOption(field)) return Array.isArray(raw) ? optionList(field, raw) : { error: NOT_AN_ARRAY };
  if (field.options) return optionValue(field, raw);
  if (field.schema.type === 'number') return typeof raw === 'number' && Number.isFinite(raw) ? { value: raw } : { error: 'Operation value must be a number' };
  if (field.schema.type === 'string') {
    if (typeof raw !== 'string') return { error: 'Operation value must be a string' };
    return raw.length > 255 ? { error: `${field.name} must be less than 255 characters.` } : { value: raw };
  }
  return { value: raw };
}

/**
 * Applies one `update` operation to `draft`. `comment` is not a field write (the caller adds comments after the
 * edit); labels take add, remove and set; every other field takes set.
 */
export function applyOperation(context: JiraContext, draft: IssueRecord, project: ProjectRow, fieldId: string, op: string, value: unknown): string | undefined {
  if (fieldId === 'labels') {
    if (op === 'set') return writeField(context, draft, project, 'labels', value);
    const problem = labelProblem(value);
    if (problem) return problem;
    const label = value as string;
    if (op === 'add') draft.labels = draft.labels.includes(label) ? draft.labels : [...draft.labels, label];
    else if (op === 'remove') draft.labels = draft.labels.filter((l) => l !== label);
    else return `Field 'labels' does not support operation '${op}'.`;
    return undefined;
  }
  const field = CUSTOM_FIELDS.find((f) => f.id === fieldId);
  if (field && isMultiValue(field) && (op === 'add' || op === 'remove')) return addOrRemove(context, draft, field, op, value);
  if (op !== 'set') return `Field '${fieldId}' does not support operation '${op}'.`;
  return writeField(context, draft, project, fieldId, value);
}

/** `add` or `remove` of one checkbox option (`{id}` / `{value}`) or one organisation id. */
function addOrRemove(context: JiraContext, draft: IssueRecord, field: FieldConfig, op: 'add' | 'remove', value: unknown): string | undefined {
  if (field.derived === 'organizations') {
    const id = organizationIdOf(context, value);
    if ('error' in id) return id.error;
    const others = draft.organizationIds.filter((o) => o !== id.value);
    draft.organizationIds = op === 'add' ? [...others, id.value] : others;
    return undefined;
  }
  const option = optionValue(field, value);
  if ('error' in option) return option.error;
  const current = Array.isArray(draft.customFields[field.id]) ? (draft.customFields[field.id] as Array<{ id: string }>) : [];
  const others = current.filter((o) => o.id !== option.value.id);
  const next = op === 'add' ? (others.length === current.length ? [...current, option.value] : current) : others;
  draft.customFields = { ...draft.customFields, [field.id]: next.length ? next : null };
  return undefined;
}

// ---- metadata ----------------------------------------------------------------------------------------------------

/** FieldMetadata (strict): the description of one field on a create or edit screen. */
export function fieldMetadata(context: JiraContext, field: FieldConfig, project: ProjectRow, screen: Screen, issueTypeId?: string): Record<string, unknown> {
  const required = screen === 'create' && ['project', 'issuetype', 'summary', 'parent'].includes(field.id);
  const base = context.baseUrl;
  const allowed = (): unknown[] | undefined => {
    if (field.id === 'issuetype') return issueTypesOf(project).filter((t) => screen === 'create' || t.id === issueTypeId).map((t) => issueTypeJson(context, t));
    if (field.id === 'project') return [projectRefJson(context, project)];
    if (field.options) return field.options.map((o) => ({ self: `${base}/rest/api/3/customFieldOption/${o.id}`, value: o.value, id: o.id }));
    return undefined;
  };
  const autoComplete: Record<string, string> = {
    assignee: `${base}/rest/api/3/user/assignable/search?project=${project.key}&query=`,
    reporter: `${base}/rest/api/3/user/search?query=`,
    labels: `${base}/rest/api/1.0/labels/suggest?query=`,
  };
  const values = allowed();
  return {
    required,
    schema: field.schema,
    name: field.name,
    key: field.id,
    ...(autoComplete[field.id] ? { autoCompleteUrl: autoComplete[field.id] } : {}),
    hasDefaultValue: field.id === 'reporter' && screen === 'create',
    operations: operationsOf(field),
    ...(values ? { allowedValues: values } : {}),
  };
}

/** IssueUpdateMetadata: the edit screen of `issue` for the acting user (nothing without Edit Issues). */
export function editMeta(context: JiraContext, issue: IssueRecord, project: ProjectRow): Record<string, unknown> {
  if (!can(context, project, 'EDIT_ISSUES')) return { fields: {} };
  const fields = screenFields(context, project, 'edit');
  const comment = fieldById('comment');
  const all = can(context, project, 'ADD_COMMENTS') && comment ? [...fields, comment] : fields;
  return { fields: Object.fromEntries(all.map((f) => [f.id, fieldMetadata(context, f, project, 'edit', issue.issueTypeId)])) };
}

// ---- changelog ---------------------------------------------------------------------------------------------------

const text = (s: string | null | undefined) => (s === undefined || s === '' ? null : s);

/** The changelog items between two versions of an issue, one per changed field, as Jira writes them. */
export function changeItems(context: JiraContext, before: IssueRecord, after: IssueRecord): ChangeItem[] {
  const items: ChangeItem[] = [];
  const plain = (field: string, from: string | null, to: string | null, fieldtype: 'jira' | 'custom' = 'jira', fieldId = field) => {
    if (from !== to) items.push({ field, fieldId, fieldtype, from: null, fromString: from, to: null, toString: to });
  };
  const keyed = (field: string, from: string | null, fromString: string | null, to: string | null, toString: string | null, fieldtype: 'jira' | 'custom' = 'jira', fieldId = field) => {
    if (from !== to) items.push({ field, fieldId, fieldtype, from, fromString, to, toString });
  };
  if (before.issueTypeId !== after.issueTypeId) {
    const name = (id: string) => ISSUE_TYPES.find((t) => t.id === id)?.name ?? id;
    keyed('issuetype', before.issueTypeId, name(before.issueTypeId), after.issueTypeId, name(after.issueTypeId));
  }
  plain('summary', before.summary, after.summary);
  if (JSON.stringify(before.description) !== JSON.stringify(after.description)) {
    items.push({ field: 'description', fieldId: 'description', fieldtype: 'jira', from: null, fromString: text(plainText(before.description)), to: null, toString: text(plainText(after.description)) });
  }
  if (before.statusId !== after.statusId) {
    const name = (id: string) => STATUSES.find((s) => s.id === id)?.name ?? id;
    keyed('status', before.statusId, name(before.statusId), after.statusId, name(after.statusId));
  }
  keyed('assignee', before.assignee, displayNameOf(context, before.assignee), after.assignee, displayNameOf(context, after.assignee));
  keyed('reporter', before.reporter, displayNameOf(context, before.reporter), after.reporter, displayNameOf(context, after.reporter));
  if (before.labels.join(' ') !== after.labels.join(' ')) plain('labels', text(before.labels.join(' ')), text(after.labels.join(' ')));
  const orgs = (ids: string[]) => ids.map((id) => ({ id, value: context.store.organization(id)?.name ?? id }));
  for (const field of CUSTOM_FIELDS) {
    if (field.derived === 'requestType') continue;
    const from = field.derived === 'organizations' ? orgs(before.organizationIds) : (before.customFields[field.id] ?? null);
    const to = field.derived === 'organizations' ? orgs(after.organizationIds) : (after.customFields[field.id] ?? null);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    if (Array.isArray(from) || Array.isArray(to)) {
      // A multi-value field: ids as a bracketed list, names joined by commas (Jira's changelog of multi-selects).
      const list = (v: unknown) => (Array.isArray(v) && v.length ? (v as Array<{ id: string; value: string }>) : null);
      const ids = (v: unknown) => (list(v) ? `[${list(v)!.map((o) => o.id).join(', ')}]` : null);
      const names = (v: unknown) => (list(v) ? list(v)!.map((o) => o.value).join(',') : null);
      if (ids(from) !== ids(to)) items.push({ field: field.name, fieldId: field.id, fieldtype: 'custom', from: ids(from), fromString: names(from), to: ids(to), toString: names(to) });
    } else if (field.options) {
      const option = (v: unknown) => {
        const id = v && typeof v === 'object' ? String((v as { id?: unknown }).id) : null;
        return { id, value: field.options?.find((o) => o.id === id)?.value ?? null };
      };
      items.push({ field: field.name, fieldId: field.id, fieldtype: 'custom', from: option(from).id, fromString: option(from).value, to: option(to).id, toString: option(to).value });
    } else {
      items.push({ field: field.name, fieldId: field.id, fieldtype: 'custom', from: null, fromString: from === null ? null : String(from), to: null, toString: to === null ? null : String(to) });
    }
  }
  return items;
}
