import type { ProjectRow } from '../jira/jira-store';
import type { SandboxUser } from '../jira/types';

/**
 * The demo site's people and projects. Names and emails are stable: scripts find things by them, never by ids.
 * Account ids look like Atlassian's (a prefix, a colon, a uuid) so that code which mishandles the colon fails here.
 */
const id = (n: number): string => `712020:5e1d0c00-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const DEMO_USERS: SandboxUser[] = [
  { accountId: id(1), displayName: 'Ada Admin', emailAddress: 'admin@engagement-desk.example', kind: 'admin', locale: 'en-US', timeZone: 'Europe/London' },
  { accountId: id(2), displayName: 'Sam Support', emailAddress: 'agent@engagement-desk.example', kind: 'agent', locale: 'en-US', timeZone: 'Europe/London' },
  { accountId: id(3), displayName: 'Dana Delivery', emailAddress: 'lead@engagement-desk.example', kind: 'delivery', deliveryRole: 'lead', locale: 'en-US', timeZone: 'Europe/Berlin' },
  { accountId: id(4), displayName: 'Carl Consultant', emailAddress: 'carl@engagement-desk.example', kind: 'delivery', deliveryRole: 'consultant', locale: 'en-US', timeZone: 'Europe/Berlin' },
  { accountId: id(5), displayName: 'Chloé Conseil', emailAddress: 'chloe@engagement-desk.example', kind: 'delivery', deliveryRole: 'consultant', locale: 'fr-FR', timeZone: 'Europe/Paris' },
  { accountId: id(6), displayName: 'Kofi Mensah', emailAddress: 'kofi@engagement-desk.example', kind: 'delivery', deliveryRole: 'consultant', locale: 'en-US', timeZone: 'Africa/Accra' },
  { accountId: id(7), displayName: 'Mei Tanaka', emailAddress: 'mei@engagement-desk.example', kind: 'delivery', deliveryRole: 'consultant', locale: 'en-US', timeZone: 'Asia/Tokyo' },
  { accountId: id(8), displayName: 'Paula Partner', emailAddress: 'paula@northwind-partners.example', kind: 'customer', organization: 'Northwind Partners', locale: 'en-US', timeZone: 'America/New_York' },
  { accountId: id(9), displayName: 'Pierre Partenaire', emailAddress: 'pierre@lumiere-conseil.example', kind: 'customer', organization: 'Lumière Conseil', locale: 'fr-FR', timeZone: 'Europe/Paris' },
  { accountId: id(10), displayName: 'Olga Owner', emailAddress: 'olga@contoso-foods.example', kind: 'customer', organization: 'Contoso Foods', locale: 'en-US', timeZone: 'Europe/Vienna' },
  { accountId: id(11), displayName: 'Ivan Installer', emailAddress: 'ivan@fabrikam-metal.example', kind: 'customer', organization: 'Fabrikam Metal', locale: 'en-US', timeZone: 'Europe/Warsaw' },
  { accountId: id(12), displayName: 'Hana Hosted', emailAddress: 'hana@tailspin-retail.example', kind: 'customer', organization: 'Tailspin Retail', locale: 'en-US', timeZone: 'Europe/Madrid' },
];

export const DEMO_PROJECTS: ProjectRow[] = [
  { id: '10000', key: 'PS', name: 'Partner Support', projectTypeKey: 'service_desk' },
  { id: '10001', key: 'DEL', name: 'Delivery', projectTypeKey: 'software' },
];

export const demoUser = (email: string): SandboxUser => {
  const user = DEMO_USERS.find((u) => u.emailAddress === email);
  if (!user) throw new Error(`No demo user ${email}`);
  return user;
};
