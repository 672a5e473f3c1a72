import api, { route } from '@forge/api';
import { z } from 'zod';
import { jiraFailure } from './jira-failure';
import { ROUTING_PROPERTY } from './route-issue';

/**
 * The Jira reads of routing, AS THE APP (a trigger has no user): the issue's fields when the event did not carry
 * them (with the app's routing marker, so a retry knows whether its edit already happened), and the reporter's
 * locale for the reply's language.
 */
const issueAnswer = z
  .object({
    id: z.string(),
    key: z.string(),
    fields: z.record(z.unknown()),
    properties: z.record(z.unknown()).optional(),
  })
  .passthrough();

export interface RoutingIssue {
  key: string;
  fields: Record<string, unknown>;
  /** The routing marker the app's edit wrote, if it did. */
  marker: unknown;
}

export async function readRoutingIssue(issueId: string, fieldIds: string[]): Promise<RoutingIssue | null> {
  const fields = ['summary', 'issuetype', 'reporter', 'project', 'labels', ...fieldIds].join(',');
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueId}?fields=${fields}&properties=${ROUTING_PROPERTY}`, {
    headers: { Accept: 'application/json' },
  });
  if (response.status === 404) return null;
  if (!response.ok) throw jiraFailure(response, 'load the issue');
  const body = issueAnswer.parse(await response.json());
  return { key: body.key, fields: body.fields, marker: body.properties?.[ROUTING_PROPERTY] ?? null };
}

const userAnswer = z.object({ accountId: z.string(), locale: z.string().nullable().optional() }).passthrough();

/** The person's Jira locale (`fr_FR`), or null when Jira gives none. */
export async function readUserLocale(accountId: string): Promise<string | null> {
  const response = await api.asApp().requestJira(route`/rest/api/3/user?accountId=${accountId}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return null;
  if (!response.ok) throw jiraFailure(response, 'load the reporter');
  return userAnswer.parse(await response.json()).locale ?? null;
}

const organizationsAnswer = z.object({ fields: z.record(z.unknown()) }).passthrough();
const organization = z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().optional() }).passthrough();

/** The JSM organisations an issue is shared with, from its "Organizations" field (one read, as the app). */
export async function readIssueOrganizations(issueId: string, organizationsFieldId: string): Promise<string[]> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueId}?fields=${organizationsFieldId}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return [];
  if (!response.ok) throw jiraFailure(response, 'load the issue’s organisations');
  const value = organizationsAnswer.parse(await response.json()).fields[organizationsFieldId];
  return Array.isArray(value) ? value.flatMap((v) => (organization.safeParse(v).success ? [organization.parse(v).id] : [])) : [];
}
