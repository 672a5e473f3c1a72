import { z } from 'zod';
import type { JiraContext, Route } from '../router';
import type { JiraReply } from '../types';
import { isAgent, isReply, jsmError, pagedDTO, pageParams, serviceDesk, serviceDesks, userDTO } from './servicedesk-common';

/**
 * JSM organisations: GET /organization[/{id}[/user]], POST /organization/{id}/user, GET /servicedesk/{id}/organization.
 *
 * Who sees what, after JSM's documented permissions: agents (and admins, and the app) see every organisation; anyone
 * else sees only the organisations they belong to — another organisation is a 404, as if it did not exist. Listing an
 * organisation's members, adding members and listing a desk's organisations are for agents: a member who is not an
 * agent gets 403. Filtering by someone else's `accountId` needs an agent too.
 */

type Org = { id: string; name: string };

function organizationDTO(context: JiraContext, org: Org): Record<string, unknown> {
  return { id: org.id, name: org.name, scimManaged: false, _links: { self: `${context.baseUrl}/rest/servicedeskapi/organization/${org.id}` } };
}

/** An agent of any service desk of the site (the app acting as itself counts as one). */
function siteAgent(context: JiraContext): boolean {
  return !context.user || serviceDesks(context).some((d) => isAgent(context.user, d.project));
}

function canSeeOrganization(context: JiraContext, orgId: string): boolean {
  return siteAgent(context) || (!!context.user && context.store.organizationsOf(context.user.accountId).includes(orgId));
}

function visibleOrganization(context: JiraContext, orgId: string | undefined): Org | JiraReply {
  const org = orgId ? context.store.organization(orgId) : undefined;
  return org && canSeeOrganization(context, org.id) ? org : jsmError(404, `The organization ${orgId ?? ''} does not exist.`);
}

/** The `accountId` filter: agents may name anyone, others only themselves; an unknown account is a 404. */
function accountFilter(context: JiraContext): { orgIds: string[] | undefined } | JiraReply {
  const accountId = context.request.query.get('accountId');
  if (accountId === null || accountId === '') return { orgIds: undefined };
  if (!siteAgent(context) && accountId !== context.user?.accountId) return jsmError(403, 'Only agents can list the organizations of another user.');
  if (!context.store.user(accountId)) return jsmError(404, `No user with account id ${accountId}.`);
  return { orgIds: context.store.organizationsOf(accountId) };
}

function listOrganizations(context: JiraContext, requireAgent: boolean): JiraReply {
  if (requireAgent && !siteAgent(context)) return jsmError(403, "Only the service desk's agents can list its organizations.");
  const page = pageParams(context.request.query);
  if (isReply(page)) return page;
  const filter = accountFilter(context);
  if (isReply(filter)) return filter;
  // Every organisation of the site is associated with the one service desk.
  const orgs = context.store.organizations().filter((o) => canSeeOrganization(context, o.id) && (!filter.orgIds || filter.orgIds.includes(o.id)));
  return { status: 200, body: pagedDTO(context, orgs, page, (o) => organizationDTO(context, o)) };
}

const usersUpdate = z.object({ accountIds: z.array(z.string().min(1)), organizationId: z.number().int().optional(), usernames: z.array(z.string()).optional() }).passthrough();

export const serviceDeskOrganizationRoutes: Route[] = [
  { method: 'GET', path: '/rest/servicedeskapi/organization', handle: (context) => listOrganizations(context, false) },
  {
    method: 'GET',
    path: '/rest/servicedeskapi/organization/{organizationId}',
    handle: (context, params) => {
      const org = visibleOrganization(context, params.organizationId);
      return isReply(org) ? org : { status: 200, body: organizationDTO(context, org) };
    },
  },
  {
    method: 'GET',
    path: '/rest/servicedeskapi/organization/{organizationId}/user',
    handle: (context, params) => {
      const org = visibleOrganization(context, params.organizationId);
      if (isReply(org)) return org;
      if (!siteAgent(context)) return jsmError(403, 'Only agents and service desk administrators can list the users of an organization.');
      const page = pageParams(context.request.query);
      if (isReply(page)) return page;
      const members = context.store.organizationMembers(org.id).flatMap((accountId) => {
        const user = context.store.user(accountId);
        return user ? [user] : [];
      });
      return { status: 200, body: pagedDTO(context, members, page, (u) => userDTO(context, u)) };
    },
  },
  {
    method: 'POST',
    path: '/rest/servicedeskapi/organization/{organizationId}/user',
    handle: (context, params) => {
      const org = visibleOrganization(context, params.organizationId);
      if (isReply(org)) return org;
      if (!siteAgent(context)) return jsmError(403, 'Only agents and service desk administrators can add users to an organization.');
      const parsed = usersUpdate.safeParse(context.request.body ?? {});
      if (!parsed.success) return jsmError(400, 'Give the users to add as accountIds: a list of account ids.');
      const unknown = parsed.data.accountIds.filter((accountId) => !context.store.user(accountId));
      if (unknown.length) return jsmError(400, `No users with account ids ${unknown.join(', ')}.`);
      for (const accountId of parsed.data.accountIds) context.store.addOrganizationMember(org.id, accountId);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/organization',
    handle: (context, params) => {
      if (!serviceDesk(context, params.serviceDeskId ?? '')) return jsmError(404, `The service desk ${params.serviceDeskId ?? ''} does not exist.`);
      return listOrganizations(context, true);
    },
  },
];
