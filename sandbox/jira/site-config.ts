/**
 * The emulated site's configuration: issue types, statuses and workflows, fields, link types, the JSM service desk
 * with its request types, and the JSM organisations. It is the same for the demo and the empty seed (an empty site
 * still has its projects, fields and users). Names are stable: scripts find things by them, never by ids.
 */

export interface IssueTypeConfig {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  hierarchyLevel: number;
  /** The project types that use it. */
  projectTypes: Array<'service_desk' | 'software'>;
}

export const ISSUE_TYPES: IssueTypeConfig[] = [
  { id: '10100', name: 'General Issues and Questions', description: 'A question or issue raised through the portal.', subtask: false, hierarchyLevel: 0, projectTypes: ['service_desk'] },
  { id: '10101', name: 'Service Request', description: 'A request for a standard service.', subtask: false, hierarchyLevel: 0, projectTypes: ['service_desk'] },
  { id: '10102', name: 'Task', description: 'A piece of work.', subtask: false, hierarchyLevel: 0, projectTypes: ['software'] },
  { id: '10103', name: 'Sub-task', description: 'A part of a larger piece of work.', subtask: true, hierarchyLevel: -1, projectTypes: ['software', 'service_desk'] },
];

export interface StatusConfig {
  id: string;
  name: string;
  category: 'new' | 'indeterminate' | 'done';
}

export const STATUSES: StatusConfig[] = [
  { id: '1', name: 'Waiting for support', category: 'new' },
  { id: '2', name: 'Waiting for customer', category: 'indeterminate' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '4', name: 'Resolved', category: 'done' },
  { id: '5', name: 'To Do', category: 'new' },
  { id: '6', name: 'Done', category: 'done' },
];

export const STATUS_CATEGORIES = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

export interface TransitionConfig {
  id: string;
  name: string;
  to: string;
}

/** Workflows by project type: the statuses an issue starts in and the transitions (global: from any status). */
export const WORKFLOWS: Record<'service_desk' | 'software', { initial: string; transitions: TransitionConfig[] }> = {
  service_desk: {
    initial: '1',
    transitions: [
      { id: '11', name: 'Respond to customer', to: '2' },
      { id: '21', name: 'Start progress', to: '3' },
      { id: '31', name: 'Resolve', to: '4' },
      { id: '41', name: 'Back to support', to: '1' },
    ],
  },
  software: {
    initial: '5',
    transitions: [
      { id: '51', name: 'To Do', to: '5' },
      { id: '61', name: 'In Progress', to: '3' },
      { id: '71', name: 'Done', to: '6' },
    ],
  },
};

export type ProjectTypeKey = 'service_desk' | 'software';

export interface FieldConfig {
  id: string;
  name: string;
  custom: boolean;
  schema: { type: string; system?: string; custom?: string; customId?: number; items?: string };
  /** For select and checkbox fields: the options, with stable ids, in the order Jira lists them. */
  options?: Array<{ id: string; value: string }>;
  /** Set only through the app-field value API (`PUT /rest/api/3/app/field/{field}/value`), not by edit. */
  appOwned?: boolean;
  /**
   * JSM's own fields, whose value Jira derives from the request rather than keeping it as a field value: the request
   * type the request was raised with (IssueRecord.requestTypeId) and the organisations it is shared with
   * (IssueRecord.organizationIds). Never kept in `customFields`.
   */
  derived?: 'requestType' | 'organizations';
  /**
   * The project types whose create and edit screens carry the field. Absent: every project's screens (as the demo's
   * fields have always been). An empty list: no screen at all.
   */
  screens?: { create: ProjectTypeKey[]; edit: ProjectTypeKey[] };
  /** JQL names Jira accepts for the field besides `cf[id]` and its name. */
  aliases?: string[];
}

const SELECT = 'com.atlassian.jira.plugin.system.customfieldtypes:select';
const TEXT = 'com.atlassian.jira.plugin.system.customfieldtypes:textfield';
const NUMBER = 'com.atlassian.jira.plugin.system.customfieldtypes:float';
const CHECKBOXES = 'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes';

/** JSM's field ids on the emulated site (found by name, like every other field). */
export const REQUEST_TYPE_FIELD = 'customfield_10014';
export const ORGANIZATIONS_FIELD = 'customfield_10015';
/** The phases a partner wants help with (the partner-process article's phases, in delivery order). */
export const PHASES_FIELD = 'customfield_10016';

export const CUSTOM_FIELDS: FieldConfig[] = [
  {
    id: 'customfield_10010',
    name: 'Type of Inquiry',
    custom: true,
    schema: { type: 'option', custom: SELECT, customId: 10010 },
    options: [
      { id: '10020', value: 'Implementation Issue' },
      { id: '10021', value: 'General Question' },
      { id: '10022', value: 'License Issue' },
    ],
  },
  { id: 'customfield_10011', name: 'End Customer', custom: true, schema: { type: 'string', custom: TEXT, customId: 10011 } },
  { id: 'customfield_10012', name: 'Estimated hours', custom: true, schema: { type: 'number', custom: NUMBER, customId: 10012 } },
  {
    id: 'customfield_10013',
    name: 'Implementation stage',
    custom: true,
    // A Forge app's jira:customField of type string: Jira names its schema after the app's field key.
    schema: { type: 'string', custom: 'ari:cloud:ecosystem::extension/5b4d1f57-0c3e-4a8e-9c57-6f1f0e6a2d11/sandbox/static/implementation-stage', customId: 10013 },
    appOwned: true,
  },
  {
    // JSM's "Request Type" (Customer Request Type). Read-only here: the sandbox does not emulate setting it through
    // the platform create or edit API (a request gets it by being raised through JSM), so it is on no screen.
    id: REQUEST_TYPE_FIELD,
    name: 'Request Type',
    custom: true,
    schema: { type: 'sd-customerrequesttype', custom: 'com.atlassian.servicedesk:vp-origin', customId: 10014 },
    derived: 'requestType',
    screens: { create: [], edit: [] },
    aliases: ['Customer Request Type'],
  },
  {
    // JSM's "Organizations": who the request is shared with. Agents set it on service projects (ids of organisations).
    id: ORGANIZATIONS_FIELD,
    name: 'Organizations',
    custom: true,
    schema: { type: 'array', items: 'sd-customerorganization', custom: 'com.atlassian.servicedesk:sd-customer-organizations', customId: 10015 },
    derived: 'organizations',
    screens: { create: ['service_desk'], edit: ['service_desk'] },
  },
  {
    id: PHASES_FIELD,
    name: 'Phases wanted',
    custom: true,
    schema: { type: 'array', items: 'option', custom: CHECKBOXES, customId: 10016 },
    options: [
      { id: '10030', value: 'Q&A sessions' },
      { id: '10031', value: 'Business blueprint' },
      { id: '10032', value: 'Prototyping with assessment' },
      { id: '10033', value: 'Refining' },
      { id: '10034', value: 'Final review before end-user training' },
      { id: '10035', value: 'Customisation specification' },
    ],
    screens: { create: ['service_desk'], edit: ['service_desk'] },
  },
];

/** Whether a field's value is a list of options (a checkbox or multi-select field). */
export const isMultiOption = (field: FieldConfig): boolean => field.schema.type === 'array' && field.schema.items === 'option' && !!field.options;

export const SYSTEM_FIELDS: FieldConfig[] = [
  { id: 'summary', name: 'Summary', custom: false, schema: { type: 'string', system: 'summary' } },
  { id: 'description', name: 'Description', custom: false, schema: { type: 'string', system: 'description' } },
  { id: 'issuetype', name: 'Issue Type', custom: false, schema: { type: 'issuetype', system: 'issuetype' } },
  { id: 'project', name: 'Project', custom: false, schema: { type: 'project', system: 'project' } },
  { id: 'status', name: 'Status', custom: false, schema: { type: 'status', system: 'status' } },
  { id: 'assignee', name: 'Assignee', custom: false, schema: { type: 'user', system: 'assignee' } },
  { id: 'reporter', name: 'Reporter', custom: false, schema: { type: 'user', system: 'reporter' } },
  { id: 'creator', name: 'Creator', custom: false, schema: { type: 'user', system: 'creator' } },
  { id: 'labels', name: 'Labels', custom: false, schema: { type: 'array', items: 'string', system: 'labels' } },
  { id: 'parent', name: 'Parent', custom: false, schema: { type: 'issuelink', system: 'parent' } },
  { id: 'created', name: 'Created', custom: false, schema: { type: 'datetime', system: 'created' } },
  { id: 'updated', name: 'Updated', custom: false, schema: { type: 'datetime', system: 'updated' } },
  { id: 'comment', name: 'Comment', custom: false, schema: { type: 'comments-page', system: 'comment' } },
  { id: 'worklog', name: 'Log Work', custom: false, schema: { type: 'array', items: 'worklog', system: 'worklog' } },
  { id: 'issuelinks', name: 'Linked Issues', custom: false, schema: { type: 'array', items: 'issuelinks', system: 'issuelinks' } },
  { id: 'subtasks', name: 'Sub-tasks', custom: false, schema: { type: 'array', items: 'issuelinks', system: 'subtasks' } },
];

export const LINK_TYPES = [
  { id: '10000', name: 'Relates', inward: 'relates to', outward: 'relates to' },
  { id: '10001', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10002', name: 'Implements', inward: 'is implemented by', outward: 'implements' },
];

/** The PS project's service desk and its portal's request types. */
export const SERVICE_DESK = { id: '1', projectKey: 'PS', portalName: 'Partner Support' };

export interface RequestTypeConfig {
  id: string;
  name: string;
  description: string;
  /** What the portal shows above the form. */
  helpText?: string;
  issueTypeId: string;
  /** Fields the portal form asks for, in order; `required` as the form enforces it. */
  fields: Array<{ fieldId: string; required: boolean }>;
  /** Field values every request of this type gets (e.g. its Type of Inquiry). */
  presets: Record<string, unknown>;
}

export const REQUEST_TYPES: RequestTypeConfig[] = [
  {
    id: '20',
    name: 'Implementation services',
    description: 'Ask our consultants to help with an implementation project at an end customer.',
    helpText: 'Name the end customer and tick the phases you want our consultants for.',
    issueTypeId: '10100',
    fields: [
      { fieldId: 'summary', required: true },
      { fieldId: 'customfield_10011', required: true },
      { fieldId: PHASES_FIELD, required: false },
      { fieldId: 'description', required: false },
    ],
    presets: { customfield_10010: { id: '10020' } },
  },
  {
    id: '21',
    name: 'General question',
    description: 'Ask the support team anything else.',
    issueTypeId: '10100',
    fields: [
      { fieldId: 'summary', required: true },
      { fieldId: 'customfield_10010', required: false },
      { fieldId: 'description', required: false },
    ],
    presets: {},
  },
];

/** JSM organisations: two partners and three end customers (hosted and installed). */
export const ORGANIZATIONS = [
  { id: '1', name: 'Northwind Partners' },
  { id: '2', name: 'Lumière Conseil' },
  { id: '3', name: 'Contoso Foods' },
  { id: '4', name: 'Fabrikam Metal' },
  { id: '5', name: 'Tailspin Retail' },
];
