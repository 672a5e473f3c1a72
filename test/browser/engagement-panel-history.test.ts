/**
 * The engagement panel's history and its paged lists in the simulated Jira (headless Chromium, the panel in its
 * sandboxed iframe):
 * - history entries read as sentences with people's names (from Jira, asked through the bridge's requestJira in one
 *   request, while opening the panel stays one resolver call), in English and in French, never an account id or an
 *   action key; when Jira cannot name people just now, the sentences say "someone";
 * - "Show older" for the history and for the items (progress points, escalations, change requests), with the
 *   keyboard: a failed page shows an error with Try again, the focus stays on the button while a page loads, and
 *   lands on a note once everything is shown.
 *
 * The story is on DEL issues, which delivery people edit: Carl Consultant starts and links the engagement, names
 * himself Service Provider and ticks a duty; Dana Delivery (the lead) sets the budget; Chloé Conseil reads it in
 * French. Set-up goes through the app's own resolvers; what is tested goes through the page. Texts come from locales/.
 */
import './support/jest-realm';
import { openSimulatedSite, tearDownSite } from './support/simulated-site';
import { type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import en from '../../locales/en-US.json';
import fr from '../../locales/fr-FR.json';
import type { ForgeHost } from '../../sandbox/runtime/host';
import { demoUser } from '../../sandbox/seed/demo-directory';
import { type HttpSandbox } from '../support/sandbox';

jest.setTimeout(90_000);

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const PANEL = 'engagement-panel';
const EP = en.engagementPanel;
const FR = fr.engagementPanel;
const fill = (text: string, vars: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_w, name: string) => vars[name] ?? `{${name}}`);
const sentence = (lang: typeof EP, actor: string, what: string) => fill(lang.history.sentence, { actor, what });

const CARL = demoUser('carl@engagement-desk.example');
const DANA = demoUser('lead@engagement-desk.example');
const CHLOE = demoUser('chloe@engagement-desk.example');
const DUTY_EN = 'Coordinate the service activities and the communication around them';
const DUTY_FR = 'Organiser les interventions de service et les échanges qui s’y rattachent';

let host: ForgeHost;
let base: string;
let browser: Browser;
let sandbox: HttpSandbox;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

type Issue = { id: string; key: string };
/** The story's engagement; one with a long history; one with more items than a page. */
let story: Issue;
let longHistory: Issue;
let manyItems: Issue;

async function resolve(accountId: string, issue: Issue, key: string, payload: Record<string, unknown>) {
  // A second between writes: history entries are ordered by time, and two in one millisecond have no order.
  host.clock.set(host.clock.now() + 1000);
  const outcome = await host.invokeResolver({ moduleKey: PANEL, functionKey: key, payload, accountId, extension: { issue } });
  if (outcome.kind === 'failure') throw new Error(`${key}: ${outcome.message}`);
  const answer = outcome.value as { ok: boolean; body?: any; error?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
  return answer.body;
}

function delIssue(summary: string): Issue {
  const row = host.jiraStore.createIssue({ projectKey: 'DEL', summary, reporter: DANA.accountId });
  return { id: row.id, key: row.key };
}

/** Carl starts an engagement, links it to Contoso Foods and the service-engagement template, names himself Service Provider. */
async function startAsCarl(issue: Issue, title: string): Promise<number> {
  await resolve(CARL.accountId, issue, 'engagement/start', { title });
  const contoso = `jsm-${host.jiraStore.organizationByName('Contoso Foods')!.id}`;
  const linked = await resolve(CARL.accountId, issue, 'engagement/link', { organisationId: contoso, templateKey: 'service-engagement', expectedVersion: 1 });
  const named = await resolve(CARL.accountId, issue, 'role/assign', { roleKey: 'service-provider', people: [{ kind: 'account', accountId: CARL.accountId }], expectedVersion: linked.version });
  return named.version;
}

beforeAll(async () => {
  ({ sandbox, browser } = await openSimulatedSite());
  ({ host, base } = sandbox);

  story = delIssue('Roll-out at Contoso Foods');
  let version = await startAsCarl(story, 'Contoso Foods roll-out');
  version = (await resolve(CARL.accountId, story, 'duty/toggle', { roleKey: 'service-provider', dutyKey: 'coordinate-service-activities', done: true, expectedVersion: version })).version;
  await resolve(DANA.accountId, story, 'budget/update', { soldHours: 40, estimateHours: 32, expectedVersion: version });

  // 3 entries from the start, then 25 estimates: two pages of history (20 a page).
  longHistory = delIssue('Estimates for Contoso Foods');
  version = await startAsCarl(longHistory, 'Estimating Contoso Foods');
  for (let hours = 1; hours <= 25; hours++) version = (await resolve(DANA.accountId, longHistory, 'budget/update', { estimateHours: hours, expectedVersion: version })).version;

  // The oldest item is an escalation (to Dana, the account manager); then 101 progress points, so the first page (100 items) holds points only.
  manyItems = delIssue('Many progress points at Contoso Foods');
  version = await startAsCarl(manyItems, 'Contoso Foods, step by step');
  // An escalation goes to the account manager: Dana.
  version = (await resolve(CARL.accountId, manyItems, 'role/assign', { roleKey: 'account-manager', people: [{ kind: 'account', accountId: DANA.accountId }], expectedVersion: version })).version;
  await resolve(CARL.accountId, manyItems, 'escalation/raise', { category: 'risk', title: 'Key user on leave', roleKey: 'service-provider', expectedVersion: version });
  const withMilestone = await resolve(CARL.accountId, manyItems, 'milestone/add', { title: 'Steps', expectedVersion: version });
  for (let n = 1; n <= 101; n++) {
    await resolve(CARL.accountId, manyItems, 'progress-point/add', { milestoneId: withMilestone.milestones[0].id, title: `Step ${String(n).padStart(3, '0')}`, expectedVersion: withMilestone.version });
  }
}, 120_000);

// Faults injected by a test end with it.
afterEach(() => host.faults.clear());
tearDownSite({ contexts, pageErrors, site: () => ({ browser, sandbox, host }) });

async function as(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  await context.addCookies([{ name: 'sandbox-account', value: demoUser(email).accountId, url: base }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function panelOf(page: Page, issueKey: string): Promise<Frame> {
  await page.goto(`${base}/browse/${issueKey}`);
  const handle = await page.locator(`iframe[data-app-frame="${PANEL}"]`).elementHandle({ timeout: 10_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`No panel frame on ${page.url()}`);
  await frame.locator('main').first().waitFor({ timeout: 10_000 });
  // The history is below the fold (its own chunk) and waits for the names: wait until nothing is loading.
  await frame.getByRole('heading', { name: /^(History|Historique)$/ }).waitFor({ timeout: 10_000 });
  await frame.waitForFunction(() => !document.querySelector('.ed-boot, .ed-loading'), undefined, { timeout: 10_000 });
  return frame;
}

// 15 s: these suites run beside others on a small machine; a pass takes well under a second per wait.
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 15_000 });
const historyOf = (frame: Frame, lang: typeof EP) => frame.getByRole('list', { name: lang.history.heading });
const entriesOf = async (frame: Frame, lang: typeof EP) => (await historyOf(frame, lang).getByRole('listitem').allInnerTexts()).map((t) => t.trim());
const focused = (frame: Frame) => frame.evaluate(() => (document.activeElement?.textContent ?? '') as string);

describe('history sentences', () => {
  it('names people and says what they did, in English, with one resolver call and one name request to open the panel', async () => {
    const page = await as(CARL.emailAddress);
    const nameRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/fetch-product')) nameRequests.push(request.postData() ?? '');
    });
    const since = host.log.since(0).next;
    const frame = await panelOf(page, story.key);

    const entries = await entriesOf(frame, EP);
    const expected = [
      sentence(EP, 'Dana Delivery', 'set the sold hours to 40 h and set the estimate to 32 h'),
      sentence(EP, 'Carl Consultant', `ticked the duty ‘${DUTY_EN}’`),
      sentence(EP, 'Carl Consultant', 'added Carl Consultant to the role Service Provider'),
      sentence(EP, 'Carl Consultant', 'linked the engagement to Contoso Foods with the template Service engagement'),
      sentence(EP, 'Carl Consultant', 'started the engagement ‘Contoso Foods roll-out’'),
    ];
    // Newest first; each entry is its sentence followed by its time.
    expect(entries).toHaveLength(expected.length);
    entries.forEach((entry, i) => expect(entry.startsWith(expected[i]!)).toBe(true));
    // Who started it, by name too; no account id and no action key anywhere in the panel.
    await visible(frame.getByText(en.issuePanel.startedBy).locator('xpath=following-sibling::dd[1]').getByText('Carl Consultant'));
    const text = await frame.locator('main').innerText();
    for (const id of [CARL.accountId, DANA.accountId]) expect(text).not.toContain(id);
    for (const action of ['duty.toggle', 'budget.update', 'engagement.start']) expect(text).not.toContain(action);

    // Opening cost: the names cost no resolver call (only panel/get is called), and one bulk request to Jira through
    // the bridge. panel/get itself is not counted: a page built by `ensureBuilt` under jest (NODE_ENV=test) bundles
    // React's development build, whose StrictMode runs the opening effect twice; the production build calls it once.
    const resolverCalls = host.log.since(since).entries.filter((e) => e.kind === 'resolver');
    expect(new Set(resolverCalls.map((e) => e.functionKey))).toEqual(new Set(['panel/get']));
    expect(nameRequests).toHaveLength(1);
    expect(nameRequests[0]).toContain('/rest/api/3/user/bulk?');
  });

  it('says the same in French for a French-speaking consultant', async () => {
    const page = await as(CHLOE.emailAddress);
    const frame = await panelOf(page, story.key);
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('fr-FR');
    const entries = await entriesOf(frame, FR);
    const expected = [
      sentence(FR, 'Dana Delivery', 'a fixé les heures vendues à 40 h et a fixé l’estimation à 32 h'),
      sentence(FR, 'Carl Consultant', `a coché la tâche « ${DUTY_FR} »`),
      sentence(FR, 'Carl Consultant', 'a ajouté Carl Consultant au rôle Prestataire de services'),
      sentence(FR, 'Carl Consultant', 'a rattaché l’engagement à Contoso Foods avec le modèle Engagement de service'),
      sentence(FR, 'Carl Consultant', 'a lancé l’engagement « Contoso Foods roll-out »'),
    ];
    expect(entries).toHaveLength(expected.length);
    entries.forEach((entry, i) => expect(entry.startsWith(expected[i]!)).toBe(true));
  });

  it('still shows the history when Jira cannot name people just now, saying "someone"', async () => {
    // Every name request of this page load fails (a failed one is asked again by the next part of the page that
    // needs the names, so a single failure would heal itself).
    host.faults.add({ target: 'jira', status: 503, remaining: 10, match: /\/user\/bulk$/ });
    const page = await as(CARL.emailAddress);
    const frame = await panelOf(page, story.key);
    const entries = await entriesOf(frame, EP);
    expect(entries[1]).toContain(sentence(EP, EP.history.someone, `ticked the duty ‘${DUTY_EN}’`));
    await visible(frame.getByText(en.issuePanel.startedBy).locator('xpath=following-sibling::dd[1]').getByText(EP.history.someone));
    expect(await frame.locator('main').innerText()).not.toContain(CARL.accountId);
  });
});

describe('Show older', () => {
  it('pages the history with the keyboard: an error with Try again, then the older entries, then a note that takes the focus', async () => {
    const page = await as(CARL.emailAddress);
    const frame = await panelOf(page, longHistory.key);
    expect(await entriesOf(frame, EP)).toHaveLength(20);
    expect((await entriesOf(frame, EP))[0]!.startsWith(sentence(EP, 'Dana Delivery', 'changed the estimate from 24 h to 25 h'))).toBe(true);

    // The next page fails once (storage unavailable): an alert with Try again; nothing shown is lost.
    host.faults.add({ target: 'kvs', status: 500, remaining: 1, match: /entity\/query/ });
    const more = frame.getByRole('button', { name: EP.history.more });
    await more.focus();
    await page.keyboard.press('Enter');
    const alert = frame.locator('#ep-history').locator('..').getByRole('alert');
    await visible(alert);
    expect(await alert.innerText()).toContain(en.errors.STORAGE_UNAVAILABLE);
    expect(await entriesOf(frame, EP)).toHaveLength(20);

    // Try again, by keyboard: the rest of the history (the 8 oldest entries), the button gone, the note focused.
    await alert.getByRole('button', { name: en.common.retry }).focus();
    await page.keyboard.press('Enter');
    const note = frame.getByText(EP.history.allShown);
    await visible(note);
    const entries = await entriesOf(frame, EP);
    expect(entries).toHaveLength(28);
    expect(entries[27]!.startsWith(sentence(EP, 'Carl Consultant', 'started the engagement ‘Estimating Contoso Foods’'))).toBe(true);
    expect(await frame.getByRole('button', { name: EP.history.more }).count()).toBe(0);
    expect(await frame.locator('#ep-history').locator('..').getByRole('alert').count()).toBe(0);
    expect(await focused(frame)).toBe(EP.history.allShown);
  });

  it('pages the items together: older progress points and the oldest escalation arrive with one press, after a failed try', async () => {
    const page = await as(CARL.emailAddress);
    const frame = await panelOf(page, manyItems.key);
    const points = frame.getByRole('list', { name: EP.progress.heading });
    expect(await points.getByRole('listitem').count()).toBe(100);
    expect(await points.getByText('Step 001').count()).toBe(0);
    // The escalation is on the older page: the list says nothing rather than "No escalation".
    expect(await frame.getByText(EP.escalations.none).count()).toBe(0);
    const governance = frame.locator('section[aria-labelledby="ep-governance"]');
    expect(await governance.getByText('Key user on leave').count()).toBe(0);
    for (const name of [EP.progress.more, EP.escalations.more, EP.changes.more]) await visible(frame.getByRole('button', { name }));

    // A failed page: the error shows under the escalations, whose button asked, and nowhere else.
    host.faults.add({ target: 'kvs', status: 500, remaining: 1, match: /entity\/query/ });
    await frame.getByRole('button', { name: EP.escalations.more }).click();
    await visible(governance.getByRole('alert'));
    expect(await frame.getByRole('alert').count()).toBe(1);

    await governance.getByRole('alert').getByRole('button', { name: en.common.retry }).click();
    await visible(governance.getByText('Key user on leave'));
    expect(await points.getByRole('listitem').count()).toBe(101);
    await visible(points.getByText('Step 001'));
    for (const name of [EP.progress.more, EP.escalations.more, EP.changes.more]) expect(await frame.getByRole('button', { name }).count()).toBe(0);
    // No change request at all, now that every page is in.
    await visible(frame.getByText(EP.changes.none));
    expect(await focused(frame)).toBe(EP.olderItems.allShown);
    expect(await frame.getByText(EP.olderItems.allShown).count()).toBe(1);
  });

  it('says "Show older" in French', async () => {
    const page = await as(CHLOE.emailAddress);
    const frame = await panelOf(page, manyItems.key);
    await frame.getByRole('button', { name: FR.progress.more }).press('Enter');
    await visible(frame.getByRole('list', { name: FR.progress.heading }).getByText('Step 001'));
    await visible(frame.getByText(FR.olderItems.allShown));
  });
});

