import type { ForgeHost } from '../runtime/host';
import { rankFor, todayOf } from '../../src/domain/register-coverage';
import { describeRegisterChange, type RegisterContent } from '../../src/domain/register-editing';
import type { Person } from '../../src/shared/registers';
import { createProposal } from '../../src/storage/proposal-repository';
import { writeRegister } from '../../src/storage/register-repository';
import { readTemplates } from '../../src/storage/template-repository';
import { demoUser } from './demo-directory';

/**
 * The demo's organisation registers, written through the app's own storage functions (the host's KVS seam serves
 * them, as it serves the app), so that the admin page, the issue panel and the portal open on registers with
 * something to show: a hosted customer with every key contact in place, an installed one without an Operations
 * Technician (a premium-service opportunity), one whose contacts lack backups and have someone away today, and a
 * customer's pending proposal. Absences are dated from the sandbox's today, so they are current whenever it runs.
 */

const SEED_ACTOR = 'demo-seed';

function day(offset: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return todayOf(d);
}

function person(id: string, name: string, email: string, phone: string | null, roles: string[], extra: Partial<Person> = {}): Person {
  return { id, name, email, phone, accountId: null, roles, backupFor: [], absences: [], ...extra };
}

const account = (email: string) => demoUser(email).accountId;

export async function seedDemoRegisters(host: ForgeHost): Promise<void> {
  const jsm = (name: string): string => {
    const org = host.jiraStore.organizationByName(name);
    if (!org) throw new Error(`The demo site has no JSM organisation ${name}`);
    return org.id;
  };
  const registers: Array<{ jsmOrganizationId: string; content: RegisterContent }> = [
    {
      jsmOrganizationId: jsm('Tailspin Retail'),
      content: {
        name: 'Tailspin Retail',
        deploymentType: 'hosted',
        projectKind: null,
        templateKeys: ['key-contacts'],
        people: [
          person('p-hana', 'Hana Hosted', 'hana@tailspin-retail.example', '+34 91 123 45 67', ['key-contacts/service-owner', 'key-contacts/expert-user'], { accountId: account('hana@tailspin-retail.example') }),
          person('p-luis', 'Luis Ortega', 'luis.ortega@tailspin-retail.example', '+34 91 123 45 68', ['key-contacts/service-owner', 'key-contacts/contract-manager'], { backupFor: ['p-hana'] }),
          person('p-ana', 'Ana Ruiz', 'ana.ruiz@tailspin-retail.example', '+34 93 555 01 02', ['key-contacts/contract-manager'], { backupFor: ['p-luis'] }),
        ],
      },
    },
    {
      jsmOrganizationId: jsm('Fabrikam Metal'),
      content: {
        name: 'Fabrikam Metal',
        deploymentType: 'installed',
        projectKind: null,
        templateKeys: ['key-contacts'],
        people: [
          person('p-ivan', 'Ivan Installer', 'ivan@fabrikam-metal.example', '+48 22 555 12 34', ['key-contacts/expert-user', 'key-contacts/service-owner'], { accountId: account('ivan@fabrikam-metal.example') }),
          person('p-marta', 'Marta Kowalska', 'marta.kowalska@fabrikam-metal.example', '+48 22 555 12 35', ['key-contacts/contract-manager', 'key-contacts/service-owner'], { backupFor: ['p-ivan'] }),
        ],
      },
    },
    {
      jsmOrganizationId: jsm('Contoso Foods'),
      content: {
        name: 'Contoso Foods',
        deploymentType: 'hosted',
        projectKind: null,
        templateKeys: ['key-contacts', 'service-engagement'],
        people: [
          person('p-olga', 'Olga Owner', 'olga@contoso-foods.example', '+43 1 234 56 78', ['key-contacts/service-owner', 'key-contacts/contract-manager', 'service-engagement/engagement-sponsor'], {
            accountId: account('olga@contoso-foods.example'),
          }),
          person('p-tobias', 'Tobias Berger', 'tobias.berger@contoso-foods.example', '+43 1 234 56 79', ['key-contacts/expert-user', 'service-engagement/engagement-lead'], {
            absences: [{ from: day(-1), to: day(4) }],
          }),
          person('p-dana', 'Dana Delivery', 'lead@engagement-desk.example', null, ['service-engagement/account-manager'], { accountId: account('lead@engagement-desk.example') }),
          person('p-carl', 'Carl Consultant', 'carl@engagement-desk.example', null, ['service-engagement/service-provider', 'service-engagement/service-coordinator'], {
            accountId: account('carl@engagement-desk.example'),
          }),
        ],
      },
    },
    {
      jsmOrganizationId: jsm('Northwind Partners'),
      content: {
        name: 'Northwind Partners',
        deploymentType: 'hosted',
        projectKind: null,
        templateKeys: ['service-engagement'],
        people: [
          person('p-paula', 'Paula Partner', 'paula@northwind-partners.example', '+1 212 555 0142', ['service-engagement/engagement-sponsor', 'service-engagement/engagement-lead'], {
            accountId: account('paula@northwind-partners.example'),
          }),
        ],
      },
    },
    {
      jsmOrganizationId: jsm('Lumière Conseil'),
      content: {
        name: 'Lumière Conseil',
        deploymentType: 'hosted',
        projectKind: null,
        templateKeys: ['service-engagement'],
        people: [
          person('p-pierre', 'Pierre Partenaire', 'pierre@lumiere-conseil.example', '+33 1 23 45 67 89', ['service-engagement/engagement-sponsor'], { accountId: account('pierre@lumiere-conseil.example') }),
          person('p-elodie', 'Élodie Martin', 'elodie.martin@lumiere-conseil.example', '+33 4 72 00 11 22', ['service-engagement/engagement-lead', 'service-engagement/technical-support-staff'], {
            backupFor: ['p-pierre'],
          }),
        ],
      },
    },
  ];

  const today = todayOf(new Date());
  for (const { jsmOrganizationId, content } of registers) {
    const templates = await readTemplates(content.templateKeys);
    await writeRegister({
      before: null,
      create: { id: `jsm-${jsmOrganizationId}`, jsmOrganizationId },
      content,
      rank: rankFor(content, templates, today),
      actor: SEED_ACTOR,
      audit: { action: 'register.create', ...describeRegisterChange(null, content) },
    });
  }

  // Olga asked on the portal for a second Service Owner (the demo's general question): it waits for an agent.
  await createProposal({
    id: 'pr-demo0000001',
    registerId: `jsm-${jsm('Contoso Foods')}`,
    status: 'pending',
    change: {
      kind: 'add',
      person: {
        name: 'Lena Gruber',
        email: 'lena.gruber@contoso-foods.example',
        phone: '+43 1 234 56 80',
        roles: ['key-contacts/service-owner'],
        backupFor: ['p-olga'],
        absences: [],
      },
    },
    baseVersion: 1,
    proposedBy: account('olga@contoso-foods.example'),
    proposedAt: new Date().toISOString(),
    decidedBy: null,
    decidedAt: null,
    note: null,
    version: 1,
  });
}
