/**
 * The delivery board project page in headless Chromium against the simulated Jira (issue 6 items 8 and 10): the lead
 * sees the team's requests by stage, the consultants' loads with today's absence and backup, and the holds; reassigns
 * a request with a required reason (checked in the page first, then saved); opens the month-end statements and is
 * offered a partner's CSV as a Blob link. Once in English and once in French (the lead's own language choice). The
 * stage the app mirrors onto the delivery issue shows on the DEL board's card.
 *
 * Teams, requests and a month's statements are set up with the app's storage code (test/integration/delivery-fixture.ts
 * and the statement repository), Jira issues through the emulator's REST; expected texts come from locales/.
 */
import './support/jest-realm';
import fs from 'node:fs';
import { openSimulatedSite, tearDownSite } from './support/simulated-site';
import AxeBuilder from '@axe-core/playwright';
import Papa from 'papaparse';
import { type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import en from '../../locales/en-US.json';
import fr from '../../locales/fr-FR.json';
import type { ForgeHost } from '../../sandbox/runtime/host';
import { previousMonth } from '../../src/domain/month-end';
import { remirrorRequest } from '../../src/resolvers/requests/request-service';
import type { ImplementationRequest } from '../../src/shared/implementation';
import { readRequest } from '../../src/storage/request-repository';
import { createMonthEndRun, createStatement, finishMonthEndRun } from '../../src/storage/statement-repository';
import { type HttpSandbox } from '../support/sandbox';
import { holdPartner, idOf, PARTNERS, partnerId, seedRequest, seedTeams, seedTeamState, type Person } from '../integration/delivery-fixture';

jest.setTimeout(90_000);

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const MODULE = 'delivery-board';
type Words = typeof en.deliveryBoard;

let host: ForgeHost;
let base: string;
let browser: Browser;
let sandbox: HttpSandbox;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let teamId: string;
let month: string;
const r: Record<string, ImplementationRequest> = {};

beforeAll(async () => {
  ({ sandbox, browser } = await openSimulatedSite());
  ({ host, base } = sandbox);
  teamId = (await seedTeams()).implementation;
  r.bakery = await seedRequest(host, { teamId, partner: 'northwind', endCustomer: 'Bakery Co', stage: 'consultant-assigned', estimateHours: 10, consultant: 'carl', deliveryPhases: ['qa-sessions', 'business-blueprint'] });
  r.delta = await seedRequest(host, { teamId, partner: 'northwind', endCustomer: 'Delta Foods', stage: 'in-delivery', estimateHours: 8, consultant: 'chloe', deliveryPhases: ['qa-sessions'] });
  r.routed = await seedRequest(host, { teamId, partner: 'northwind', endCustomer: 'Echo Systems', stage: 'routed' });
  r.held = await seedRequest(host, { teamId, partner: 'lumiere', endCustomer: 'Café Lumière', stage: 'in-delivery', estimateHours: 16, consultant: 'chloe', deliveryPhases: ['qa-sessions'] });
  await seedTeamState(teamId, { carl: 10, chloe: 24 });
  await holdPartner(host, 'lumiere');
  // A month-end already run for last month: one statement for Northwind, as the daily job stores it.
  month = previousMonth(new Date());
  await createMonthEndRun(month, new Date().toISOString());
  await createStatement(
    {
      month,
      issueId: r.bakery.issueId,
      issueKey: r.bakery.issueKey,
      partnerOrganizationId: partnerId(host, 'northwind'),
      partnerName: PARTNERS.northwind,
      endCustomer: 'Bakery Co',
      hoursPerStage: { 'qa-sessions': 3.5, 'business-blueprint': 2 },
      totalHours: 5.5,
      travel: 'One day on site',
    },
    new Date().toISOString(),
  );
  await finishMonthEndRun(month, 1, new Date().toISOString());
  await host.idle(30_000);
}, 120_000);

tearDownSite({ contexts, pageErrors, site: () => ({ browser, sandbox, host }) });

// ---- helpers -----------------------------------------------------------------------------------------------------

async function as(who: Person): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  contexts.push(context);
  await context.addCookies([{ name: 'sandbox-account', value: idOf(who), url: base }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function appFrame(page: Page): Promise<Frame> {
  const handle = await page.locator(`iframe[data-app-frame="${MODULE}"]`).elementHandle({ timeout: 10_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`No frame for ${MODULE} on ${page.url()}`);
  await frame.waitForLoadState('domcontentloaded');
  await frame.locator('main').first().waitFor({ timeout: 10_000 });
  await frame.waitForFunction(() => !document.querySelector('.ed-boot, .ed-loading'), undefined, { timeout: 10_000 });
  return frame;
}

const visible = (locator: { waitFor: (o: { state: 'visible'; timeout: number }) => Promise<void> }) => locator.waitFor({ state: 'visible', timeout: 10_000 });
const fill = (text: string, vars: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`);

async function openBoard(who: Person): Promise<{ page: Page; frame: Frame }> {
  const page = await as(who);
  await page.goto(`${base}/jira/software/projects/DEL/apps/${MODULE}`);
  const frame = await appFrame(page);
  // On a site with more teams (a richer demo), the lead picks this suite's team.
  const words = (await frame.evaluate(() => document.documentElement.lang)) === 'fr-FR' ? fr.deliveryBoard : en.deliveryBoard;
  const switcher = frame.getByLabel(words.team.label);
  if ((await switcher.count()) > 0) await switcher.selectOption(teamId);
  return { page, frame };
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' >>> ')) }))).toEqual([]);
  expect([...results.passes, ...results.violations, ...results.incomplete].some((x) => x.nodes.some((n) => n.target.length > 1))).toBe(true);
}

/** The whole journey in one language: board, reassignment with a reason, statements and their CSV. */
async function leadJourney(words: Words, request: ImplementationRequest, to: Person, toName: string, reason: string): Promise<void> {
  const { page, frame } = await openBoard('lead');
  // The board by stage, with the cards' facts.
  await visible(frame.getByRole('heading', { name: words.team.heading.replace('{team}', 'Implementation') }));
  const assigned = frame.getByRole('region', { name: new RegExp(`^${words.stages['consultant-assigned']}`) });
  await visible(assigned);
  const card = frame.getByRole('listitem').filter({ has: frame.getByRole('link', { name: request.issueKey, exact: true }) });
  await visible(card);
  const cardText = await card.innerText();
  for (const fact of [PARTNERS.northwind, request.endCustomer!, words.card.estimate]) expect(cardText).toContain(fact);
  await visible(frame.getByRole('region', { name: new RegExp(`^${words.stages.routed}`) }));
  // Loads: open hours against capacity, Kofi away with Carl as backup; Lumière's hold.
  const loads = frame.getByRole('table').filter({ has: frame.getByRole('columnheader', { name: words.loads.consultant }) });
  await visible(loads.getByRole('row', { name: /Kofi Mensah/ }));
  expect(await loads.getByRole('row', { name: /Kofi Mensah/ }).innerText()).toContain(fill(words.loads.backup, { name: 'Carl Consultant' }));
  expect(await loads.getByRole('row', { name: /Kofi Mensah/ }).innerText()).toContain(words.loads.absent);
  await visible(frame.getByRole('region', { name: words.holds.heading }).getByText(PARTNERS.lumiere));

  // Reassign: both fields are required, checked in the page before anything is sent.
  await card.getByRole('button', { name: fill(words.reassign.openFor, { key: request.issueKey }) }).click();
  const form = frame.getByRole('form', { name: fill(words.reassign.title, { key: request.issueKey }) });
  await visible(form);
  expect(await frame.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
  await form.getByRole('button', { name: words.reassign.save }).click();
  await visible(form.getByText(words.reassign.errors.consultant));
  await visible(form.getByText(words.reassign.errors.reason));
  const before = await readRequest(request.issueId);
  await form.getByLabel(words.reassign.consultant).selectOption(idOf(to));
  await form.getByLabel(words.reassign.reason).fill(reason);
  await form.getByRole('button', { name: words.reassign.save }).click();
  await visible(frame.getByText(fill(words.reassign.done, { key: request.issueKey, name: toName })));
  const after = await readRequest(request.issueId);
  expect(after).toMatchObject({ consultantAccountId: idOf(to), version: before!.version + 1, decision: { basis: 'manual', reason, decidedBy: idOf('lead') } });
  expect(await card.innerText()).toContain(toName);

  // A request of a partner on hold offers "Reassign" too, and the page says why it is refused.
  const heldCard = frame.getByRole('listitem').filter({ has: frame.getByRole('link', { name: r.held!.issueKey, exact: true }) });
  await heldCard.getByRole('button', { name: fill(words.reassign.openFor, { key: r.held!.issueKey }) }).click();
  const heldForm = frame.getByRole('form', { name: fill(words.reassign.title, { key: r.held!.issueKey }) });
  await heldForm.getByLabel(words.reassign.consultant).selectOption(idOf('mei'));
  await heldForm.getByLabel(words.reassign.reason).fill('Balance the load');
  await heldForm.getByRole('button', { name: words.reassign.save }).click();
  await visible(heldForm.getByText(words.reassign.held));
  await heldForm.getByRole('button', { name: words.reassign.cancel }).click();
  expect(await readRequest(r.held!.issueId)).toMatchObject({ consultantAccountId: idOf('chloe') });

  await expectNoSeriousViolations(page);

  // Month-end statements: pick the month, see Northwind's statement, get its CSV as a Blob link.
  await frame.getByRole('tab', { name: words.tabs.statements }).click();
  const panel = frame.getByRole('tabpanel', { name: words.tabs.statements });
  await visible(panel.getByRole('heading', { name: words.statements.heading }));
  await panel.getByLabel(words.statements.month, { exact: true }).fill(month);
  await panel.getByRole('button', { name: words.statements.show }).click();
  const northwind = panel.getByRole('region', { name: PARTNERS.northwind });
  await visible(northwind.getByRole('rowheader', { name: r.bakery!.issueKey }));
  await northwind.getByRole('button', { name: fill(words.statements.prepare, { partner: PARTNERS.northwind }) }).click();
  const filename = `statements-${month}-northwind-partners.csv`;
  const link = northwind.getByRole('link', { name: fill(words.statements.download, { filename }) });
  await visible(link);
  expect(await link.getAttribute('download')).toBe(filename);
  const href = (await link.getAttribute('href'))!;
  expect(href.startsWith('blob:')).toBe(true);
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), link.click()]);
  expect(file.suggestedFilename()).toBe(filename);
  const csv = fs.readFileSync(await file.path(), 'utf8');
  const rows = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data;
  expect(rows).toEqual([expect.objectContaining({ month, request: r.bakery!.issueKey, partner: PARTNERS.northwind, hours_qa_sessions: '3.5', hours_business_blueprint: '2', total_hours: '5.5', travel: 'One day on site' })]);
  await expectNoSeriousViolations(page);
}

// ---- the journeys ------------------------------------------------------------------------------------------------

describe('delivery board', () => {
  it('lets the lead see the board, reassign with a reason and get a partner’s statements as CSV (English)', async () => {
    await leadJourney(en.deliveryBoard, r.bakery!, 'mei', 'Mei Tanaka', 'Carl is on the Contoso go-live');
  });

  it('does the same in French when the lead chose French', async () => {
    const outcome = await host.invokeResolver({ moduleKey: MODULE, functionKey: 'preferences/save', payload: { preferredLocale: 'fr-FR', expectedVersion: 0 }, accountId: idOf('lead'), extension: { project: { key: 'DEL' } } });
    expect(outcome).toMatchObject({ kind: 'answer', value: { ok: true } });
    await leadJourney(fr.deliveryBoard, r.delta!, 'kofi', 'Kofi Mensah', 'Chloé part en formation');
    const { frame } = await openBoard('lead');
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('fr-FR');
  });

  it('shows a consultant the board without "Reassign", and the stage on the DEL board’s delivery card', async () => {
    const { frame } = await openBoard('carl');
    await visible(frame.getByRole('link', { name: r.routed!.issueKey, exact: true }));
    expect(await frame.getByRole('button', { name: new RegExp(`^${en.deliveryBoard.reassign.open}`) }).count()).toBe(0);

    await remirrorRequest(r.held!.issueId);
    const page = await as('lead');
    await page.goto(`${base}/jira/software/projects/DEL/boards/1`);
    const card = page.getByRole('listitem').filter({ hasText: r.held!.delivery!.issueKey });
    await visible(card);
    expect(await card.innerText()).toContain('Implementation stage: In delivery');
  });
});
