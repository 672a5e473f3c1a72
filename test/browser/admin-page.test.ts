/**
 * The admin page (module engagement-settings) in headless Chromium against the simulated Jira, as Jira
 * administrators, in English and in French (issue 5, the gaps left by registers.test.ts):
 * - organisations: one created (not in JSM) with its deployment type and templates, people named per role with the
 *   page's own checks beside the fields; an existing one edited (deployment type, templates) and a duplicate email
 *   refused by the server, shown beside the email field;
 * - a register CONFLICT between two admins' pages: the second gets "changed by someone else — reload", Reload shows
 *   the newer data and keeps what they typed, and saving again keeps both edits;
 * - CSV: a register's export and the coverage list's export (the downloaded files' content), an import with a dry
 *   run and a per-row report of rejected rows and why, and a file refused whole;
 * - personal data: a person's data exported (shown and downloaded), erased, and gone;
 * - French: an administrator whose Jira profile is French edits a template, sees a server refusal and a conflict
 *   with no English text on the page, and reads an import report in French; an English administrator switches the
 *   page to French with the page's own language choice.
 * Every screen is checked with axe (no serious or critical violation).
 *
 * Each test starts from the demo seed (reset over the sandbox's HTTP interface), so that the tests do not depend on
 * each other's edits. Set-up and read-back go through the resolvers with host.invokeResolver; what a test is about
 * goes through the page. Expected texts come from locales/.
 */
import './support/jest-realm';
import { openSimulatedSite, tearDownSite } from './support/simulated-site';
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import Papa from 'papaparse';
import { type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import en from '../../locales/en-US.json';
import fr from '../../locales/fr-FR.json';
import type { ForgeHost } from '../../sandbox/runtime/host';
import type { SandboxUser } from '../../sandbox/jira/types';
import { demoUser } from '../../sandbox/seed/demo-directory';
import { MODULES, type HttpSandbox } from '../support/sandbox';

jest.setTimeout(60_000);

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const ADMIN_MODULE = 'engagement-settings';
const A = en.admin;
const F = fr.admin;
const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_w, name: string) => String(vars[name] ?? `{${name}}`));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The register's summary line ("Installed (on-premise) · coverage 40 / 100 · version 2") for a deployment type, whatever the numbers. */
const summaryLine = (summary: string, deployment: string) =>
  new RegExp(`^${escape(fill(summary, { deployment, score: '\u0000', version: '\u0001' })).replace('\u0000', '\\d+').replace('\u0001', '\\d+')}$`);

/**
 * The demo has no French-speaking administrator: this one is added to the simulated site's directory (as Jira would
 * list a second site admin) with a French Jira profile, so the page follows Jira's language, as for any French admin.
 */
const FRENCH_ADMIN: SandboxUser = {
  accountId: '712020:5e1d0c00-0000-4000-8000-000000000099',
  displayName: 'Amélie Administratrice',
  emailAddress: 'amelie@engagement-desk.example',
  kind: 'admin',
  locale: 'fr-FR',
  timeZone: 'Europe/Paris',
};
const ADMIN = demoUser('admin@engagement-desk.example').accountId;

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

/** Starts the site again from a seed, over the sandbox's HTTP interface as a script would. */
async function reset(seed: 'demo' | 'empty'): Promise<void> {
  const answer = await fetch(`${base}/__sandbox/api/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seed }) });
  expect(answer.status).toBe(200);
}

beforeEach(() => reset('demo'));

tearDownSite({ contexts, pageErrors, site: () => ({ browser, sandbox, host }) });

// ---- helpers -----------------------------------------------------------------------------------------------------

/** Calls an admin resolver as the bridge would; fails the test on an app error. */
async function resolver(functionKey: string, payload: unknown, accountId = ADMIN): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const outcome = await host.invokeResolver({ moduleKey: MODULES.admin, functionKey, payload, accountId, extension: {} });
  if (outcome.kind === 'failure') throw new Error(`${outcome.code}: ${outcome.message}`);
  const answer = outcome.value as { ok: boolean; body?: unknown; error?: unknown };
  if (!answer.ok) throw new Error(`${functionKey}: ${JSON.stringify(answer.error)}`);
  return answer.body;
}

const registerIdOf = (name: string) => `jsm-${host.jiraStore.organizationByName(name)!.id}`;
const registerOf = async (name: string) => (await resolver('register/get', { registerId: registerIdOf(name) })).register;

/** A browser session as `accountId` (the simulated site's user switch is this cookie). */
async function as(accountId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  await context.addCookies([{ name: 'sandbox-account', value: accountId, url: base }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function adminFrame(page: Page): Promise<Frame> {
  const handle = await page.locator(`iframe[data-app-frame="${ADMIN_MODULE}"]`).elementHandle({ timeout: 10_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`No admin frame on ${page.url()}`);
  await frame.waitForLoadState('domcontentloaded');
  await frame.locator('main').first().waitFor({ timeout: 10_000 });
  await frame.waitForFunction(() => !document.querySelector('.ed-boot, .ed-loading'), undefined, { timeout: 10_000 });
  return frame;
}

async function openAdmin(accountId = ADMIN): Promise<{ page: Page; frame: Frame }> {
  const page = await as(accountId);
  await page.goto(`${base}/jira/settings/apps/${ADMIN_MODULE}`);
  return { page, frame: await adminFrame(page) };
}

const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 10_000 });

async function openTab(frame: Frame, name: string): Promise<void> {
  await frame.getByRole('tab', { name }).click();
  await frame.waitForFunction(() => !document.querySelector('.ed-loading'), undefined, { timeout: 10_000 });
}

/** Opens an organisation's register on the Organisations tab; answers the register's section. */
async function openRegister(frame: Frame, tabName: string, organisation: string): Promise<Locator> {
  await openTab(frame, tabName);
  await frame.getByRole('button', { name: organisation, exact: true }).click();
  const section = frame.getByRole('region', { name: organisation, exact: true });
  await visible(section.getByRole('table'));
  return section;
}

/**
 * The text of the error written beside a field: the field is marked invalid and the error is part of its
 * description (aria-describedby), so a screen reader reads it with the field, not only somewhere near it.
 */
async function errorBeside(control: Locator): Promise<string> {
  expect(await control.getAttribute('aria-invalid')).toBe('true');
  const errors = await control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id: string) => id.endsWith('-error'))
      .map((id: string) => (el.ownerDocument.getElementById(id)?.textContent ?? '').trim()),
  );
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

/** Clicks a download link and answers the file's name and text. */
async function download(page: Page, link: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), link.click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' >>> ')) }))).toEqual([]);
  // The app frame was analysed too: some results point inside it.
  expect([...results.passes, ...results.violations, ...results.incomplete].some((r) => r.nodes.some((n) => n.target.length > 1))).toBe(true);
}

/** Sentences the server writes in English for support; a French page must show none of them. */
const SERVER_ENGLISH = [/someone else meanwhile/i, /is already in this register/i, /Reload to see their change/i, /The request was not valid/i, /Details:/];

/** Every English text of the catalogue the admin page uses that reads differently in French (placeholders aside). */
function englishOnlyTexts(): string[] {
  const flat = (value: unknown, prefix: string, out: Map<string, string>): Map<string, string> => {
    if (typeof value === 'string') out.set(prefix, value);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flat(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  };
  const french = flat(fr, '', new Map());
  const english = flat({ admin: en.admin, errors: en.errors, common: en.common, validation: en.validation }, '', new Map());
  return [...english]
    .filter(([key, text]) => !text.includes('{') && text.length >= 8 && french.get(key) !== text)
    .map(([, text]) => text);
}

/** A French page shows no English: neither the server's own messages nor any of the app's English texts. */
async function expectNoEnglish(frame: Frame): Promise<void> {
  const text = await frame.locator('main').innerText();
  for (const pattern of SERVER_ENGLISH) expect(text).not.toMatch(pattern);
  expect(englishOnlyTexts().filter((english) => text.includes(english))).toEqual([]);
}

// ---- organisations -----------------------------------------------------------------------------------------------

describe('admin page: organisations', () => {
  it('creates an organisation that is not in JSM with its deployment type and templates, and names people per role', async () => {
    const { page, frame } = await openAdmin();
    await openTab(frame, A.tabs.organisations);
    const create = frame.getByRole('form', { name: A.orgs.createHeading });
    // Every JSM organisation of the demo already has a register: the JSM list says so.
    await visible(create.getByText(A.orgs.allLinked));

    await create.getByRole('radio', { name: A.orgs.sourceName }).check();
    await create.getByRole('group', { name: new RegExp(A.orgs.templates) }).getByRole('checkbox', { name: 'Key contacts' }).uncheck();
    await create.getByRole('button', { name: A.orgs.create }).click();
    // Checked in the page first: nothing is sent, and the first field to fix has the focus.
    expect(await errorBeside(create.getByLabel(A.orgs.organisationName))).toBe(en.validation.required);
    await visible(create.getByText(A.orgs.chooseTemplate));
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('create-name');
    expect((await resolver('organisations/list', { limit: 100 })).items).toHaveLength(5);

    await create.getByLabel(A.orgs.organisationName).fill('Adatum Logistics');
    await create.getByLabel(A.orgs.deployment).selectOption('installed');
    const templates = create.getByRole('group', { name: new RegExp(A.orgs.templates) });
    await templates.getByRole('checkbox', { name: 'Key contacts' }).check();
    await templates.getByRole('checkbox', { name: 'Service engagement' }).check();
    await create.getByRole('button', { name: A.orgs.create }).click();
    await visible(create.getByText(fill(A.orgs.created, { name: 'Adatum Logistics' })));

    const register = frame.getByRole('region', { name: 'Adatum Logistics', exact: true });
    await visible(register.getByText(summaryLine(A.orgs.summary, A.deployment.installed)));
    await visible(frame.getByRole('button', { name: 'Adatum Logistics', exact: true }));

    // A person with a bad email and phone: the page's own messages, each beside its field; nothing is saved.
    await register.getByRole('button', { name: A.orgs.addPerson }).click();
    const person = frame.getByRole('form', { name: A.orgs.addPerson });
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('person-name');
    await person.getByLabel(A.orgs.name).fill('Yara Young');
    await person.getByLabel(A.orgs.email).fill('yara@adatum');
    await person.getByLabel(A.orgs.phone).fill('0123 456');
    await person.getByRole('button', { name: A.orgs.savePerson }).click();
    expect(await errorBeside(person.getByLabel(A.orgs.email))).toBe(A.orgs.badEmail);
    expect(await errorBeside(person.getByLabel(A.orgs.phone))).toBe(A.orgs.badPhone);
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('person-email');
    await person.getByLabel(A.orgs.absentFrom, { exact: true }).fill('2031-05-10');
    await person.getByLabel(A.orgs.absentTo, { exact: true }).fill('2031-05-01');
    await person.getByLabel(A.orgs.email).fill('yara.young@adatum.example');
    await person.getByLabel(A.orgs.phone).fill('+49 40 1234 5678');
    await person.getByRole('button', { name: A.orgs.savePerson }).click();
    expect(await errorBeside(person.getByLabel(A.orgs.absentFrom, { exact: true }))).toBe(A.orgs.absenceOrder);
    const created = (await resolver('organisations/list', { limit: 100 })).items.find((o: { name: string }) => o.name === 'Adatum Logistics');
    expect(created).toMatchObject({ deploymentType: 'installed', templateKeys: ['key-contacts', 'service-engagement'], peopleCount: 0 });

    // Fixed, with a role of each template (the roles are grouped by template), and saved with the keyboard.
    await person.getByLabel(A.orgs.absentTo, { exact: true }).fill('2031-05-20');
    await person.getByRole('group', { name: 'Key contacts' }).getByRole('checkbox', { name: 'Service Owner' }).check();
    await person.getByRole('group', { name: 'Service engagement' }).getByRole('checkbox', { name: 'Engagement Sponsor' }).check();
    await person.getByLabel(A.orgs.phone).press('Enter');
    await visible(register.getByText(A.orgs.saved));
    // The form closed; the focus is on the button that opens it again, not lost.
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('add-person');
    const yara = register.getByRole('row', { name: /Yara Young/ });
    await visible(yara.getByText('Service Owner, Engagement Sponsor'));
    await visible(yara.getByText('2031-05-10 → 2031-05-20'));

    // A second Service Owner who backs Yara up.
    await register.getByRole('button', { name: A.orgs.addPerson }).click();
    await person.getByLabel(A.orgs.name).fill('Zeno Zimmer');
    await person.getByLabel(A.orgs.email).fill('zeno.zimmer@adatum.example');
    await person.getByRole('group', { name: 'Key contacts' }).getByRole('checkbox', { name: 'Service Owner' }).check();
    await person.getByRole('group', { name: A.orgs.backups }).getByRole('checkbox', { name: 'Yara Young' }).check();
    await person.getByRole('button', { name: A.orgs.savePerson }).click();
    await visible(register.getByRole('row', { name: /Zeno Zimmer/ }).getByRole('cell', { name: 'Yara Young' }));

    const stored = (await resolver('register/get', { registerId: created.id })).register;
    expect(stored).toMatchObject({ name: 'Adatum Logistics', jsmOrganizationId: null, deploymentType: 'installed', templateKeys: ['key-contacts', 'service-engagement'] });
    const yaraStored = stored.people.find((p: { name: string }) => p.name === 'Yara Young');
    expect(yaraStored).toMatchObject({
      email: 'yara.young@adatum.example',
      phone: '+49 40 1234 5678',
      roles: ['key-contacts/service-owner', 'service-engagement/engagement-sponsor'],
      absences: [{ from: '2031-05-10', to: '2031-05-20' }],
    });
    expect(stored.people.find((p: { name: string }) => p.name === 'Zeno Zimmer')).toMatchObject({ phone: null, roles: ['key-contacts/service-owner'], backupFor: [yaraStored.id] });

    await expectNoSeriousViolations(page);
  });

  it('creates the register of a JSM organisation on a fresh site, which then leaves the list of organisations without one', async () => {
    await reset('empty');
    const { page, frame } = await openAdmin();
    await openTab(frame, A.tabs.organisations);
    await visible(frame.getByText(A.orgs.none));
    const create = frame.getByRole('form', { name: A.orgs.createHeading });
    const jsm = create.getByRole('combobox', { name: new RegExp(`^${A.orgs.jsmOrganisation}`) });
    await frame.waitForFunction(() => document.querySelectorAll('#create-jsm option').length === 6, undefined, { timeout: 10_000 });
    await create.getByRole('button', { name: A.orgs.create }).click();
    expect(await errorBeside(jsm)).toBe(A.orgs.chooseJsm);

    await jsm.selectOption({ label: 'Fabrikam Metal' });
    await create.getByLabel(A.orgs.deployment).selectOption('installed');
    await create.getByRole('button', { name: A.orgs.create }).click();
    await visible(create.getByText(fill(A.orgs.created, { name: 'Fabrikam Metal' })));
    const register = frame.getByRole('region', { name: 'Fabrikam Metal', exact: true });
    await visible(register.getByText(summaryLine(A.orgs.summary, A.deployment.installed)));
    // Installed: the Operations Technician of the key contacts applies, and nobody holds it yet.
    expect((await registerOf('Fabrikam Metal')).templateKeys).toEqual(['key-contacts']);
    const coverage = (await resolver('register/get', { registerId: registerIdOf('Fabrikam Metal') })).coverage;
    expect(coverage.roles.find((r: { ref: string }) => r.ref === 'key-contacts/operations-technician')).toMatchObject({ status: 'missing', required: 1 });
    // A JSM organisation has one register: it is no longer offered.
    expect(await jsm.locator('option', { hasText: 'Fabrikam Metal' }).count()).toBe(0);
    await visible(frame.getByRole('button', { name: 'Fabrikam Metal', exact: true }));
    await expectNoSeriousViolations(page);
  });

  it('changes an organisation’s deployment type and templates, and shows a duplicate email the server refuses beside the field', async () => {
    const { page, frame } = await openAdmin();
    const register = await openRegister(frame, A.tabs.organisations, 'Contoso Foods');
    const details = register.getByRole('form', { name: A.orgs.detailsHeading });
    const templates = details.getByRole('group', { name: new RegExp(A.orgs.templates) });

    // No template at all is refused in the page, beside the templates.
    await templates.getByRole('checkbox', { name: 'Key contacts' }).uncheck();
    await templates.getByRole('checkbox', { name: 'Service engagement' }).uncheck();
    await details.getByRole('button', { name: A.orgs.saveDetails }).click();
    await visible(templates.getByText(A.orgs.chooseTemplate));
    expect(await templates.getAttribute('aria-describedby')).toBe('details-templates-error');
    expect((await registerOf('Contoso Foods')).version).toBe(1);

    await templates.getByRole('checkbox', { name: 'Key contacts' }).check();
    await templates.getByRole('checkbox', { name: 'Onboarding project' }).check();
    await details.getByLabel(A.orgs.deployment).selectOption('installed');
    await details.getByRole('button', { name: A.orgs.saveDetails }).click();
    await visible(register.getByText(A.orgs.saved));
    await visible(register.getByText(summaryLine(A.orgs.summary, A.deployment.installed)));
    const changed = await registerOf('Contoso Foods');
    expect(changed).toMatchObject({ deploymentType: 'installed', templateKeys: ['key-contacts', 'onboarding'], version: 2 });
    // People keep the roles of a template taken off (coverage ignores them): putting it back finds them in place.
    expect(changed.people.find((p: { id: string }) => p.id === 'p-olga').roles).toContain('service-engagement/engagement-sponsor');
    // The list line follows.
    await visible(frame.getByRole('listitem').filter({ hasText: 'Contoso Foods' }).getByText(A.deployment.installed, { exact: false }));

    // Only the server knows that Olga already has this email: its finding is shown beside the email field.
    await register.getByRole('button', { name: fill(A.orgs.editNamed, { name: 'Tobias Berger' }) }).click();
    const person = frame.getByRole('form', { name: fill(A.orgs.editHeading, { name: 'Tobias Berger' }) });
    await person.getByLabel(A.orgs.email).fill('OLGA@contoso-foods.example');
    await person.getByRole('button', { name: A.orgs.savePerson }).click();
    await frame.waitForFunction(() => document.querySelector('#person-email-error'), undefined, { timeout: 10_000 });
    expect(await errorBeside(person.getByLabel(A.orgs.email))).toBe(en.errors.issues.DUPLICATE_EMAIL);
    // Everything is said beside the field: no separate alert repeats it.
    expect(await person.getByRole('alert').count()).toBe(0);
    const after = await registerOf('Contoso Foods');
    expect(after.version).toBe(2);
    expect(after.people.find((p: { id: string }) => p.id === 'p-tobias').email).toBe('tobias.berger@contoso-foods.example');

    await expectNoSeriousViolations(page);
  });

  it('tells the second of two admins editing at once that the register changed, and keeps both edits after Reload', async () => {
    const first = await openAdmin();
    const second = await openAdmin();
    const mine = await openRegister(first.frame, A.tabs.organisations, 'Contoso Foods');
    const theirs = await openRegister(second.frame, A.tabs.organisations, 'Contoso Foods');
    const editOlga = fill(A.orgs.editNamed, { name: 'Olga Owner' });
    const olgaForm = (frame: Frame) => frame.getByRole('form', { name: fill(A.orgs.editHeading, { name: 'Olga Owner' }) });
    await mine.getByRole('button', { name: editOlga }).click();
    await theirs.getByRole('button', { name: editOlga }).click();

    // The first admin changes Olga's phone and saves.
    await olgaForm(first.frame).getByLabel(A.orgs.phone).fill('+43 1 999 00 00');
    await olgaForm(first.frame).getByRole('button', { name: A.orgs.savePerson }).click();
    await visible(mine.getByText(A.orgs.saved));

    // The second, on the version both read, renames her and gives her a backup: the save is refused, nothing is lost.
    const form = olgaForm(second.frame);
    await form.getByLabel(A.orgs.name).fill('Olga Owner-Berger');
    await form.getByRole('group', { name: A.orgs.backups }).getByRole('checkbox', { name: 'Tobias Berger' }).check();
    await form.getByRole('button', { name: A.orgs.savePerson }).click();
    const alert = form.getByRole('alert');
    await visible(alert.getByText(en.errors.CONFLICT));
    expect((await registerOf('Contoso Foods')).people.find((p: { id: string }) => p.id === 'p-olga')).toMatchObject({ name: 'Olga Owner', phone: '+43 1 999 00 00' });
    // The table still shows what this page read.
    await visible(theirs.getByRole('row', { name: /Olga Owner/ }).getByText('+43 1 234 56 78'));

    // Reload, with the keyboard: the newer data shows, the form keeps what was typed and takes the newer phone.
    await alert.getByRole('button', { name: en.common.reload }).focus();
    await second.page.keyboard.press('Enter');
    await visible(theirs.getByText(A.orgs.reloaded));
    await visible(theirs.getByRole('row', { name: /Olga Owner/ }).getByText('+43 1 999 00 00'));
    expect(await form.getByLabel(A.orgs.name).inputValue()).toBe('Olga Owner-Berger');
    expect(await form.getByLabel(A.orgs.phone).inputValue()).toBe('+43 1 999 00 00');
    expect(await form.getByRole('group', { name: A.orgs.backups }).getByRole('checkbox', { name: 'Tobias Berger' }).isChecked()).toBe(true);
    await expectNoSeriousViolations(second.page);

    const heading = fill(A.orgs.editHeading, { name: 'Olga Owner' });
    await second.frame.getByRole('form', { name: heading }).getByRole('button', { name: A.orgs.savePerson }).click();
    await visible(theirs.getByText(A.orgs.saved));
    const olga = (await registerOf('Contoso Foods')).people.find((p: { id: string }) => p.id === 'p-olga');
    expect(olga).toMatchObject({ name: 'Olga Owner-Berger', phone: '+43 1 999 00 00', backupFor: ['p-tobias'] });
    expect((await registerOf('Contoso Foods')).version).toBe(3);
  });
});

// ---- CSV -----------------------------------------------------------------------------------------------------------

describe('admin page: CSV', () => {
  it('exports a register as a CSV file with one row per person', async () => {
    const { page, frame } = await openAdmin();
    await openTab(frame, A.tabs.csv);
    await frame.getByLabel(A.csv.organisation).selectOption({ label: 'Contoso Foods' });
    await frame.getByRole('button', { name: A.csv.export }).click();
    const link = frame.getByRole('link', { name: new RegExp(`^${fill(A.csv.download, { filename: '' })}`) });
    await visible(link);
    const file = await download(page, link);

    const register = await registerOf('Contoso Foods');
    expect(file.name).toMatch(new RegExp(`^${register.id}-contacts-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(file.text.split('\r\n')[0]).toBe('person_id,name,email,phone,account_id,roles,backup_for,absences');
    const rows = Papa.parse<Record<string, string>>(file.text.trimEnd(), { header: true }).data;
    expect(rows.map((r) => r.person_id)).toEqual(register.people.map((p: { id: string }) => p.id));
    const olga = register.people.find((p: { id: string }) => p.id === 'p-olga');
    // Phones start with "+": written with a leading ' so that a spreadsheet does not take them for a formula.
    expect(rows.find((r) => r.person_id === 'p-olga')).toEqual({
      person_id: 'p-olga',
      name: 'Olga Owner',
      email: 'olga@contoso-foods.example',
      phone: "'+43 1 234 56 78",
      account_id: olga.accountId,
      roles: 'key-contacts/service-owner;key-contacts/contract-manager;service-engagement/engagement-sponsor',
      backup_for: '',
      absences: '',
    });
    const tobias = register.people.find((p: { id: string }) => p.id === 'p-tobias');
    expect(rows.find((r) => r.person_id === 'p-tobias')!.absences).toBe(`${tobias.absences[0].from}/${tobias.absences[0].to}`);
    await expectNoSeriousViolations(page);
  });

  it('exports the coverage list as CSV, worst first as the tab shows it', async () => {
    const { page, frame } = await openAdmin();
    await openTab(frame, A.tabs.coverage);
    const table = frame.getByRole('table', { name: A.coverage.heading });
    await visible(table);
    await frame.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 5, undefined, { timeout: 10_000 });
    const shown = await table.locator('tbody th').allInnerTexts();
    await frame.getByRole('button', { name: A.coverage.export }).click();
    const file = await download(page, frame.getByRole('link', { name: A.coverage.download }));

    const listed = await resolver('coverage/list', { limit: 100 });
    expect(file.name).toBe(`coverage-${listed.today}.csv`);
    const [header, ...rows] = file.text.trimEnd().split('\r\n');
    expect(header).toBe('organisation_id,organisation,jsm_organization_id,deployment_type,day,score,missing,below_recommended,no_backup,absent_today_without_backup,premium_opportunities,gaps');
    expect(rows.map((r) => r.split(',')[1])).toEqual(shown);
    const contoso = rows.find((r) => r.startsWith(`${registerIdOf('Contoso Foods')},`))!.split(',');
    const item = listed.items.find((i: { name: string }) => i.name === 'Contoso Foods');
    expect(contoso.slice(3, 7)).toEqual(['hosted', listed.today, String(item.score), String(item.summary.missing)]);
    // Tobias is away today with nobody standing in: the gaps column says so.
    expect(contoso.at(-1)).toMatch(/key-contacts\/expert-user:[a-z-]+\+[a-z+-]*absent-today/);
    await expectNoSeriousViolations(page);
  });

  it('imports contacts from a file after a dry run, with a report of each rejected row and why', async () => {
    const { page, frame } = await openAdmin();
    await openTab(frame, A.tabs.csv);
    await frame.getByLabel(A.csv.organisation).selectOption({ label: 'Contoso Foods' });
    const csv = [
      'name,email,phone,roles',
      'Nina Neumann,nina.neumann@contoso-foods.example,+43 1 234 56 81,key-contacts/service-owner',
      'Bad Email,not-an-email,,',
      'Bad Phone,bad.phone@contoso-foods.example,0123,',
      'Wrong Role,wrong.role@contoso-foods.example,,key-contacts/chief-wizard',
      'Nina Again,NINA.NEUMANN@contoso-foods.example,,',
      'Short,row',
    ].join('\n');
    await frame.getByLabel(A.csv.file).setInputFiles({ name: 'contoso.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await frame.waitForFunction(() => (document.querySelector('#csv-text') as { value: string }).value.startsWith('name,email'), undefined, { timeout: 10_000 });
    // Import stays off until a dry run has shown what it would do.
    expect(await frame.getByRole('button', { name: A.csv.import, exact: true }).isDisabled()).toBe(true);

    await frame.getByRole('button', { name: A.csv.dryRun }).click();
    await visible(frame.getByText(A.csv.dryRunDone));
    await visible(frame.getByText(fill(A.csv.counts, { added: 1, updated: 0, unchanged: 0, rejected: 5, notApplied: 0 })));
    const report = frame.getByRole('table', { name: A.csv.rejectedHeading });
    const rows = await report.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())));
    // The page words each reason's code itself, with the values the reason names.
    expect(rows).toEqual([
      ['3', A.csv.outcomes.rejected, A.csv.reason.column.email],
      ['4', A.csv.outcomes.rejected, A.csv.reason.column.phone],
      ['5', A.csv.outcomes.rejected, fill(A.csv.reason.unknownRole, { role: 'key-contacts/chief-wizard' })],
      ['6', A.csv.outcomes.rejected, fill(A.csv.reason.samePerson, { row: 2 })],
      ['7', A.csv.outcomes.rejected, fill(A.csv.reason.cellCount, { cells: 2, header: 4 })],
    ]);
    // The same dry run through the resolver: those texts stand for these codes.
    const dry = await resolver('contacts/import-csv', { registerId: registerIdOf('Contoso Foods'), csv, dryRun: true });
    expect(dry.rows.filter((r: { outcome: string }) => r.outcome === 'rejected').map((r: { row: number; reasons: Array<{ code: string }> }) => [r.row, r.reasons.map((x) => x.code)])).toEqual([
      [3, ['INVALID_CELL']],
      [4, ['INVALID_CELL']],
      [5, ['UNKNOWN_ROLE']],
      [6, ['SAME_PERSON_AS_ROW']],
      [7, ['CELL_COUNT']],
    ]);
    expect((await registerOf('Contoso Foods')).version).toBe(1);
    await expectNoSeriousViolations(page);

    await frame.getByRole('button', { name: A.csv.import, exact: true }).click();
    await visible(frame.getByText(A.csv.imported));
    const people = (await registerOf('Contoso Foods')).people;
    expect(people.find((p: { email: string }) => p.email === 'nina.neumann@contoso-foods.example')).toMatchObject({ name: 'Nina Neumann', phone: '+43 1 234 56 81', roles: ['key-contacts/service-owner'] });
    for (const refused of ['not-an-email', 'bad.phone@contoso-foods.example', 'wrong.role@contoso-foods.example']) expect(people.some((p: { email: string }) => p.email === refused)).toBe(false);
    expect(people).toHaveLength(5);

    // A file without an email column is refused whole, and the page says what a file needs.
    await frame.getByLabel(A.csv.paste).fill('name,phone\nSomeone,+43 1 000 00 00');
    await frame.getByRole('button', { name: A.csv.dryRun }).click();
    const alert = frame.getByRole('alert');
    await visible(alert.getByText(en.errors.INVALID_INPUT));
    await visible(alert.getByText(en.errors.issues.csv));
  });
});

// ---- personal data -----------------------------------------------------------------------------------------------

describe('admin page: personal data', () => {
  it('exports what the registers hold about a person, erases it, and finds nothing afterwards', async () => {
    const { page, frame } = await openAdmin();
    await openTab(frame, A.tabs.personalData);
    const email = frame.getByLabel(A.personal.email);
    await email.fill('tobias.berger@');
    await frame.getByRole('button', { name: A.personal.export }).click();
    expect(await errorBeside(email)).toBe(A.personal.badEmail);

    await email.fill('tobias.berger@contoso-foods.example');
    await email.press('Enter');
    await visible(frame.getByText(fill(A.personal.foundRecords.one, { count: 1 })));
    const found = frame.getByRole('table', { name: A.personal.recordsHeading });
    await visible(found.getByRole('row', { name: /Contoso Foods/ }).getByText('Tobias Berger'));
    const file = await download(page, frame.getByRole('link', { name: A.personal.download }));
    const exported = JSON.parse(file.text);
    expect(exported.lookup).toEqual({ email: 'tobias.berger@contoso-foods.example' });
    expect(exported.records).toEqual([expect.objectContaining({ registerName: 'Contoso Foods', person: expect.objectContaining({ id: 'p-tobias', phone: '+43 1 234 56 79' }) })]);
    await expectNoSeriousViolations(page);

    // Erasing needs the confirmation ticked first.
    const erase = frame.getByRole('button', { name: A.personal.erase });
    expect(await erase.isDisabled()).toBe(true);
    await frame.getByRole('checkbox', { name: A.personal.confirm }).check();
    await erase.click();
    await visible(frame.getByText(fill(A.personal.erasedPeople.one, { count: 1 }), { exact: false }));

    await frame.getByRole('button', { name: A.personal.export }).click();
    await visible(frame.getByText(A.personal.nothingFound));
    const register = await registerOf('Contoso Foods');
    expect(register.people.map((p: { id: string }) => p.id)).not.toContain('p-tobias');
    expect(JSON.stringify(register)).not.toContain('tobias.berger');
    const shown = await openRegister(frame, A.tabs.organisations, 'Contoso Foods');
    expect(await shown.getByText('Tobias Berger').count()).toBe(0);
  });
});

// ---- French ------------------------------------------------------------------------------------------------------

describe('admin page in French', () => {
  beforeEach(() => {
    host.jiraStore.addUser(FRENCH_ADMIN);
  });

  it('lets a French administrator copy a template, rename a role and add a duty in both languages', async () => {
    const { page, frame } = await openAdmin(FRENCH_ADMIN.accountId);
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('fr-FR');
    await visible(frame.getByRole('heading', { level: 1, name: F.title }));
    // The tabs answer the arrow keys, as a tab list should.
    await frame.getByRole('tab', { name: F.tabs.settings }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe(F.tabs.templates);
    expect(await frame.getByRole('tab', { name: F.tabs.templates }).getAttribute('aria-selected')).toBe('true');

    const copy = frame.getByRole('form', { name: F.templates.copyHeading });
    await visible(copy);
    await copy.getByLabel(F.templates.source).selectOption({ label: 'Contacts clés' });
    await copy.getByLabel(F.templates.newKey).fill('Nos Contacts');
    await copy.getByRole('button', { name: F.templates.copy }).click();
    expect(await errorBeside(copy.getByLabel(F.templates.newKey))).toBe(F.templates.keyRule);
    expect(await errorBeside(copy.getByLabel(F.templates.nameEn))).toBe(fr.validation.required);
    await copy.getByLabel(F.templates.newKey).fill('contacts-fr');
    await copy.getByLabel(F.templates.nameEn).fill('Our French key contacts');
    await copy.getByLabel(F.templates.nameFr).fill('Nos contacts clés');
    await copy.getByRole('button', { name: F.templates.copy }).click();
    await visible(frame.getByRole('heading', { name: fill(F.templates.editing, { name: 'Nos contacts clés' }) }));
    // The copy is listed under its French name, as a template the site can edit.
    await visible(frame.getByRole('button', { name: fill(F.templates.editNamed, { name: 'Nos contacts clés' }) }));

    const role = frame.getByRole('region', { name: /Responsable du service/ });
    await role.getByLabel(F.templates.nameEn).fill('Main Contact');
    await role.getByLabel(F.templates.nameFr).fill('Contact principal');
    await role.getByRole('button', { name: F.templates.rename }).click();
    await visible(frame.getByText(F.templates.saved));
    const renamed = frame.getByRole('region', { name: /Contact principal/ });
    await visible(renamed.getByText(`(${F.side.client})`));

    // A duty in one language only is refused in the page.
    await renamed.getByLabel(F.templates.dutyFr).fill('Participe à la revue de service trimestrielle');
    await renamed.getByRole('button', { name: F.templates.addDuty }).click();
    await visible(renamed.getByText(F.templates.dutyBothLanguages));
    await renamed.getByLabel(F.templates.dutyEn).fill('Joins the quarterly service review');
    await renamed.getByRole('button', { name: F.templates.addDuty }).click();
    await visible(renamed.getByRole('button', { name: fill(F.templates.removeDutyNamed, { duty: 'Participe à la revue de service trimestrielle' }) }));

    // A key already taken is only known to the server: its refusal is shown beside the key, in French.
    await copy.getByLabel(F.templates.newKey).fill('contacts-fr');
    await copy.getByLabel(F.templates.nameEn).fill('Another copy');
    await copy.getByLabel(F.templates.nameFr).fill('Une autre copie');
    await copy.getByRole('button', { name: F.templates.copy }).click();
    await frame.waitForFunction(() => document.querySelector('#copy-key-error'), undefined, { timeout: 10_000 });
    expect(await errorBeside(copy.getByLabel(F.templates.newKey))).toBe(fr.errors.issues.DUPLICATE_KEY);

    const { templates } = await resolver('templates/list', {}, FRENCH_ADMIN.accountId);
    const saved = templates.find((t: { key: string }) => t.key === 'contacts-fr');
    expect(saved.name).toEqual({ 'en-US': 'Our French key contacts', 'fr-FR': 'Nos contacts clés' });
    expect(templates.filter((t: { name: { 'fr-FR': string } }) => t.name['fr-FR'] === 'Une autre copie')).toEqual([]);
    const main = saved.roles.find((r: { key: string }) => r.key === 'service-owner');
    expect(main.name).toEqual({ 'en-US': 'Main Contact', 'fr-FR': 'Contact principal' });
    expect(main.duties.at(-1).text).toEqual({ 'en-US': 'Joins the quarterly service review', 'fr-FR': 'Participe à la revue de service trimestrielle' });

    await expectNoEnglish(frame);
    await expectNoSeriousViolations(page);
  });

  it('shows a French administrator the server’s refusals, a conflict and an import report in French only', async () => {
    const { page, frame } = await openAdmin(FRENCH_ADMIN.accountId);
    const register = await openRegister(frame, F.tabs.organisations, 'Contoso Foods');

    // A duplicate email: the server's finding, in French, beside the field; its English message nowhere.
    await register.getByRole('button', { name: fill(F.orgs.editNamed, { name: 'Tobias Berger' }) }).click();
    const person = frame.getByRole('form', { name: fill(F.orgs.editHeading, { name: 'Tobias Berger' }) });
    await person.getByLabel(F.orgs.email).fill('olga@contoso-foods.example');
    await person.getByRole('button', { name: F.orgs.savePerson }).click();
    await frame.waitForFunction(() => document.querySelector('#person-email-error'), undefined, { timeout: 10_000 });
    expect(await errorBeside(person.getByLabel(F.orgs.email))).toBe(fr.errors.issues.DUPLICATE_EMAIL);
    await expectNoEnglish(frame);

    // Someone else saves the register meanwhile: the conflict is in French, with "Recharger" and no English detail.
    const version = (await registerOf('Contoso Foods')).version;
    await resolver('register/update', { registerId: registerIdOf('Contoso Foods'), expectedVersion: version, changes: [{ kind: 'details', deploymentType: 'installed' }] });
    await person.getByLabel(F.orgs.email).fill('tobias@contoso-foods.example');
    await person.getByRole('button', { name: F.orgs.savePerson }).click();
    const alert = person.getByRole('alert');
    await visible(alert.getByText(fr.errors.CONFLICT));
    // No "Détails :" line: the server's English message is for English pages only.
    expect(await alert.innerText()).not.toContain(fill(fr.common.errorDetail, { detail: '' }).trim());
    await expectNoEnglish(frame);
    await alert.getByRole('button', { name: fr.common.reload }).click();
    await visible(register.getByText(F.orgs.reloaded));
    await visible(register.getByText(summaryLine(F.orgs.summary, F.deployment.installed)));
    await person.getByRole('button', { name: F.orgs.savePerson }).click();
    await visible(register.getByText(F.orgs.saved));
    expect((await registerOf('Contoso Foods')).people.find((p: { id: string }) => p.id === 'p-tobias').email).toBe('tobias@contoso-foods.example');
    await expectNoSeriousViolations(page);

    // An import report: each rejected row's reason in French.
    await openTab(frame, F.tabs.csv);
    await frame.getByLabel(F.csv.organisation).selectOption({ label: 'Contoso Foods' });
    await frame
      .getByLabel(F.csv.paste)
      .fill(['email,name,phone', 'lea.roux@contoso-foods.example,Léa Roux,+33 6 12 34 56 78', 'pas-une-adresse,Jean Dupont,', 'olga@contoso-foods.example,Olga Owner,12', 'LEA.ROUX@contoso-foods.example,Léa,', 'court'].join('\n'));
    await frame.getByRole('button', { name: F.csv.dryRun }).click();
    await visible(frame.getByText(F.csv.dryRunDone));
    const rows = await frame
      .getByRole('table', { name: F.csv.rejectedHeading })
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())));
    expect(rows).toEqual([
      ['3', F.csv.outcomes.rejected, F.csv.reason.column.email],
      ['4', F.csv.outcomes.rejected, F.csv.reason.column.phone],
      ['5', F.csv.outcomes.rejected, fill(F.csv.reason.samePerson, { row: 2 })],
      ['6', F.csv.outcomes.rejected, fill(F.csv.reason.cellCount, { cells: 1, header: 3 })],
    ]);
    await expectNoEnglish(frame);
    await expectNoSeriousViolations(page);
  });

  it('lets an English administrator switch the page to French, and back to their Jira language', async () => {
    const { page, frame } = await openAdmin();
    const language = frame.getByRole('form', { name: A.language.heading });
    await language.getByRole('radio', { name: 'Français' }).check();
    await language.getByRole('button', { name: A.language.save }).click();
    await visible(frame.getByRole('heading', { level: 1, name: F.title }));
    await visible(frame.getByText(F.language.saved));
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('fr-FR');
    await expectNoEnglish(frame);
    // Each language is named in itself, marked as such for screen readers.
    expect(await frame.getByRole('form', { name: F.language.heading }).getByText('English', { exact: true }).getAttribute('lang')).toBe('en');
    await expectNoSeriousViolations(page);

    // Kept: the page opens in French next time.
    await page.reload();
    const again = await adminFrame(page);
    await visible(again.getByRole('heading', { level: 1, name: F.title }));
    await visible(again.getByRole('tab', { name: F.tabs.organisations }));
    expect(await resolver('viewer/get', {})).toMatchObject({ preferredLocale: 'fr-FR' });

    const form = again.getByRole('form', { name: F.language.heading });
    await form.getByRole('radio', { name: F.language.followJira }).check();
    await form.getByRole('button', { name: F.language.save }).click();
    await visible(again.getByRole('heading', { level: 1, name: A.title }));
    expect(await resolver('viewer/get', {})).toMatchObject({ preferredLocale: null });
  });
});
