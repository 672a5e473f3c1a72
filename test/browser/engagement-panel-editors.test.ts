/**
 * The engagement panel's inline editors in the simulated Jira (headless Chromium, the panel in its sandboxed iframe):
 * the head of sales (an Atlassian account id, looked up in Jira), the documents of the engagement file (title, link,
 * owner) and the milestones (title, due date). Each is checked as a user meets it: what the panel shows after a save
 * and again after a reload, refusals shown beside the field or as an alert without losing what was typed, a
 * conflict with someone else's save, keyboard-only use, and French for a French-speaking consultant. Axe finds no
 * serious or critical violation with the editors open.
 *
 * Set-up goes through the app's own resolvers (as the bridge calls them); what is tested goes through the page.
 * Expected texts come from locales/.
 */
import './support/jest-realm';
import { openSimulatedSite, tearDownSite } from './support/simulated-site';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import en from '../../locales/en-US.json';
import fr from '../../locales/fr-FR.json';
import type { ForgeHost } from '../../sandbox/runtime/host';
import { demoUser } from '../../sandbox/seed/demo-directory';
import { type HttpSandbox } from '../support/sandbox';

jest.setTimeout(60_000);

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const PANEL = 'engagement-panel';
const EP = en.engagementPanel;
const FR = fr.engagementPanel;
const fill = (text: string, vars: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_w, name: string) => vars[name] ?? `{${name}}`);
const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
/** A field's label, which reads "Label (required)" on required fields. */
const label = (text: string) => new RegExp(`^${escape(text)}`);

const AGENT = 'agent@engagement-desk.example';
const CHLOE = 'chloe@engagement-desk.example';
const DANA = demoUser('lead@engagement-desk.example');
const CARL = demoUser('carl@engagement-desk.example');

let host: ForgeHost;
let base: string;
let browser: Browser;
let sandbox: HttpSandbox;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

/** PS-2 (an agent edits it) and a DEL issue of the French consultant's (delivery people edit DEL issues). */
let ps: { id: string; key: string };
let del: { id: string; key: string };

async function resolve(email: string, issue: { id: string; key: string }, key: string, payload: Record<string, unknown>) {
  const outcome = await host.invokeResolver({ moduleKey: PANEL, functionKey: key, payload, accountId: demoUser(email).accountId, extension: { issue } });
  if (outcome.kind === 'failure') throw new Error(`${key}: ${outcome.message}`);
  const answer = outcome.value as { ok: boolean; body?: any; error?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
  return answer.body;
}

/** Starts an engagement linked to Contoso Foods and the service-engagement template, with Carl as Service Provider. */
async function engagementOn(email: string, issue: { id: string; key: string }, title: string): Promise<void> {
  const started = await resolve(email, issue, 'engagement/start', { title });
  const contoso = `jsm-${host.jiraStore.organizationByName('Contoso Foods')!.id}`;
  const linked = await resolve(email, issue, 'engagement/link', { organisationId: contoso, templateKey: 'service-engagement', expectedVersion: started.version });
  await resolve(email, issue, 'role/assign', { roleKey: 'service-provider', people: [{ kind: 'account', accountId: CARL.accountId }], expectedVersion: linked.version });
}

beforeAll(async () => {
  ({ sandbox, browser } = await openSimulatedSite());
  ({ host, base } = sandbox);
  const row = host.jiraStore.issue('PS-2')!;
  ps = { id: row.id, key: row.key };
  const created = host.jiraStore.createIssue({ projectKey: 'DEL', summary: 'Blueprint workshops at Contoso Foods', reporter: DANA.accountId });
  del = { id: created.id, key: created.key };
  await engagementOn(AGENT, ps, 'Fabrikam Metal roll-out');
  await engagementOn(CHLOE, del, 'Ateliers de conception chez Contoso');
}, 90_000);

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
  await frame.waitForFunction(() => !document.querySelector('.ed-boot, .ed-loading'), undefined, { timeout: 10_000 });
  return frame;
}

// 15 s: these suites run beside others on a small machine; a pass takes well under a second per wait.
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 15_000 });
const gone = (locator: Locator) => locator.waitFor({ state: 'detached', timeout: 15_000 });
/** The accessible name the focused element was given with aria-label (the panel's Edit buttons have one). */
const focusedLabel = (frame: Frame) => frame.evaluate(() => document.activeElement?.getAttribute('aria-label') as string | null);

describe('the head-of-sales editor', () => {
  it('refuses a malformed id beside the field and an unknown account as an alert, then assigns Dana by her account id and removes her', async () => {
    const page = await as(AGENT);
    const frame = await panelOf(page, ps.key);
    const shown = frame.getByTestId('head-of-sales');
    await visible(shown.getByText(EP.headOfSales.none));
    const form = frame.getByRole('form', { name: EP.headOfSales.heading });
    const field = form.getByRole('textbox', { name: label(EP.headOfSales.accountId) });

    // Malformed: refused in the page, nothing sent; the message sits beside the field, which is marked invalid.
    await field.fill('not an id!');
    await form.getByRole('button', { name: EP.headOfSales.save }).click();
    await visible(form.getByText(EP.validation.accountId));
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    // Well formed but nobody in Jira: the resolver's refusal as an alert; the typed id stays for correcting.
    await field.fill('712020:no-such-person');
    await field.press('Enter');
    const alert = form.getByRole('alert');
    await visible(alert);
    expect(await alert.innerText()).toContain(en.errors.INVALID_INPUT);
    expect(await field.inputValue()).toBe('712020:no-such-person');
    expect(await shown.innerText()).toBe(EP.headOfSales.none);

    // Dana's account: her display name, from Jira, is what the panel shows; and after a reload.
    await field.fill(DANA.accountId);
    await field.press('Enter');
    await visible(shown.getByText('Dana Delivery'));
    expect(await form.getByRole('alert').count()).toBe(0);
    const again = await panelOf(page, ps.key);
    await visible(again.getByTestId('head-of-sales').getByText('Dana Delivery'));

    await again.getByRole('button', { name: EP.headOfSales.clear }).click();
    await visible(again.getByTestId('head-of-sales').getByText(EP.headOfSales.none));
    expect(await again.getByRole('button', { name: EP.headOfSales.clear }).count()).toBe(0);
  });

  it('says when someone else saved the engagement meanwhile, and saves after Reload', async () => {
    const page = await as(AGENT);
    const frame = await panelOf(page, ps.key);
    // Someone else changes the engagement after this panel was opened.
    const current = await resolve(AGENT, ps, 'panel/get', {});
    await resolve(AGENT, ps, 'budget/update', { estimateHours: 12, expectedVersion: current.engagement.version });

    const form = frame.getByRole('form', { name: EP.headOfSales.heading });
    await form.getByRole('textbox', { name: label(EP.headOfSales.accountId) }).fill(DANA.accountId);
    await form.getByRole('button', { name: EP.headOfSales.save }).click();
    const alert = form.getByRole('alert');
    await visible(alert);
    expect(await alert.innerText()).toContain(en.errors.CONFLICT);
    expect(await frame.getByTestId('head-of-sales').innerText()).toBe(EP.headOfSales.none);

    await alert.getByRole('button', { name: en.common.reload }).click();
    await frame.waitForFunction(() => !document.querySelector('.ed-loading'), undefined, { timeout: 10_000 });
    await visible(frame.getByTestId('budget-estimate').getByText(fill(EP.budget.hours, { hours: '12' })));
    const fresh = frame.getByRole('form', { name: EP.headOfSales.heading });
    await fresh.getByRole('textbox', { name: label(EP.headOfSales.accountId) }).fill(DANA.accountId);
    await fresh.getByRole('button', { name: EP.headOfSales.save }).click();
    await visible(frame.getByTestId('head-of-sales').getByText('Dana Delivery'));
  });
});

describe('the document editor', () => {
  it('adds a document, keeps the form open on a refused link, saves a new title, link and owner, and cancels without saving', async () => {
    const page = await as(AGENT);
    const frame = await panelOf(page, ps.key);
    const adding = frame.getByRole('form', { name: EP.documents.add });
    await adding.getByRole('combobox', { name: EP.documents.kindLabel }).selectOption({ label: EP.documents.kind['engagement-plan'] });
    await adding.getByRole('textbox', { name: label(EP.documents.title) }).fill('Engagement plan v1');
    await adding.getByRole('textbox', { name: label(EP.documents.url) }).fill('https://example.com/plan-v1');
    await adding.getByRole('button', { name: EP.documents.add }).click();
    await visible(frame.getByRole('link', { name: 'Engagement plan v1' }));
    const checklist = frame.getByRole('list', { name: EP.documents.checklist });
    await visible(checklist.getByText(`${EP.documents.kind['engagement-plan']} — ${EP.documents.present}`));

    // Edit: a link that is not a web address is refused beside the Link field; the form and the typed title stay.
    await frame.getByRole('button', { name: fill(EP.documents.editNamed, { title: 'Engagement plan v1' }) }).click();
    const editing = frame.getByRole('form', { name: fill(EP.documents.editNamed, { title: 'Engagement plan v1' }) });
    await visible(editing);
    await editing.getByRole('textbox', { name: label(EP.documents.title) }).fill('Engagement plan v2');
    const link = editing.getByRole('textbox', { name: label(EP.documents.url) });
    await link.fill('ftp://example.com/plan-v2');
    await editing.getByRole('button', { name: EP.documents.save }).click();
    await frame.waitForFunction(() => document.querySelector('input[type=url][aria-invalid=true]') !== null, undefined, { timeout: 10_000 });
    expect(await editing.getByRole('textbox', { name: label(EP.documents.title) }).inputValue()).toBe('Engagement plan v2');
    expect(await frame.getByRole('link', { name: 'Engagement plan v1' }).count()).toBe(1);

    // Corrected, with Carl (named on the engagement) as owner.
    await link.fill('https://example.com/plan-v2');
    await editing.getByRole('combobox', { name: EP.documents.owner }).selectOption({ label: 'Carl Consultant' });
    await editing.getByRole('button', { name: EP.documents.save }).click();
    await gone(editing);
    const saved = frame.getByRole('link', { name: 'Engagement plan v2' });
    await visible(saved);
    expect(await saved.getAttribute('href')).toBe('https://example.com/plan-v2');
    await visible(frame.getByText(fill(EP.documents.ownerOf, { name: 'Carl Consultant' })));

    // Cancel leaves it as saved.
    await frame.getByRole('button', { name: fill(EP.documents.editNamed, { title: 'Engagement plan v2' }) }).click();
    const cancelling = frame.getByRole('form', { name: fill(EP.documents.editNamed, { title: 'Engagement plan v2' }) });
    await cancelling.getByRole('textbox', { name: label(EP.documents.title) }).fill('Not saved');
    await cancelling.getByRole('button', { name: EP.cancel }).click();
    await gone(cancelling);
    expect(await frame.getByText('Not saved').count()).toBe(0);

    // Saved for good: after a reload; then removed, and the checklist says the plan is missing again.
    const again = await panelOf(page, ps.key);
    await visible(again.getByRole('link', { name: 'Engagement plan v2' }));
    await visible(again.getByText(fill(EP.documents.ownerOf, { name: 'Carl Consultant' })));
    await again.getByRole('button', { name: fill(EP.documents.removeNamed, { title: 'Engagement plan v2' }) }).click();
    await gone(again.getByRole('link', { name: 'Engagement plan v2' }));
    await visible(again.getByRole('list', { name: EP.documents.checklist }).getByText(`${EP.documents.kind['engagement-plan']} — ${EP.documents.absent}`));
  });
});

describe('the milestone editor', () => {
  it('is usable with the keyboard alone: opens with Enter, refuses an empty title, saves a new title and due date with Enter', async () => {
    const page = await as(AGENT);
    const frame = await panelOf(page, ps.key);
    const adding = frame.getByRole('form', { name: EP.milestones.add });
    await adding.getByRole('textbox', { name: label(EP.milestones.title) }).fill('Blueprint');
    await adding.getByLabel(EP.milestones.dueDate).fill('2026-10-01');
    await adding.getByRole('button', { name: EP.milestones.add }).click();
    const card = frame.locator('article', { has: frame.getByRole('heading', { name: /^Blueprint/ }) });
    await visible(card.getByText(fill(EP.milestones.due, { date: '2026-10-01' })));

    // Keyboard: Tab reaches the Edit button (after the milestone's heading); Enter opens the form, whose title field
    // takes the focus.
    await card.getByRole('heading', { name: /^Blueprint/ }).click();
    await page.keyboard.press('Tab');
    expect(await focusedLabel(frame)).toBe(fill(EP.milestones.editNamed, { milestone: 'Blueprint' }));
    await page.keyboard.press('Enter');
    const form = card.getByRole('form', { name: fill(EP.milestones.editNamed, { milestone: 'Blueprint' }) });
    await visible(form);
    const title = form.getByRole('textbox', { name: label(EP.milestones.title) });
    expect(await frame.evaluate(() => document.activeElement?.value)).toBe('Blueprint');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await visible(form.getByText(en.validation.required));
    expect(await title.getAttribute('aria-invalid')).toBe('true');

    await page.keyboard.type('Blueprint signed off');
    await page.keyboard.press('Tab');
    expect(await frame.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('date');
    await form.getByLabel(EP.milestones.dueDate).fill('2026-10-15');
    await title.press('Enter');
    await gone(form);
    const renamed = frame.locator('article', { has: frame.getByRole('heading', { name: /^Blueprint signed off/ }) });
    await visible(renamed.getByText(fill(EP.milestones.due, { date: '2026-10-15' })));
    // Saved: the focus is back on the (renamed) milestone's Edit button, not lost at the top of the page.
    expect(await focusedLabel(frame)).toBe(fill(EP.milestones.editNamed, { milestone: 'Blueprint signed off' }));

    // And the state moves on from the card too.
    await renamed.getByRole('button', { name: EP.milestones.moveTo['in-progress'] }).click();
    await visible(renamed.getByRole('heading', { name: new RegExp(escape(EP.milestones.state['in-progress'])) }));

    const again = await panelOf(page, ps.key);
    const reloaded = again.locator('article', { has: again.getByRole('heading', { name: /^Blueprint signed off/ }) });
    await visible(reloaded.getByText(fill(EP.milestones.due, { date: '2026-10-15' })));
    await visible(reloaded.getByRole('heading', { name: new RegExp(escape(EP.milestones.state['in-progress'])) }));
  });
});

describe('the editors in French', () => {
  it('lets a French-speaking consultant assign a head of sales, edit a milestone and a document, all in French', async () => {
    await resolve(CHLOE, del, 'milestone/add', { title: 'Ateliers', dueDate: '2026-09-01', expectedVersion: (await resolve(CHLOE, del, 'panel/get', {})).engagement.version });
    const page = await as(CHLOE);
    const frame = await panelOf(page, del.key);
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('fr-FR');

    const hos = frame.getByRole('form', { name: FR.headOfSales.heading });
    await hos.getByRole('textbox', { name: label(FR.headOfSales.accountId) }).fill('pas un identifiant');
    await hos.getByRole('button', { name: FR.headOfSales.save }).click();
    await visible(hos.getByText(FR.validation.accountId));
    await hos.getByRole('textbox', { name: label(FR.headOfSales.accountId) }).fill(DANA.accountId);
    await hos.getByRole('button', { name: FR.headOfSales.save }).click();
    await visible(frame.getByTestId('head-of-sales').getByText('Dana Delivery'));

    const card = frame.locator('article', { has: frame.getByRole('heading', { name: /^Ateliers/ }) });
    await card.getByRole('button', { name: fill(FR.milestones.editNamed, { milestone: 'Ateliers' }) }).click();
    const form = card.getByRole('form', { name: fill(FR.milestones.editNamed, { milestone: 'Ateliers' }) });
    await form.getByRole('textbox', { name: label(FR.milestones.title) }).fill('Ateliers de conception');
    await form.getByRole('button', { name: FR.milestones.save }).click();
    await gone(form);
    await visible(frame.getByRole('heading', { name: new RegExp(`^Ateliers de conception ${escape(FR.milestones.state.planned)}`) }));

    const adding = frame.getByRole('form', { name: FR.documents.add });
    await adding.getByRole('textbox', { name: label(FR.documents.title) }).fill('Compte rendu');
    await adding.getByRole('textbox', { name: label(FR.documents.url) }).fill('https://example.com/cr');
    await adding.getByRole('button', { name: FR.documents.add }).click();
    await frame.getByRole('button', { name: fill(FR.documents.editNamed, { title: 'Compte rendu' }) }).click();
    const editing = frame.getByRole('form', { name: fill(FR.documents.editNamed, { title: 'Compte rendu' }) });
    await editing.getByRole('combobox', { name: FR.documents.owner }).selectOption({ label: 'Carl Consultant' });
    await editing.getByRole('button', { name: FR.documents.save }).click();
    await gone(editing);
    await visible(frame.getByText(fill(FR.documents.ownerOf, { name: 'Carl Consultant' })));
  });
});

describe('accessibility with the editors open', () => {
  it('has no serious or critical axe violation while the document and milestone editors are open', async () => {
    const page = await as(AGENT);
    const frame = await panelOf(page, ps.key);
    await frame.getByRole('button', { name: fill(EP.milestones.editNamed, { milestone: 'Blueprint signed off' }) }).click();
    await visible(frame.getByRole('form', { name: fill(EP.milestones.editNamed, { milestone: 'Blueprint signed off' }) }));
    const adding = frame.getByRole('form', { name: EP.documents.add });
    await adding.getByRole('textbox', { name: label(EP.documents.title) }).fill('Status report 1');
    await adding.getByRole('textbox', { name: label(EP.documents.url) }).fill('https://example.com/status-1');
    await adding.getByRole('button', { name: EP.documents.add }).click();
    await frame.getByRole('button', { name: fill(EP.documents.editNamed, { title: 'Status report 1' }) }).click();
    const editing = frame.getByRole('form', { name: fill(EP.documents.editNamed, { title: 'Status report 1' }) });
    await visible(editing);
    // A refused link, so the error state (aria-invalid, its message) is part of what is checked.
    await editing.getByRole('textbox', { name: label(EP.documents.url) }).fill('ftp://example.com/status-1');
    await editing.getByRole('button', { name: EP.documents.save }).click();
    await frame.waitForFunction(() => document.querySelector('input[type=url][aria-invalid=true]') !== null, undefined, { timeout: 10_000 });

    const results = await new AxeBuilder({ page }).include(`iframe[data-app-frame="${PANEL}"]`).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' >>> ')) }))).toEqual([]);
    const inFrame = [...results.passes, ...results.violations, ...results.incomplete].some((r) => r.nodes.some((n) => n.target.length > 1));
    expect(inFrame).toBe(true);
  });
});

