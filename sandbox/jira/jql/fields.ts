/**
 * The JQL fields the sandbox searches, and how each reads its value from an IssueRecord. Five kinds, as Jira's
 * searchers group them:
 * - `option`: values with an identity (project, issue type, status, users, labels, select options, parent, …),
 *   compared as sets of canonical ids; a value the site does not know is an error, as in Jira;
 * - `text`: words searched with `~` / `!~`;
 * - `number` and `date`: ordered values;
 * - `key`: the issue itself (`key`, `issuekey`, `id`, `issue` are one field in Jira).
 */
import type { IssueRecord } from '../jira-store';
import { CUSTOM_FIELDS, ISSUE_TYPES, REQUEST_TYPES, STATUSES, STATUS_CATEGORIES, type FieldConfig } from '../site-config';
import type { JqlEnvironment } from './environment';
import { adfText } from './text';

export type SortValue = string | number | null;

/** Collects validation errors while a query is compiled (Jira reports all of them at once). */
export interface Problems {
  add(message: string): void;
}

const EQUALITY = ['=', '!=', 'in', 'not in', 'is', 'is not'] as const;
const ORDERED = [...EQUALITY, '<', '<=', '>', '>='] as const;
const TEXT = ['~', '!~', 'is', 'is not'] as const;

interface FieldCommon {
  /** The field's id, for messages and for ORDER BY duplicates. */
  id: string;
  operators: readonly string[];
  /** Absent: the field cannot be used in ORDER BY. */
  sort?: (record: IssueRecord, env: JqlEnvironment) => SortValue;
}

export interface OptionField extends FieldCommon {
  kind: 'option';
  /** Canonical ids of the record's values; empty when the field is empty. */
  values(record: IssueRecord, env: JqlEnvironment): string[];
  /** Canonical ids that a written value stands for; reports an unknown value to `problems`. */
  resolve(value: string, written: string, env: JqlEnvironment, problems: Problems): string[];
  /** Functions that produce values of this field (lower-case names), e.g. currentUser(). */
  functions?: Record<string, (args: string[], env: JqlEnvironment) => string[]>;
}

export interface TextField extends FieldCommon {
  kind: 'text';
  texts(record: IssueRecord, env: JqlEnvironment): string[];
}

export interface NumberField extends FieldCommon {
  kind: 'number';
  value(record: IssueRecord): number | null;
}

export interface DateField extends FieldCommon {
  kind: 'date';
  value(record: IssueRecord): number | null;
}

export interface KeyField extends FieldCommon {
  kind: 'key';
}

export type FieldDef = OptionField | TextField | NumberField | DateField | KeyField;

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
const same = (a: string, b: string): boolean => fold(a) === fold(b);

/** A sortable form of an issue key: project key, then the number, zero-padded. */
export function keySortValue(key: string): string {
  const [project = '', number = '0'] = key.split(/-(?=\d+$)/);
  return `${project.toUpperCase()}-${number.padStart(12, '0')}`;
}

function unknownValue(problems: Problems, value: string, written: string): string[] {
  problems.add(`The value '${value}' does not exist for the field '${written}'.`);
  return [];
}

// ---- system fields -------------------------------------------------------------------------------------------------

const project: OptionField = {
  kind: 'option',
  id: 'project',
  operators: EQUALITY,
  values: (r) => [r.projectId],
  resolve: (value, written, env, problems) => {
    const found = env.projects.filter((p) => p.id === value || same(p.key, value) || same(p.name, value));
    return found.length ? found.map((p) => p.id) : unknownValue(problems, value, written);
  },
  sort: (r, env) => fold(env.projects.find((p) => p.id === r.projectId)?.name ?? ''),
};

const issueType: OptionField = {
  kind: 'option',
  id: 'issuetype',
  operators: EQUALITY,
  values: (r) => [r.issueTypeId],
  resolve: (value, written, _env, problems) => {
    const found = ISSUE_TYPES.filter((t) => t.id === value || same(t.name, value));
    return found.length ? found.map((t) => t.id) : unknownValue(problems, value, written);
  },
  functions: {
    standardissuetypes: () => ISSUE_TYPES.filter((t) => !t.subtask).map((t) => t.id),
    subtaskissuetypes: () => ISSUE_TYPES.filter((t) => t.subtask).map((t) => t.id),
  },
  sort: (r) => ISSUE_TYPES.findIndex((t) => t.id === r.issueTypeId),
};

const status: OptionField = {
  kind: 'option',
  id: 'status',
  operators: EQUALITY,
  values: (r) => [r.statusId],
  resolve: (value, written, _env, problems) => {
    const found = STATUSES.filter((s) => s.id === value || same(s.name, value));
    return found.length ? found.map((s) => s.id) : unknownValue(problems, value, written);
  },
  sort: (r) => STATUSES.findIndex((s) => s.id === r.statusId),
};

const CATEGORY_ORDER = ['new', 'indeterminate', 'done'] as const;
const statusCategory: OptionField = {
  kind: 'option',
  id: 'statusCategory',
  operators: EQUALITY,
  values: (r) => {
    const s = STATUSES.find((x) => x.id === r.statusId);
    return s ? [s.category] : [];
  },
  resolve: (value, written, _env, problems) => {
    const found = CATEGORY_ORDER.filter((k) => {
      const c = STATUS_CATEGORIES[k];
      return String(c.id) === value || same(c.key, value) || same(c.name, value);
    });
    return found.length ? [...found] : unknownValue(problems, value, written);
  },
  sort: (r) => CATEGORY_ORDER.indexOf(STATUSES.find((x) => x.id === r.statusId)?.category ?? 'new'),
};

function userField(id: 'assignee' | 'reporter' | 'creator'): OptionField {
  return {
    kind: 'option',
    id,
    operators: EQUALITY,
    values: (r) => (r[id] ? [r[id]] : []),
    // Jira Cloud identifies users by account id; an exact email address also finds its user.
    resolve: (value, written, env, problems) => {
      const found = env.users.filter((u) => u.accountId === value || same(u.emailAddress, value));
      return found.length ? found.map((u) => u.accountId) : unknownValue(problems, value, written);
    },
    // The app itself has no account here: currentUser() then matches nobody, as for an anonymous search.
    functions: { currentuser: (_args, env) => (env.currentUser ? [env.currentUser] : []) },
    sort: (r, env) => {
      const accountId = r[id];
      if (!accountId) return null;
      return fold(env.users.find((u) => u.accountId === accountId)?.displayName ?? accountId);
    },
  };
}

const parent: OptionField = {
  kind: 'option',
  id: 'parent',
  operators: EQUALITY,
  values: (r) => (r.parentId ? [r.parentId] : []),
  resolve: (value, written, env, problems) => {
    const found = env.issue(value);
    if (found) return [found.id];
    problems.add(`An issue with key '${value}' does not exist for field '${written}'.`);
    return [];
  },
  sort: (r, env) => {
    const p = r.parentId ? env.issue(r.parentId) : undefined;
    return p ? keySortValue(p.key) : null;
  },
};

const labels: OptionField = {
  kind: 'option',
  id: 'labels',
  operators: EQUALITY,
  values: (r) => r.labels.map(fold),
  resolve: (value) => [fold(value)],
  sort: (r) => (r.labels.length ? r.labels.map(fold).sort().join(' ') : null),
};

const organizations: OptionField = {
  kind: 'option',
  id: 'organizations',
  operators: EQUALITY,
  values: (r) => r.organizationIds,
  resolve: (value, written, env, problems) => {
    const found = env.organizations.filter((o) => o.id === value || same(o.name, value));
    return found.length ? found.map((o) => o.id) : unknownValue(problems, value, written);
  },
  sort: (r, env) => {
    const names = r.organizationIds.map((id) => fold(env.organizations.find((o) => o.id === id)?.name ?? id)).sort();
    return names.length ? names.join(' ') : null;
  },
};

const requestType: OptionField = {
  kind: 'option',
  id: 'requestType',
  operators: EQUALITY,
  values: (r) => (r.requestTypeId ? [r.requestTypeId] : []),
  resolve: (value, written, _env, problems) => {
    const found = REQUEST_TYPES.filter((t) => t.id === value || same(t.name, value));
    return found.length ? found.map((t) => t.id) : unknownValue(problems, value, written);
  },
  sort: (r) => (r.requestTypeId ? fold(REQUEST_TYPES.find((t) => t.id === r.requestTypeId)?.name ?? r.requestTypeId) : null),
};

const summary: TextField = {
  kind: 'text',
  id: 'summary',
  operators: TEXT,
  texts: (r) => (r.summary ? [r.summary] : []),
  sort: (r) => fold(r.summary),
};

const description: TextField = {
  kind: 'text',
  id: 'description',
  operators: TEXT,
  texts: (r) => {
    const text = adfText(r.description);
    return text ? [text] : [];
  },
};

const comment: TextField = {
  kind: 'text',
  id: 'comment',
  operators: ['~', '!~'],
  texts: (r, env) => env.comments(r.id).filter(Boolean),
};

/** `text`: Jira's all-text field — summary, description, comments and the text custom fields. */
const text: TextField = {
  kind: 'text',
  id: 'text',
  operators: ['~', '!~'],
  texts: (r, env) => [
    ...summary.texts(r, env),
    ...description.texts(r, env),
    ...comment.texts(r, env),
    ...CUSTOM_FIELDS.filter((f) => f.schema.type === 'string').flatMap((f) => {
      const v = r.customFields[f.id];
      return typeof v === 'string' && v ? [v] : [];
    }),
  ],
};

function dateField(id: 'created' | 'updated'): DateField {
  return { kind: 'date', id, operators: ORDERED, value: (r) => r[id], sort: (r) => r[id] };
}

const issueKey: KeyField = { kind: 'key', id: 'issuekey', operators: ['=', '!=', 'in', 'not in', '<', '<=', '>', '>='], sort: (r) => keySortValue(r.key) };

const SYSTEM: Record<string, FieldDef> = {
  project,
  issuetype: issueType,
  type: issueType,
  status,
  statuscategory: statusCategory,
  assignee: userField('assignee'),
  reporter: userField('reporter'),
  creator: userField('creator'),
  parent,
  labels,
  organizations,
  'request type': requestType,
  'customer request type': requestType,
  summary,
  description,
  comment,
  text,
  created: dateField('created'),
  createddate: dateField('created'),
  updated: dateField('updated'),
  updateddate: dateField('updated'),
  key: issueKey,
  issuekey: issueKey,
  id: issueKey,
  issue: issueKey,
};

// ---- custom fields -------------------------------------------------------------------------------------------------

function customField(config: FieldConfig): FieldDef {
  // JSM's own fields search what the request is, as their JQL names ("Request Type", "Organizations") do.
  if (config.derived === 'requestType') return { ...requestType, id: config.id };
  if (config.derived === 'organizations') return { ...organizations, id: config.id };
  const raw = (r: IssueRecord): unknown => r.customFields[config.id];
  if (config.options) {
    const options = config.options;
    const optionOf = (v: unknown): { id: string; value: string } | undefined => {
      if (!v || typeof v !== 'object') return undefined;
      const o = v as { id?: unknown; value?: unknown };
      return options.find((opt) => (o.id !== undefined && opt.id === String(o.id)) || (typeof o.value === 'string' && opt.value === o.value));
    };
    // A checkbox field holds several options: `=` and `in` match any of them, `!=` and `not in` none of them.
    const optionsOf = (r: IssueRecord): Array<{ id: string; value: string }> => {
      const v = raw(r);
      return (Array.isArray(v) ? v : [v]).flatMap((item) => optionOf(item) ?? []);
    };
    return {
      kind: 'option',
      id: config.id,
      operators: EQUALITY,
      values: (r) => optionsOf(r).map((o) => o.id),
      resolve: (value, written, _env, problems) => {
        const found = options.filter((o) => o.id === value || same(o.value, value));
        if (found.length) return found.map((o) => o.id);
        problems.add(`The option '${value}' for field '${written}' does not exist.`);
        return [];
      },
      // By the first option (in the field's order) the issue has; an issue without one sorts as empty.
      sort: (r) => {
        const positions = optionsOf(r).map((o) => options.indexOf(o));
        return positions.length ? Math.min(...positions) : null;
      },
    };
  }
  if (config.schema.type === 'number') {
    const value = (r: IssueRecord): number | null => {
      const v = raw(r);
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    };
    return { kind: 'number', id: config.id, operators: ORDERED, value, sort: value };
  }
  return {
    kind: 'text',
    id: config.id,
    operators: TEXT,
    texts: (r) => {
      const v = raw(r);
      return typeof v === 'string' && v ? [v] : [];
    },
    sort: (r) => {
      const v = raw(r);
      return typeof v === 'string' && v ? fold(v) : null;
    },
  };
}

const CUSTOM = new Map(CUSTOM_FIELDS.map((c) => [c.id, customField(c)]));

/** Fields every Jira site has that this sandbox does not emulate: named plainly rather than "does not exist". */
const NOT_EMULATED = new Set([
  'priority', 'resolution', 'resolved', 'resolutiondate', 'component', 'fixversion', 'affectedversion', 'sprint', 'duedate', 'due',
  'environment', 'watcher', 'watchers', 'voter', 'votes', 'attachments', 'issuelink', 'issuelinktype', 'lastviewed', 'level',
  'originalestimate', 'remainingestimate', 'timespent', 'worklogauthor', 'worklogcomment', 'worklogdate', 'filter', 'category',
  'subtasks', 'epic link', 'team', 'request-channel-type', 'approvals', 'satisfaction', 'time to resolution', 'time to first response',
]);

/**
 * The field a written name stands for: a system field or alias (any case), `cf[10010]`, `customfield_10010`, or a
 * custom field's name. Unknown names are reported as Jira reports them.
 */
export function lookupField(written: string, problems: Problems): FieldDef | undefined {
  const lower = written.trim().toLowerCase();
  const system = SYSTEM[lower];
  if (system) return system;
  const cf = /^cf\[(\d+)\]$/.exec(lower) ?? /^customfield_(\d+)$/.exec(lower);
  const named = (c: FieldConfig) => [c.name, ...(c.aliases ?? [])].some((name) => same(name, written.trim()));
  const custom = cf ? CUSTOM.get(`customfield_${cf[1]}`) : CUSTOM_FIELDS.filter(named).map((c) => CUSTOM.get(c.id))[0];
  if (custom) return custom;
  if (NOT_EMULATED.has(lower)) problems.add(`The sandbox does not emulate the field '${written}' in JQL.`);
  else problems.add(`Field '${written}' does not exist or you do not have permission to view it.`);
  return undefined;
}
