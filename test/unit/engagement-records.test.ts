import { addDocument } from '../../src/domain/engagement-documents';
import { addMilestone } from '../../src/domain/engagement-milestones';
import { escalationNotice, changeNotice } from '../../src/domain/engagement-notices';
import { assignRole, linkEngagement, personIdOf, toggleDuty } from '../../src/domain/engagement-roles';
import { newEngagement, type EngagementState } from '../../src/domain/engagement-state';
import { CURRENT_SCHEMA_VERSION, pendingMigrations, RECORD_UPGRADES, upgradeEngagementV1 } from '../../src/domain/migrations';
import { findBuiltInTemplate } from '../../src/domain/templates';
import {
  addDocumentInput,
  assignRoleInput,
  ENGAGEMENT_LIMITS,
  proposeChangeInput,
  updateBudgetInput,
  type ChangeRequest,
  type EngagementPerson,
  type Escalation,
} from '../../src/shared/engagement';
import { MAX_ENGAGEMENT_BYTES, parseStoredEngagement, toEngagementRecord, toItemRecord } from '../../src/storage/engagement-records';
import { InvalidKeyPartError, keys } from '../../src/storage/keys';

const T0 = '2026-03-10T09:00:00.000Z';
const serviceEngagement = findBuiltInTemplate('service-engagement')!;

describe('engagement storage schema 2 and the migration from schema 1', () => {
  const v1 = { schemaVersion: 1, version: 3, issueId: '10001', title: 'Roll-out', createdAt: T0, createdBy: 'agent' };

  it('reads a schema-1 record as an empty schema-2 engagement that keeps its title, author and version', () => {
    const stored = parseStoredEngagement(v1);
    expect(stored).toEqual({ state: upgradeEngagementV1(v1), version: 3, schemaVersion: 1 });
    expect(stored.state).toMatchObject({ issueId: '10001', title: 'Roll-out', createdBy: 'agent', updatedAt: T0, template: null, milestones: [], budget: { soldHours: null } });
  });

  it('writes schema 2 with the organisation id on top for the by-organisation index, and reads it back unchanged', () => {
    const state = linkEngagement(newEngagement('10001', 'Roll-out', 'a', T0), { organisation: { id: 'jsm-3', name: 'Contoso', deploymentType: 'hosted' }, template: serviceEngagement, projectKind: null }, 'a', T0);
    const record = toEngagementRecord(state, 4);
    expect(record).toMatchObject({ schemaVersion: 2, version: 4, organisationId: 'jsm-3' });
    expect(parseStoredEngagement(JSON.parse(JSON.stringify(record)))).toEqual({ state, version: 4, schemaVersion: 2 });
    expect('organisationId' in toEngagementRecord(newEngagement('10002', 'x', 'a', T0), 1)).toBe(false);
  });

  it('refuses a record with an unknown attribute or a broken part', () => {
    const record = toEngagementRecord(newEngagement('10001', 'x', 'a', T0), 1);
    expect(() => parseStoredEngagement({ ...record, extra: true })).toThrow();
    expect(() => parseStoredEngagement({ ...record, budget: { soldHours: -1, estimateHours: null, salesOrder: null } })).toThrow();
  });

  it('is a record upgrade: the store-wide schema stays 1, engagements go from record schema 1 to 2', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(1);
    expect(pendingMigrations(0).map((m) => m.from)).toEqual([0]);
    expect(RECORD_UPGRADES).toEqual([expect.objectContaining({ entity: 'engagement', from: 1, to: 2 })]);
    expect(parseStoredEngagement(toEngagementRecord(upgradeEngagementV1(v1), 3)).schemaVersion).toBe(2);
  });

  it('keeps an item record and its item in agreement', () => {
    const escalation: Escalation = {
      kind: 'escalation', id: 'es0000000001', version: 2, category: 'risk', title: 't', description: '', raisedByRole: 'service-provider', createdAt: T0, createdBy: 'a',
      route: 'account-manager', recipients: [], state: 'acknowledged', acknowledged: { accountId: 'a', name: 'A', at: T0 }, closed: null, commentId: null,
    };
    expect(toItemRecord('10001', escalation)).toMatchObject({ schemaVersion: 1, version: 2, issueId: '10001', kind: 'escalation', createdAt: T0 });
    expect(() => toItemRecord('PS-1', escalation)).toThrow();
  });
});

describe('the largest engagement the limits allow', () => {
  it('fits in one Forge value with room to spare (the built-in template, every list full, every text at its longest)', () => {
    const long = (n: number) => 'é'.repeat(n);
    let state: EngagementState = linkEngagement(
      newEngagement('10001', long(ENGAGEMENT_LIMITS.title), 'a', T0),
      { organisation: { id: 'jsm-3', name: long(200), deploymentType: 'hosted' }, template: serviceEngagement, projectKind: null },
      'a',
      T0,
    );
    for (const role of serviceEngagement.roles) {
      const people: EngagementPerson[] = Array.from({ length: ENGAGEMENT_LIMITS.peoplePerRole }, (_, i) => {
        const base = { kind: 'contact' as const, name: long(200), email: `p${i}-${'x'.repeat(200)}@example.com`, phone: '+44 20 7946 0958', accountId: `712020:${'a'.repeat(36)}${i}`, registerPersonId: null };
        return { id: personIdOf(base), ...base };
      });
      if (role.side === 'client') state = assignRole(state, role.key, people, 'a', T0);
      else state = assignRole(state, role.key, people.map((p) => ({ ...p, kind: 'account' as const, email: null, id: personIdOf({ ...p, kind: 'account' }) })), 'a', T0);
      for (const duty of role.duties) state = toggleDuty(state, { roleKey: role.key, dutyKey: duty.key, done: true, ownerId: state.assignments[role.key]![0]!.id, dueDate: '2026-04-01' }, 'a', T0);
    }
    for (let i = 0; i < ENGAGEMENT_LIMITS.milestones; i++) state = addMilestone(state, `ms${String(i).padStart(10, '0')}`, { title: long(ENGAGEMENT_LIMITS.title), dueDate: '2026-04-01' }, 'a', T0);
    for (let i = 0; i < ENGAGEMENT_LIMITS.documents; i++) {
      state = addDocument(state, `doc${String(i).padStart(9, '0')}`, { kind: 'status-report', title: long(ENGAGEMENT_LIMITS.title), url: `https://docs.example/${'a'.repeat(ENGAGEMENT_LIMITS.url - 30)}`, ownerId: null }, 'a', T0);
    }
    state = { ...state, kickoff: { ...state.kickoff, notes: long(ENGAGEMENT_LIMITS.notes) }, retrospective: { ...state.retrospective, notes: long(ENGAGEMENT_LIMITS.notes) } };
    const bytes = new TextEncoder().encode(JSON.stringify(toEngagementRecord(state, 1))).length;
    expect(bytes).toBeLessThan(MAX_ENGAGEMENT_BYTES);
  });
});

describe('input schemas', () => {
  it('refuse unknown fields, script links and bad contact details', () => {
    expect(addDocumentInput.safeParse({ kind: 'contract', title: 'C', url: 'https://x.example', expectedVersion: 1, isAdmin: true }).success).toBe(false);
    expect(addDocumentInput.safeParse({ kind: 'contract', title: 'C', url: 'javascript:alert(1)', expectedVersion: 1 }).success).toBe(false);
    expect(addDocumentInput.safeParse({ kind: 'contract', title: 'C', url: 'https://x.example/doc', expectedVersion: 1 }).success).toBe(true);
    const contact = (extra: object) => assignRoleInput.safeParse({ roleKey: 'engagement-lead', people: [{ kind: 'contact', name: 'Leo', email: 'leo@client.example', ...extra }], expectedVersion: 1 }).success;
    expect(contact({})).toBe(true);
    expect(contact({ email: 'not-an-email' })).toBe(false);
    expect(contact({ phone: '+44 20 7946 0958' })).toBe(true);
    expect(contact({ phone: 'call me' })).toBe(false);
  });

  it('take hours with at most two decimals and tie each change kind to its own fields', () => {
    expect(updateBudgetInput.safeParse({ estimateHours: 12.25, expectedVersion: 1 }).success).toBe(true);
    expect(updateBudgetInput.safeParse({ estimateHours: 12.255, expectedVersion: 1 }).success).toBe(false);
    expect(updateBudgetInput.safeParse({ estimateHours: -1, expectedVersion: 1 }).success).toBe(false);
    const change = (input: object) => proposeChangeInput.safeParse({ summary: 's', expectedVersion: 1, ...input }).success;
    expect(change({ category: 'budget', soldHoursDelta: 8 })).toBe(true);
    expect(change({ category: 'budget' })).toBe(false);
    expect(change({ category: 'services', soldHoursDelta: 8 })).toBe(false);
    expect(change({ category: 'schedule', milestoneId: 'ms0000000001', newDueDate: '2026-06-01' })).toBe(true);
    expect(change({ category: 'schedule', milestoneId: 'ms0000000001' })).toBe(false);
  });
});

describe('keys and notices', () => {
  it('keys items by the issue id and the app’s item id', () => {
    expect(keys.engagementItem('10001', 'es0000000001')).toBe('engitem:10001:es0000000001');
    expect(() => keys.engagementItem('PS-1', 'es0000000001')).toThrow(InvalidKeyPartError);
    expect(() => keys.engagementItem('10001', 'a:b')).toThrow(InvalidKeyPartError);
    expect(keys.engagementSubject('10001')).toBe('issue.10001');
  });

  it('mention the people who must act, in the site language', () => {
    const escalation = { kind: 'escalation', title: 'Data late', description: 'The test data did not arrive.', category: 'risk', recipients: [{ accountId: 'acc-anna', name: 'Anna' }] } as Escalation;
    const en = escalationNotice(escalation, 'Service Provider', 'en-US');
    expect(en[0]![0]).toEqual({ mention: { accountId: 'acc-anna', name: 'Anna' } });
    expect(JSON.stringify(en)).toContain('Data late');
    expect(JSON.stringify(escalationNotice(escalation, 'Prestataire de services', 'fr-FR'))).toContain('escalade');
    const change = { kind: 'change', category: 'budget', summary: 'More days', reason: '', soldHoursDelta: 16, newDueDate: null } as unknown as ChangeRequest;
    const notice = changeNotice(change, [{ accountId: 'acc-sophie', name: 'Sophie' }], 'en-US');
    expect(notice[0]![0]).toEqual({ mention: { accountId: 'acc-sophie', name: 'Sophie' } });
    expect(JSON.stringify(notice)).toContain('Sold hours: +16 h');
  });
});
