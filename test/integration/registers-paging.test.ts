/**
 * Lists page through KVS indexes: each page of the organisations list and of the coverage list costs a fixed
 * number of KVS requests (read from the sandbox log), the same with 12 organisations as with 312, and the pages
 * together list every organisation once. Opening a register on the panel or the portal stays within DESIGN.md's
 * budget of 5 KVS requests.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { rankFor, todayOf } from '../../src/domain/register-coverage';
import { describeRegisterChange, type RegisterContent } from '../../src/domain/register-editing';
import { pageForRefresh, writeRegister } from '../../src/storage/register-repository';
import { REFRESH_PAGE_SIZE } from '../../src/triggers/refresh-coverage';
import { readTemplates } from '../../src/storage/template-repository';
import { accountOf, assertContracts, invoke, startTestHost } from '../support/sandbox';

let host: ForgeHost;
const admin = (key: string, payload: unknown = {}) => invoke(host, 'admin', key, 'admin', payload);

/** Seeds registers straight into storage through the app's own repository, as a large site would have them. */
async function seed(from: number, count: number): Promise<void> {
  const templates = await readTemplates(['key-contacts', 'key-contacts-copy']);
  for (let n = from; n < from + count; n += 1) {
    const people = Array.from({ length: n % 4 }, (_, i) => ({
      id: `p-${n}-${i}`,
      name: `Person ${i}`,
      email: `person${i}@org${n}.example`,
      phone: null,
      accountId: null,
      roles: i === 0 ? ['key-contacts/service-owner', 'key-contacts/contract-manager'] : ['key-contacts/expert-user'],
      backupFor: [],
      absences: [],
    }));
    const content: RegisterContent = {
      name: `Org ${String(n).padStart(4, '0')}`,
      deploymentType: n % 3 === 0 ? 'installed' : 'hosted',
      projectKind: null,
      templateKeys: n % 5 === 0 ? ['key-contacts', 'key-contacts-copy'] : ['key-contacts'],
      people,
    };
    await writeRegister({
      before: null,
      create: { id: `org-${String(n).padStart(8, '0')}`, jsmOrganizationId: null },
      content,
      rank: rankFor(content, templates, todayOf(new Date())),
      actor: 'test-seed',
      audit: { action: 'register.create', ...describeRegisterChange(null, content) },
    });
  }
}

/** Every page of a list, with what each page's invocation cost. */
async function allPages(key: string, limit: number): Promise<{ items: Array<{ id?: string; registerId?: string; name: string; score?: number }>; costs: Array<{ kvs: number; jira: number }> }> {
  const items: Array<{ id?: string; registerId?: string; name: string; score?: number }> = [];
  const costs: Array<{ kvs: number; jira: number }> = [];
  let cursor: string | null = null;
  do {
    const seq = host.log.since(0).next;
    const page: { ok: boolean; body?: { items: typeof items; cursor: string | null } } = await admin(key, { limit, cursor });
    expect(page.ok).toBe(true);
    const [entry] = host.log.since(seq).entries;
    costs.push({ kvs: entry!.kvs.requests, jira: entry!.jira.reads + entry!.jira.writes });
    items.push(...(page.body?.items ?? []));
    cursor = page.body?.cursor ?? null;
  } while (cursor);
  return { items, costs };
}

beforeAll(async () => {
  host = await startTestHost('empty');
  const copy = await admin('templates/copy', { sourceKey: 'key-contacts', newKey: 'key-contacts-copy', name: { 'en-US': 'Copy', 'fr-FR': 'Copie' } });
  expect(copy.ok).toBe(true);
  await seed(0, 12);
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

describe('paging through indexes', () => {
  let small: { organisations: number[]; coverage: number[] };

  it('lists 12 organisations by name in pages of 5, one KVS request and one permission check a page', async () => {
    const { items, costs } = await allPages('organisations/list', 5);
    expect(items.map((i) => i.name)).toEqual(Array.from({ length: 12 }, (_, n) => `Org ${String(n).padStart(4, '0')}`));
    expect(costs).toHaveLength(3);
    expect(costs.every((c) => c.kvs === 1 && c.jira === 1)).toBe(true);
    const coverage = await allPages('coverage/list', 5);
    expect(new Set(coverage.items.map((i) => i.registerId)).size).toBe(12);
    const scores = coverage.items.map((i) => i.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    // One index page and one read of the site's own templates; no rank was stale, so no write.
    expect(coverage.costs.every((c) => c.kvs <= 2 && c.jira === 1)).toBe(true);
    small = { organisations: costs.map((c) => c.kvs), coverage: coverage.costs.map((c) => c.kvs) };
  });

  it('costs the same per page with 312 organisations', async () => {
    await seed(12, 300);
    const first = async (key: string) => {
      const seq = host.log.since(0).next;
      const page = await admin(key, { limit: 5 });
      expect(page.body.items).toHaveLength(5);
      return host.log.since(seq).entries[0]!.kvs.requests;
    };
    expect(await first('organisations/list')).toBe(small.organisations[0]);
    expect(await first('coverage/list')).toBe(small.coverage[0]);
    const all = await allPages('coverage/list', 100);
    expect(all.items).toHaveLength(312);
    expect(Math.max(...all.costs.map((c) => c.kvs))).toBeLessThanOrEqual(2);
  });
});

describe('refreshing the stored coverage ranks', () => {
  it('walks all 312 organisations one page per queue message, each run costing the same', async () => {
    const seq = host.log.since(0).next;
    const edit = await admin('templates/update', { templateKey: 'key-contacts-copy', expectedVersion: 1, edit: { kind: 'role/counts', roleKey: 'expert-user', required: 4, recommended: 4 } });
    expect(edit.ok).toBe(true);
    expect(await host.idle(30_000)).toBe(true);
    const runs = host.log.since(seq).entries.filter((e) => e.kind === 'consumer');
    expect(runs).toHaveLength(Math.ceil(312 / REFRESH_PAGE_SIZE));
    expect(runs.every((r) => r.outcome === 'ok')).toBe(true);
    // One index page, one template read, rank writes in transactions of ten: never more, however many organisations.
    expect(Math.max(...runs.map((r) => r.kvs.requests))).toBeLessThanOrEqual(2 + Math.ceil(REFRESH_PAGE_SIZE / 10));
    const stored = (await pageForRefresh(null, 100)).items.filter((i) => i.register.templateKeys.includes('key-contacts-copy'));
    const templates = await readTemplates(['key-contacts', 'key-contacts-copy']);
    expect(stored.length).toBeGreaterThan(0);
    for (const { register, rank } of stored) expect(rank).toEqual(rankFor(register, templates, todayOf(new Date())));
  });
});

describe('opening a register on a panel', () => {
  it('costs at most 5 KVS requests on the portal and on the issue panel', async () => {
    const northwind = host.jiraStore.organizationByName('Northwind Partners')!.id;
    await admin('organisations/create', { source: { kind: 'jsm', jsmOrganizationId: northwind }, deploymentType: 'hosted', templateKeys: ['key-contacts', 'key-contacts-copy'] });
    const row = host.jiraStore.addIssue('PS', { summary: 'Budget check', reporterAccountId: accountOf('partner'), organization: 'Northwind Partners' });

    let seq = host.log.since(0).next;
    expect((await invoke(host, 'portal', 'register/mine', 'partner')).ok).toBe(true);
    const portal = host.log.since(seq).entries;
    expect(portal).toHaveLength(1);
    expect(portal[0]!.kvs.requests).toBeLessThanOrEqual(5);
    expect(portal[0]!.jira).toEqual({ reads: 1, writes: 0 }); // the customer's organisations, from the trusted account id

    seq = host.log.since(0).next;
    expect((await invoke(host, 'issue-panel', 'register/for-issue', 'agent', {}, { issue: { id: row.id, key: row.key } })).body.view).not.toBeNull();
    const panel = host.log.since(seq).entries;
    expect(panel).toHaveLength(1);
    expect(panel[0]!.kvs.requests).toBeLessThanOrEqual(5);
    // The permission check, then (no engagement or routed request links the issue) its "Organizations" field.
    expect(panel[0]!.jira).toEqual({ reads: 2, writes: 0 });
  });
});
