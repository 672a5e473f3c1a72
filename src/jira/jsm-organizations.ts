import { asApp, route } from '@forge/api';
import { z } from 'zod';
import { AppError } from '../shared/errors';

/**
 * JSM organisations, read AS THE APP. Only ever called with an account id from Forge's trusted context (the portal's
 * customer) or after the acting user's permission was checked as that user (admins, agents): the app may read every
 * organisation, so it must never be asked about one a payload names without such a check.
 */
const organization = z.object({ id: z.string(), name: z.string() }).passthrough();
const organizationPage = z
  .object({ start: z.number().optional(), size: z.number().optional(), isLastPage: z.boolean().optional(), values: z.array(organization) })
  .passthrough();
export type JsmOrganization = { id: string; name: string };

/** At most this many organisations of one customer are considered (customers are usually in one). */
const MAX_ORGANISATIONS_PER_ACCOUNT = 50;

function unavailable(status: number, what: string): AppError {
  return new AppError('JIRA_UNAVAILABLE', `Jira Service Management could not ${what} (HTTP ${status}). Try again.`);
}

/**
 * The JSM organisations an account belongs to (`GET /rest/servicedeskapi/organization?accountId=`, which needs the
 * app's agent-level `manage:servicedesk-customer` scope to name another account). An unknown account belongs to none.
 */
export async function organizationsOfAccount(accountId: string): Promise<JsmOrganization[]> {
  const response = await asApp().requestJira(route`/rest/servicedeskapi/organization?accountId=${accountId}&start=0&limit=${MAX_ORGANISATIONS_PER_ACCOUNT}`, {
    headers: { Accept: 'application/json' },
  });
  if (response.status === 404) return [];
  if (!response.ok) throw unavailable(response.status, 'list your organisations');
  return organizationPage.parse(await response.json()).values.map((o) => ({ id: o.id, name: o.name }));
}

/** One page of the site's JSM organisations, for an admin linking registers to them. */
export async function listJsmOrganizations(start: number, limit: number): Promise<{ values: JsmOrganization[]; isLastPage: boolean }> {
  const response = await asApp().requestJira(route`/rest/servicedeskapi/organization?start=${start}&limit=${limit}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw unavailable(response.status, 'list the organisations');
  const body = organizationPage.parse(await response.json());
  return { values: body.values.map((o) => ({ id: o.id, name: o.name })), isLastPage: body.isLastPage ?? true };
}

/** One JSM organisation, or null when there is none with that id. */
export async function readJsmOrganization(organizationId: string): Promise<JsmOrganization | null> {
  const response = await asApp().requestJira(route`/rest/servicedeskapi/organization/${organizationId}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return null;
  if (!response.ok) throw unavailable(response.status, 'read the organisation');
  const body = organization.parse(await response.json());
  return { id: body.id, name: body.name };
}

const requestReporter = z.object({ reporter: z.object({ accountId: z.string() }).passthrough().optional() }).passthrough();

/**
 * The reporter of a JSM request (by issue id), or null when the issue is not a JSM request. Read as the app: call it
 * only after the acting agent's permission on the issue was checked as them.
 */
export async function reporterOfRequest(issueId: string): Promise<string | null> {
  const response = await asApp().requestJira(route`/rest/servicedeskapi/request/${issueId}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return null;
  if (!response.ok) throw unavailable(response.status, 'read the request');
  return requestReporter.parse(await response.json()).reporter?.accountId ?? null;
}
