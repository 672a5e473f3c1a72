/**
 * The admin page's register operations end to end on the sandbox (real @forge/resolver, @forge/kvs, @forge/api,
 * @forge/events): organisations from JSM or by name, register edits with conflicts, history, role templates.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { accountOf, assertContracts, invoke, kvsWritesSince, startTestHost } from '../support/sandbox';

let host: ForgeHost;
beforeAll(async () => {
  host = await startTestHost('empty');
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

const admin = (key: string, payload: unknown = {}) => invoke(host, 'admin', key, 'admin', payload);
const jsmId = (name: string) => host.jiraStore.organizationByName(name)!.id;

const olga = {
  name: 'Olga Owner',
  email: 'olga@contoso-foods.example',
  phone: '+43 1 234 56 78',
  accountId: null,
  roles: ['key-contacts/service-owner', 'key-contacts/contract-manager'],
  backupFor: [],
  absences: [],
};

describe('organisations', () => {
  it('lists the JSM organisations with no register yet', async () => {
    const answer = await admin('jsm-organisations/list', { start: 0, limit: 25 });
    expect(answer.ok).toBe(true);
    expect(answer.body.items.map((o: { name: string }) => o.name)).toEqual(['Northwind Partners', 'Lumière Conseil', 'Contoso Foods', 'Fabrikam Metal', 'Tailspin Retail']);
    expect(answer.body.items.every((o: { registerId: string | null }) => o.registerId === null)).toBe(true);
  });

  it('creates a register from a JSM organisation, named as JSM names it, and only once', async () => {
    const created = await admin('organisations/create', { source: { kind: 'jsm', jsmOrganizationId: jsmId('Contoso Foods') }, deploymentType: 'hosted', templateKeys: ['key-contacts'] });
    expect(created).toMatchObject({
      ok: true,
      body: { register: { id: `jsm-${jsmId('Contoso Foods')}`, name: 'Contoso Foods', jsmOrganizationId: jsmId('Contoso Foods'), version: 1, people: [] }, unknownTemplateKeys: [] },
    });
    expect(created.body.coverage.summary.missing).toBe(3); // expert user, contract manager, service owner; no technician (hosted)
    const again = await admin('organisations/create', { source: { kind: 'jsm', jsmOrganizationId: jsmId('Contoso Foods') }, deploymentType: 'installed', templateKeys: ['key-contacts'] });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await admin('register/get', { registerId: `jsm-${jsmId('Contoso Foods')}` })).body.register).toMatchObject({ deploymentType: 'hosted', version: 1 });
    const listed = await admin('jsm-organisations/list', {});
    expect(listed.body.items.find((o: { name: string }) => o.name === 'Contoso Foods').registerId).toBe(`jsm-${jsmId('Contoso Foods')}`);
  });

  it('creates a register for an organisation that is not in JSM', async () => {
    const created = await admin('organisations/create', { source: { kind: 'name', name: 'Adventure Works' }, deploymentType: 'installed', templateKeys: ['key-contacts', 'service-engagement'] });
    expect(created.ok).toBe(true);
    expect(created.body.register).toMatchObject({ name: 'Adventure Works', jsmOrganizationId: null, deploymentType: 'installed' });
    expect(created.body.register.id).toMatch(/^org-[a-z0-9]{8}$/);
  });

  it.each([
    ['an unknown JSM organisation', { source: { kind: 'jsm', jsmOrganizationId: '999' }, deploymentType: 'hosted', templateKeys: ['key-contacts'] }, 'NOT_FOUND'],
    ['an unknown template', { source: { kind: 'name', name: 'X' }, deploymentType: 'hosted', templateKeys: ['no-such-template'] }, 'INVALID_INPUT'],
    ['no template', { source: { kind: 'name', name: 'X' }, deploymentType: 'hosted', templateKeys: [] }, 'INVALID_INPUT'],
    ['an unknown deployment type', { source: { kind: 'name', name: 'X' }, deploymentType: 'cloud', templateKeys: ['key-contacts'] }, 'INVALID_INPUT'],
  ])('refuses %s and writes nothing', async (_what, payload, code) => {
    const seq = host.log.since(0).next;
    expect(await admin('organisations/create', payload)).toMatchObject({ ok: false, error: { code } });
    expect(kvsWritesSince(host, seq)).toBe(0);
  });

  it('pages the organisations by name', async () => {
    const first = await admin('organisations/list', { limit: 1 });
    expect(first.body.items.map((o: { name: string }) => o.name)).toEqual(['Adventure Works']);
    const second = await admin('organisations/list', { limit: 1, cursor: first.body.cursor });
    expect(second.body.items.map((o: { name: string }) => o.name)).toEqual(['Contoso Foods']);
    expect(second.body.cursor).toBeNull();
  });
});

describe('register edits', () => {
  const registerId = () => `jsm-${jsmId('Contoso Foods')}`;

  it('adds, edits and removes people; one person may hold several roles', async () => {
    const added = await admin('register/update', {
      registerId: registerId(),
      expectedVersion: 1,
      changes: [
        { kind: 'person/add', person: olga },
        { kind: 'person/add', person: { ...olga, name: 'Egon Expert', email: 'egon@contoso-foods.example', phone: null, roles: ['key-contacts/expert-user'] } },
      ],
    });
    expect(added.ok).toBe(true);
    const [o, e] = added.body.register.people;
    expect(added.body.register.version).toBe(2);
    const owner = added.body.coverage.roles.find((r: { ref: string }) => r.ref === 'key-contacts/service-owner');
    const contract = added.body.coverage.roles.find((r: { ref: string }) => r.ref === 'key-contacts/contract-manager');
    expect(owner).toMatchObject({ holders: [o.id], status: 'below-recommended' });
    expect(contract).toMatchObject({ holders: [o.id], status: 'below-recommended' });

    const edited = await admin('register/update', {
      registerId: registerId(),
      expectedVersion: 2,
      changes: [{ kind: 'person/edit', personId: e.id, person: { ...olga, name: 'Egon Expert', email: 'egon@contoso-foods.example', phone: '+43 660 1234567', roles: ['key-contacts/expert-user'], backupFor: [o.id] } }],
    });
    expect(edited.body.register.people[1]).toMatchObject({ id: e.id, phone: '+43 660 1234567', backupFor: [o.id] });
    expect(edited.body.coverage.roles.find((r: { ref: string }) => r.ref === 'key-contacts/service-owner').flags.noBackup).toBe(false);

    const removed = await admin('register/update', { registerId: registerId(), expectedVersion: 3, changes: [{ kind: 'person/remove', personId: o.id }] });
    expect(removed.body.register.people).toEqual([expect.objectContaining({ id: e.id, backupFor: [] })]);
    expect((await admin('register/get', { registerId: registerId() })).body.register.version).toBe(4);
  });

  it.each([
    ['an invalid email', { ...olga, email: 'olga@' }],
    ['a national phone number', { ...olga, email: 'x@contoso-foods.example', phone: '0664 123 4567' }],
    ['a phone with letters', { ...olga, email: 'x@contoso-foods.example', phone: '+43 CALL NOW' }],
    ['a role of a template the register does not use', { ...olga, email: 'x@contoso-foods.example', roles: ['onboarding/account-manager'] }],
    ['an unknown backup', { ...olga, email: 'x@contoso-foods.example', backupFor: ['p-nobody'] }],
    ['an email already in the register', { ...olga, email: 'EGON@contoso-foods.example' }],
  ])('refuses %s with INVALID_INPUT and writes nothing', async (_what, person) => {
    const seq = host.log.since(0).next;
    const answer = await admin('register/update', { registerId: registerId(), expectedVersion: 4, changes: [{ kind: 'person/add', person }] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(kvsWritesSince(host, seq)).toBe(0);
    expect((await admin('register/get', { registerId: registerId() })).body.register.version).toBe(4);
  });

  it('keeps the first of two saves made from the same version; the second gets CONFLICT', async () => {
    const first = await admin('register/update', { registerId: registerId(), expectedVersion: 4, changes: [{ kind: 'details', deploymentType: 'installed' }] });
    const second = await admin('register/update', { registerId: registerId(), expectedVersion: 4, changes: [{ kind: 'details', name: 'Contoso Foods AG' }] });
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const read = (await admin('register/get', { registerId: registerId() })).body;
    expect(read.register).toMatchObject({ version: 5, deploymentType: 'installed', name: 'Contoso Foods' });
    // Installed: the Operations Technician now applies, is missing, and is a premium-service opportunity.
    expect(read.coverage.roles.find((r: { ref: string }) => r.ref === 'key-contacts/operations-technician')).toMatchObject({ status: 'missing', flags: { premiumOpportunity: true } });
  });

  it('records every change with who, when, before and after, newest first', async () => {
    const page = await admin('register/history', { registerId: registerId(), limit: 10 });
    expect(page.body.items.map((h: { action: string }) => h.action)).toEqual(['register.update', 'register.update', 'register.update', 'register.update', 'register.create']);
    expect(page.body.items[0]).toMatchObject({ actor: accountOf('admin'), before: { deploymentType: 'hosted', people: [] }, after: { deploymentType: 'installed', people: [] } });
    // Removing Olga also took her out of Egon's backup list: both show in the entry.
    expect(page.body.items[1].before.people.map((p: { name: string }) => p.name)).toEqual(['Olga Owner', 'Egon Expert']);
    expect(page.body.items[1].after.people).toEqual([expect.objectContaining({ name: 'Egon Expert', backupFor: [] })]);
  });

  it('answers NOT_FOUND for an organisation without a register and for an unknown person', async () => {
    expect(await admin('register/get', { registerId: 'org-00000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await admin('register/update', { registerId: registerId(), expectedVersion: 5, changes: [{ kind: 'person/remove', personId: 'p-nobody' }] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('loses no update when two saves race: the storage condition lets one through and the other gets CONFLICT', async () => {
    const version = (await admin('register/get', { registerId: registerId() })).body.register.version;
    const person = (name: string) => ({ kind: 'person/add', person: { ...olga, name, email: `${name.toLowerCase()}@contoso-foods.example`, roles: ['key-contacts/expert-user'] } });
    const answers = await Promise.all([
      admin('register/update', { registerId: registerId(), expectedVersion: version, changes: [person('Racer')] }),
      admin('register/update', { registerId: registerId(), expectedVersion: version, changes: [person('Rival')] }),
    ]);
    expect(answers.map((a) => (a.ok ? 'ok' : a.error?.code)).sort()).toEqual(['CONFLICT', 'ok']);
    const read = (await admin('register/get', { registerId: registerId() })).body.register;
    const winner = answers.find((a) => a.ok)!.body.register.people.at(-1).name;
    expect(read.version).toBe(version + 1);
    expect(read.people.map((p: { name: string }) => p.name)).toContain(winner);
    expect(read.people.some((p: { name: string }) => p.name === (winner === 'Racer' ? 'Rival' : 'Racer'))).toBe(false);
  });
});

describe('role templates', () => {
  it('lists the three built-in templates, read-only', async () => {
    const list = await admin('templates/list');
    expect(list.body.templates.map((t: { key: string; builtIn: boolean }) => [t.key, t.builtIn])).toEqual([
      ['service-engagement', true],
      ['key-contacts', true],
      ['onboarding', true],
    ]);
    const edit = await admin('templates/update', { templateKey: 'key-contacts', expectedVersion: 1, edit: { kind: 'role/counts', roleKey: 'service-owner', required: 2, recommended: 2 } });
    expect(edit).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', issues: [{ path: 'BUILT_IN_READ_ONLY' }] } });
  });

  it('copies a template, edits the copy in both languages, and refuses a stale edit', async () => {
    const copy = await admin('templates/copy', { sourceKey: 'key-contacts', newKey: 'key-contacts-gold', name: { 'en-US': 'Key contacts (gold)', 'fr-FR': 'Contacts clés (or)' } });
    expect(copy).toMatchObject({ ok: true, body: { key: 'key-contacts-gold', builtIn: false, basedOn: 'key-contacts', version: 1 } });
    const renamed = await admin('templates/update', {
      templateKey: 'key-contacts-gold',
      expectedVersion: 1,
      edit: { kind: 'role/rename', roleKey: 'service-owner', name: { 'en-US': 'Service Lead', 'fr-FR': 'Responsable du service' } },
    });
    expect(renamed.body.roles.find((r: { key: string }) => r.key === 'service-owner').name).toEqual({ 'en-US': 'Service Lead', 'fr-FR': 'Responsable du service' });
    const duty = await admin('templates/update', {
      templateKey: 'key-contacts-gold',
      expectedVersion: 2,
      edit: { kind: 'duty/add', roleKey: 'service-owner', text: { 'en-US': 'Join the quarterly review.', 'fr-FR': 'Participer à la revue trimestrielle.' } },
    });
    expect(duty.body.version).toBe(3);
    const stale = await admin('templates/update', { templateKey: 'key-contacts-gold', expectedVersion: 2, edit: { kind: 'role/remove', roleKey: 'expert-user' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const oneLanguage = await admin('templates/update', { templateKey: 'key-contacts-gold', expectedVersion: 3, edit: { kind: 'duty/add', roleKey: 'service-owner', text: { 'en-US': 'Only English' } } });
    expect(oneLanguage).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const list = await admin('templates/list');
    const stored = list.body.templates.find((t: { key: string }) => t.key === 'key-contacts-gold');
    expect(stored.version).toBe(3);
    expect(stored.roles.map((r: { key: string }) => r.key)).toContain('expert-user');
    expect(await admin('templates/copy', { sourceKey: 'onboarding', newKey: 'key-contacts-gold', name: { 'en-US': 'X', 'fr-FR': 'X' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'DUPLICATE_KEY' }] },
    });
  });

  it('re-ranks the registers that use a template when its counts change', async () => {
    const created = await admin('organisations/create', { source: { kind: 'name', name: 'Gold Customer' }, deploymentType: 'hosted', templateKeys: ['key-contacts-gold'] });
    const id = created.body.register.id;
    await admin('register/update', {
      registerId: id,
      expectedVersion: 1,
      changes: [
        { kind: 'person/add', person: { ...olga, email: 'a@gold.example', roles: ['key-contacts-gold/service-owner', 'key-contacts-gold/contract-manager', 'key-contacts-gold/expert-user'] } },
        { kind: 'person/add', person: { ...olga, name: 'B', email: 'b@gold.example', roles: ['key-contacts-gold/service-owner', 'key-contacts-gold/contract-manager', 'key-contacts-gold/expert-user'] } },
      ],
    });
    const before = (await admin('coverage/list', { limit: 10 })).body.items.find((i: { registerId: string }) => i.registerId === id);
    expect(before.score).toBe(100);
    await admin('templates/update', { templateKey: 'key-contacts-gold', expectedVersion: 3, edit: { kind: 'role/counts', roleKey: 'service-owner', required: 3, recommended: 3 } });
    expect(await host.idle(10_000)).toBe(true);
    const after = (await admin('coverage/list', { limit: 10 })).body.items.find((i: { registerId: string }) => i.registerId === id);
    expect(after.score).toBeLessThan(100);
    expect(after.gaps[0]).toMatchObject({ ref: 'key-contacts-gold/service-owner', status: 'missing' });
    const refresh = host.log.since(0).entries.filter((e) => e.kind === 'consumer' && e.outcome === 'ok');
    expect(refresh.length).toBeGreaterThan(0);
  });
});
