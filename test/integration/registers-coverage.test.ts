/**
 * Coverage rules end to end: what the admin page shows for registers built through the resolvers, and how it
 * changes with the sandbox clock alone (absences), with the daily refresh re-ranking the coverage list.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import { pageForRefresh } from '../../src/storage/register-repository';
import { assertContracts, invoke, startTestHost } from '../support/sandbox';

let host: ForgeHost;
beforeAll(async () => {
  host = await startTestHost('empty');
});
afterAll(async () => host.close());
afterAll(() => assertContracts(host));

const admin = (key: string, payload: unknown = {}) => invoke(host, 'admin', key, 'admin', payload);
const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Role {
  ref: string;
  status: string;
  required: number;
  recommended: number;
  holders: string[];
  presentToday: string[];
  flags: { noBackup: boolean; absentTodayWithoutBackup: boolean; premiumOpportunity: boolean };
}
const role = (view: { coverage: { roles: Role[] } }, ref: string): Role => view.coverage.roles.find((r) => r.ref === ref)!;

const contact = (name: string, roles: string[], extra: Record<string, unknown> = {}) => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
  phone: '+44 20 7946 0958',
  accountId: null,
  roles,
  backupFor: [],
  absences: [],
  ...extra,
});

async function organisation(name: string, deploymentType: 'hosted' | 'installed', templateKeys = ['key-contacts']): Promise<string> {
  const created = await admin('organisations/create', { source: { kind: 'name', name }, deploymentType, templateKeys });
  expect(created.ok).toBe(true);
  return created.body.register.id;
}

async function update(registerId: string, changes: unknown[]) {
  const current = await admin('register/get', { registerId });
  const answer = await admin('register/update', { registerId, expectedVersion: current.body.register.version, changes });
  expect(answer.ok).toBe(true);
  return answer.body;
}

describe('hosted and installed customers', () => {
  it('asks an Operations Technician of installed customers only, and offers it as a premium service', async () => {
    const people = [{ kind: 'person/add', person: contact('Ines Owner', ['key-contacts/service-owner', 'key-contacts/contract-manager', 'key-contacts/expert-user']) }];
    const hosted = await update(await organisation('Hosted Co', 'hosted'), people);
    const installed = await update(await organisation('Installed Co', 'installed'), people);
    expect(role(hosted, 'key-contacts/operations-technician')).toMatchObject({ status: 'not-applicable', required: 0, flags: { premiumOpportunity: false } });
    expect(role(installed, 'key-contacts/operations-technician')).toMatchObject({ status: 'missing', required: 1, flags: { premiumOpportunity: true } });
    expect(installed.coverage.score).toBeLessThan(hosted.coverage.score);
    expect(installed.coverage.summary.premiumOpportunities).toBe(1);
  });
});

describe('recommended counts, backups and one person in several roles', () => {
  let id: string;
  let olga: string;

  it('counts one person in each role they hold; one Service Owner of two recommended is below recommendation, without backup', async () => {
    id = await organisation('Counting Co', 'hosted');
    const view = await update(id, [{ kind: 'person/add', person: contact('Olga', ['key-contacts/service-owner', 'key-contacts/contract-manager', 'key-contacts/expert-user']) }]);
    olga = view.register.people[0].id;
    for (const ref of ['key-contacts/service-owner', 'key-contacts/contract-manager']) {
      expect(role(view, ref)).toMatchObject({ holders: [olga], status: 'below-recommended', required: 1, recommended: 2, flags: { noBackup: true } });
    }
    expect(role(view, 'key-contacts/expert-user')).toMatchObject({ holders: [olga], status: 'met', flags: { noBackup: true } });
  });

  it('clears "no backup" when someone backs the holder up, even without holding the role', async () => {
    const view = await update(id, [{ kind: 'person/add', person: contact('Bert Backup', [], { backupFor: [olga] }) }]);
    expect(role(view, 'key-contacts/service-owner').flags.noBackup).toBe(false);
    expect(role(view, 'key-contacts/service-owner').status).toBe('below-recommended');
  });

  it('meets the recommendation with a second Service Owner', async () => {
    const view = await update(id, [{ kind: 'person/add', person: contact('Sven Second', ['key-contacts/service-owner']) }]);
    expect(role(view, 'key-contacts/service-owner')).toMatchObject({ status: 'met', holders: [olga, view.register.people[2].id] });
  });
});

describe('absences change coverage with the date alone', () => {
  it('flags a role whose only holder is away today, from the first day of the absence to the last, and the daily refresh re-ranks the list', async () => {
    const start = Date.now();
    const from = dayOf(start + 2 * DAY);
    const to = dayOf(start + 3 * DAY);
    const id = await organisation('Holiday Co', 'hosted');
    const view = await update(id, [
      { kind: 'person/add', person: contact('Hanna Away', ['key-contacts/service-owner', 'key-contacts/expert-user'], { absences: [{ from, to }] }) },
      { kind: 'person/add', person: contact('Carla Contract', ['key-contacts/contract-manager', 'key-contacts/service-owner']) },
    ]);
    const hanna = view.register.people[0].id;
    expect(role(view, 'key-contacts/expert-user')).toMatchObject({ presentToday: [hanna], flags: { absentTodayWithoutBackup: false } });
    const scoreBefore = view.coverage.score;
    const rankBefore = (await admin('coverage/list', { limit: 100 })).body.items.findIndex((i: { registerId: string }) => i.registerId === id);

    // Two days later, nothing was written: the date alone makes Hanna away.
    await host.advanceClockTo(Date.parse(`${from}T09:00:00.000Z`));
    const away = (await admin('register/get', { registerId: id })).body;
    expect(away.coverage.today).toBe(from);
    expect(role(away, 'key-contacts/expert-user')).toMatchObject({ holders: [hanna], presentToday: [], flags: { absentTodayWithoutBackup: true } });
    // Service Owner has a second holder present: the absence is covered there.
    expect(role(away, 'key-contacts/service-owner').flags.absentTodayWithoutBackup).toBe(false);
    expect(away.coverage.score).toBeLessThan(scoreBefore);
    expect(away.register.version).toBe(view.register.version);

    // The daily job (run now, as its schedule would) re-ranks Holiday Co through the queue, without changing its
    // version; nothing read the coverage list meanwhile.
    expect(await host.runScheduled('daily-refresh')).toBe(true);
    expect(await host.idle(10_000)).toBe(true);
    const stored = (await pageForRefresh(null, 100)).items.find((i) => i.register.id === id)!;
    expect(stored.rank.score).toBe(away.coverage.score);
    expect(stored.register.version).toBe(view.register.version);
    // Page by page (one row a page, so only the stored rank orders them), the scores still rise.
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body?: { items: Array<{ score: number }>; cursor: string | null } } = await admin('coverage/list', { limit: 1, cursor });
      paged.push(...(page.body?.items ?? []).map((i) => i.score));
      cursor = page.body?.cursor ?? null;
    } while (cursor);
    expect(paged).toEqual([...paged].sort((a, b) => a - b));
    const list = (await admin('coverage/list', { limit: 100 })).body;
    const row = list.items.find((i: { registerId: string }) => i.registerId === id);
    expect(row).toMatchObject({ score: away.coverage.score, summary: { absentTodayWithoutBackup: 1 } });
    expect(list.items.findIndex((i: { registerId: string }) => i.registerId === id)).toBeLessThanOrEqual(rankBefore);
    expect(list.items.map((i: { score: number }) => i.score)).toEqual([...list.items.map((i: { score: number }) => i.score)].sort((a, b) => a - b));

    // The day after the absence ends, the flag is gone again.
    await host.advanceClockTo(Date.parse(`${to}T00:00:00.000Z`) + DAY);
    const back = (await admin('register/get', { registerId: id })).body;
    expect(role(back, 'key-contacts/expert-user').flags.absentTodayWithoutBackup).toBe(false);
    expect(back.coverage.score).toBe(scoreBefore);
  });

  it('does not flag an absence when someone present backs the holder up', async () => {
    const today = dayOf(Date.now());
    const id = await organisation('Covered Co', 'hosted');
    const first = await update(id, [{ kind: 'person/add', person: contact('Away Today', ['key-contacts/expert-user'], { absences: [{ from: today, to: today }] }) }]);
    const away = first.register.people[0].id;
    expect(role(first, 'key-contacts/expert-user').flags.absentTodayWithoutBackup).toBe(true);
    const covered = await update(id, [{ kind: 'person/add', person: contact('Stand In', [], { backupFor: [away] }) }]);
    expect(role(covered, 'key-contacts/expert-user').flags).toMatchObject({ absentTodayWithoutBackup: false, noBackup: false });
  });
});

describe('the coverage list', () => {
  it('lists every organisation worst first, each row computed for today, and exports it as CSV page by page', async () => {
    const list = (await admin('coverage/list', { limit: 100 })).body;
    expect(list.today).toBe(dayOf(Date.now()));
    const scores = list.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(list.items[0].gaps.length).toBeGreaterThan(0);

    const first = (await admin('coverage/export-csv', { limit: 2 })).body;
    expect(first.csv.split('\r\n')[0]).toBe(
      'organisation_id,organisation,jsm_organization_id,deployment_type,day,score,missing,below_recommended,no_backup,absent_today_without_backup,premium_opportunities,gaps',
    );
    let csv = first.csv;
    let cursor = first.cursor;
    while (cursor) {
      const next = (await admin('coverage/export-csv', { limit: 2, cursor })).body;
      expect(next.csv.startsWith('organisation_id')).toBe(false);
      csv += next.csv;
      cursor = next.cursor;
    }
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(list.items.length + 1);
    expect(lines[1]).toContain(list.items[0].registerId);
  });
});
