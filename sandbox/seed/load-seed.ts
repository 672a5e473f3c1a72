import type { ForgeHost } from '../runtime/host';
import { DEMO_PROJECTS, DEMO_USERS, demoUser } from './demo-directory';

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
  if (seed === 'demo') seedDemoRequests(host);
}

function seedDemoRequests(host: ForgeHost): void {
  const requests = [
    { email: 'paula@northwind-partners.example', endCustomer: 'Contoso Foods' },
    { email: 'pierre@lumiere-conseil.example', endCustomer: 'Fabrikam Metal' },
    { email: 'paula@northwind-partners.example', endCustomer: 'Tailspin Retail' },
  ];
  for (const r of requests) {
    const reporter = demoUser(r.email);
    host.jiraStore.addIssue('PS', {
      summary: `Request for Implementation services for End Customer ${r.endCustomer}`,
      reporterAccountId: reporter.accountId,
      organization: reporter.organization ?? null,
    });
  }
}
