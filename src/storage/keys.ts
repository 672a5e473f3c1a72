/**
 * Key builders. Forge keys are 1..500 characters of letters, digits, `:._-#` and spaces; `:` is our one separator,
 * so an id part may not contain it. Records about an issue use the issue's id (stable), never its key (which
 * changes when the issue moves to another project).
 */
const KEY_PATTERN = /^[a-zA-Z0-9._\-# ]+$/;
const MAX_KEY_LENGTH = 500;

export class InvalidKeyPartError extends Error {}

function part(value: string, what: string): string {
  if (!value || !KEY_PATTERN.test(value) || value.trim() === '') {
    throw new InvalidKeyPartError(`${what} '${value}' cannot be part of a storage key.`);
  }
  return value;
}

function join(...parts: string[]): string {
  const key = parts.join(':');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidKeyPartError(`Storage key longer than ${MAX_KEY_LENGTH} characters.`);
  return key;
}

export const keys = {
  settings: (): string => 'settings',
  /** Atlassian account ids may hold a colon (`557058:…`); it becomes `#`, which no account id contains. */
  preferences: (accountId: string): string => join('pref', part(accountId.replace(/:/g, '#'), 'Account id')),
  engagement: (issueId: string): string => {
    if (!/^\d+$/.test(issueId)) throw new InvalidKeyPartError(`Issue id '${issueId}' is not numeric.`);
    return join('eng', issueId);
  },
  /** A progress point, escalation or change request of the issue's engagement; `itemId` is the app's own id. */
  engagementItem: (issueId: string, itemId: string): string => {
    if (!/^\d+$/.test(issueId)) throw new InvalidKeyPartError(`Issue id '${issueId}' is not numeric.`);
    return join('engitem', issueId, part(itemId, 'Item id'));
  },
  /** The audit subject of an issue's engagement: its history lists the entries of this subject. */
  engagementSubject: (issueId: string): string => `issue.${issueId}`,
  /** Audit keys sort by time within a subject; the random tail keeps two changes in one millisecond apart. */
  audit: (subject: string, atIso: string, nonce: string): string => join('audit', part(subject.replace(/:/g, '#'), 'Subject'), part(atIso.replace(/:/g, '.'), 'Time'), part(nonce, 'Nonce')),
};

export const ENTITIES = {
  settings: 'app-settings',
  preferences: 'viewer-preference',
  engagement: 'engagement',
  engagementItem: 'engagement-item',
  audit: 'audit-entry',
} as const;

/**
 * Keys of the organisation registers (issue 5): registers, the site's own role templates, customers' proposals and
 * the contact index that finds a person's registers by email or account (personal data requests). Register and
 * person ids are checked where they are made (src/shared/registers.ts); here they are checked again as key parts.
 */
export const registerKeys = {
  register: (registerId: string): string => join('reg', part(registerId, 'Register id')),
  template: (templateKey: string): string => join('tpl', part(templateKey, 'Template key')),
  proposal: (registerId: string, proposalId: string): string => join('prop', part(registerId, 'Register id'), part(proposalId, 'Proposal id')),
  contact: (registerId: string, personId: string): string => join('contact', part(registerId, 'Register id'), part(personId, 'Person id')),
  /** The audit subject of a register: its history is read through the audit entity's `by-subject` index. */
  auditSubject: (registerId: string): string => `register.${part(registerId, 'Register id')}`,
  templateAuditSubject: (templateKey: string): string => `template.${part(templateKey, 'Template key')}`,
};

export const REGISTER_ENTITIES = {
  register: 'org-register',
  template: 'role-template',
  proposal: 'register-proposal',
  contact: 'register-contact',
} as const;

/**
 * Keys of implementation requests and delivery (issue 6). A request is keyed by its issue's id; a statement by
 * month and issue id; an end customer by its normalised name (src/domain/routing-rules.ts endCustomerKey).
 */
const issueIdPart = (issueId: string): string => {
  if (!/^\d+$/.test(issueId)) throw new InvalidKeyPartError(`Issue id '${issueId}' is not numeric.`);
  return issueId;
};

export const deliveryKeys = {
  setup: (): string => 'delivery-setup',
  teamState: (teamId: string): string => join('teamstate', part(teamId, 'Team id')),
  request: (issueId: string): string => join('req', issueIdPart(issueId)),
  hold: (organizationId: string): string => join('hold', part(organizationId, 'Organisation id')),
  endCustomer: (endCustomerKey: string): string => join('endc', part(endCustomerKey, 'End customer')),
  statement: (month: string, issueId: string): string => join('stmt', part(month, 'Month'), issueIdPart(issueId)),
  monthEnd: (month: string): string => join('monthend', part(month, 'Month')),
  requestSubject: (issueId: string): string => `request.${issueIdPart(issueId)}`,
};

export const DELIVERY_ENTITIES = {
  setup: 'delivery-setup',
  teamState: 'team-state',
  request: 'impl-request',
  hold: 'finance-hold',
  endCustomer: 'end-customer',
  statement: 'month-statement',
  monthEnd: 'month-end-run',
} as const;
