/**
 * Issue 6's "Done when", in headless Chromium against the simulated Jira, from a fresh demo site (the demo's
 * "Implementation" team, which proposes consultants for the lead to confirm, and the partner article's two rules):
 *
 * 1. The SOW path. Paula Partner fills "Implementation services" in the help center (summary, End Customer, the phases
 *    she wants) → the app's trigger routes it: as the agent, the issue view shows Dana Delivery (the team's lead) as
 *    assignee and the public reply, which Paula sees in the help center too → the lead estimates 12 hours and drafts
 *    the SOW with hours per phase on the issue panel → Paula signs it on the portal → the agent sets up the back office:
 *    the delivery issue in DEL, linked to the request, with one sub-task per phase (issue view and DEL board) → the lead
 *    has the app propose a consultant and confirms → the consultant logs work on the phase sub-tasks (Jira REST as the
 *    consultant: the simulated issue view shows worklogs but has no form to log one) and completes the phases and the
 *    request → the sandbox clock moves past the 1st: the month-end statement is an internal comment on the request
 *    (issue view as the agent; not in the help center) and a row of the delivery board's month-end statements.
 * 2. The purchase path: 6 hours → quoted → Paula purchases them on the portal → back office.
 * 3. A finance hold: an admin puts Lumière Conseil on hold (admin page, Finance holds tab); Pierre Partenaire files a
 *    request; it is routed all the same (the reply in French); estimate, quote, purchase, back office; then no
 *    consultant can be assigned, and the reason (amount, currency, since when) is shown to the agent and the lead on
 *    the issue panel, to the delivery team on the delivery board, and to Pierre on the portal, in French.
 *
 * axe (host page and app frame together) finds no serious or critical violation on the main screens. The tests run
 * in order on one sandbox; expected texts come from locales/ (and the routing reply from the seed's rule).
 */
import './support/jest-realm';
import { openSimulatedSite, tearDownSite } from './support/simulated-site';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import en from '../../locales/en-US.json';
import fr from '../../locales/fr-FR.json';
import type { ForgeHost } from '../../sandbox/runtime/host';
import { DEMO_USERS, demoUser } from '../../sandbox/seed/demo-directory';
import { SEED_ROUTING_COMMENT } from '../../src/shared/delivery';
import { STAGE_FIELD_VALUES } from '../../src/shared/implementation';
import { type HttpSandbox } from '../support/sandbox';

jest.setTimeout(120_000);

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const PANEL = 'engagement-panel';
const PORTAL = 'partner-request-view';
const BOARD = 'delivery-board';
const ADMIN = 'engagement-settings';

const PEOPLE = {
  admin: 'admin@engagement-desk.example',
  agent: 'agent@engagement-desk.example',
  lead: 'lead@engagement-desk.example',
  paula: 'paula@northwind-partners.example',
  pierre: 'pierre@lumiere-conseil.example',
} as const;
type Email = string;

type Words = typeof en.requestWorkflow;
const RW = en.requestWorkflow;
const FR = fr.requestWorkflow;
const wordsOf = (email: Email): Words => (demoUser(email).locale === 'fr-FR' ? FR : RW);
const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_w, name: string) => String(vars[name] ?? `{${name}}`));
const hours = (words: Words, n: number) => fill(n === 1 ? words.hours.one : words.hours.other, { count: n });
/** Whitespace as a reader sees it: Intl's narrow and no-break spaces, line breaks and runs of spaces are one space. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let host: ForgeHost;
let base: string;
let browser: Browser;
let sandbox: HttpSandbox;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  // A fresh sandbox on its own port, reset to the demo seed (openSimulatedSite resets it).
  ({ sandbox, browser } = await openSimulatedSite());
  ({ host, base } = sandbox);
  expect((await http('GET', '/__sandbox/api/idle?timeoutMs=30000')).status).toBe(200);
}, 120_000);

tearDownSite({ contexts, pageErrors, site: () => ({ browser, sandbox, host }) });

// ---- helpers -----------------------------------------------------------------------------------------------------

async function http(method: string, path: string, body?: unknown, as?: Email): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(as ? { authorization: `Basic ${Buffer.from(`${as}:token`).toString('base64')}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // an HTML page: kept as text
  }
  return { status: response.status, body: parsed };
}

/** What a script waits for after a write: every trigger, queue message and retry due now has run. */
async function idle(): Promise<void> {
  expect((await http('GET', '/__sandbox/api/idle?timeoutMs=60000')).status).toBe(200);
}

/** A browser whose acting user is `email` (the user switch's cookie). */
async function as(email: Email): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  contexts.push(context);
  await context.addCookies([{ name: 'sandbox-account', value: demoUser(email).accountId, url: base }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function frameOf(page: Page, moduleKey: string): Promise<Frame> {
  const handle = await page.locator(`iframe[data-app-frame="${moduleKey}"]`).elementHandle({ timeout: 15_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`No ${moduleKey} frame on ${page.url()}`);
  await frame.locator('main').first().waitFor({ timeout: 15_000 });
  await frame.waitForFunction(() => !document.querySelector('.ed-boot, .ed-loading'), undefined, { timeout: 15_000 });
  return frame;
}

const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 15_000 });

async function expectNoSeriousViolations(page: Page, withFrame = true): Promise<void> {
  const insideFrame = (results: Awaited<ReturnType<AxeBuilder['analyze']>>) => [...results.passes, ...results.violations, ...results.incomplete].some((r) => r.nodes.some((n) => n.target.length > 1));
  let results = await new AxeBuilder({ page }).analyze();
  // Under load axe sometimes cannot reach the app's frame in time and analyses only the host page: run it again.
  for (let attempt = 1; withFrame && attempt < 3 && !insideFrame(results); attempt += 1) {
    await page.waitForTimeout(500);
    results = await new AxeBuilder({ page }).analyze();
  }
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' >>> ')) }))).toEqual([]);
  if (withFrame) expect(insideFrame(results)).toBe(true);
}

interface Filed {
  key: string;
  id: string;
  endCustomer: string;
  phases: string[];
}

/** The partner fills "Implementation services" in the help center and sends it; the sandbox then runs what follows. */
async function fileRequest(email: Email, summary: string, endCustomer: string, phases: string[], axe = false): Promise<Filed> {
  const page = await as(email);
  await page.goto(`${base}/servicedesk/customer/portal/1`);
  await page.getByRole('link', { name: 'Implementation services' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Implementation services' }));
  await page.getByLabel('Summary').fill(summary);
  await page.getByLabel('End Customer').fill(endCustomer);
  const wanted = page.getByRole('group', { name: /Phases wanted/ });
  for (const phase of phases) await wanted.getByRole('checkbox', { name: phase, exact: true }).check();
  await page.getByLabel('Description').fill(`Our customer ${endCustomer} goes live next quarter.`);
  if (axe) await expectNoSeriousViolations(page, false);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(/\/servicedesk\/customer\/portal\/1\/PS-\d+$/);
  const key = /(PS-\d+)$/.exec(page.url())![1]!;
  await visible(page.getByRole('heading', { level: 1, name: summary }));
  await idle();
  const issue = await http('GET', `/rest/api/3/issue/${key}?fields=summary`, undefined, PEOPLE.agent);
  expect(issue.status).toBe(200);
  return { key, id: issue.body.id as string, endCustomer, phases };
}

/** The value beside a label in the issue view's Details. */
const detail = (page: Page, label: string) => page.locator('aside.details dt').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');

const routingReply = (locale: 'en-US' | 'fr-FR', endCustomer: string, assignee: string) => fill(SEED_ROUTING_COMMENT[locale], { endCustomer, team: 'Implementation', assignee });

/**
 * The reply as the help center shows it to the partner. JSM's REST gives the portal a comment's body as text, and the
 * emulator writes a mention there as its `text` attribute, which the app leaves empty: the name is missing there (see
 * the report), so only the words around the mention are checked.
 */
async function expectReplyInHelpCenter(page: Page, locale: 'en-US' | 'fr-FR', endCustomer: string): Promise<void> {
  const [before, after] = routingReply(locale, endCustomer, '\u0000').split('\u0000') as [string, string];
  await visible(page.locator('.comments .comment').filter({ hasText: before.trim() }).filter({ hasText: after.trim() }));
}

/** As the agent, on the issue view: the team's lead is the assignee, and the app's public reply is there. */
async function expectRouted(request: Filed, locale: 'en-US' | 'fr-FR'): Promise<void> {
  const page = await as(PEOPLE.agent);
  await page.goto(`${base}/browse/${request.key}`);
  await visible(page.getByRole('heading', { level: 1 }));
  expect(squash(await detail(page, 'Assignee').innerText())).toBe('Dana Delivery');
  expect(squash(await detail(page, 'Implementation stage').innerText())).toBe(STAGE_FIELD_VALUES.routed);
  expect(squash(await detail(page, 'Labels').innerText())).toContain('implementation');
  // The reply mentions the assignee: Jira shows the mention as "@" and their name.
  const reply = routingReply(locale, request.endCustomer, '@Dana Delivery');
  const comment = page.locator('.comments .comment').filter({ hasText: reply });
  await visible(comment);
  // A reply to the partner: public, not an internal note.
  expect(await comment.locator('.lozenge--internal').count()).toBe(0);
  // The panel knows the request too, and that it is the lead's turn to estimate.
  const frame = await frameOf(page, PANEL);
  await visible(frame.getByTestId('rw-stage').getByText(RW.stage.routed, { exact: true }));
  await visible(frame.getByTestId('rw-next').getByText(fill(RW.nextWho, { step: RW.next.estimate, actor: RW.actor['delivery-lead'] })));
}

/** The issue panel on `key`, as `email`, once its "Implementation request" section is there. */
async function panelAs(email: Email, key: string): Promise<{ page: Page; frame: Frame; words: Words }> {
  const words = wordsOf(email);
  const page = await as(email);
  await page.goto(`${base}/browse/${key}`);
  const frame = await frameOf(page, PANEL);
  await visible(frame.getByRole('heading', { name: words.heading, exact: true }));
  return { page, frame, words };
}

async function portalAs(email: Email, key: string): Promise<{ page: Page; frame: Frame; words: Words }> {
  const words = wordsOf(email);
  const page = await as(email);
  await page.goto(`${base}/servicedesk/customer/portal/1/${key}`);
  const frame = await frameOf(page, PORTAL);
  await visible(frame.getByRole('heading', { name: words.partner.heading, exact: true }));
  return { page, frame, words };
}

const stageIs = (frame: Frame, words: Words, stage: keyof Words['stage']) => visible(frame.getByTestId('rw-stage').getByText(words.stage[stage], { exact: true }));

/** The lead's estimate on the issue panel. */
async function estimate(key: string, value: number): Promise<{ page: Page; frame: Frame }> {
  const { page, frame } = await panelAs(PEOPLE.lead, key);
  const form = frame.getByRole('form', { name: RW.estimateForm.label });
  await form.getByLabel(RW.estimateForm.hours).fill(String(value));
  await form.getByRole('button', { name: RW.estimateForm.submit }).click();
  await stageIs(frame, RW, 'estimated');
  return { page, frame };
}

/** The agent's back-office set-up on the issue panel; answers the delivery issue's key and its sub-tasks' keys. */
async function setUpBackOffice(request: Filed, phaseNames: string[]): Promise<{ deliveryKey: string; subtasks: string[] }> {
  const { frame } = await panelAs(PEOPLE.agent, request.key);
  await visible(frame.getByText(RW.backOffice.hint));
  await frame.getByRole('button', { name: RW.backOffice.button }).click();
  await stageIs(frame, RW, 'back-office');
  const deliveryKey = squash(await frame.getByTestId('rw-delivery-key').innerText());
  expect(deliveryKey).toMatch(/^DEL-\d+$/);
  const items = frame.getByRole('list', { name: RW.delivery.subtasks }).getByRole('listitem');
  await expect(items.count()).resolves.toBe(phaseNames.length);
  const subtasks: string[] = [];
  for (const [i, phase] of phaseNames.entries()) {
    const text = squash(await items.nth(i).innerText());
    const match = /^(DEL-\d+) — (.+)$/.exec(text);
    expect(match?.[2]).toBe(phase);
    subtasks.push(match![1]!);
  }
  return { deliveryKey, subtasks };
}

/** In DEL, as the agent: the delivery issue links the request and has one sub-task per phase, each in DEL. */
async function expectDeliveryInDel(request: Filed, deliveryKey: string, subtasks: string[], axe = false): Promise<void> {
  const page = await as(PEOPLE.agent);
  await page.goto(`${base}/browse/${deliveryKey}`);
  await visible(page.getByRole('heading', { level: 1 }));
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(request.endCustomer);
  const listAfter = (heading: string) => page.getByRole('heading', { name: heading, exact: true }).locator('xpath=following-sibling::ul[1]');
  await visible(listAfter('Linked issues').getByRole('link', { name: request.key, exact: true }));
  const listed = listAfter('Sub-tasks');
  for (const key of subtasks) await visible(listed.getByRole('link', { name: key, exact: true }));
  await expect(listed.getByRole('listitem').count()).resolves.toBe(subtasks.length);
  expect(squash(await detail(page, 'Implementation stage').innerText())).toBe(STAGE_FIELD_VALUES['back-office']);
  if (axe) await expectNoSeriousViolations(page);
  // The sub-tasks are DEL's, under the delivery issue, as JQL finds them.
  await page.goto(`${base}/issues?jql=${encodeURIComponent(`project = DEL AND parent = ${deliveryKey}`)}`);
  for (const key of subtasks) await visible(page.getByRole('link', { name: key, exact: true }));
}

// ---- 1. the SOW path, to the month-end statement -----------------------------------------------------------------

const SOW_PHASES = ['qa-sessions', 'business-blueprint', 'prototyping'] as const;
const SOW_HOURS = { 'qa-sessions': 4, 'business-blueprint': 5, prototyping: 3 } as const;
const LOGGED = { 'qa-sessions': 3, 'business-blueprint': 4, prototyping: 2 } as const;
const TRAVEL = 'Two days on site in Graz for the blueprint workshop; travel billed at cost.';

describe('1. a partner’s request along the SOW path, to the month-end statement', () => {
  let request: Filed;
  let delivery: { deliveryKey: string; subtasks: string[] };
  let consultant: { email: string; name: string };
  let workMonth: string;

  it('lets Paula file "Implementation services" in the help center, with the end customer and the phases she wants', async () => {
    request = await fileRequest(PEOPLE.paula, 'Implementation services for our customer Adatum Bikes', 'Adatum Bikes', SOW_PHASES.map((p) => RW.phase[p]), true);
  });

  it('routes it: the agent sees the lead as assignee and the public reply; Paula sees the reply in the help center', async () => {
    await expectRouted(request, 'en-US');
    const { page, frame } = await portalAs(PEOPLE.paula, request.key);
    await expectReplyInHelpCenter(page, 'en-US', 'Adatum Bikes');
    await visible(frame.getByTestId('pr-next').getByText(RW.partner.next.estimate));
    await visible(frame.getByTestId('pr-next').getByText(RW.partner.ourTurn));
  });

  it('lets the delivery lead estimate 12 hours and draft the SOW with hours per phase and travel', async () => {
    const { page, frame } = await estimate(request.key, 12);
    await visible(frame.getByTestId('rw-next').getByText(fill(RW.nextWho, { step: RW.next['draft-sow'], actor: RW.actor['delivery-lead'] })));
    expect(await frame.getByRole('button', { name: new RegExp(`^${literal(RW.quoteButton.split('{')[0]!)}`) }).count()).toBe(0);
    const sow = frame.getByRole('form', { name: RW.sowForm.label });
    for (const phase of SOW_PHASES) await sow.getByLabel(RW.phase[phase], { exact: true }).fill(String(SOW_HOURS[phase]));
    // Only the phases Paula asked for are offered.
    expect(await sow.getByLabel(RW.phase.refining, { exact: true }).count()).toBe(0);
    await sow.getByLabel(RW.sowForm.travel).fill(TRAVEL);
    await sow.getByRole('button', { name: RW.sowForm.submit }).click();
    await stageIs(frame, RW, 'sow-drafted');
    const table = frame.getByRole('table', { name: RW.sow.caption });
    for (const phase of SOW_PHASES) {
      expect(squash(await table.getByRole('row', { name: new RegExp(`^${literal(RW.phase[phase])}`) }).innerText())).toContain(hours(RW, SOW_HOURS[phase]));
    }
    expect(squash(await table.getByRole('row', { name: new RegExp(`^${RW.sow.total}`) }).innerText())).toContain(hours(RW, 12));
    await visible(frame.getByRole('definition').filter({ hasText: TRAVEL }));
    await visible(frame.getByTestId('rw-next').getByText(fill(RW.nextWho, { step: RW.next['sign-sow'], actor: RW.actor.partner })));
    await expectNoSeriousViolations(page);
    // Jira mirrors the estimate and the stage.
    await page.reload();
    expect(squash(await detail(page, 'Estimated hours').innerText())).toBe('12');
    expect(squash(await detail(page, 'Implementation stage').innerText())).toBe(STAGE_FIELD_VALUES['sow-drafted']);
  });

  it('lets Paula read the SOW on the portal and sign it', async () => {
    const { page, frame } = await portalAs(PEOPLE.paula, request.key);
    await visible(frame.getByTestId('pr-next').getByText(RW.partner.next['sign-sow']));
    await visible(frame.getByTestId('pr-next').getByText(RW.partner.yourTurn));
    for (const phase of SOW_PHASES) await visible(frame.getByText(fill(RW.labelValue, { label: RW.phase[phase], value: hours(RW, SOW_HOURS[phase]) }), { exact: true }));
    await visible(frame.getByText(fill(RW.labelValue, { label: RW.sow.travel, value: TRAVEL }), { exact: true }));
    await expectNoSeriousViolations(page);
    await frame.getByRole('button', { name: RW.partner.signButton }).click();
    await visible(frame.getByText(RW.partner.signed));
    await visible(frame.getByTestId('pr-status').getByText(RW.stage['sow-signed'], { exact: true }));
    expect(await frame.getByRole('button', { name: RW.partner.signButton }).count()).toBe(0);
  });

  it('lets the agent set up the back office: the delivery issue and its sub-tasks in DEL', async () => {
    await idle();
    delivery = await setUpBackOffice(request, SOW_PHASES.map((p) => RW.phase[p]));
    await idle();
    await expectDeliveryInDel(request, delivery.deliveryKey, delivery.subtasks, true);
    // On the DEL board, the delivery issue's card shows the stage.
    const page = await as(PEOPLE.lead);
    await page.goto(`${base}/jira/software/projects/DEL/boards/1`);
    const card = page.getByRole('listitem').filter({ hasText: delivery.deliveryKey }).filter({ hasText: 'Adatum Bikes' });
    await visible(card);
    expect(await card.innerText()).toContain(`Implementation stage: ${STAGE_FIELD_VALUES['back-office']}`);
  });

  it('lets the lead have the app propose a consultant, then confirm them; the consultant gets the delivery issue', async () => {
    const { page, frame } = await panelAs(PEOPLE.lead, request.key);
    await frame.getByRole('button', { name: RW.assign.auto }).click();
    await stageIs(frame, RW, 'consultant-proposed');
    const proposal = new RegExp(`^${literal(RW.consultant.proposed).replace(literal('{name}'), '(.+)')}$`);
    // Names arrive after the panel's first paint ("…" until then).
    await frame.waitForFunction((loading) => !(document.querySelector('[data-testid="rw-consultant"]')?.textContent ?? loading).includes(loading), RW.loadingName, { timeout: 15_000 });
    const proposed = squash(await frame.getByTestId('rw-consultant').innerText());
    const name = proposal.exec(proposed)?.[1];
    if (!name) throw new Error(`No proposal in "${proposed}"`);
    const user = DEMO_USERS.find((u) => u.displayName === name && u.deliveryRole === 'consultant');
    if (!user) throw new Error(`The proposed consultant "${name}" is not one of the demo's consultants`);
    consultant = { email: user.emailAddress, name };
    await visible(frame.getByTestId('rw-next').getByText(fill(RW.nextWho, { step: RW.next['confirm-consultant'], actor: RW.actor['delivery-lead'] })));
    await expectNoSeriousViolations(page);
    await frame.getByRole('button', { name: fill(RW.assign.confirm, { name }) }).click();
    await stageIs(frame, RW, 'consultant-assigned');
    await visible(frame.getByTestId('rw-consultant').getByText(name, { exact: true }));
    await visible(frame.getByText(RW.consultant.basisLabel, { exact: true }));
    await idle();
    const del = await as(PEOPLE.lead);
    await del.goto(`${base}/browse/${delivery.deliveryKey}`);
    await visible(del.getByRole('heading', { level: 1 }));
    expect(squash(await detail(del, 'Assignee').innerText())).toBe(name);
  });

  it('lets the consultant log work on the phase sub-tasks and complete the phases and the request', async () => {
    // The simulated issue view lists worklogs but has no form to add one: the consultant logs time as Jira's REST
    // clients do, as themselves.
    const now = new Date(); // the sandbox clock: test code shares the host's Date
    const started = new Date(now.getTime() - 3_600_000);
    workMonth = started.toISOString().slice(0, 7);
    for (const [i, phase] of SOW_PHASES.entries()) {
      const logged = await http('POST', `/rest/api/3/issue/${delivery.subtasks[i]}/worklog`, { timeSpentSeconds: LOGGED[phase] * 3600, started: started.toISOString().replace('Z', '+0000') }, consultant.email);
      expect(logged.status).toBe(201);
    }
    await idle();
    const view = await as(consultant.email);
    await view.goto(`${base}/browse/${delivery.subtasks[0]}`);
    await visible(view.getByRole('table').getByRole('cell', { name: consultant.name }));
    await visible(view.getByText(`Total time logged: ${LOGGED['qa-sessions']}h`));

    const { page, frame, words } = await panelAs(consultant.email, request.key);
    const phases = frame.getByRole('table', { name: words.phases.caption });
    for (const phase of SOW_PHASES) {
      const row = phases.getByRole('row', { name: new RegExp(`^${literal(words.phase[phase])}`) });
      await expect(row.innerText().then(squash)).resolves.toContain(hours(words, LOGGED[phase]));
    }
    for (const phase of SOW_PHASES) {
      const button = frame.getByRole('button', { name: fill(words.completePhase, { phase: words.phase[phase] }) });
      await button.click();
      await button.waitFor({ state: 'detached', timeout: 15_000 });
    }
    await frame.getByRole('button', { name: words.completeRequest }).click();
    await stageIs(frame, words, 'completed');
    await expectNoSeriousViolations(page);

    const portal = await portalAs(PEOPLE.paula, request.key);
    await visible(portal.frame.getByTestId('pr-status').getByText(RW.stage.completed, { exact: true }));
    await visible(portal.frame.getByText(consultant.name, { exact: true }));
    const used = portal.frame.getByRole('table', { name: RW.partner.phasesCaption });
    for (const phase of SOW_PHASES) {
      const row = squash(await used.getByRole('row', { name: new RegExp(`^${literal(RW.phase[phase])}`) }).innerText());
      expect(row).toContain(RW.phases.done);
      expect(row).toContain(hours(RW, LOGGED[phase]));
    }
  });

  it('states the month once the clock moves past the 1st: an internal comment on the request and a row on the delivery board', async () => {
    const [year, month] = workMonth.split('-').map(Number) as [number, number];
    // Past the 1st of the next month (UTC) by a day and a half: the daily job has run at least once on or after it.
    const target = new Date(Date.UTC(year, month, 2, 12));
    const moved = await http('POST', '/__sandbox/api/clock', { now: target.toISOString() });
    expect(moved.status).toBe(200);
    await idle();

    const total = Object.values(LOGGED).reduce((a, b) => a + b, 0);
    const monthName = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
    const page = await as(PEOPLE.agent);
    await page.goto(`${base}/browse/${request.key}`);
    const statement = page.locator('.comments .comment').filter({ hasText: `Month-end statement — ${monthName}` });
    await visible(statement);
    await expect(statement.count()).resolves.toBe(1);
    await visible(statement.locator('.lozenge--internal'));
    const text = squash(await statement.innerText());
    for (const phase of SOW_PHASES) expect(text).toContain(`${RW.phase[phase]}: ${LOGGED[phase]} h`);
    expect(text).toContain(`Total: ${total} h`);
    expect(text).toContain(`Travel: ${TRAVEL}`);
    expect(text).toContain(`ED-STATEMENT ${workMonth}/${request.id}`);

    // Internal: not in the help center.
    const portal = await as(PEOPLE.paula);
    await portal.goto(`${base}/servicedesk/customer/portal/1/${request.key}`);
    await visible(portal.getByRole('heading', { name: 'Activity' }));
    expect(await portal.locator('.comments').innerText()).not.toContain('Month-end statement');

    // The delivery board's month-end statements, as the lead.
    const lead = await as(PEOPLE.lead);
    await lead.goto(`${base}/jira/software/projects/DEL/apps/${BOARD}`);
    const frame = await frameOf(lead, BOARD);
    const DB = en.deliveryBoard;
    await frame.getByRole('tab', { name: DB.tabs.statements }).click();
    const panel = frame.getByRole('tabpanel', { name: DB.tabs.statements });
    await visible(panel.getByRole('heading', { name: DB.statements.heading }));
    await panel.getByLabel(DB.statements.month, { exact: true }).fill(workMonth);
    await panel.getByRole('button', { name: DB.statements.show }).click();
    await visible(panel.getByRole('heading', { name: fill(DB.statements.of, { month: workMonth }) }));
    const northwind = panel.getByRole('region', { name: 'Northwind Partners' });
    const row = northwind.getByRole('row').filter({ has: frame.getByRole('rowheader', { name: request.key, exact: true }) });
    await visible(row);
    const cells = squash(await row.innerText());
    expect(cells).toContain('Adatum Bikes');
    for (const phase of SOW_PHASES) expect(cells).toContain(fill(DB.statements.stageHours, { stage: DB.phases[phase], hours: LOGGED[phase] }));
    expect(cells).toContain(String(total));
    expect(cells).toContain(TRAVEL);
    expect(await panel.getByText(DB.statements.running).count()).toBe(0);
    await expectNoSeriousViolations(lead);
  });
});

// ---- 2. the purchase path ------------------------------------------------------------------------------------------

describe('2. a request of 6 hours takes the purchase path', () => {
  let request: Filed;
  const phases = ['qa-sessions', 'refining'] as const;

  it('is filed by Paula and routed to the lead', async () => {
    request = await fileRequest(PEOPLE.paula, 'Help with the roll-out at Wingtip Toys', 'Wingtip Toys', phases.map((p) => RW.phase[p]));
    await expectRouted(request, 'en-US');
  });

  it('lets the lead estimate 6 hours and quote them: no Statement of Work', async () => {
    const { frame } = await estimate(request.key, 6);
    expect(await frame.getByRole('form', { name: RW.sowForm.label }).count()).toBe(0);
    await visible(frame.getByTestId('rw-next').getByText(fill(RW.nextWho, { step: RW.next['quote-hours'], actor: RW.actor['delivery-lead'] })));
    await frame.getByRole('button', { name: fill(RW.quoteButton, { hours: hours(RW, 6) }) }).click();
    await stageIs(frame, RW, 'hours-quoted');
    await visible(frame.getByText(fill(RW.quote.quoted, { hours: hours(RW, 6) }), { exact: false }));
    await visible(frame.getByTestId('rw-next').getByText(fill(RW.nextWho, { step: fill(RW.next['purchase-hours'], { hours: hours(RW, 6) }), actor: RW.actor.partner })));
  });

  it('lets Paula purchase the 6 hours on the portal', async () => {
    const { page, frame } = await portalAs(PEOPLE.paula, request.key);
    await visible(frame.getByTestId('pr-next').getByText(fill(RW.partner.next['purchase-hours'], { hours: hours(RW, 6) })));
    await visible(frame.getByTestId('pr-next').getByText(RW.partner.yourTurn));
    expect(await frame.getByRole('button', { name: RW.partner.signButton }).count()).toBe(0);
    await expectNoSeriousViolations(page);
    await frame.getByRole('button', { name: RW.partner.purchaseButton }).click();
    await visible(frame.getByText(RW.partner.purchased));
    await visible(frame.getByTestId('pr-status').getByText(RW.stage['hours-purchased'], { exact: true }));
  });

  it('lets the agent set up the back office: the delivery issue and its two sub-tasks in DEL', async () => {
    await idle();
    const delivery = await setUpBackOffice(request, phases.map((p) => RW.phase[p]));
    await idle();
    await expectDeliveryInDel(request, delivery.deliveryKey, delivery.subtasks);
  });
});

// ---- 3. a partner on finance hold ------------------------------------------------------------------------------------

describe('3. a request of a partner with overdue invoices is held, and all three parties see why', () => {
  const HOLD = { amount: 1800, currency: 'EUR', since: '2026-10-15', note: 'Invoices of September and October' };
  let request: Filed;
  const phases = ['business-blueprint', 'refining'] as const;

  it('lets an admin put Lumière Conseil on hold on the admin page', async () => {
    const E = en.routingAdmin;
    const page = await as(PEOPLE.admin);
    await page.goto(`${base}/jira/settings/apps/${ADMIN}`);
    const frame = await frameOf(page, ADMIN);
    await frame.getByRole('tab', { name: E.tabs.holds }).click();
    await frame.waitForFunction(() => !document.querySelector('.ed-boot, .ed-loading'), undefined, { timeout: 15_000 });
    const form = frame.getByRole('form', { name: E.holds.formHeading });
    await form.getByLabel(E.holds.organization, { exact: false }).selectOption({ label: 'Lumière Conseil' });
    await form.getByLabel(E.holds.amount, { exact: false }).fill(String(HOLD.amount));
    await form.getByLabel(E.holds.currency, { exact: false }).fill(HOLD.currency);
    await form.getByLabel(E.holds.overdueSince, { exact: false }).fill(HOLD.since);
    await form.getByLabel(E.holds.note).fill(HOLD.note);
    await form.getByRole('button', { name: E.holds.save }).click();
    await visible(frame.getByText(fill(E.holds.saved, { name: 'Lumière Conseil' })));
    const row = frame.getByRole('row', { name: /Lumière Conseil/ });
    await visible(row.getByText('€1,800.00'));
    await expectNoSeriousViolations(page);
  });

  it('still routes Pierre’s request to the team, with the reply in French', async () => {
    request = await fileRequest(PEOPLE.pierre, 'Mise en œuvre chez Boulangerie Dupont', 'Boulangerie Dupont', phases.map((p) => RW.phase[p]));
    await expectRouted(request, 'fr-FR');
    const { page, frame } = await portalAs(PEOPLE.pierre, request.key);
    await expectReplyInHelpCenter(page, 'fr-FR', 'Boulangerie Dupont');
    await visible(frame.getByTestId('pr-next').getByText(FR.partner.next.estimate));
  });

  it('takes it through estimate, quote, purchase (in French, on the portal) and back office', async () => {
    const { frame } = await estimate(request.key, 6);
    await frame.getByRole('button', { name: fill(RW.quoteButton, { hours: hours(RW, 6) }) }).click();
    await stageIs(frame, RW, 'hours-quoted');

    const portal = await portalAs(PEOPLE.pierre, request.key);
    await visible(portal.frame.getByTestId('pr-next').getByText(fill(FR.partner.next['purchase-hours'], { hours: hours(FR, 6) })));
    await portal.frame.getByRole('button', { name: FR.partner.purchaseButton }).click();
    await visible(portal.frame.getByText(FR.partner.purchased));
    await idle();
    await setUpBackOffice(request, phases.map((p) => RW.phase[p]));
    await idle();
  });

  const moneyIn = (locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: HOLD.currency }).format(HOLD.amount);
  const dayIn = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${HOLD.since}T00:00:00Z`));
  const agentReason = squash(fill(RW.hold.text, { partner: 'Lumière Conseil', amount: moneyIn('en-US'), date: dayIn('en-US') }));

  it('blocks consultant assignment and shows the lead and the agent why, on the issue panel', async () => {
    const { page, frame } = await panelAs(PEOPLE.lead, request.key);
    await stageIs(frame, RW, 'back-office');
    const banner = frame.getByRole('note').filter({ hasText: RW.hold.title });
    await visible(banner);
    expect(squash(await banner.innerText())).toContain(agentReason);
    await visible(frame.getByText(RW.assign.held));
    await visible(frame.getByTestId('rw-next').getByText(fill(RW.nextWho, { step: RW.next['wait-for-payment'], actor: RW.actor.partner })));
    expect(await frame.getByRole('button', { name: RW.assign.auto }).count()).toBe(0);
    expect(await frame.getByRole('button', { name: RW.assign.manualOpen }).count()).toBe(0);
    await expectNoSeriousViolations(page);

    // The server refuses it too, whatever a page sends: the step is blocked, not only hidden.
    const extension = { issue: { id: request.id, key: request.key } };
    const lead = demoUser(PEOPLE.lead).accountId;
    const read = await http('POST', '/__sandbox/api/invoke', { moduleKey: PANEL, functionKey: 'request/get', payload: {}, accountId: lead, extension });
    expect(read.body).toMatchObject({ ok: true, body: { request: { stage: 'back-office', consultantAccountId: null } } });
    const version = read.body.body.request.version as number;
    for (const accountId of [null, demoUser('carl@engagement-desk.example').accountId]) {
      const tried = await http('POST', '/__sandbox/api/invoke', { moduleKey: PANEL, functionKey: 'request/assign-consultant', payload: { accountId, reason: 'Urgent', expectedVersion: version }, accountId: lead, extension });
      expect(tried.body).toMatchObject({ ok: false, error: { code: 'FINANCE_HOLD' } });
    }

    const agent = await panelAs(PEOPLE.agent, request.key);
    const agentBanner = agent.frame.getByRole('note').filter({ hasText: RW.hold.title });
    await visible(agentBanner);
    expect(squash(await agentBanner.innerText())).toContain(agentReason);
  });

  it('shows the delivery team the hold on the delivery board', async () => {
    const DB = en.deliveryBoard;
    const page = await as(PEOPLE.lead);
    await page.goto(`${base}/jira/software/projects/DEL/apps/${BOARD}`);
    const frame = await frameOf(page, BOARD);
    const holds = frame.getByRole('region', { name: DB.holds.heading });
    await visible(holds);
    const item = holds.getByRole('listitem').filter({ hasText: 'Lumière Conseil' });
    await visible(item);
    const text = squash(await item.innerText());
    expect(text).toContain(fill(DB.holds.item, { amount: new Intl.NumberFormat('en-US').format(HOLD.amount), currency: HOLD.currency, since: HOLD.since }));
    expect(text).toContain(HOLD.note);
    const card = frame.getByRole('listitem').filter({ has: frame.getByRole('link', { name: request.key, exact: true }) });
    await visible(card);
    await visible(card.getByText(DB.card.held));
    await visible(frame.getByRole('region', { name: new RegExp(`^${DB.stages['back-office']}`) }).getByRole('link', { name: request.key, exact: true }));
    await expectNoSeriousViolations(page);
  });

  it('shows Pierre the hold and its reason on the portal, in French', async () => {
    const { page, frame } = await portalAs(PEOPLE.pierre, request.key);
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('fr-FR');
    const hold = frame.getByRole('note').filter({ hasText: FR.partner.holdTitle });
    await visible(hold);
    expect(squash(await hold.innerText())).toContain(squash(fill(FR.partner.hold, { amount: moneyIn('fr-FR'), date: dayIn('fr-FR') })));
    await visible(frame.getByTestId('pr-next').getByText(FR.partner.next['wait-for-payment']));
    await visible(frame.getByTestId('pr-next').getByText(FR.partner.yourTurn));
    await visible(frame.getByTestId('pr-status').getByText(FR.stage['back-office'], { exact: true }));
    await expectNoSeriousViolations(page);
  });
});
