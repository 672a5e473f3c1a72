import { isComplete, snapshotOf } from '../../src/domain/issue-snapshot';
import type { JiraFieldIds, RoutingRule } from '../../src/shared/delivery';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contractsDir } from '../support/contracts';

/** Forge's documented example of a created-issue event (../shared/contracts/forge-events/). */
const createdEvent = JSON.parse(readFileSync(path.join(contractsDir(), 'forge-events', 'avi-jira-created-issue.json'), 'utf8')) as { payload: { issue: { fields: unknown } } };

const ids: JiraFieldIds = {
  endCustomer: 'customfield_10011',
  estimatedHours: 'customfield_10012',
  stage: 'customfield_10013',
  requestType: 'customfield_10014',
  organizations: 'customfield_10015',
  phasesWanted: 'customfield_10016',
};

const rule = (conditions: Partial<RoutingRule['conditions']>): RoutingRule => ({
  id: 'r',
  name: 'r',
  enabled: true,
  conditions: { issueTypeIds: [], requestTypeIds: [], fields: [], summaryPattern: null, organizationIds: [], ...conditions },
  teamId: 't',
  labels: [],
  requiredSkills: [],
  comment: { 'en-US': 'x', 'fr-FR': 'x' },
});

const portalRequest = {
  summary: 'Roll-out',
  issuetype: { id: '10100', name: 'General Issues and Questions' },
  reporter: { accountId: 'abc' },
  project: { key: 'PS', projectTypeKey: 'service_desk' },
  customfield_10010: { id: '10020', value: 'Implementation Issue' },
  customfield_10011: '  Contoso Foods ',
  customfield_10014: { requestType: { id: '20', name: 'Implementation services' } },
  customfield_10015: [{ id: '1', name: 'Northwind Partners' }],
  customfield_10016: [{ id: '1', value: 'Refining' }, { id: '2', value: 'Q&A sessions' }],
};

describe('the routing snapshot of an issue', () => {
  it('reads issue type, request type, organisations, end customer, phases (in delivery order) and field texts', () => {
    const s = snapshotOf(portalRequest, ids);
    expect(s.facts).toMatchObject({ issueTypeId: '10100', requestTypeId: '20', summary: 'Roll-out', organizationIds: ['1'] });
    expect(s.facts.fields.customfield_10010).toEqual(['Implementation Issue']);
    expect(s.organizations).toEqual([{ id: '1', name: 'Northwind Partners' }]);
    expect(s.endCustomerField).toBe('Contoso Foods');
    expect(s.phasesWanted).toEqual(['qa-sessions', 'refining']);
    expect(s.reporterAccountId).toBe('abc');
  });

  it('wants the five standard phases when the partner chose none', () => {
    expect(snapshotOf({ ...portalRequest, customfield_10016: undefined }, ids).phasesWanted).toEqual(['qa-sessions', 'business-blueprint', 'prototyping', 'refining', 'final-review']);
  });

  it('takes a payload that carries custom fields as complete: an absent one is empty, no read needed', () => {
    const { customfield_10010: _dropped, ...withoutInquiry } = portalRequest;
    expect(isComplete(withoutInquiry, [rule({ fields: [{ fieldId: 'customfield_10010', equals: 'Implementation Issue' }] })], ids)).toBe(true);
  });

  it('asks for a read when a trimmed payload (as in Forge’s documented example) lacks the custom fields rules need', () => {
    const fields = createdEvent.payload.issue.fields as Record<string, unknown>;
    expect(isComplete(fields, [rule({ fields: [{ fieldId: 'customfield_10010', equals: 'Implementation Issue' }] })], ids)).toBe(false);
    // A rule on the summary alone can be judged from it (a software project: no organisations to learn).
    expect(isComplete(fields, [rule({ summaryPattern: '^A' })], ids)).toBe(true);
  });

  it('asks for a read on a service project whose payload says nothing of organisations or custom fields', () => {
    const { customfield_10010: _a, customfield_10011: _b, customfield_10014: _c, customfield_10015: _d, customfield_10016: _e, ...bare } = portalRequest;
    expect(isComplete(bare, [rule({ summaryPattern: 'Roll' })], ids)).toBe(false);
  });
});
