/**
 * Role registers on the portal and the admin page, in headless Chromium against the simulated Jira (issue 5):
 * a customer sees their own organisation's contacts and coverage and proposes a contact (pending, register unchanged);
 * a French partner sees only their own organisation, in French; the Engagement Sponsor approves a budget change and a
 * non-sponsor gets no Approve button; an admin edits a copied template; the coverage tab is worst first; axe.
 *
 * Set-up that is not what a test is about (linking an engagement, proposing a change) goes through the resolvers as
 * the agent would, with host.invokeResolver. Expected texts come from locales/.
 */
import './support/jest-realm';
import { openSimulatedSite, tearDownSite } from './support/simulated-site';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import en from '../../locales/en-US.json';
import fr from '../../locales/fr-FR.json';
import type { ForgeHost } from '../../sandbox/runtime/host';
import { demoUser } from '../../sandbox/seed/demo-directory';
import { MODULES, type HttpSandbox } from '../support/sandbox';

jest.setTimeout(60_000);

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const PORTAL = 'partner-request-view';
const ADMIN = 'engagement-settings';

const PEOPLE = {
  olga: 'olga@contoso-foods.example',
  pierre: 'pierre@lumiere-conseil.example',
  paula: 'paula@northwind-partners.example',
  agent: 'agent@engagement-desk.example',
  admin: 'admin@engagement-desk.example',
} as const;
type Who = keyof typeof PEOPLE;
const accountOf = (who: Who) => demoUser(PEOPLE[who]).accountId;

let host: ForgeHost;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

let sandbox: HttpSandbox;

beforeAll(async () => {
  ({ sandbox, browser } = await openSimulatedSite());
  ({ host, base } = sandbox);
}, 90_000);

tearDownSite({ contexts, pageErrors, site: () => ({ browser, sandbox, host }) });

// ---- helpers -----------------------------------------------------------------------------------------------------

async function http(method: string, path: string, body?: unknown, who?: Who): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(who ? { 'x-sandbox-account': accountOf(who) } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Calls a resolver as the bridge would; fails the test on an app error. */
async function resolver(surface: keyof typeof MODULES, functionKey: string, who: Who, payload: unknown, extension: Record<string, unknown> = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const outcome = await host.invokeResolver({ moduleKey: MODULES[surface], functionKey, payload, accountId: accountOf(who), extension });
  if (outcome.kind === 'failure') throw new Error(`${outcome.code}: ${outcome.message}`);
  const answer = outcome.value as { ok: boolean; body?: unknown; error?: unknown };
  if (!answer.ok) throw new Error(`${functionKey}: ${JSON.stringify(answer.error)}`);
  return answer.body;
}

async function ownRequest(who: Who): Promise<{ key: string; id: string }> {
  const list = await http('GET', '/rest/servicedeskapi/request?requestOwnership=OWNED_REQUESTS', undefined, who);
  const first = (list.body.values as Array<{ issueKey: string; issueId: string }>)[0];
  if (!first) throw new Error(`${who} has no request in the demo`);
  return { key: first.issueKey, id: first.issueId };
}

async function as(who: Who): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  await context.addCookies([{ name: 'sandbox-account', value: accountOf(who), url: base }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function appFrame(page: Page, moduleKey: string): Promise<Frame> {
  const handle = await page.locator(`iframe[data-app-frame="${moduleKey}"]`).elementHandle({ timeout: 10_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`No frame for ${moduleKey} on ${page.url()}`);
  await frame.waitForLoadState('domcontentloaded');
  return frame;
}

async function settled(frame: Frame): Promise<void> {
  await frame.locator('main').first().waitFor({ timeout: 10_000 });
  await frame.waitForFunction(() => !document.querySelector('.ed-boot, .ed-loading'), undefined, { timeout: 10_000 });
}

const visible = (locator: { waitFor: (o: { state: 'visible'; timeout: number }) => Promise<void> }) => locator.waitFor({ state: 'visible', timeout: 10_000 });

async function openPortal(who: Who, key: string): Promise<{ page: Page; frame: Frame }> {
  const page = await as(who);
  await page.goto(`${base}/servicedesk/customer/portal/1/${key}`);
  const frame = await appFrame(page, PORTAL);
  await settled(frame);
  return { page, frame };
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' >>> ')) }))).toEqual([]);
  // The app frame was analysed too: some results point inside it.
  expect([...results.passes, ...results.violations, ...results.incomplete].some((r) => r.nodes.some((n) => n.target.length > 1))).toBe(true);
}

const contosoRegisterId = () => `jsm-${host.jiraStore.organizationByName('Contoso Foods')!.id}`;

// ---- the portal: the customer's own organisation -------------------------------------------------------------------

describe('portal: your organisation’s contacts', () => {
  it('shows Olga Contoso Foods’ contacts and gaps, and takes a proposal that stays pending', async () => {
    const request = await ownRequest('olga');
    const { page, frame } = await openPortal('olga', request.key);
    await visible(frame.getByRole('heading', { name: en.portal.requestHeading }));
    await visible(frame.getByRole('heading', { name: en.portal.org.heading }));
    await visible(frame.getByRole('heading', { name: 'Contoso Foods', exact: true }));
    await visible(frame.getByText('Tobias Berger').first());
    // Gaps: Service Owner has one person of the two recommended; Tobias is away with nobody standing in.
    await visible(frame.getByText(en.portal.coverageStatus['below-recommended']).first());
    await visible(frame.getByText(en.portal.flag.absentToday).first());
    // The demo's pending proposal from Olga.
    await visible(frame.getByText(en.portal.proposal.describeAdd.replace('{name}', 'Lena Gruber')));

    const before = await resolver('portal', 'register/mine', 'olga', {}, { request: { key: request.key } });
    const form = frame.getByRole('form', { name: en.portal.proposal.heading });
    await form.getByLabel(en.portal.proposal.name).fill('Nina Neumann');
    await form.getByLabel(en.portal.proposal.email).fill('nina@');
    await form.getByLabel(en.portal.proposal.phone).fill('0123');
    await form.getByRole('button', { name: en.portal.proposal.submit }).click();
    // Checked in the page, as the server would: nothing is sent.
    await visible(form.getByText(en.portal.proposal.badEmail));
    await visible(form.getByText(en.portal.proposal.badPhone));
    await form.getByLabel(en.portal.proposal.email).fill('nina.neumann@contoso-foods.example');
    await form.getByLabel(en.portal.proposal.phone).fill('+43 1 234 56 81');
    await form.getByRole('checkbox', { name: 'Service Owner' }).check();
    await form.getByRole('button', { name: en.portal.proposal.submit }).click();
    await visible(frame.getByText(en.portal.proposal.sent));
    await visible(frame.getByText(en.portal.proposal.describeAdd.replace('{name}', 'Nina Neumann')));

    // Pending, and the register itself unchanged until an agent approves.
    const after = await resolver('portal', 'register/mine', 'olga', {}, { request: { key: request.key } });
    const register = after.organisations[0].view.register;
    expect(register.version).toBe(before.organisations[0].view.register.version);
    expect(register.people.map((p: { name: string }) => p.name)).not.toContain('Nina Neumann');
    expect(after.organisations[0].view.pendingProposals).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'pending', change: expect.objectContaining({ kind: 'add', person: expect.objectContaining({ email: 'nina.neumann@contoso-foods.example' }) }) })]),
    );
    const proposals = await resolver('admin', 'register/get', 'admin', { registerId: contosoRegisterId() });
    expect(proposals.register.people.some((p: { email: string }) => p.email === 'nina.neumann@contoso-foods.example')).toBe(false);

    await expectNoSeriousViolations(page);
  });

  it('shows Pierre his own organisation in French, and nothing of another organisation', async () => {
    const request = await ownRequest('pierre');
    const { page, frame } = await openPortal('pierre', request.key);
    await visible(frame.getByRole('heading', { name: fr.portal.org.heading }));
    await visible(frame.getByRole('heading', { name: 'Lumière Conseil', exact: true }));
    await visible(frame.getByText('Élodie Martin').first());
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('fr-FR');
    // The request's own summary may name an end customer; the contacts section shows only Pierre's organisation.
    const text = await frame.getByRole('region', { name: fr.portal.org.heading }).innerText();
    for (const other of ['Contoso Foods', 'Northwind Partners', 'Tailspin Retail', 'Fabrikam Metal', 'Olga Owner', 'Paula Partner']) expect(text).not.toContain(other);
    expect(text).toContain(fr.portal.proposal.heading);
    await expectNoSeriousViolations(page);
  });
});

// ---- the portal: the request's engagement ----------------------------------------------------------------------------

describe('portal: the engagement of the request', () => {
  /** A sponsor with an Atlassian account (the sandbox knows only demo accounts) who is not Paula: on her own request she is not the sponsor. */
  const NOT_PAULA = { kind: 'contact', name: 'Hana Hosted', email: 'hana@tailspin-retail.example', accountId: demoUser('hana@tailspin-retail.example').accountId };

  /** Starts and links an engagement on `request` as the agent; answers the engagement's version. */
  async function engagementOn(request: { key: string; id: string }, organisationId: string, sponsor: Record<string, unknown>): Promise<number> {
    const extension = { issue: { id: request.id, key: request.key } };
    let version: number = (await resolver('issue-panel', 'engagement/start', 'agent', { title: `Roll-out for ${request.key}` }, extension)).version;
    version = (await resolver('issue-panel', 'engagement/link', 'agent', { organisationId, templateKey: 'service-engagement', expectedVersion: version }, extension)).version;
    version = (await resolver('issue-panel', 'role/assign', 'agent', { roleKey: 'engagement-sponsor', people: [sponsor], expectedVersion: version }, extension)).version;
    version = (await resolver('issue-panel', 'budget/update', 'agent', { soldHours: 40, expectedVersion: version }, extension)).version;
    const milestone = await resolver('issue-panel', 'milestone/add', 'agent', { title: 'Pilot live', expectedVersion: version }, extension);
    version = milestone.version;
    await resolver('issue-panel', 'progress-point/add', 'agent', { milestoneId: milestone.milestones[0].id, title: 'Pilot users trained', expectedVersion: version }, extension);
    version = (await resolver('issue-panel', 'panel/get', 'agent', {}, extension)).engagement.version;
    await resolver('issue-panel', 'change/propose', 'agent', { category: 'budget', summary: 'One more training day', soldHoursDelta: 8, expectedVersion: version }, extension);
    return version;
  }

  it('lets the Engagement Sponsor acknowledge a progress point and approve a budget change', async () => {
    const request = await ownRequest('olga');
    await engagementOn(request, contosoRegisterId(), { kind: 'register', personId: 'p-olga' });
    const { frame } = await openPortal('olga', request.key);
    await visible(frame.getByText('One more training day'));

    await frame.getByRole('button', { name: en.portal.point.acknowledgeNamed.replace('{title}', 'Pilot users trained') }).click();
    await visible(frame.getByText(/Acknowledged by Olga Owner/));

    await frame.getByRole('button', { name: en.portal.change.approve, exact: true }).click();
    await visible(frame.getByText(en.portal.change.approved));
    await visible(frame.getByText(en.portal.changeState.approved, { exact: true }));
    const mine = await resolver('portal', 'engagement/mine', 'olga', {}, { request: { key: request.key } });
    expect(mine.engagement).toMatchObject({ soldHours: 48, changes: [{ state: 'approved', decision: { accountId: accountOf('olga') } }] });
    expect(mine.engagement.milestones[0].progressPoints[0]).toMatchObject({ state: 'acknowledged', acknowledgement: { accountId: accountOf('olga') } });
  });

  it('shows a customer who is not the sponsor the change and its status, with no Approve button', async () => {
    const request = await ownRequest('paula');
    await engagementOn(request, `jsm-${host.jiraStore.organizationByName('Northwind Partners')!.id}`, NOT_PAULA);
    const { page, frame } = await openPortal('paula', request.key);
    await visible(frame.getByText('One more training day'));
    await visible(frame.getByText(en.portal.changeState.proposed, { exact: true }));
    expect(await frame.getByRole('button', { name: en.portal.change.approve, exact: true }).count()).toBe(0);
    expect(await frame.getByRole('button', { name: en.portal.change.reject, exact: true }).count()).toBe(0);
    await expectNoSeriousViolations(page);
  });
});

// ---- the admin page ------------------------------------------------------------------------------------------------

describe('admin page', () => {
  async function openAdmin(): Promise<{ page: Page; frame: Frame }> {
    const page = await as('admin');
    await page.goto(`${base}/jira/settings/apps/${ADMIN}`);
    const frame = await appFrame(page, ADMIN);
    await settled(frame);
    return { page, frame };
  }

  it('copies a template, renames a role and adds a duty in both languages, and shows it saved', async () => {
    const { page, frame } = await openAdmin();
    await frame.getByRole('tab', { name: en.admin.tabs.templates }).click();
    const copy = frame.getByRole('form', { name: en.admin.templates.copyHeading });
    await visible(copy);
    await copy.getByLabel(en.admin.templates.source).selectOption('key-contacts');
    await copy.getByLabel(en.admin.templates.newKey).fill('browser-contacts');
    await copy.getByLabel(en.admin.templates.nameEn).fill('Our key contacts');
    await copy.getByLabel(en.admin.templates.nameFr).fill('Nos contacts clés');
    await copy.getByRole('button', { name: en.admin.templates.copy }).click();
    await visible(frame.getByRole('heading', { name: en.admin.templates.editing.replace('{name}', 'Our key contacts') }));

    const role = frame.getByRole('region', { name: /Service Owner/ });
    await role.getByLabel(en.admin.templates.nameEn).fill('Main Contact');
    await role.getByLabel(en.admin.templates.nameFr).fill('Contact principal');
    await role.getByRole('button', { name: en.admin.templates.rename }).click();
    await visible(frame.getByText(en.admin.templates.saved));
    const renamed = frame.getByRole('region', { name: /Main Contact/ });
    await visible(renamed);
    await renamed.getByLabel(en.admin.templates.dutyEn).fill('Joins the quarterly service review');
    await renamed.getByLabel(en.admin.templates.dutyFr).fill('Participe à la revue de service trimestrielle');
    await renamed.getByRole('button', { name: en.admin.templates.addDuty }).click();
    await visible(renamed.getByText('Joins the quarterly service review'));

    // Saved: read back as the resolver answers anyone.
    const { templates } = await resolver('admin', 'templates/list', 'admin', {});
    const saved = templates.find((t: { key: string }) => t.key === 'browser-contacts');
    const main = saved.roles.find((r: { key: string }) => r.key === 'service-owner');
    expect(main.name).toEqual({ 'en-US': 'Main Contact', 'fr-FR': 'Contact principal' });
    expect(main.duties.at(-1).text).toEqual({ 'en-US': 'Joins the quarterly service review', 'fr-FR': 'Participe à la revue de service trimestrielle' });
    expect(templates.find((t: { key: string }) => t.key === 'key-contacts').roles.find((r: { key: string }) => r.key === 'service-owner').name['en-US']).not.toBe('Main Contact');

    await expectNoSeriousViolations(page);
  });

  it('lists organisations by coverage, worst first, on the coverage tab', async () => {
    const { page, frame } = await openAdmin();
    await frame.getByRole('tab', { name: en.admin.tabs.coverage }).click();
    const table = frame.getByRole('table', { name: en.admin.coverage.heading });
    await visible(table);
    await frame.waitForFunction(() => document.querySelectorAll('table tbody tr').length >= 5, undefined, { timeout: 10_000 });
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({ name: tr.querySelector('th')!.textContent, score: Number(tr.querySelectorAll('td')[0]!.textContent) })));
    expect(rows.map((r) => r.name).sort()).toEqual(['Contoso Foods', 'Fabrikam Metal', 'Lumière Conseil', 'Northwind Partners', 'Tailspin Retail']);
    const scores = rows.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const listed = await resolver('admin', 'coverage/list', 'admin', { limit: 100 });
    expect(rows.map((r) => r.name)).toEqual(listed.items.map((i: { name: string }) => i.name));
    await expectNoSeriousViolations(page);
  });
});
