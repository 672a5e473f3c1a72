/**
 * The implementation-request workflow through the pages of the simulated Jira (headless Chromium, the app in its
 * sandboxed iframes), along the SOW path: the delivery lead estimates 12 hours and drafts the SOW on the issue panel;
 * the partner signs it on the portal in the help center; the agent sets up the back office (the delivery issue and
 * its sub-tasks in DEL); the lead lets the app choose the consultant; the consultant completes the phases and the
 * request. A French-speaking partner sees the hold in French. axe finds no serious or critical violation.
 *
 * The request is routed by the integration fixture (test/integration/request-fixture.ts) until the routing trigger
 * lands. The tests run in order on one sandbox (the demo seed). Expected texts come from locales/.
 */
import './support/jest-realm';
import { openSimulatedSite, tearDownSite } from './support/simulated-site';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import en from '../../locales/en-US.json';
import fr from '../../locales/fr-FR.json';
import type { ForgeHost } from '../../sandbox/runtime/host';
import { accountOf, type EMAILS, type HttpSandbox } from '../support/sandbox';
import { createTeam, holdPartner, routedRequest, storedRequest, teamInput, type RoutedRequest } from '../integration/request-fixture';

jest.setTimeout(60_000);

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

type Who = keyof typeof EMAILS;
const RW = en.requestWorkflow;
const FR = fr.requestWorkflow;
const fill = (text: string, vars: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_w, name: string) => vars[name] ?? `{${name}}`);

let host: ForgeHost;
let base: string;
let browser: Browser;
let sandbox: HttpSandbox;
let request: RoutedRequest;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ sandbox, browser } = await openSimulatedSite());
  ({ host, base } = sandbox);
  const teamId = await createTeam(teamInput('direct', 'Implementation team'));
  request = await routedRequest(host, { teamId, endCustomer: 'Contoso Foods' });
}, 120_000);

tearDownSite({ contexts, pageErrors, site: () => ({ browser, sandbox, host }) });

async function as(who: Who): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  contexts.push(context);
  await context.addCookies([{ name: 'sandbox-account', value: accountOf(who), url: base }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function frameOf(page: Page, moduleKey: string): Promise<Frame> {
  const handle = await page.locator(`iframe[data-app-frame="${moduleKey}"]`).elementHandle({ timeout: 10_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`No ${moduleKey} frame on ${page.url()}`);
  await frame.locator('main').first().waitFor({ timeout: 10_000 });
  await frame.waitForFunction(() => !document.querySelector('.ed-boot, .ed-loading'), undefined, { timeout: 10_000 });
  return frame;
}

const visible = (locator: { waitFor: (o: { state: 'visible'; timeout: number }) => Promise<void> }) => locator.waitFor({ state: 'visible', timeout: 10_000 });

/** The issue panel on the request, as `who`, scrolled to the request's section. */
async function panelAs(who: Who): Promise<{ page: Page; frame: Frame }> {
  const page = await as(who);
  await page.goto(`${base}/browse/${request.key}`);
  const frame = await frameOf(page, 'engagement-panel');
  await visible(frame.getByRole('heading', { name: RW.heading }));
  return { page, frame };
}

async function portalAs(who: Who): Promise<{ page: Page; frame: Frame }> {
  const page = await as(who);
  await page.goto(`${base}/servicedesk/customer/portal/1/${request.key}`);
  const frame = await frameOf(page, 'partner-request-view');
  return { page, frame };
}

const stage = (frame: Frame) => frame.getByTestId('rw-stage');

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' >>> ')) }))).toEqual([]);
}

describe('an implementation request along the SOW path', () => {
  it('lets the delivery lead estimate 12 hours, then draft the SOW with hours per phase and travel', async () => {
    const { page, frame } = await panelAs('lead');
    await visible(frame.getByTestId('rw-next').getByText(fill(RW.nextWho, { step: RW.next.estimate, actor: RW.actor['delivery-lead'] })));

    const estimate = frame.getByRole('form', { name: RW.estimateForm.label });
    await estimate.getByRole('button', { name: RW.estimateForm.submit }).click();
    await visible(estimate.getByText(RW.estimateForm.hoursProblem)); // nothing typed: said beside the field
    await estimate.getByLabel(RW.estimateForm.hours).fill('12');
    await estimate.getByLabel(RW.estimateForm.skills).fill('SAP');
    await estimate.getByRole('button', { name: RW.estimateForm.submit }).click();
    await visible(stage(frame).getByText(RW.stage.estimated, { exact: true }));
    await visible(frame.getByTestId('rw-next').getByText(fill(RW.nextWho, { step: RW.next['draft-sow'], actor: RW.actor['delivery-lead'] })));

    const sow = frame.getByRole('form', { name: RW.sowForm.label });
    for (const [phase, hours] of [['qa-sessions', '2'], ['business-blueprint', '3'], ['prototyping', '4'], ['refining', '2'], ['final-review', '1']] as const) {
      await sow.getByLabel(RW.phase[phase], { exact: true }).fill(hours);
    }
    await sow.getByLabel(RW.sowForm.travel).fill('Two days on site in Vienna');
    // Keyboard only: the submit button is reached and pressed without the mouse.
    await sow.getByRole('button', { name: RW.sowForm.submit }).focus();
    await page.keyboard.press('Enter');
    await visible(stage(frame).getByText(RW.stage['sow-drafted'], { exact: true }));
    await visible(frame.getByRole('definition').filter({ hasText: 'Two days on site in Vienna' }));
    expect((await storedRequest(request.id))!.sow).toMatchObject({ hoursPerStage: { 'qa-sessions': 2, 'business-blueprint': 3, prototyping: 4, refining: 2, 'final-review': 1 } });
    await expectNoSeriousViolations(page);
  });

  it('lets the partner sign the Statement of Work on the portal', async () => {
    const { page, frame } = await portalAs('partner');
    await visible(frame.getByRole('heading', { name: RW.partner.heading }));
    await visible(frame.getByTestId('pr-next').getByText(RW.partner.next['sign-sow']));
    await visible(frame.getByText(RW.partner.yourTurn));
    await expectNoSeriousViolations(page);
    await frame.getByRole('button', { name: RW.partner.signButton }).click();
    await visible(frame.getByText(RW.partner.signed));
    await visible(frame.getByTestId('pr-status').getByText(RW.stage['sow-signed']));
    expect((await storedRequest(request.id))!.stage).toBe('sow-signed');
  });

  it('lets the agent set up the back office: the delivery issue and its sub-tasks in DEL', async () => {
    const { frame } = await panelAs('agent');
    await frame.getByRole('button', { name: RW.backOffice.button }).click();
    await visible(stage(frame).getByText(RW.stage['back-office'], { exact: true }));
    const delivery = (await storedRequest(request.id))!.delivery!;
    await visible(frame.getByTestId('rw-delivery-key').getByText(delivery.issueKey));
    await visible(frame.getByText(`${delivery.subtasks[0]!.issueKey} — ${RW.phase['qa-sessions']}`));
    expect(delivery.subtasks).toHaveLength(5);
  });

  it('lets the lead have the app choose the consultant, who is shown with the reason', async () => {
    const { frame } = await panelAs('lead');
    await frame.getByRole('button', { name: RW.assign.auto }).click();
    await visible(stage(frame).getByText(RW.stage['consultant-assigned'], { exact: true }));
    await visible(frame.getByTestId('rw-consultant').getByText('Carl Consultant'));
    await visible(frame.getByText(RW.basis['round-robin']));
    await visible(frame.getByText(fill(RW.consultant.excludedItem, { name: 'Kofi Mensah', reason: RW.exclusion['missing-skill'] })));
  });

  it('lets the consultant complete every phase, then the request', async () => {
    const { page, frame } = await panelAs('consultant');
    for (const phase of ['qa-sessions', 'business-blueprint', 'prototyping', 'refining', 'final-review'] as const) {
      const button = frame.getByRole('button', { name: fill(RW.completePhase, { phase: RW.phase[phase] }) });
      await button.click();
      await button.waitFor({ state: 'detached', timeout: 10_000 });
    }
    await frame.getByRole('button', { name: RW.completeRequest }).click();
    await visible(stage(frame).getByText(RW.stage.completed, { exact: true }));
    expect((await storedRequest(request.id))!.stage).toBe('completed');
    await expectNoSeriousViolations(page);
  });

  it('shows the partner the phases done and the consultant', async () => {
    const { frame } = await portalAs('partner');
    await visible(frame.getByTestId('pr-status').getByText(RW.stage.completed));
    await visible(frame.getByText('Carl Consultant'));
    expect(await frame.getByRole('table').getByText(en.requestWorkflow.phases.done, { exact: true }).count()).toBe(5);
  });
});

describe('a request held by overdue invoices', () => {
  it('shows the French-speaking partner the hold and its reason in French', async () => {
    const teamId = (await storedRequest(request.id))!.teamId;
    const held = await routedRequest(host, { teamId, organization: 'Lumière Conseil', reporter: accountOf('partnerFr'), endCustomer: 'Fabrikam Metal' });
    await holdPartner(host, 'Lumière Conseil', 1800, 'EUR', '2026-10-15');
    const page = await as('partnerFr');
    await page.goto(`${base}/servicedesk/customer/portal/1/${held.key}`);
    const frame = await frameOf(page, 'partner-request-view');
    await visible(frame.getByRole('heading', { name: FR.partner.heading }));
    await visible(frame.getByText(FR.partner.holdTitle));
    await visible(frame.getByText(FR.partner.next.estimate));
    await expectNoSeriousViolations(page);
  });
});
