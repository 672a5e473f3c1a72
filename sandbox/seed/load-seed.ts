import type { ForgeHost } from '../runtime/host';
import { PHASES_FIELD, REQUEST_TYPES } from '../jira/site-config';
import { DEMO_PROJECTS, DEMO_USERS, demoUser } from './demo-directory';
import { seedDemoRegisters } from './demo-registers';
import { progressDemoRequests, seedDemoDelivery } from './demo-delivery';

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
    await seedDemoDelivery(host);
    await seedDemoRequests(host);
    await progressDemoRequests(host);
    await seedDemoRegisters(host);
  }
}

/**
 * The demo's issues, filed the way people file them — partners' requests through the JSM portal API ("Implementation
 * services", with End Customer and the phases they want; shared with the partner's organisation), one general
 * question, delivery work on DEL — so that Forge's events reach the app and its trigger routes each request to the
 * delivery team (assignee, labels, the public reply, "Implementation stage"), as it would on a site.
 */
async function seedDemoRequests(host: ForgeHost): Promise<void> {
  const implementation = REQUEST_TYPES.find((t) => t.name === 'Implementation services')!;
  const general = REQUEST_TYPES.find((t) => t.name === 'General question')!;
  // Each partner ticks only the phases it wants help with (never all six): the rest it does itself.
  const requests = [
    { email: 'paula@northwind-partners.example', endCustomer: 'Contoso Foods', phases: ['Q&A sessions', 'Business blueprint', 'Prototyping with assessment'] },
    { email: 'pierre@lumiere-conseil.example', endCustomer: 'Fabrikam Metal', phases: ['Business blueprint', 'Refining', 'Final review before end-user training'] },
    { email: 'paula@northwind-partners.example', endCustomer: 'Tailspin Retail', phases: ['Q&A sessions', 'Customisation specification'] },
  ];
  const as = async (email: string, method: string, path: string, body: unknown) => {
    const reply = await host.jira.handle({ method, path, query: new URLSearchParams(), body, actor: { kind: 'user', accountId: demoUser(email).accountId } });
    if (reply.status >= 300) throw new Error(`Seeding the demo: ${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply.body;
  };
  for (const r of requests) {
    await as(r.email, 'POST', '/rest/servicedeskapi/request', {
      serviceDeskId: '1',
      requestTypeId: implementation.id,
      requestFieldValues: {
        summary: `Request for Implementation services for End Customer ${r.endCustomer}`,
        description: `We need help with the implementation at ${r.endCustomer}.`,
        customfield_10011: r.endCustomer,
        [PHASES_FIELD]: r.phases.map((value) => ({ value })),
      },
    });
  }
  await as('olga@contoso-foods.example', 'POST', '/rest/servicedeskapi/request', {
    serviceDeskId: '1',
    requestTypeId: general.id,
    requestFieldValues: { summary: 'How do we add a second Service Owner?' },
  });
  const lead = demoUser('lead@engagement-desk.example');
  host.jiraStore.createIssue({ projectKey: 'DEL', summary: 'Prepare the consultant onboarding checklist', reporter: lead.accountId, assignee: lead.accountId });
  await host.idle(30_000);
}
