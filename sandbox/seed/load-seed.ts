import type { ForgeHost } from '../runtime/host';
import { doc, p, text } from '@atlaskit/adf-utils/builders';
import { CUSTOM_FIELDS, PHASES_FIELD, REQUEST_TYPES } from '../jira/site-config';
import { DEMO_PROJECTS, DEMO_USERS, demoUser } from './demo-directory';
import { seedDemoRegisters } from './demo-registers';

export type SeedName = 'demo' | 'empty';

/**
 * `POST /__sandbox/api/reset`: clears everything, loads the site's directory, then installs the app as Forge would
 * (the installed event, the schedules). Both seeds share the directory (users, projects); only the demo has
 * issues: partners' requests on the service project, filed the way the partner-process article describes.
 */
export async function resetSandbox(host: ForgeHost, seed: SeedName): Promise<void> {
  await host.idle(5_000);
  host.clearAll();
  host.jiraStore.addOrganizations();
  for (const user of DEMO_USERS) host.jiraStore.addUser(user);
  for (const project of DEMO_PROJECTS) host.jiraStore.addProject(project);
  host.startSchedules();
  await host.fireLifecycle('installed');
  await host.idle(30_000);
  if (seed === 'demo') {
    seedDemoRequests(host);
    await seedDemoRegisters(host);
  }
}

/**
 * The demo's issues: partners' requests on the PS portal (raised with the "Implementation services" request type,
 * so with Type of Inquiry, End Customer and some Phases wanted set, shared with the partner's organisation), one
 * general question, and delivery work on DEL. Routing, estimates and engagements join as the features that make
 * them land.
 */
function seedDemoRequests(host: ForgeHost): void {
  const implementation = REQUEST_TYPES.find((t) => t.name === 'Implementation services')!;
  const general = REQUEST_TYPES.find((t) => t.name === 'General question')!;
  // Each partner ticks only the phases it wants help with (never all six): the rest it does itself.
  const requests = [
    { email: 'paula@northwind-partners.example', endCustomer: 'Contoso Foods', phases: ['Q&A sessions', 'Business blueprint', 'Prototyping with assessment'] },
    { email: 'pierre@lumiere-conseil.example', endCustomer: 'Fabrikam Metal', phases: ['Business blueprint', 'Refining', 'Final review before end-user training'] },
    { email: 'paula@northwind-partners.example', endCustomer: 'Tailspin Retail', phases: ['Q&A sessions', 'Customisation specification'] },
  ];
  const phasesField = CUSTOM_FIELDS.find((f) => f.id === PHASES_FIELD)!;
  const phaseOptions = (names: string[]) => names.map((name) => phasesField.options!.find((o) => o.value === name)!);
  for (const r of requests) {
    const reporter = demoUser(r.email);
    const org = reporter.organization ? host.jiraStore.organizationByName(reporter.organization) : undefined;
    host.jiraStore.createIssue({
      projectKey: 'PS',
      issueTypeId: implementation.issueTypeId,
      summary: `Request for Implementation services for End Customer ${r.endCustomer}`,
      description: adf(`We need help with the implementation at ${r.endCustomer}.`),
      reporter: reporter.accountId,
      customFields: { ...implementation.presets, customfield_10011: r.endCustomer, [PHASES_FIELD]: phaseOptions(r.phases) },
      requestTypeId: implementation.id,
      organizationIds: org ? [org.id] : [],
    });
  }
  const asker = demoUser('olga@contoso-foods.example');
  host.jiraStore.createIssue({
    projectKey: 'PS',
    issueTypeId: general.issueTypeId,
    summary: 'How do we add a second Service Owner?',
    reporter: asker.accountId,
    customFields: { customfield_10010: { id: '10021' } },
    requestTypeId: general.id,
    organizationIds: [host.jiraStore.organizationByName('Contoso Foods')!.id],
  });
  const lead = demoUser('lead@engagement-desk.example');
  host.jiraStore.createIssue({ projectKey: 'DEL', summary: 'Prepare the consultant onboarding checklist', reporter: lead.accountId, assignee: lead.accountId });
}

/** A one-paragraph ADF document, built with Atlassian's own ADF builders. */
function adf(words: string): unknown {
  return doc(p(text(words)));
}
