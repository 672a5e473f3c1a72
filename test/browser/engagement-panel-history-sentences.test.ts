/**
 * Every kind of engagement history entry, written by the real resolvers on the sandbox (the same before/after shapes
 * a site stores), turned into sentences by the panel's own `historySentence`, with the real catalogues, in English
 * and in French. No browser: the page-side wording is a pure function, and driving every action through Chromium
 * would take minutes. The browser suites (engagement-panel-history.test.ts) check the same sentences on screen.
 *
 * The story, on PS-4 (Olga Owner's question for Contoso Foods): Sam Support (agent) starts and links the
 * engagement, names Olga as Engagement Sponsor, Carl as Service Provider, Dana as account manager and himself as
 * service coordinator; ticks, plans and unticks a duty; assigns and removes a head of sales; sets and changes the
 * budget; adds, renames and starts a milestone with a progress point Olga acknowledges on the portal; records the
 * kick-off; adds, edits and removes a document; raises, acknowledges and closes an escalation; proposes a budget
 * change Olga approves and a schedule change she rejects.
 *
 * Lives under test/browser only because that is where this work's tests go; it needs no browser.
 */
import en from '../../locales/en-US.json';
import fr from '../../locales/fr-FR.json';
import type { ForgeHost } from '../../sandbox/runtime/host';
import { DEMO_USERS } from '../../sandbox/seed/demo-directory';
import type { EngagementView, HistoryEntry } from '../../src/shared/engagement';
import { accountIdsOf } from '../../static/issue-panel/src/history-accounts';
import { historySentence, type SentenceTools } from '../../static/issue-panel/src/history-sentences';
import { accountOf, assertContracts, startTestHost } from '../support/sandbox';

jest.setTimeout(60_000);

type Catalogue = { [key: string]: string | Catalogue };

/** The page's lookup (Forge's translation function): dotted keys into the nested catalogue, {name} filled in. */
function translator(catalogue: Catalogue) {
  return (key: string, vars: Record<string, string | number> = {}): string => {
    let node: string | Catalogue | undefined = catalogue;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    const text = typeof node === 'string' ? node : key;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

const names = new Map(DEMO_USERS.map((u) => [u.accountId, u.displayName]));
const SAM = accountOf('agent');
const CARL = accountOf('consultant');
const DANA = accountOf('lead');
const OLGA = DEMO_USERS.find((u) => u.emailAddress === 'olga@contoso-foods.example')!.accountId;

let host: ForgeHost;
let issue: { id: string; key: string };
let version = 0;
let engagement: EngagementView;
let history: HistoryEntry[] = [];

async function call(moduleKey: 'engagement-panel' | 'partner-request-view', accountId: string, key: string, payload: Record<string, unknown>) {
  // One second between writes: audit entries are ordered by time, and two in the same millisecond have no order.
  host.clock.set(host.clock.now() + 1000);
  const extension = moduleKey === 'engagement-panel' ? { issue } : { request: { key: issue.key } };
  const outcome = await host.invokeResolver({ moduleKey, functionKey: key, payload, accountId, extension });
  if (outcome.kind === 'failure') throw new Error(`${key}: ${outcome.code} ${outcome.message}`);
  const answer = outcome.value as { ok: boolean; body?: any; error?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
  return answer.body;
}

/** An engagement write as Sam, from the version he last saw. */
async function save(key: string, payload: Record<string, unknown>) {
  const body = await call('engagement-panel', SAM, key, { ...payload, expectedVersion: version });
  if (typeof body.version === 'number' && 'roles' in body) version = body.version;
  return body;
}

beforeAll(async () => {
  host = await startTestHost('demo');
  const row = host.jiraStore.issue('PS-4')!;
  expect(row.summary).toBe('How do we add a second Service Owner?');
  issue = { id: row.id, key: row.key };
  const contoso = `jsm-${host.jiraStore.organizationByName('Contoso Foods')!.id}`;

  await call('engagement-panel', SAM, 'engagement/start', { title: 'Contoso second Service Owner' });
  version = 1;
  await save('engagement/link', { organisationId: contoso, templateKey: 'service-engagement' });
  await save('role/assign', { roleKey: 'engagement-sponsor', people: [{ kind: 'register', personId: 'p-olga' }] });
  await save('role/assign', { roleKey: 'service-provider', people: [{ kind: 'account', accountId: CARL }] });
  await save('role/assign', { roleKey: 'account-manager', people: [{ kind: 'account', accountId: DANA }] });
  await save('role/assign', { roleKey: 'service-coordinator', people: [{ kind: 'account', accountId: SAM }] });
  const duty = { roleKey: 'service-provider', dutyKey: 'coordinate-service-activities' };
  await save('duty/toggle', { ...duty, done: true });
  await save('duty/toggle', { ...duty, done: true, ownerId: `acc-${CARL}`, dueDate: '2026-12-15' });
  await save('duty/toggle', { ...duty, done: false });
  await save('head-of-sales/assign', { accountId: DANA });
  await save('head-of-sales/assign', { accountId: null });
  await save('budget/update', { soldHours: 40, estimateHours: 32, salesOrder: 'SO-1001' });
  await save('budget/update', { estimateHours: 36 });
  const added = await save('milestone/add', { title: 'Blueprint', dueDate: '2026-10-01' });
  const milestoneId = added.milestones[0].id as string;
  await save('milestone/update', { milestoneId, title: 'Blueprint signed off', dueDate: '2026-10-15' });
  await save('milestone/update', { milestoneId, state: 'in-progress' });
  const point = await call('engagement-panel', SAM, 'progress-point/add', { milestoneId, title: 'Processes mapped', expectedVersion: version });
  await call('partner-request-view', OLGA, 'progress-point/acknowledge', { pointId: point.id, expectedVersion: point.version });
  await save('kickoff/update', { date: '2026-09-01', notes: 'Agenda agreed', done: true });
  const filed = await save('document/add', { kind: 'contract', title: 'Signed contract', url: 'https://example.com/contract' });
  const documentId = filed.documents[0].id as string;
  await save('document/update', { documentId, title: 'Signed contract v2', ownerId: `acc-${CARL}` });
  await save('document/remove', { documentId });
  const raised = await call('engagement-panel', SAM, 'escalation/raise', { category: 'risk', title: 'Key user on leave', roleKey: 'service-coordinator', expectedVersion: version });
  const acknowledged = await call('engagement-panel', SAM, 'escalation/update', { escalationId: raised.escalation.id, action: 'acknowledge', expectedVersion: raised.escalation.version });
  await call('engagement-panel', SAM, 'escalation/update', { escalationId: raised.escalation.id, action: 'close', resolution: 'Backup named.', expectedVersion: acknowledged.escalation.version });
  const budgetChange = await call('engagement-panel', SAM, 'change/propose', { category: 'budget', summary: 'Extra training day', soldHoursDelta: 8, expectedVersion: version });
  await call('partner-request-view', OLGA, 'change/decide', { changeId: budgetChange.change.id, decision: 'approve', expectedVersion: budgetChange.change.version });
  const scheduleChange = await call('engagement-panel', SAM, 'change/propose', { category: 'schedule', summary: 'Later blueprint', milestoneId, newDueDate: '2026-11-02', expectedVersion: version + 1 });
  await call('partner-request-view', OLGA, 'change/decide', { changeId: scheduleChange.change.id, decision: 'reject', expectedVersion: scheduleChange.change.version });

  // What the panel holds when it shows the history: the engagement from panel/get, every page of history/list.
  const panel = await call('engagement-panel', SAM, 'panel/get', {});
  engagement = panel.engagement;
  history = panel.history.entries;
  for (let cursor = panel.history.cursor; cursor; ) {
    const page = await call('engagement-panel', SAM, 'history/list', { cursor });
    history.push(...page.entries);
    cursor = page.cursor;
  }
});
afterAll(async () => host?.close());
afterAll(() => assertContracts(host));

function sentences(locale: 'en-US' | 'fr-FR', nameOf: SentenceTools['nameOf'] = (id) => names.get(id) ?? null): string[] {
  const catalogue = (locale === 'en-US' ? en : fr) as unknown as Catalogue;
  const formatNumber = (n: number) => new Intl.NumberFormat(locale).format(n);
  return history.map((entry) => historySentence(entry, { t: translator(catalogue), locale, formatNumber, engagement, nameOf }));
}

const DUTY_EN = 'Coordinate the service activities and the communication around them';
const DUTY_FR = 'Organiser les interventions de service et les échanges qui s’y rattachent';

describe('history sentences', () => {
  it('says every change in English, by name, newest first', () => {
    const said = sentences('en-US');
    const expected = [
      'Sam Support started the engagement ‘Contoso second Service Owner’.',
      'Sam Support linked the engagement to Contoso Foods with the template Service engagement.',
      'Sam Support added Olga Owner to the role Engagement Sponsor.',
      'Sam Support added Carl Consultant to the role Service Provider.',
      'Sam Support added Dana Delivery to the role Account Manager.',
      'Sam Support added Sam Support to the role Service Coordinator.',
      `Sam Support ticked the duty ‘${DUTY_EN}’.`,
      `Sam Support made Carl Consultant the owner of the duty ‘${DUTY_EN}’ and set the due date of the duty ‘${DUTY_EN}’ to Dec 15, 2026.`,
      `Sam Support unticked the duty ‘${DUTY_EN}’.`,
      'Sam Support made Dana Delivery the head of sales.',
      'Sam Support removed Dana Delivery as head of sales.',
      'Sam Support set the sold hours to 40 h, set the estimate to 32 h, and set the sales order to ‘SO-1001’.',
      'Sam Support changed the estimate from 32 h to 36 h.',
      'Sam Support added the milestone ‘Blueprint’, due Oct 1, 2026.',
      'Sam Support renamed the milestone ‘Blueprint’ to ‘Blueprint signed off’ and moved the due date of the milestone ‘Blueprint signed off’ from Oct 1, 2026 to Oct 15, 2026.',
      'Sam Support marked the milestone ‘Blueprint signed off’ as in progress.',
      'Sam Support added the progress point ‘Processes mapped’ to the milestone ‘Blueprint signed off’.',
      'Olga Owner acknowledged the progress point ‘Processes mapped’.',
      'Sam Support set the date of the kick-off meeting to Sep 1, 2026, recorded that the kick-off meeting took place, and changed the notes of the kick-off meeting.',
      'Sam Support added the document ‘Signed contract’ (Contract) to the engagement file.',
      'Sam Support renamed the document ‘Signed contract’ to ‘Signed contract v2’ and made Carl Consultant the owner of the document ‘Signed contract v2’.',
      'Sam Support removed the document ‘Signed contract v2’ from the engagement file.',
      'Sam Support raised the escalation ‘Key user on leave’ (risk) for Dana Delivery.',
      'Sam Support told the recipients of the escalation ‘Key user on leave’ in a Jira comment.',
      'Sam Support acknowledged the escalation ‘Key user on leave’.',
      'Sam Support closed the escalation ‘Key user on leave’: Backup named.',
      'Sam Support proposed the change ‘Extra training day’ (budget, +8 h).',
      'Sam Support asked the Engagement Sponsor in a Jira comment to decide on the change ‘Extra training day’.',
      'Olga Owner approved the change ‘Extra training day’ and changed the sold hours from 40 h to 48 h.',
      'Sam Support proposed the change ‘Later blueprint’ (schedule).',
      'Sam Support asked the Engagement Sponsor in a Jira comment to decide on the change ‘Later blueprint’.',
      'Olga Owner rejected the change ‘Later blueprint’.',
    ];
    // Entries of one call (a raise and its comment) may share a millisecond, so their order is not compared here.
    expect([...said].sort()).toEqual([...expected].sort());
    expect(said[0]).toBe('Olga Owner rejected the change ‘Later blueprint’.');
    expect(said[said.length - 1]).toBe('Sam Support started the engagement ‘Contoso second Service Owner’.');
  });

  it('says the same in French', () => {
    const said = sentences('fr-FR');
    expect(said).toEqual(
      expect.arrayContaining([
        'Sam Support a lancé l’engagement « Contoso second Service Owner ».',
        'Sam Support a rattaché l’engagement à Contoso Foods avec le modèle Engagement de service.',
        'Sam Support a ajouté Carl Consultant au rôle Prestataire de services.',
        `Sam Support a coché la tâche « ${DUTY_FR} ».`,
        `Sam Support a confié la tâche « ${DUTY_FR} » à Carl Consultant et a fixé l’échéance de la tâche « ${DUTY_FR} » au 15 déc. 2026.`,
        `Sam Support a décoché la tâche « ${DUTY_FR} ».`,
        'Sam Support a désigné Dana Delivery comme directeur commercial.',
        'Sam Support a fixé les heures vendues à 40 h, a fixé l’estimation à 32 h et a indiqué le bon de commande « SO-1001 ».',
        'Sam Support a fait passer l’estimation de 32 h à 36 h.',
        'Sam Support a marqué le jalon « Blueprint signed off » comme en cours.',
        'Olga Owner a validé le point d’avancement « Processes mapped ».',
        'Sam Support a fixé la date de la réunion de lancement au 1 sept. 2026, a noté que la réunion de lancement a eu lieu et a modifié les notes de la réunion de lancement.',
        'Sam Support a signalé l’escalade « Key user on leave » (risque) à Dana Delivery.',
        'Sam Support a clos l’escalade « Key user on leave » : Backup named.',
        'Olga Owner a approuvé le changement « Extra training day » et a fait passer les heures vendues de 40 h à 48 h.',
        'Olga Owner a refusé le changement « Later blueprint ».',
      ]),
    );
  });

  it('never shows an account id or an action key, in either language', () => {
    const accountIds = [...names.keys()];
    for (const said of [sentences('en-US'), sentences('fr-FR')]) {
      expect(said).toHaveLength(history.length);
      expect(said.filter((s) => accountIds.some((id) => s.includes(id)))).toEqual([]);
      expect(said.filter((s) => history.some((e) => s.includes(e.action)))).toEqual([]);
    }
  });

  it('asks Jira for the names of the actors and of owners who are accounts, once each', () => {
    expect(accountIdsOf(history).sort()).toEqual([SAM, OLGA, CARL].sort());
  });

  it('says "someone" for a person Jira does not name, and a plain sentence for an unknown action or shape', () => {
    const unnamed = sentences('en-US', () => null);
    expect(unnamed).toContain(`Someone ticked the duty ‘${DUTY_EN}’.`);
    expect(sentences('fr-FR', () => null)).toContain(`Quelqu’un a coché la tâche « ${DUTY_FR} ».`);

    const tools = (locale: 'en-US' | 'fr-FR'): SentenceTools => ({
      t: translator((locale === 'en-US' ? en : fr) as unknown as Catalogue),
      locale,
      formatNumber: String,
      engagement,
      nameOf: (id) => names.get(id) ?? null,
    });
    const later: HistoryEntry = { at: '2026-01-01T00:00:00.000Z', actor: CARL, action: 'retro.rename', before: null, after: { anything: 1 } };
    expect(historySentence(later, tools('en-US'))).toBe('Carl Consultant changed the engagement (retro.rename).');
    expect(historySentence(later, tools('fr-FR'))).toBe('Carl Consultant a modifié l’engagement (retro.rename).');
    // A known action whose entry lacks what the sentence needs (an older shape): still a sentence, never a crash.
    const bare: HistoryEntry = { at: '2026-01-01T00:00:00.000Z', actor: CARL, action: 'duty.toggle', before: null, after: 'done' };
    expect(historySentence(bare, tools('en-US'))).toBe('Carl Consultant changed the engagement (duty.toggle).');
    // An escalation no longer among the loaded items is named generically.
    const elsewhere: HistoryEntry = { at: '2026-01-01T00:00:00.000Z', actor: CARL, action: 'escalation.acknowledge', before: { id: 'abcdef123456', state: 'open' }, after: { id: 'abcdef123456', state: 'acknowledged' } };
    expect(historySentence(elsewhere, tools('en-US'))).toBe('Carl Consultant acknowledged an escalation.');
  });
});
